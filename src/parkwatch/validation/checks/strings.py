"""Strings safe for every consumer: no control characters, no empty values, no stray spaces, no formulas."""

from __future__ import annotations

from typing import Any, Iterator

from ...base import dates
from ...base.escapes import UNSAFE_IN_VALUE, codepoint
from ...base.problems import Problem
from ..index import Doc, Index
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


def _may_hold_controls(text: str | None) -> bool:
    """Whether a file's values can hold a control character: only through a raw one or an escape."""
    return text is None or "\\" in text or UNSAFE_IN_VALUE.search(text) is not None


@check
def safe_strings(index: Index) -> Iterator[Problem]:
    """No key or value holds a control character (NUL, ESC, BEL, CR, bidi overrides…), however it was written;
    values are not empty, carry no leading or trailing whitespace, and do not start like a formula."""
    for doc in index.docs:
        controls = _may_hold_controls(doc.loaded.text)
        tidy = doc.schema_valid  # otherwise the schema's own problems come first, and these would repeat them
        if not (controls or tidy):
            continue
        for path, key, text in strings(doc.data):
            bad = UNSAFE_IN_VALUE.search(text) if controls else None
            if bad:
                yield doc.problem("text.control-character", path, key=key, char=codepoint(bad.group()),
                                  position=bad.start() + 1)
            if tidy and key is None:
                yield from _untidy(doc, path, text)


def _untidy(doc: Doc, path: tuple, text: str) -> Iterator[Problem]:
    if text == "":
        yield doc.problem("text.empty", path)
        return
    if text != text.strip():
        yield doc.problem("text.whitespace", path)
    # Dates are not free text: "--05" (May of an unknown year) is a form of the format, not a typo.
    if text.lstrip().startswith(FORMULA_STARTS) and not (path and path[-1] in dates.DATE_KEYS):
        yield doc.problem("text.formula-like", path, start=text.lstrip()[0])
