"""Vocabulary labels written where an id belongs: `comparator: 超` is answered with `more_than`.

The template and the vocabularies show each term's Chinese and English labels beside its id;
contributors copy the label. The schema refuses it as a malformed id; here that refusal is
replaced by one that names the id to write, when the label names exactly one term.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Iterable

from ..base.layout import PARKS, VOCABULARIES
from ..base.problems import Problem, problem
from .index import VOCABULARY_FIELDS, Doc, walk

# Refusals of a coded value: by the schema (not an id's form) or by the vocabulary check (`unit: mu`).
_REFUSALS = ("schema.pattern", "schema.enum", "schema.type", "ref.unknown-term", "ref.unknown-metric",
             "ref.unknown-unit")
_SPLIT = re.compile(r"[/／、]")
_ASIDE = re.compile(r"\s*[（(].*?[)）]\s*")  # "知识产权（获批）", "nearly (a little less than)"


def _key(label: str) -> str:
    return " ".join(label.split()).casefold()


def label_ids(terms: dict[str, dict]) -> dict[str, str]:
    """Each label of a vocabulary (zh parts, en, without asides) → the id it names, when it names one only."""
    found: dict[str, set[str]] = {}
    for term_id, term in terms.items():
        for language in ("zh", "en"):
            text = term.get(language)
            if not isinstance(text, str):
                continue
            labels = {text, _ASIDE.sub("", text), *_SPLIT.split(text), *_SPLIT.split(_ASIDE.sub("", text))}
            for label in filter(None, (_key(x) for x in labels)):
                found.setdefault(label, set()).add(term_id)
    return {label: next(iter(ids)) for label, ids in found.items() if len(ids) == 1}


@dataclass(frozen=True)
class Labels:
    """Label tables by vocabulary, and every label that differs from its id (for a quick first test)."""

    tables: dict[str, dict[str, str]]
    known: frozenset[str]

    @classmethod
    def of(cls, tables: dict[str, dict[str, str]]) -> Labels:
        return cls(tables, frozenset(label for table in tables.values() for label, term in table.items()
                                     if label != term))


def vocabulary_labels(docs: Iterable[Doc]) -> dict[str, dict[str, str]]:
    """Label tables of every schema-valid vocabulary file, by vocabulary name."""
    return {doc.file.stem: label_ids(terms(doc.data)) for doc in docs
            if doc.file.kind == VOCABULARIES and doc.schema_valid}


def terms(data: object) -> dict[str, dict]:
    """A vocabulary file's entries by id (terms, metrics or units), whatever else the file holds."""
    entries = (data.get("terms") or data.get("metrics") or data.get("units")) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}
    return {e["id"]: e for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}


def field_vocabulary(path: tuple | list) -> str | None:
    """The vocabulary a park file's value at `path` draws from, if it is a coded field."""
    for pattern, vocabulary in VOCABULARY_FIELDS:
        if len(pattern) == len(path) and all(p == "*" and isinstance(s, int) or p == s for p, s in zip(pattern, path)):
            return vocabulary
    return None


def lookup(tables: dict[str, dict[str, str]], path: tuple | list, value: object) -> tuple[str, str] | None:
    """(vocabulary, id) when `value` at `path` is a label of the field's vocabulary."""
    vocabulary = field_vocabulary(path)
    if vocabulary is None or not isinstance(value, str):
        return None
    term_id = tables.get(vocabulary, {}).get(_key(value))
    return (vocabulary, term_id) if term_id and term_id != value else None


def has_label(tables: dict[str, dict[str, str]], data: object) -> bool:
    """Whether any coded field of a park's data holds a label of its vocabulary."""
    return any(lookup(tables, path, value) for pattern, _ in VOCABULARY_FIELDS for path, value in walk(data, pattern))


def _value(refusal: Problem) -> object:
    """The refused value: schema problems quote it as JSON, the vocabulary check gives it as written."""
    value = dict(refusal.params).get("value", "")
    if not refusal.code.startswith("schema."):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return None  # shortened for the message: too long to be a label anyway


def _path(pointer: str) -> tuple:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    return tuple(int(p) if p.isdigit() else p for p in parts)


def relabel(problems: list[Problem], docs: Iterable[Doc]) -> list[Problem]:
    """The problems, with each schema refusal of a label in a coded field replaced by `vocab.label`."""
    docs = list(docs)
    tables = vocabulary_labels(docs)
    parks = {doc.file.display for doc in docs if doc.file.kind == PARKS}
    out = []
    for p in problems:
        found = None
        if p.code in _REFUSALS and p.location.pointer and p.location.file in parks:
            value = _value(p)
            path = _path(p.location.pointer)
            found = lookup(tables, path, value)
        if found is None:
            out.append(p)
            continue
        vocabulary, term_id = found
        out.append(problem("vocab.label", p.location, field=path[-1], value=value, vocabulary=vocabulary,
                           id=term_id))
    return out
