"""Cross-record checks. Each is a small function over the index that yields problems."""

from __future__ import annotations

import difflib
from collections import defaultdict
from decimal import Decimal
from typing import Callable, Iterable, Iterator

from . import areacodes, dates, quantities
from .index import QUANTITY_LISTS, TERM_VOCABULARIES, VOCABULARY_FIELDS, Doc, Index, evidence, walk
from .problems import Location, Problem, Severity
from .project import PARKS, SOURCES

Check = Callable[[Index], Iterable[Problem]]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def run(index: Index) -> list[Problem]:
    return [problem for fn in CHECKS for problem in fn(index)]


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"Did you mean '{close[0]}'?" if close else ""


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
            yield doc.problem("id.file-name", f"{key} '{value}' differs from the file name '{doc.file.stem}.yaml'",
                              (key,), hint=f"Rename the file to {value}.yaml, or set {key}: {doc.file.stem}.")
        first = seen.setdefault((doc.file.kind, value), doc)
        if first is not doc:
            yield doc.problem("id.duplicate", f"{key} '{value}' is already used by {first.file.display}", (key,),
                              hint="Ids are unique: choose another or merge the two files.")


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
                        yield doc.problem("id.duplicate-item", f"id '{item_id}' is used twice in this file", path,
                                          hint="Give each entry its own id.")
                    seen.add(item_id)


# Entries that become one table row each, and the fields that make the row's key.
_ENTRY_KEYS: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    (("aliases", "*"), ("zh",), "alias"),
    (("cooperation_modes", "*"), ("mode",), "cooperation mode"),
    (("dates", "*"), ("event",), "date event"),
    (("leading_industries", "*"), ("zh",), "industry"),
    (("organisations", "*"), ("id", "role"), "organisation and role"),
    (("location", "divisions", "*"), ("code",), "division"),
)


def _party_key(party: dict) -> tuple:
    return (party["role"], party.get("park") or party.get("organisation") or party.get("division", {}).get("code"))


@check
def entries_unique(index: Index) -> Iterator[Problem]:
    """A park lists each alias, mode, event, industry, organisation role, division and party once."""
    for doc in index.park_docs():
        for pattern, fields, what in _ENTRY_KEYS:
            seen: set[tuple] = set()
            for path, item in walk(doc.data, pattern):
                key = tuple(item[f] for f in fields)
                if key in seen:
                    yield doc.problem("id.duplicate-entry", f"this {what} is listed twice: {' / '.join(key)}", path,
                                      hint="Keep one entry; combine their evidence into the clearest quote.")
                seen.add(key)
        seen_parties: set[tuple] = set()
        for path, party in walk(doc.data, ("parties", "*")):
            key = _party_key(party)
            if key in seen_parties:
                yield doc.problem("id.duplicate-entry", f"this party is listed twice: {' / '.join(key)}", path,
                                  hint="Keep one entry per party and role.")
            seen_parties.add(key)


@check
def vocabularies_present(index: Index) -> Iterator[Problem]:
    """Every vocabulary the format uses exists."""
    for name in (*TERM_VOCABULARIES, "metrics", "units"):
        if name not in index.vocabularies and not any(d.file.stem == name for d in index.of_kind("vocabularies",
                                                                                                valid_only=False)):
            yield Problem("vocab.missing", f"vocabulary '{name}' is missing",
                          Location(f"annotations/vocabularies/{name}.yaml"),
                          hint=f"Add annotations/vocabularies/{name}.yaml.")


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
                    yield doc.problem(_TERM_CODES.get(vocabulary, "ref.unknown-term"),
                                      f"'{value}' is not in the {vocabulary} vocabulary", path,
                                      hint=_suggest(str(value), terms) or
                                      f"Use an id from annotations/vocabularies/{vocabulary}.yaml, or add one there.")
    dimensions = index.terms("dimensions")
    for name in ("metrics", "units"):
        doc = index.vocabulary_docs.get(name)
        if doc is None or not dimensions:
            continue
        for path, value in walk(doc.data, (name, "*", "dimension")):
            if value not in dimensions:
                yield doc.problem("ref.unknown-dimension", f"'{value}' is not in the dimensions vocabulary", path,
                                  hint=_suggest(value, dimensions))


@check
def park_references(index: Index) -> Iterator[Problem]:
    """Parents and park parties name parks in the dataset; organisation parties are listed in the file."""
    for doc in index.park_docs():
        own_id = doc.data["id"]
        for path, target in [*walk(doc.data, ("parent", "park")), *walk(doc.data, ("parties", "*", "park"))]:
            if target == own_id:
                yield doc.problem("ref.self", "a park cannot refer to itself here", path)
            elif target not in index.parks:
                yield doc.problem("ref.unknown-park", f"no park has the id '{target}'", path,
                                  hint=_suggest(target, index.parks) or
                                  f"Add annotations/parks/{target}.yaml, or correct the id.")
        organisations = {o["id"] for o in doc.data.get("organisations", [])}
        for path, org in walk(doc.data, ("parties", "*", "organisation")):
            if org not in organisations:
                yield doc.problem("ref.unknown-organisation", f"organisation '{org}' is not listed in this file",
                                  path, hint="List it under organisations: with its names and role.")


@check
def source_references(index: Index) -> Iterator[Problem]:
    """Every piece of evidence cites a source in the registry."""
    for doc in index.park_docs():
        for path, item in evidence(doc.data):
            source = item.get("source")
            if source not in index.sources:
                yield doc.problem("ref.unknown-source", f"no source has the id '{source}'", path + ("source",),
                                  hint=_suggest(str(source), index.sources) or
                                  f"Add annotations/sources/{source}.yaml.")


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
            yield index.parks[start].problem("ref.parent-cycle", "parent links form a cycle: " +
                                             " → ".join([*chain, start]), ("parent", "park"),
                                             hint="A park's parent chain must end at a park with no parent.")


@check
def organisation_names(index: Index) -> Iterator[Problem]:
    """One organisation id carries the same names in every file."""
    first: dict[str, tuple[tuple[str, str], Doc]] = {}
    for doc in index.park_docs():
        for path, org in walk(doc.data, ("organisations", "*")):
            names = (org["zh"], org["en"])
            seen = first.setdefault(org["id"], (names, doc))
            if seen[0] != names:
                yield doc.problem("ref.organisation-names", f"organisation '{org['id']}' is named "
                                  f"{names[0]} / {names[1]} here but {seen[0][0]} / {seen[0][1]} in "
                                  f"{seen[1].file.display}", path, hint="Use the same zh and en names everywhere.")


@check
def valid_dates(index: Index) -> Iterator[Problem]:
    """Every date exists on the calendar (no 2021-02-30)."""
    for doc in index.docs:
        if not doc.schema_valid or not isinstance(doc.data, dict):
            continue
        for path, value in _date_values(doc.data):
            if dates.parse(value) is None:
                yield doc.problem("date.impossible", f"{value} is not a real date", path)


_DATE_KEYS = {"date", "as_of", "deadline", "announced", "period_start", "published", "dateline"}


def _date_values(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _DATE_KEYS and isinstance(value, str):
                yield path + (key,), value
            elif isinstance(value, (dict, list)):  # scalars hold no dates: skip the call
                yield from _date_values(value, path + (key,))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            if isinstance(item, (dict, list)):
                yield from _date_values(item, path + (i,))


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
                yield doc.problem("division.unknown-code", f"{code} is not an administrative division code",
                                  path + ("code",), hint="Look the code up in the areacodes table (1981–2024).")
                continue
            if period is None:
                continue
            current = areacodes.at(code, period.start.year)
            if current is None:
                spans = "; ".join(f"{d.name} {d.span()}" for d in meanings)
                yield doc.problem("division.not-in-use", f"{code} was not in use in {period.start.year} ({spans})",
                                  path + ("code",), hint="Use the code valid at the date, or correct the date.")
            elif current.name != name:
                yield doc.problem("division.name-mismatch",
                                  f"{code} was {current.name} in {period.start.year}, not {name}",
                                  path + ("name",), hint=f"Write name: {current.name}, or correct the code.")


@check
def units_fit_metrics(index: Index) -> Iterator[Problem]:
    """A stated unit has the dimension of its metric (no 亩 for money)."""
    metrics, units = index.terms("metrics"), index.terms("units")
    for doc in index.park_docs():
        for name in QUANTITY_LISTS:
            for path, item in walk(doc.data, (name, "*")):
                metric, unit = metrics.get(item["metric"]), units.get(item["unit"])
                if metric and unit and metric["dimension"] != unit["dimension"]:
                    yield doc.problem("unit.dimension", f"unit {item['unit']} measures {unit['dimension']}, but "
                                      f"metric {item['metric']} measures {metric['dimension']}", path + ("unit",),
                                      hint="Check the metric and the unit against the quote.")


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
                    yield doc.problem("value.out-of-range", f"{item['value']} has more than {quantities.SCALE} "
                                      "decimal places or is too large to publish", path + ("value",),
                                      hint="Write the value as the source states it, e.g. 5.339.")


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
                yield doc.problem("date.deadline-before-announcement",
                                  f"deadline {target['deadline']} is before the announcement ({announced})",
                                  path + ("deadline",), hint="A target's deadline lies after it was announced.")


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
                    yield doc.problem("evidence.number-mismatch", f"the quote does not state the value {value}",
                                      path + ("evidence", "quote"),
                                      hint="Quote the words that give the number, or correct the value.")
                elif verdict == "unit":
                    yield doc.problem("evidence.unit-mismatch", f"the quote states {value} but not in {item['unit']}",
                                      path + ("evidence", "quote"),
                                      hint="Write the unit as the quote does (亿元, 万元, 亩…).")


@check
def targets_have_deadlines(index: Index) -> Iterator[Problem]:
    """Targets without a deadline are worth a second look: most announced targets have one."""
    for doc in index.park_docs():
        for path, target in walk(doc.data, ("targets", "*")):
            if "deadline" not in target and target.get("status") == "target":
                yield doc.problem("target.no-deadline", "this target has no deadline", path,
                                  severity=Severity.WARNING,
                                  hint="Add deadline: when the source gives one; otherwise leave it out.")
