"""Ids: file names, uniqueness across and within files, and the vocabularies present."""

from __future__ import annotations

from typing import Iterator

from ...base.layout import PACKAGE, PARKS, SOURCES, VOCABULARIES
from ...base.problems import Location, Problem, problem
from ..index import QUANTITY_LISTS, TERM_VOCABULARIES, Doc, Index, walk
from .registry import PROJECT, WHOLE, check


@check(scope=PROJECT, reads={VOCABULARIES: (("vocabulary",),), PACKAGE: (("id",),), SOURCES: (("id",),),
                             PARKS: (("id",),)})
def ids_match_files(index: Index) -> Iterator[Problem]:
    """A file's name is its id (or, for a vocabulary, its name), and ids are unique."""
    seen: dict[tuple[str, str], Doc] = {}
    named: list[tuple[Doc, str, str]] = []  # (doc, key, id) of the files whose name is not their id
    # Files whose name matches their id claim it first, so a copy is the one reported.
    for doc in index.docs:
        data = doc.data
        if not isinstance(data, dict):
            continue
        key = "vocabulary" if doc.file.kind == VOCABULARIES else "id"
        value = data.get(key)
        if not isinstance(value, str):
            continue
        if value != doc.file.stem:
            named.append((doc, key, value))
        elif (first := seen.setdefault((doc.file.kind, value), doc)) is not doc:
            yield doc.problem("id.duplicate", (key,), key_name=key, value=value, other=first.file.display)
    for doc, key, value in named:
        yield doc.problem("id.file-name", (key,), key_name=key, value=value, stem=doc.file.stem)
        first = seen.setdefault((doc.file.kind, value), doc)
        if first is not doc:
            yield doc.problem("id.duplicate", (key,), key_name=key, value=value, other=first.file.display)


@check(context={})
def ids_unique_within_files(index: Index) -> Iterator[Problem]:
    """Vocabulary terms, and a park's targets and observations, have unique ids within their file."""
    for doc in index.docs:
        data = doc.data
        if not isinstance(data, dict) or not doc.schema_valid:
            continue
        groups = [("terms",), ("metrics",), ("units",)] if doc.file.kind == "vocabularies" else \
            [QUANTITY_LISTS] if doc.file.kind == PARKS else []
        for lists in groups:
            seen: set[str] = set()
            for name in lists:
                for path, item_id in walk(data, (name, "*", "id")):
                    if item_id in seen:
                        yield doc.problem("id.duplicate-item", path, value=item_id)
                    seen.add(item_id)


# Entries that become one table row each, and the fields that make the row's key.
_ENTRY_KEYS: tuple[tuple[tuple[str, ...], tuple[str, ...], str, str], ...] = (
    (("aliases", "*"), ("zh",), "alias", "别名"),
    (("cooperation_modes", "*"), ("mode",), "cooperation mode", "合作模式"),
    (("dates", "*"), ("event",), "date event", "日期事件"),
    (("leading_industries", "*"), ("zh",), "industry", "产业"),
    (("designations", "*"), ("zh",), "designation", "称号"),
    (("organisations", "*"), ("organisation", "role"), "organisation and role", "机构及角色"),
    (("location", "divisions", "*"), ("code",), "division", "行政区划"),
    (("parties", "*"), ("role", "party"), "party", "合作方"),
)


def _entry_value(item: dict, field: str) -> str:
    if field == "party":
        return item.get("park") or item.get("organisation") or item.get("division", {}).get("code")
    return item[field]


@check(context={})
def entries_unique(index: Index) -> Iterator[Problem]:
    """A park lists each alias, mode, event, industry, organisation role, division and party once."""
    for doc in index.park_docs():
        for pattern, fields, what, what_zh in _ENTRY_KEYS:
            seen: set[tuple] = set()
            for path, item in walk(doc.data, pattern):
                key = tuple(_entry_value(item, f) for f in fields)
                if key in seen:
                    yield doc.problem("id.duplicate-entry", path, what=what, what_zh=what_zh, value=" / ".join(key))
                seen.add(key)


@check(scope=PROJECT, reads={VOCABULARIES: (WHOLE,)})
def vocabularies_present(index: Index) -> Iterator[Problem]:
    """Every vocabulary the format uses exists."""
    for name in (*TERM_VOCABULARIES, "metrics", "units"):
        if name not in index.vocabularies and not any(d.file.stem == name for d in index.of_kind("vocabularies",
                                                                                                valid_only=False)):
            yield problem("vocab.missing", Location(f"annotations/vocabularies/{name}.yaml"), name=name)
