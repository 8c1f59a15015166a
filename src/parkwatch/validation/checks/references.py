"""References: vocabulary terms, parks, sources and parent links."""

from __future__ import annotations

from typing import Any, Iterator

from ...base.layout import PARKS, REDIRECT, SOURCES, VOCABULARIES
from ...base.problems import Problem
from ..index import VOCABULARY_FIELDS, Doc, Index, walk
from .registry import PROJECT, WHOLE, check, suggest

_TERM_CODES = {"metrics": "ref.unknown-metric", "units": "ref.unknown-unit"}


def _trie(patterns: tuple[tuple[tuple[str, ...], str], ...]) -> dict:
    """The coded fields as a tree of keys ("*": every list item); a leaf's "" holds its vocabularies."""
    root: dict = {}
    for pattern, vocabulary in patterns:
        node = root
        for head in pattern:
            node = node.setdefault(head, {})
        node.setdefault("", []).append(vocabulary)
    return root


_CODED = _trie(VOCABULARY_FIELDS)


def _coded(data: Any, node: dict, path: tuple, found: list) -> None:
    """Each coded value in `data` with its path and vocabulary: the fields walked once, not once per field."""
    for head, below in node.items():
        if head == "":
            found.extend((path, data, vocabulary) for vocabulary in below)
        elif head == "*":
            if isinstance(data, list):
                for i, item in enumerate(data):
                    _coded(item, below, path + (i,), found)
        elif isinstance(data, dict) and head in data:
            _coded(data[head], below, path + (head,), found)


@check(context={VOCABULARIES: (WHOLE,)})
def vocabulary_references(index: Index) -> Iterator[Problem]:
    """Every coded value (kind, level, role, metric, unit…) is a term of its vocabulary."""
    for doc in index.park_docs():
        found: list[tuple[tuple, Any, str]] = []
        _coded(doc.data, _CODED, (), found)
        for path, value, vocabulary in found:
            terms = index.vocabularies.get(vocabulary)
            if terms is not None and value not in terms:
                yield doc.problem(_TERM_CODES.get(vocabulary, "ref.unknown-term"), path, value=value,
                                  vocabulary=vocabulary, **suggest(value, terms))
    dimensions = index.terms("dimensions")
    for doc in index.of_kind(VOCABULARIES):  # the files to check, not every vocabulary the index knows
        name = doc.file.stem
        if name not in ("metrics", "units") or not dimensions:
            continue
        for path, value in walk(doc.data, (name, "*", "dimension")):
            if value not in dimensions:
                yield doc.problem("ref.unknown-dimension", path, value=value, **suggest(value, dimensions))
    families = index.terms("metric_families")
    for metrics in index.of_kind(VOCABULARIES):
        if metrics.file.stem != "metrics" or not families:
            continue
        for path, value in walk(metrics.data, ("metrics", "*", "family")):
            if value not in families:
                yield metrics.problem("ref.unknown-term", path, value=value, vocabulary="metric_families",
                                      **suggest(value, families))


@check(context={PARKS: (("id",),)})
def park_references(index: Index) -> Iterator[Problem]:
    """Parents and park parties name live parks in the dataset."""
    for doc in index.park_docs():
        own_id = doc.data["id"]
        for path, target in [*walk(doc.data, ("parent", "park")), *walk(doc.data, ("parties", "*", "park"))]:
            if target == own_id:
                yield doc.problem("ref.self", path)
            elif target not in index.parks:
                yield unknown_record(index, doc, path, PARKS, target)


def unknown_record(index: Index, doc: Doc, path: tuple, kind: str, value: str) -> Problem:
    """A reference to an id that is not a live record of `kind`: redirected, or unknown."""
    redirect = index.redirects.get((kind, value))
    if redirect is not None and isinstance(redirect.data, dict):
        return doc.problem("ref.redirected", path, value=value, replaced_by=redirect.data.get(REDIRECT))
    code = "ref.unknown-park" if kind == PARKS else "ref.unknown-organisation"
    return doc.problem(code, path, value=value, **suggest(value, index.registry(kind)))


@check(context={SOURCES: (("id",),)})
def source_references(index: Index) -> Iterator[Problem]:
    """Every piece of evidence cites a source in the registry."""
    for doc in index.evidence_docs():
        for path, item in doc.evidence():
            source = item.get("source")
            if source not in index.sources:
                yield doc.problem("ref.unknown-source", path + ("source",), value=source,
                                  **suggest(source, index.sources))


@check(scope=PROJECT, reads={PARKS: (("id",), ("parent", "park"))})
def parent_cycles(index: Index) -> Iterator[Problem]:
    """Following parent links never comes back to where it started."""
    parent = {pid: doc.data.get("parent", {}).get("park") for pid, doc in index.parks.items()
              if doc.schema_valid}
    reported: set[str] = set()
    for start in sorted(parent):
        chain, current = [start], parent.get(start)
        if current == start:
            continue  # reported as ref.self
        while current is not None and current not in chain and current in parent:
            chain.append(current)
            current = parent.get(current)
        if current == start and start not in reported:
            reported.update(chain)
            yield index.parks[start].problem("ref.parent-cycle", ("parent", "park"),
                                             chain=" → ".join([*chain, start]))
