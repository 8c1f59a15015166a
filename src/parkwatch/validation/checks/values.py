"""Values: dates, division codes, units, magnitudes, deadlines and quotes."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Iterator

from ...base import areacodes, dates, quantities
from ...base.layout import SOURCES, VOCABULARIES
from ...base.problems import Problem
from ..index import QUANTITY_LISTS, Doc, Index, under_keys, walk
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


def _date_values(data: dict) -> Iterator[tuple[tuple, str]]:
    return under_keys(data, dates.DATE_KEYS, str)


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
                metric, unit = metrics.get(item["metric"]), units.get(item.get("unit"))
                if metric and unit and metric["dimension"] != unit["dimension"]:
                    yield doc.problem("unit.dimension", path + ("unit",), unit=item["unit"],
                                      unit_dimension=unit["dimension"], metric=item["metric"],
                                      metric_dimension=metric["dimension"])


_LIMIT = Decimal(10) ** 30
_INTEGER_DIGITS = 30
_SHOWN = 40  # characters of a value a report line shows


def publishable(value: Decimal, factor: str | None) -> bool:
    """At most 6 decimal places, and fewer than 31 integer digits once the unit's factor is applied."""
    if value.as_tuple().exponent < -quantities.SCALE:
        return False
    # Judged by magnitude first, so 1e+999999999 costs nothing: arithmetic on it would not end.
    if value.adjusted() >= _INTEGER_DIGITS + 20:
        return False
    with localcontext() as ctx:
        ctx.prec = 120
        canonical = value * quantities.parse_factor(factor).numerator if factor else value
    return canonical.copy_abs() < _LIMIT  # abs() would round to 28 digits


def shown(value: Decimal) -> str:
    """A value short enough for one report line: its digits, or their start and how many there are."""
    text = quantities.decimal_text(value) if abs(value.adjusted()) < _SHOWN else str(value)
    if len(text) <= _SHOWN:
        return text
    return f"{text[:_SHOWN // 2]}… ({len(value.as_tuple().digits)} digits)"


def quantities_of(index: Index) -> list[tuple[Doc, tuple, dict, Decimal, bool]]:
    """Every target and observation with its value and whether the value can be published (worked out
    once for the checks that need them)."""
    return index.memo("quantities", lambda index: list(_quantities(index)))


def _quantities(index: Index) -> Iterator[tuple[Doc, tuple, dict, Decimal, bool]]:
    units = index.terms("units")
    for doc in index.park_docs():
        for name in QUANTITY_LISTS:
            for path, item in walk(doc.data, (name, "*")):
                if "value" not in item:
                    continue  # a count word (若干个, 一批): see entities.count_words_quoted
                value = Decimal(item["value"])
                unit = units.get(item["unit"])
                yield doc, path, item, value, publishable(value, unit["factor"] if unit else None)


@check(context={})
def unit_factors_fit_tables(index: Index) -> Iterator[Problem]:
    """A unit's factor has at most 30 digits in each part (integer, decimals, denominator), like a value."""
    for doc in index.of_kind(VOCABULARIES):  # the files to check: the units file, when it is one of them
        if doc.file.stem != "units":
            continue
        for path, unit in walk(doc.data, ("units", "*")):
            numerator, _, denominator = unit["factor"].partition("/")
            if max(len(part) for part in (*numerator.split("."), denominator)) > _INTEGER_DIGITS:
                yield doc.problem("vocab.factor-out-of-range", path + ("factor",), unit=unit["id"],
                                  digits=_INTEGER_DIGITS)


@check(context={VOCABULARIES: (WHOLE,)})
def values_fit_tables(index: Index) -> Iterator[Problem]:
    """Stated and canonical values have at most 6 decimal places and fewer than 31 integer digits."""
    for doc, path, _, value, fits in quantities_of(index):
        if not fits:
            yield doc.problem("value.out-of-range", path + ("value",), value=shown(value), scale=quantities.SCALE)


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
    for doc, path, item, value, fits in quantities_of(index):
        if not fits:
            continue  # reported as out of range; no quote could state it in a publishable form
        verdict = quantities.quote_agreement(item["evidence"]["quote"], value, item["unit"])
        if verdict == "number":
            yield doc.problem("evidence.number-mismatch", path + ("evidence", "quote"), value=shown(value))
        elif verdict == "unit":
            yield doc.problem("evidence.unit-mismatch", path + ("evidence", "quote"), value=shown(value),
                              unit=item["unit"])


@check(context={})
def targets_have_deadlines(index: Index) -> Iterator[Problem]:
    """Targets without a deadline are worth a second look: most announced targets have one."""
    for doc in index.park_docs():
        for path, target in walk(doc.data, ("targets", "*")):
            if "deadline" not in target and target.get("status") == "target":
                yield doc.problem("target.no-deadline", path)
