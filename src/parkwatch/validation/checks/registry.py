"""The registry of cross-record checks: small named functions over the index, each yielding problems.

Each check says what it reads, so re-validation knows what an unchanged file must keep
(its summary) and when a file's cached problems still hold (the context):

- a **file** check (the default) finds problems in one file at a time; of the other files
  it reads only its `context`, through the index: by default the standard context, that is
  the vocabularies, the package metadata, the park ids and the source ids with their dates;
- a **project** check finds problems that depend on several files, and reads the fields in
  `reads` of every file. Re-validation runs it over the summaries of unchanged files.

Both map a file kind to field paths ("*" for every list item); `WHOLE` is the whole file.
A check that reads more than it declares gives different problems on re-validation, which
tests/test_declarations.py catches on every golden case.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from ...base.layout import ORGANISATIONS, PACKAGE, PARKS, PERSONS, REDIRECT, SOURCES, VOCABULARIES
from ...base.problems import Problem
from ..index import Index

FILE, PROJECT = "file", "project"
WHOLE: tuple[str, ...] = ()  # the path of the whole file
Paths = tuple[tuple[str, ...], ...]
Reads = Mapping[str, Paths]

# Ids of the registries, and where a retired id now points (a redirect is no live record).
_IDS: Reads = {PARKS: (("id",), (REDIRECT,)), ORGANISATIONS: (("id",), (REDIRECT,)), PERSONS: (("id",), (REDIRECT,)),
               SOURCES: (("id",),)}
STANDARD_CONTEXT: Reads = {**_IDS, VOCABULARIES: (WHOLE,), PACKAGE: (WHOLE,), SOURCES: (("id",), ("published",))}
# What build_index and the pipeline read of every file, whatever the checks read: ids and redirects, the
# vocabularies' terms, and where each source's text is and its sha256 (the quotes are checked against it).
INDEXED: Reads = {**_IDS, VOCABULARIES: (WHOLE,),
                  SOURCES: (("id",), ("file",), ("archive_url",), ("sha256",))}


@dataclass(frozen=True)
class Check:
    """A registered check: the function, its scope, and what it reads of other files."""

    fn: Callable[[Index], Iterable[Problem]]
    scope: str = FILE
    reads: Reads = field(default_factory=dict)  # project checks: of every file
    context: Reads = field(default_factory=lambda: STANDARD_CONTEXT)  # file checks: of the other files

    @property
    def name(self) -> str:
        return self.fn.__name__

    def __call__(self, index: Index) -> Iterable[Problem]:
        return self.fn(index)


CHECKS: list[Check] = []


def check(fn: Callable | None = None, *, scope: str = FILE, reads: Reads | None = None,
          context: Reads | None = None):
    """Register a check: `@check` (a file check reading the standard context) or `@check(scope=…, …)`."""
    if scope not in (FILE, PROJECT):
        raise ValueError(f"unknown check scope {scope!r}")

    def register(f: Callable) -> Callable:
        own_context = {} if scope == PROJECT else STANDARD_CONTEXT if context is None else context
        CHECKS.append(Check(f, scope, dict(reads or {}), dict(own_context)))
        return f

    return register(fn) if fn is not None else register


def of_scope(scope: str) -> list[Check]:
    return [c for c in CHECKS if c.scope == scope]


def run(index: Index, selected: Iterable[Check] | None = None) -> list[Problem]:
    return [problem for c in (CHECKS if selected is None else selected) for problem in c(index)]


def merged(*declarations: Reads) -> dict[str, frozenset[tuple[str, ...]]]:
    """The union of several declarations, per file kind."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for reads in declarations:
        for kind, paths in reads.items():
            out.setdefault(kind, set()).update(paths)
    return {kind: frozenset(paths) for kind, paths in out.items()}


def summary_reads() -> dict[str, frozenset[tuple[str, ...]]]:
    """What a file's summary keeps: what the project checks read, the file checks' context, and the index's."""
    return merged(INDEXED, *(c.reads for c in of_scope(PROJECT)), *(c.context for c in of_scope(FILE)))


def context_reads() -> dict[str, frozenset[tuple[str, ...]]]:
    """What the file checks read of other files."""
    return merged(*(c.context for c in of_scope(FILE)))


def suggest(value: str, choices: Iterable[str]) -> dict:
    """Hint parameters: a close match as a suggestion, or nothing."""
    close = difflib.get_close_matches(str(value), list(choices), n=1)
    return {"hint": "suggest", "suggestion": close[0]} if close else {}
