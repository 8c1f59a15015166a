"""References: vocabulary terms, parks, organisations, sources and parent links."""

from __future__ import annotations

from typing import Iterator

from ...base.layout import PARKS, SOURCES, VOCABULARIES
from ...base.problems import Problem
from ..index import VOCABULARY_FIELDS, Doc, Index, evidence, walk
from .registry import PROJECT, WHOLE, check, suggest

_TERM_CODES = {"metrics": "ref.unknown-metric", "units": "ref.unknown-unit"}


@check(context={VOCABULARIES: (WHOLE,)})
def vocabulary_references(index: Index) -> Iterator[Problem]:
    """Every coded value (kind, level, role, metric, unit…) is a term of its vocabulary."""
    for doc in index.park_docs():
        for pattern, vocabulary in VOCABULARY_FIELDS:
            terms = index.vocabularies.get(vocabulary)
            if terms is None:
                continue
            for path, value in walk(doc.data, pattern):
                if value not in terms:
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


@check(context={PARKS: (("id",),)})
def park_references(index: Index) -> Iterator[Problem]:
    """Parents and park parties name parks in the dataset; organisation parties are listed in the file."""
    for doc in index.park_docs():
        own_id = doc.data["id"]
        for path, target in [*walk(doc.data, ("parent", "park")), *walk(doc.data, ("parties", "*", "park"))]:
            if target == own_id:
                yield doc.problem("ref.self", path)
            elif target not in index.parks:
                yield doc.problem("ref.unknown-park", path, value=target, **suggest(target, index.parks))
        organisations = {o["id"] for o in doc.data.get("organisations", [])}
        for path, org in walk(doc.data, ("parties", "*", "organisation")):
            if org not in organisations:
                yield doc.problem("ref.unknown-organisation", path, value=org)


@check(context={SOURCES: (("id",),)})
def source_references(index: Index) -> Iterator[Problem]:
    """Every piece of evidence cites a source in the registry."""
    for doc in index.park_docs():
        for path, item in evidence(doc.data):
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


@check(scope=PROJECT, reads={PARKS: (("id",), ("organisations", "*", "id"), ("organisations", "*", "zh"),
                                               ("organisations", "*", "en"))})
def organisation_names(index: Index) -> Iterator[Problem]:
    """One organisation id carries the same names in every file."""
    first: dict[str, tuple[tuple[str, str], Doc]] = {}
    for doc in index.park_docs():
        for path, org in walk(doc.data, ("organisations", "*")):
            names = (org["zh"], org["en"])
            seen = first.setdefault(org["id"], (names, doc))
            if seen[0] != names:
                yield doc.problem("ref.organisation-names", path, value=org["id"], names=" / ".join(names),
                                  other_names=" / ".join(seen[0]), other=seen[1].file.display)
