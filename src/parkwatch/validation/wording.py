"""What a quote says in words: dates and deadlines, comparators and forecast words, as news writes them.

Quotes are read after NFKC folding and with whitespace removed (see quantities.clean), so
'2024 年底' on a print page and '２０２４年底' read as 2024年底.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..base import dates

# Parts of a year that news names; each is read as the months it may mean.
_PERIODS = {
    "年初": (1, 3), "初": (1, 3), "一季度": (1, 3), "第一季度": (1, 3),
    "二季度": (4, 6), "第二季度": (4, 6), "年中": (6, 7), "三季度": (7, 9), "第三季度": (7, 9),
    "四季度": (10, 12), "第四季度": (10, 12), "年底": (10, 12), "年末": (10, 12), "底": (10, 12), "末": (10, 12),
    "上半年": (1, 6), "下半年": (7, 12),
}
_PERIOD = "|".join(sorted(_PERIODS, key=len, reverse=True))
_DATE = re.compile(
    rf"(?P<year>\d{{4}})年(?:(?P<month>\d{{1,2}})月(?:(?P<day>\d{{1,2}})[日号])?|(?P<period>{_PERIOD}))?"
    r"|(?P<bare_month>\d{1,2})月(?P<bare_day>\d{1,2})[日号]")
# A date that bounds a target: 到2024年底, 至2025年, 截至2023年6月, 2024年前, 2025年以前.
_BEFORE = ("到", "至", "截至", "截止")
_AFTER = ("前", "以前", "之前")

# Words that qualify a number, and the comparators each allows; the longest word is read first.
_BEFORE_NUMBER = {
    "不超过": {"up_to"}, "最多": {"up_to"}, "不少于": {"at_least"}, "至少": {"at_least"}, "不低于": {"at_least"},
    "超过": {"more_than"}, "超": {"more_than"}, "逾": {"more_than"}, "突破": {"more_than"},
    "大约": {"about"}, "约为": {"about"}, "约": {"about"}, "将近": {"nearly"}, "接近": {"nearly"}, "近": {"nearly"},
    "有望达到": {"expected_to_reach"}, "有望达": {"expected_to_reach"}, "达到": {"exact", "expected_to_reach"},
    "达": {"exact", "expected_to_reach"},
}
_BETWEEN = {"余": {"over"}, "多": {"over"}}  # 130余个, 20多家
_AFTER_UNIT = {"以上": {"more_than", "at_least"}, "左右": {"about"}, "以内": {"up_to"}, "多": {"over"}}
# Words that make a number a forecast.
FORECAST_WORDS = ("预计", "有望")


@dataclass(frozen=True)
class Stated:
    """A date the quote gives: the words, and the days they may mean."""

    words: str
    start: dt.date
    end: dt.date
    bounds: bool = False  # written as a deadline (到…, …前)

    def agrees(self, value: str) -> bool:
        """The value and the words nest: one lies within the other (2021 and 2021年年初, 2021-12 and 12月22日)."""
        period = dates.parse(value)
        if period is None:
            return True  # an impossible date is reported on its own
        inside = self.start <= period.start and period.end <= self.end
        return inside or (period.start <= self.start and self.end <= period.end)


def _month_span(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    end = dates.parse(f"{year}-{last:02d}")
    return dt.date(year, first, 1), end.end if end else dt.date(year, 12, 31)


def stated_dates(quote: str, year: int | None) -> list[Stated]:
    """Every date the quote gives; a month and day without a year ('12月22日') take `year`, the source's."""
    found = []
    for match in _DATE.finditer(quote):
        text = match.group()
        if match["bare_month"]:
            if year is None:
                continue
            value, parts = f"{year}-{int(match['bare_month']):02d}-{int(match['bare_day']):02d}", None
        elif match["period"]:
            parts = _PERIODS[match["period"]]
            value = None
        else:
            value = "-".join(f"{int(p):02d}" if i else p for i, p in
                             enumerate(p for p in (match["year"], match["month"], match["day"]) if p))
        if value is not None:
            period = dates.parse(value)
            if period is None:
                continue
            start, end = period.start, period.end
        else:
            start, end = _month_span(int(match["year"]), *parts)
        before, after = quote[:match.start()], quote[match.end():]
        bounds = before.endswith(_BEFORE) or after.startswith(_AFTER)
        found.append(Stated(text, start, end, bounds))
    return found


def qualifiers(quote: str, start: int, end: int, unit: str) -> list[tuple[str, set[str]]]:
    """The words qualifying the number at quote[start:end] followed by `unit`, with the comparators they allow."""
    words = []
    before = quote[:start]
    if before.endswith(_LONGEST_BEFORE):
        for word in _LONGEST_BEFORE:
            if before.endswith(word):  # longest first: 不超过 before 超过 before 超
                words.append((word, _BEFORE_NUMBER[word]))
                break
    rest = quote[end:]
    if rest[:1] in _BETWEEN and rest[1:].startswith(unit):
        words.append((rest[:1], _BETWEEN[rest[:1]]))
        rest = rest[1:]
    if rest.startswith(unit):
        after = rest[len(unit):]
        if after.startswith(_LONGEST_AFTER):
            for word in _LONGEST_AFTER:
                if after.startswith(word):
                    words.append((word, _AFTER_UNIT[word]))
                    break
    return words


_LONGEST_BEFORE = tuple(sorted(_BEFORE_NUMBER, key=len, reverse=True))
_LONGEST_AFTER = tuple(sorted(_AFTER_UNIT, key=len, reverse=True))


def forecast_word(quote: str) -> str | None:
    """The word that makes the quote a forecast (预计, 有望), if it has one."""
    return next((word for word in FORECAST_WORDS if word in quote), None)
