"""Strings safe for every consumer: no control characters, no empty values, no stray spaces, no formulas."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from ...base import dates
from ...base.escapes import UNSAFE_IN_VALUE, codepoint
from ...base.problems import Problem
from ..index import Doc, Index
from .registry import check

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@")


# A value that starts with one of these, or with or after whitespace, or is empty, is looked at closely.
_SUSPECT_START = frozenset(FORMULA_STARTS)


def _suspect(text: str) -> bool:
    """Whether a value could be untidy (see _untidy): cheaper than the full test, and never misses."""
    return not text or text[0] in _SUSPECT_START or text[0].isspace() or text[-1].isspace()


def _strings(data: Any, path: tuple, found: list, only: Callable[[str], bool] | None) -> None:
    """Every string in a document, keys included, into `found`: (path of its container or itself, the key if
    a key, text). With `only`, just the values it picks, and no keys."""
    if isinstance(data, dict):
        pairs, keyed = data.items(), only is None
    elif isinstance(data, list):
        pairs, keyed = enumerate(data), False
    else:
        if isinstance(data, str):
            found.append((path, None, data))
        return
    for key, value in pairs:
        if keyed and isinstance(key, str):
            found.append((path, key, key))
        if isinstance(value, str):
            if only is None or only(value):
                found.append((path + (key,), None, value))
        elif isinstance(value, (dict, list)):
            _strings(value, path + (key,), found, only)


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
        found: list[tuple[tuple, str | None, str]] = []
        # Without a possible control character, only the values that could be untidy need a look.
        _strings(doc.data, (), found, None if controls else _suspect)
        for path, key, text in found:
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
