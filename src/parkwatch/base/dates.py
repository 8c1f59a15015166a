"""Dates of year, month or day precision, read as the period they cover."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

PRECISIONS = ("year", "month", "day")
# The keys whose values are dates, in every kind of annotation file.
DATE_KEYS = frozenset({"date", "as_of", "deadline", "announced", "period_start", "published", "dateline"})


@dataclass(frozen=True)
class Period:
    text: str
    precision: str
    start: dt.date
    end: dt.date


@lru_cache(maxsize=8192)  # the same few dates recur across thousands of parks; a Period is immutable
def parse(text: str) -> Period | None:
    """'2021' → all of 2021, '2021-12' → December 2021, '2021-12-22' → that day; None if impossible."""
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
