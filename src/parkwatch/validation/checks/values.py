"""Values: dates, division codes, units, magnitudes, deadlines and quotes."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ...base import areacodes, dates, quantities
from ...base.layout import SOURCES, VOCABULARIES
from ...base.problems import Problem
from ..index import QUANTITY_LISTS, Index, under_keys, walk
from .registry import WHOLE, check


@check(context={})
def valid_dates(index: Index) -> Iterator[Problem]:
    """Every date exists on the calendar (no 2021-02-30)."""
    for doc in index.docs:
        if not doc.schema_valid or not isinstance(doc.data, dict):
            continue
        for path, value in _date_values(doc.data):
            if dates.parse(value) is None:
                yield doc.problem("date.impossible", path, value=value)


_DATE_KEYS = frozenset({"date", "as_of", "deadline", "announced", "period_start", "published", "dateline"})


def _date_values(data: dict) -> Iterator[tuple[tuple, str]]:
    return under_keys(data, _DATE_KEYS, str)


def _divisions(data: dict) -> Iterator[tuple[tuple, dict, str]]:
    as_of = data.get("location", {}).get("as_of")
    for path, division in walk(data, ("location", "divisions", "*")):
        yield path, division, as_of
    for path, division in walk(data, ("parties", "*", "division")):
        yield path, division, division["as_of"]


@check(context={})
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


@check(context={VOCABULARIES: (WHOLE,)})
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


@check(context={VOCABULARIES: (WHOLE,)})
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


@check(context={SOURCES: (("id",), ("published",))})
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


@check(context={})
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


@check(context={})
def targets_have_deadlines(index: Index) -> Iterator[Problem]:
    """Targets without a deadline are worth a second look: most announced targets have one."""
    for doc in index.park_docs():
        for path, target in walk(doc.data, ("targets", "*")):
            if "deadline" not in target and target.get("status") == "target":
                yield doc.problem("target.no-deadline", path)
