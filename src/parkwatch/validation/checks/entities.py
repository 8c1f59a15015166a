"""Entities: the organisation and person registries, redirects, policies, platforms and count words."""

from __future__ import annotations

from typing import Iterator

from ...base.layout import ORGANISATIONS, PARKS, PERSONS, REDIRECT
from ...base.problems import Problem
from ..index import Index, walk
from .references import unknown_record
from .registry import check

# References from a park file to entries of the same file: (where the reference is, which list it names).
_LOCAL_REFERENCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("targets", "*", "policy"), "policies"),
    (("policies", "*", "replaces"), "policies"),
    (("organisations", "*", "platform"), "platforms"),
)
# Lists whose items carry an id unique within their file, by kind of file.
_ID_LISTS = {PARKS: ("policies", "platforms"), PERSONS: ("statements",)}


@check
def registry_references(index: Index) -> Iterator[Problem]:
    """Organisations and parks named by id are live records of their registries, not redirects."""
    for doc in index.park_docs():
        for pattern in (("organisations", "*", "organisation"), ("parties", "*", "organisation")):
            for path, value in walk(doc.data, pattern):
                if value not in index.organisations:
                    yield unknown_record(index, doc, path, ORGANISATIONS, value)
    for doc in index.records(PERSONS):
        for path, value in walk(doc.data, ("roles", "*", "organisation")):
            if value not in index.organisations:
                yield unknown_record(index, doc, path, ORGANISATIONS, value)
        for path, value in walk(doc.data, ("statements", "*", "park")):
            if value not in index.parks:
                yield unknown_record(index, doc, path, PARKS, value)


@check
def redirects_resolve(index: Index) -> Iterator[Problem]:
    """A redirect leads, possibly through other redirects, to a live record of its own kind."""
    for doc in index.redirect_docs():
        kind, seen, current = doc.file.kind, [doc.data["id"]], doc.data[REDIRECT]
        while (kind, current) in index.redirects and current not in seen:
            seen.append(current)
            current = index.redirects[(kind, current)].data.get(REDIRECT)
        if current not in index.registry(kind):
            yield doc.problem("ref.redirect-unresolved", (REDIRECT,), value=doc.data[REDIRECT],
                              chain=" → ".join([*seen, str(current)]))


@check
def local_references(index: Index) -> Iterator[Problem]:
    """A target's policy, a policy's predecessor and an organisation's platform are listed in the same file."""
    for doc in index.park_docs():
        for pattern, listed in _LOCAL_REFERENCES:
            ids = {item["id"] for _, item in walk(doc.data, (listed, "*"))}
            for path, value in walk(doc.data, pattern):
                if value not in ids:
                    yield doc.problem("ref.unknown-entry", path, value=value, listed=listed)
                elif pattern[0] == listed and value == _item_id(doc.data, path):
                    yield doc.problem("ref.self", path)


def _item_id(data: dict, path: tuple) -> str | None:
    """The id of the list item that holds the value at `path` (a path of the form (list, i, key))."""
    item = data[path[0]][path[1]]
    return item.get("id") if isinstance(item, dict) else None


@check
def entity_ids_unique(index: Index) -> Iterator[Problem]:
    """Policies, platforms and a person's statements have unique ids within their file."""
    for kind, lists in _ID_LISTS.items():
        for doc in index.records(kind):
            for name in lists:
                seen: set[str] = set()
                for path, item_id in walk(doc.data, (name, "*", "id")):
                    if item_id in seen:
                        yield doc.problem("id.duplicate-item", path, value=item_id)
                    seen.add(item_id)


@check
def count_words_quoted(index: Index) -> Iterator[Problem]:
    """A count word (若干个, 一批) stands in its quote, as a number would."""
    words = index.terms("count_words")
    for doc, path, item in index.quantities():
        term = words.get(item.get("count_word"))
        if term is not None and "".join(term["zh"].split()) not in "".join(item["evidence"]["quote"].split()):
            yield doc.problem("evidence.count-word-mismatch", path + ("evidence", "quote"), value=term["zh"])
