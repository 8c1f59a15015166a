"""The registry of cross-record checks: small named functions over the index, each yielding problems."""

from __future__ import annotations

import difflib
from typing import Callable, Iterable

from ...base.problems import Problem
from ..index import Index

Check = Callable[[Index], Iterable[Problem]]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def run(index: Index) -> list[Problem]:
    return [problem for fn in CHECKS for problem in fn(index)]


def suggest(value: str, choices: Iterable[str]) -> dict:
    """Hint parameters: a close match as a suggestion, or nothing."""
    close = difflib.get_close_matches(str(value), list(choices), n=1)
    return {"hint": "suggest", "suggestion": close[0]} if close else {}


