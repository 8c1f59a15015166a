"""Strings safe for every consumer: no control characters, no empty values, no stray spaces, no formulas."""

from __future__ import annotations

from typing import Any, Iterator

from ...base.escapes import UNSAFE_IN_VALUE, codepoint
from ...base.problems import Problem
from ..index import Index
from .registry import check

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@")


def strings(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str | None, str]]:
    """Every string in a document, keys included: (path of its container or itself, the key if a key, text)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield path, key, key
            yield from strings(value, path + (key,))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from strings(item, path + (i,))
    elif isinstance(data, str):
        yield path, None, data


@check
def no_control_characters(index: Index) -> Iterator[Problem]:
    """No key or value holds a control character (NUL, ESC, BEL, CR, bidi overrides…), however it was written."""
    for doc in index.docs:
        for path, key, text in strings(doc.data):
            bad = UNSAFE_IN_VALUE.search(text)
            if bad:
                yield doc.problem("text.control-character", path, key=key, char=codepoint(bad.group()),
                                  position=bad.start() + 1)


@check
def tidy_strings(index: Index) -> Iterator[Problem]:
    """Values are not empty, carry no leading or trailing whitespace, and do not start like a formula."""
    for doc in index.docs:
        if not doc.schema_valid:
            continue  # the schema's own problems come first; these would only repeat them
        for path, key, text in strings(doc.data):
            if key is not None:
                continue
            if text == "":
                yield doc.problem("text.empty", path)
                continue
            if text != text.strip():
                yield doc.problem("text.whitespace", path)
            if text.lstrip().startswith(FORMULA_STARTS):
                yield doc.problem("text.formula-like", path, start=text.lstrip()[0])
