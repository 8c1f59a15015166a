"""Dates of year, month or day precision, read as the period they cover."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

PRECISIONS = ("year", "month", "day", "month_unknown_year", "day_unknown_year")
# The keys whose values are dates, in every kind of annotation file.
DATE_KEYS = frozenset({"date", "as_of", "deadline", "announced", "period_start", "published", "dateline"})
_LEAP = 2000  # a day of an unknown year is possible if it is possible in some year: 29 February is


@dataclass(frozen=True)
class Period:
    text: str
    precision: str
    start: dt.date | None  # None when the year is unknown: the period cannot be placed on a calendar
    end: dt.date | None


@lru_cache(maxsize=8192)  # the same few dates recur across thousands of parks; a Period is immutable
def parse(text: str) -> Period | None:
    """'2021' → all of 2021, '2021-12' → December 2021, '2021-12-22' → that day; None if impossible.

    '--05' and '--05-15' are May and 15 May of a year the source does not give: no start or end.
    """
    if text.startswith("--"):
        return _unknown_year(text[2:])
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            year = numbers[0]
            return Period(text, "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
        if len(numbers) == 2:
            year, month = numbers
            last = calendar.monthrange(year, month)[1]
            return Period(text, "month", dt.date(year, month, 1), dt.date(year, month, last))
        if len(numbers) == 3:
            day = dt.date(*numbers)
            return Period(text, "day", day, day)
    except (ValueError, calendar.IllegalMonthError):
        return None
    return None


def _unknown_year(text: str) -> Period | None:
    try:
        numbers = [int(p) for p in text.split("-")]
        if len(numbers) == 1 and 1 <= numbers[0] <= 12:
            return Period(f"--{text}", "month_unknown_year", None, None)
        if len(numbers) == 2:
            dt.date(_LEAP, *numbers)
            return Period(f"--{text}", "day_unknown_year", None, None)
    except ValueError:
        return None
    return None
