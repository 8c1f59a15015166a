"""Cross-record checks. Each is a small function over the index that yields problems."""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Callable, Iterable, Iterator

from ..base import areacodes, dates, quantities
from ..base.layout import PARKS
from ..base.problems import Location, Problem, problem
from .index import (
    QUANTITY_LISTS,
    TERM_VOCABULARIES,
    VOCABULARY_FIELDS,
    Doc,
    Index,
    evidence,
    keyed,
    walk,
)

Check = Callable[[Index], Iterable[Problem]]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def run(index: Index) -> list[Problem]:
    return [problem for fn in CHECKS for problem in fn(index)]


def _suggest(value: str, choices: Iterable[str]) -> dict:
    """Hint parameters: a close match as a suggestion, or nothing."""
    close = difflib.get_close_matches(str(value), list(choices), n=1)
    return {"hint": "suggest", "suggestion": close[0]} if close else {}


@check
def ids_match_files(index: Index) -> Iterator[Problem]:
    """A file's name is its id (or, for a vocabulary, its name), and ids are unique."""
    seen: dict[tuple[str, str], Doc] = {}
    # Files whose name matches their id claim it first, so a copy is the one reported.
    ordered = sorted(index.docs, key=lambda d: not isinstance(d.data, dict) or
                     d.data.get("vocabulary" if d.file.kind == "vocabularies" else "id") != d.file.stem)
    for doc in ordered:
        data = doc.data
        if not isinstance(data, dict):
            continue
        key = "vocabulary" if doc.file.kind == "vocabularies" else "id"
        value = data.get(key)
        if not isinstance(value, str):
            continue
        if value != doc.file.stem:
            yield doc.problem("id.file-name", (key,), key_name=key, value=value, stem=doc.file.stem)
        first = seen.setdefault((doc.file.kind, value), doc)
        if first is not doc:
            yield doc.problem("id.duplicate", (key,), key_name=key, value=value, other=first.file.display)


@check
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
    (("organisations", "*"), ("id", "role"), "organisation and role", "机构及角色"),
    (("location", "divisions", "*"), ("code",), "division", "行政区划"),
    (("parties", "*"), ("role", "party"), "party", "合作方"),
)


def _entry_value(item: dict, field: str) -> str:
    if field == "party":
        return item.get("park") or item.get("organisation") or item.get("division", {}).get("code")
    return item[field]


@check
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


@check
def vocabularies_present(index: Index) -> Iterator[Problem]:
    """Every vocabulary the format uses exists."""
    for name in (*TERM_VOCABULARIES, "metrics", "units"):
        if name not in index.vocabularies and not any(d.file.stem == name for d in index.of_kind("vocabularies",
                                                                                                valid_only=False)):
            yield problem("vocab.missing", Location(f"annotations/vocabularies/{name}.yaml"), name=name)


_TERM_CODES = {"metrics": "ref.unknown-metric", "units": "ref.unknown-unit"}


@check
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
                                      vocabulary=vocabulary, **_suggest(value, terms))
    dimensions = index.terms("dimensions")
    for name in ("metrics", "units"):
        doc = index.vocabulary_docs.get(name)
        if doc is None or not dimensions:
            continue
        for path, value in walk(doc.data, (name, "*", "dimension")):
            if value not in dimensions:
                yield doc.problem("ref.unknown-dimension", path, value=value, **_suggest(value, dimensions))


@check
def park_references(index: Index) -> Iterator[Problem]:
    """Parents and park parties name parks in the dataset; organisation parties are listed in the file."""
    for doc in index.park_docs():
        own_id = doc.data["id"]
        for path, target in [*walk(doc.data, ("parent", "park")), *walk(doc.data, ("parties", "*", "park"))]:
            if target == own_id:
                yield doc.problem("ref.self", path)
            elif target not in index.parks:
                yield doc.problem("ref.unknown-park", path, value=target, **_suggest(target, index.parks))
        organisations = {o["id"] for o in doc.data.get("organisations", [])}
        for path, org in walk(doc.data, ("parties", "*", "organisation")):
            if org not in organisations:
                yield doc.problem("ref.unknown-organisation", path, value=org)


@check
def source_references(index: Index) -> Iterator[Problem]:
    """Every piece of evidence cites a source in the registry."""
    for doc in index.park_docs():
        for path, item in evidence(doc.data):
            source = item.get("source")
            if source not in index.sources:
                yield doc.problem("ref.unknown-source", path + ("source",), value=source,
                                  **_suggest(source, index.sources))


@check
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


@check
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


@check
def valid_dates(index: Index) -> Iterator[Problem]:
    """Every date exists on the calendar (no 2021-02-30)."""
    for doc in index.docs:
        if not doc.schema_valid or not isinstance(doc.data, dict):
            continue
        for path, value in _date_values(doc.data):
            if dates.parse(value) is None:
                yield doc.problem("date.impossible", path, value=value)


_DATE_KEYS = {"date", "as_of", "deadline", "announced", "period_start", "published", "dateline"}


def _date_values(data: dict) -> Iterator[tuple[tuple, str]]:
    return keyed(data, lambda key, value: key in _DATE_KEYS and isinstance(value, str))


def _divisions(data: dict) -> Iterator[tuple[tuple, dict, str]]:
    as_of = data.get("location", {}).get("as_of")
    for path, division in walk(data, ("location", "divisions", "*")):
        yield path, division, as_of
    for path, division in walk(data, ("parties", "*", "division")):
        yield path, division, division["as_of"]


@check
def administrative_codes(index: Index) -> Iterator[Problem]:
    """Codes exist, were in use at the stated date, and carried the stated name then."""
    for doc in index.park_docs():
        for path, division, as_of in _divisions(doc.data):
            code, name = division["code"], division["name"]
            period = dates.parse(as_of) if as_of else None
            meanings = areacodes.meanings(code)
            if not meanings:
                yield doc.problem("division.unknown-code", path + ("code",), value=code)
                continue
            if period is None:
                continue
            current = areacodes.at(code, period.start.year)
            if current is None:
                spans = "; ".join(f"{d.name} {d.span()}" for d in meanings)
                yield doc.problem("division.not-in-use", path + ("code",), value=code, year=period.start.year,
                                  spans=spans)
            elif current.name != name:
                yield doc.problem("division.name-mismatch", path + ("name",), value=code, actual=current.name,
                                  year=period.start.year, name=name)


@check
def units_fit_metrics(index: Index) -> Iterator[Problem]:
    """A stated unit has the dimension of its metric (no 亩 for money)."""
    metrics, units = index.terms("metrics"), index.terms("units")
    for doc in index.park_docs():
        for name in QUANTITY_LISTS:
            for path, item in walk(doc.data, (name, "*")):
                metric, unit = metrics.get(item["metric"]), units.get(item["unit"])
                if metric and unit and metric["dimension"] != unit["dimension"]:
                    yield doc.problem("unit.dimension", path + ("unit",), unit=item["unit"],
                                      unit_dimension=unit["dimension"], metric=item["metric"],
                                      metric_dimension=metric["dimension"])


_LIMIT = Decimal(10) ** 30


@check
def values_fit_tables(index: Index) -> Iterator[Problem]:
    """Stated and canonical values have at most 6 decimal places and fewer than 31 integer digits."""
    units = index.terms("units")
    for doc in index.park_docs():
        for name in QUANTITY_LISTS:
            for path, item in walk(doc.data, (name, "*")):
                value = Decimal(item["value"])
                unit = units.get(item["unit"])
                canonical = value * quantities.parse_factor(unit["factor"]).numerator if unit else value
                if value.as_tuple().exponent < -quantities.SCALE or abs(canonical) >= _LIMIT:
                    yield doc.problem("value.out-of-range", path + ("value",), value=item["value"],
                                      scale=quantities.SCALE)


@check
def deadlines_after_announcement(index: Index) -> Iterator[Problem]:
    """A target's deadline is not before it was announced (its own date, else its source's)."""
    for doc in index.park_docs():
        for path, target in walk(doc.data, ("targets", "*")):
            if "deadline" not in target:
                continue
            announced = target.get("announced") or _source_date(index, target["evidence"]["source"])
            deadline, start = dates.parse(target["deadline"]), dates.parse(announced) if announced else None
            if deadline and start and deadline.end < start.start:
                yield doc.problem("date.deadline-before-announcement", path + ("deadline",),
                                  deadline=target["deadline"], announced=announced)


def _source_date(index: Index, source_id: str) -> str | None:
    doc = index.sources.get(source_id)
    return doc.data.get("published") if doc is not None and isinstance(doc.data, dict) else None


@check
def quotes_state_values(index: Index) -> Iterator[Problem]:
    """The evidence quote of a target or observation states its value and unit ('6亿元' for 6 亿元)."""
    for doc in index.park_docs():
        for name in QUANTITY_LISTS:
            for path, item in walk(doc.data, (name, "*")):
                verdict = quantities.quote_agreement(item["evidence"]["quote"], item["value"], item["unit"])
                value = quantities.decimal_text(Decimal(item["value"]))
                if verdict == "number":
                    yield doc.problem("evidence.number-mismatch", path + ("evidence", "quote"), value=value)
                elif verdict == "unit":
                    yield doc.problem("evidence.unit-mismatch", path + ("evidence", "quote"), value=value,
                                      unit=item["unit"])


@check
def targets_have_deadlines(index: Index) -> Iterator[Problem]:
    """Targets without a deadline are worth a second look: most announced targets have one."""
    for doc in index.park_docs():
        for path, target in walk(doc.data, ("targets", "*")):
            if "deadline" not in target and target.get("status") == "target":
                yield doc.problem("target.no-deadline", path)


# Problems that depend on more than the file they are in (and the vocabularies, park and
# source ids and source dates): re-validation recomputes these over every file, and takes
# every other check's problems for an unchanged file from the cache (see reuse.py).
GLOBAL_CODES = frozenset({"id.duplicate", "vocab.missing", "ref.parent-cycle", "ref.organisation-names"})
GLOBAL_CHECKS: tuple[Check, ...] = (ids_match_files, vocabularies_present, parent_cycles, organisation_names)
