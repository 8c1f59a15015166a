"""Quotes against their source texts: each found verbatim (whitespace ignored), or the nearest passage shown."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Iterator

from ..base.problems import Location, Problem, Severity, problem
from .index import Doc, Index
from .texts import known_texts, load_texts, remember_texts, unregistered

_SHOWN = 30  # characters of a passage a report shows
_MIN_MATCH = 4  # a shorter common run is chance, not a near miss


class Squeezed:
    """A text without its whitespace; `line(i)` is the line of the original its i-th character is on.

    Squeezing is a C-speed split and join; the line of each character is worked out only when a
    quote is missed and its nearest passage is shown.
    """

    def __init__(self, original: str):
        self.original = original
        self.text = _squeeze(original)
        self._lines: list[int] | None = None

    @classmethod
    def of(cls, text: str) -> Squeezed:
        return cls(text)

    def line(self, position: int) -> int:
        if self._lines is None:
            self._lines = []
            for number, line in enumerate(self.original.split("\n"), start=1):
                self._lines.extend([number] * len(_squeeze(line)))
        return self._lines[position]


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _longest_prefix(quote: str, text: str) -> int:
    """The length of the longest start of `quote` found in `text` (found starts only grow shorter)."""
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        if quote[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return low


def nearest(quote: str, source: Squeezed) -> dict | None:
    """Where the source comes closest to the quote, and where the two first differ; None if nowhere near.

    The closest passage is the one that shares the longest start, or the longest end, with the quote.
    """
    text = source.text
    head, tail = _longest_prefix(quote, text), _longest_prefix(quote[::-1], text[::-1])
    if max(head, tail) < min(_MIN_MATCH, len(quote)):
        return None
    if head >= tail:  # the start agrees: the first difference is right after it
        start = text.find(quote[:head])
        at, quote_has, source_has = head + 1, quote[head:head + 4], text[start + head:start + head + 4]
    else:  # the end agrees: the difference closest to it is right before it
        end = len(text) - text[::-1].find(quote[::-1][:tail])
        split, back = len(quote) - tail, min(4, len(quote) - tail)
        start = max(0, end - len(quote))
        at, quote_has, source_has = split, quote[split - back:split], text[end - tail - back:end - tail]
    window = text[start:start + len(quote)]
    passage = window[:_SHOWN] + ("…" if len(window) > _SHOWN else "")
    return {"line": source.line(start), "passage": passage, "at": at, "quote_has": quote_has or "∅",
            "source_has": source_has or "∅"}


# Problems about the whole project, shown whichever files a report is limited to.
PROJECT_WIDE = frozenset({"evidence.quotes-unchecked"})


def unchecked(count: int, total: int, require: bool, where: str) -> list[Problem]:
    """The one note on quotes not checked against their texts, at the source registry; with `require`, an error."""
    if not count:
        return []
    return [problem("evidence.quotes-unchecked", Location(where), count=count, total=total,
                    severity=Severity.ERROR if require else None)]


class Archive:
    """The source texts one run can reach: each squeezed, where it was read, and what went wrong for the others.

    Quotes are checked file by file against it, so a file's result holds on the next run as long as
    the same texts are at hand (see `identity`).
    """

    def __init__(self, index: Index, folder: Path | None):
        known = known_texts(folder)
        found = load_texts(index, folder, known)
        remember_texts(folder, known, found.verified)
        self._found = found
        self.reachable = found.reachable()
        self.files = found.files
        self.problems = found.problems + unregistered(index, folder)
        self._squeezed: dict[str, Squeezed] = {}
        digest = hashlib.sha256()
        for source in sorted(self.reachable):
            digest.update(f"{source}\0{found.files[source]}\0{found.digests[source]}\0".encode())
        self._identity = digest.digest()

    def identity(self) -> bytes:
        """Changes whenever a quote check's result could: which texts are at hand, their sha256, where read."""
        return self._identity

    def quotes(self, index: Index) -> Iterator[Problem]:
        """Each quote of the files to check that is not in its source's text (quotes of sources whose text is
        out of reach are counted by `missed`)."""
        for doc in index.evidence_docs():
            for path, item in doc.evidence():
                source = self._squeeze(item.get("source")) if item.get("source") in index.sources else None
                if source is None:
                    continue
                quote = _squeeze(item["quote"])
                if quote not in source.text:
                    yield _not_found(doc, path, quote, source, self.files[item["source"]])

    def _squeeze(self, source: str) -> Squeezed | None:
        if source not in self._squeezed and source in self.reachable:
            text = self._found.text(source)
            if text is None:
                return None
            self._squeezed[source] = Squeezed.of(text)
        return self._squeezed.get(source)

    def missed(self, index: Index, counts: Iterable[dict[str, int]]) -> tuple[int, int]:
        """Of the quotes counted (by source id, per file), how many could not be checked, and how many count."""
        total = missed = 0
        for found in counts:
            for source, n in found.items():
                if source in index.sources:
                    total += n
                    missed += n if source not in self.reachable else 0
        return missed, total


def _not_found(doc: Doc, path: tuple, quote: str, source: Squeezed, name: str) -> Problem:
    near = nearest(quote, source)
    if near is None:
        return doc.problem("evidence.quote-not-found", path + ("quote",), name=name)
    return doc.problem("evidence.quote-not-found", path + ("quote",), hint="nearest", name=name, **near)
