"""Quotes against the values they support: dates, deadlines, comparators, forecasts and names."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from ...base.problems import Problem
from ...base.quantities import clean, number_spans
from ..index import Index, walk
from ..wording import Stated, forecast_word, qualifiers, stated_dates
from .registry import check
from .values import quantities_of

# Dated entries whose quote, when it gives a date, must give theirs.
_DATED = (("dates", "*"), ("organisations", "*"))
# Suffixes a division's name drops in running text: 贵阳 for 贵阳市, 湖南 for 湖南省.
_DIVISION_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "新区", "地区", "省", "市", "区", "县", "盟", "旗")


def _source_year(index: Index, source_id: str) -> int | None:
    doc = index.sources.get(source_id)
    published = doc.data.get("published") if doc is not None and isinstance(doc.data, dict) else None
    return int(published[:4]) if isinstance(published, str) and published[:4].isdigit() else None


def _reading(stated: list[Stated]) -> dict[str, str]:
    """Message parameters: the words as printed, and the days they were read as."""
    spans = [str(s.start) if s.start == s.end else f"{s.start}…{s.end}" for s in stated]
    return {"stated": "、".join(s.words for s in stated), "reading": "; ".join(spans)}


def _quote(item: Any, index: Index) -> tuple[str, str] | None:
    """An entry's cleaned quote and its source id, when it has evidence from a registered source (a quote
    from an unknown source, as in a new file's template, is reported as that and not read further)."""
    found = item.get("evidence") if isinstance(item, dict) else None
    if not isinstance(found, dict) or not isinstance(found.get("quote"), str) or found.get("source") not in index.sources:
        return None
    return clean(found["quote"]), found["source"]


@check
def quoted_dates(index: Index) -> Iterator[Problem]:
    """A date the quote gives agrees with the recorded one (2021-12-22 for 12月22日, 2020 for 2020年年初)."""
    for doc in index.park_docs():
        for pattern in _DATED:
            for path, item in walk(doc.data, pattern):
                evidence = _quote(item, index)
                if evidence is None or not isinstance(item.get("date"), str):
                    continue
                stated = [s for s in stated_dates(evidence[0], _source_year(index, evidence[1])) if not s.bounds]
                if stated and not any(s.agrees(item["date"]) for s in stated):
                    yield doc.problem("evidence.date-mismatch", path + ("date",), value=item["date"],
                                      **_reading(stated))


@check
def quoted_deadlines(index: Index) -> Iterator[Problem]:
    """A deadline the quote gives (到2024年底, 2024年前) is the target's deadline, and is recorded."""
    for doc in index.park_docs():
        for path, target in walk(doc.data, ("targets", "*")):
            evidence = _quote(target, index)
            if evidence is None:
                continue
            stated = stated_dates(evidence[0], _source_year(index, evidence[1]))
            bounds = [s for s in stated if s.bounds]
            deadline = target.get("deadline")
            if deadline is None:
                if bounds:
                    yield doc.problem("evidence.deadline-not-recorded", path, **_reading(bounds))
            elif (bounds or stated) and not any(s.agrees(deadline) for s in bounds or stated):
                yield doc.problem("evidence.deadline-mismatch", path + ("deadline",), value=deadline,
                                  **_reading(bounds or stated))


def _stated_number(quote: str, value: Decimal, unit: str) -> list[tuple[str, set[str]]] | None:
    """The qualifying words of the first place the quote states `value` in `unit`; None if it does not."""
    for start, end, number in number_spans(quote):
        rest = quote[end:]
        if number == value and (rest.startswith(unit) or rest[1:].startswith(unit) and rest[:1] in "余多"):
            return qualifiers(quote, start, end, unit)
    return None


@check
def quoted_comparators(index: Index) -> Iterator[Problem]:
    """The comparator is what the quote's words make it (超 more_than, 约 about, 余 over…), and exact without any."""
    comparators = index.terms("comparators")
    for doc, path, item, value, fits in quantities_of(index):
        evidence = _quote(item, index)
        if evidence is None or item["comparator"] not in comparators or not fits:
            continue  # an unknown comparator or an unpublishable value is reported as such
        words = _stated_number(evidence[0], value, clean(item["unit"]))
        if words is None:
            continue  # the quote does not state the value: reported as a number or unit mismatch
        allowed = set().union(*(allows for _, allows in words)) if words else {"exact"}
        if item["comparator"] not in allowed:
            params = {"word": "".join(w for w, _ in words), "expected": " / ".join(sorted(allowed))}
            yield doc.problem("evidence.comparator-mismatch", path + ("comparator",),
                              hint="word" if words else "none", value=item["comparator"], **params)


@check
def quoted_forecasts(index: Index) -> Iterator[Problem]:
    """A target whose quote says 预计 or 有望 is a forecast."""
    for doc in index.park_docs():
        for path, target in walk(doc.data, ("targets", "*")):
            evidence = _quote(target, index)
            word = forecast_word(evidence[0]) if evidence else None
            if word and target.get("status") != "forecast":
                yield doc.problem("evidence.status-mismatch", path + ("status",), value=target.get("status"),
                                  word=word)


def named(name: str, quote: str, *, division: bool = False) -> bool:
    """The quote names `name`: as printed, as running text shortens a division (贵阳 for 贵阳市), or with its
    head shared by a list (贵安南明、贵安花溪合作产业园区 names 贵安南明合作产业园区)."""
    name = clean(name)
    if name in quote:
        return True
    if division:
        for suffix in _DIVISION_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)] in quote
    for cut in range(2, len(name) - 1):
        head, shared = name[:cut], name[cut:]
        listed = quote.find(head + "、")
        if listed >= 0 and shared in quote[listed + cut + 1:]:
            return True
    return False


# Names, with the evidence that is their only source: (path to the entry, key of the name, is a division).
_NAMES = ((("name",), "zh", False), (("aliases", "*"), "zh", False), (("organisations", "*"), "zh", False),
          (("parties", "*"), ("division", "name"), True))


def _names(data: dict, index: Index) -> Iterator[tuple[tuple, str, str, bool]]:
    """Each name with the path to it, the cleaned quote that is its evidence, and whether it is a division's."""
    for pattern, key, division in _NAMES:
        for path, item in walk(data, pattern):
            evidence = _quote(item, index)
            keys = key if isinstance(key, tuple) else (key,)
            for found, value in walk(item, keys, path):
                if evidence and isinstance(value, str):
                    yield found, value, evidence[0], division
    location = data.get("location")
    evidence = _quote(location, index)
    for found, value in walk(location, ("divisions", "*", "name"), ("location",)):
        if evidence and isinstance(value, str):
            yield found, value, evidence[0], True


@check
def quoted_names(index: Index) -> Iterator[Problem]:
    """The quote that is a park's, alias's, organisation's or division's evidence names it."""
    for doc in index.park_docs():
        for path, name, quote, division in _names(doc.data, index):
            if not named(name, quote, division=division):
                yield doc.problem("evidence.name-not-quoted", path, name=name)
