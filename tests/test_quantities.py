"""Exact normalisation and the numbers in quotes."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from parkwatch.base import dates, quantities


@pytest.mark.parametrize("value, factor, expected, exact", [
    (Decimal("6"), "100000000", "600000000", True),
    (Decimal("5.339"), "100000000", "533900000", True),
    (Decimal("2.5"), "100000000", "250000000", True),
    (Decimal("0.1"), "10000", "1000", True),
    (15, "2000/3", "10000", True),
    (634, "2000/3", "422666.666667", False),
    (451, "2000/3", "300666.666667", False),
    (Decimal("4900"), "1", "4900", True),
])
def test_normalise(value, factor, expected, exact) -> None:
    result, is_exact = quantities.normalise(value, quantities.parse_factor(factor))
    assert quantities.decimal_text(result) == expected
    assert is_exact is exact


def test_factors_are_exact_fractions() -> None:
    assert quantities.parse_factor("2000/3") == Fraction(2000, 3)
    assert quantities.parse_factor("0.5") == Fraction(1, 2)


def test_no_float_arithmetic_error() -> None:
    # 0.1 + 0.2 style errors would show here: 1.1 亿 is exactly 110,000,000.
    result, exact = quantities.normalise(Decimal("1.1"), quantities.parse_factor("100000000"))
    assert (result, exact) == (Decimal("110000000"), True)


@pytest.mark.parametrize("quote, value, unit, verdict", [
    ("累计完成工业投资 6 亿元", 6, "亿元", "ok"),
    ("累计完成工业到位资金约5.339亿元", Decimal("5.339"), "亿元", "ok"),
    ("１３０余个客流监控摄像机", 130, "个", "ok"),  # full-width digits, 余 between number and unit
    ("近300个传感器", 300, "个", "ok"),
    ("引进今朝电气、爱康嘉两家企业", 2, "家", "ok"),
    ("无偿划出 451 亩地", 451, "亩", "ok"),
    ("新增就业岗位\n2000个", 2000, "个", "ok"),
    ("总投资1,200万元", 1200, "万元", "ok"),
    ("累计完成工业投资6亿元", 7, "亿元", "number"),
    ("累计完成工业投资6亿元", 6, "万元", "unit"),
    ("引进各类创新平台60个", 6, "个", "number"),
])
def test_quote_agreement(quote, value, unit, verdict) -> None:
    assert quantities.quote_agreement(quote, value, unit) == verdict


@pytest.mark.parametrize("text, precision, start, end", [
    ("2024", "year", "2024-01-01", "2024-12-31"),
    ("2024-02", "month", "2024-02-01", "2024-02-29"),
    ("2021-12-22", "day", "2021-12-22", "2021-12-22"),
])
def test_date_periods(text, precision, start, end) -> None:
    period = dates.parse(text)
    assert (period.precision, period.start.isoformat(), period.end.isoformat()) == (precision, start, end)


@pytest.mark.parametrize("text", ["2021-02-30", "2021-13", "2021-00-01"])
def test_impossible_dates(text) -> None:
    assert dates.parse(text) is None
