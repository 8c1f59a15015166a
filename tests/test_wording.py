"""What quotes say in words: dates, deadlines, comparators, forecasts and names, as news writes them."""

from __future__ import annotations

import pytest

from parkwatch.base.quantities import clean
from parkwatch.validation.checks.quotes import named
from parkwatch.validation.wording import forecast_word, qualifiers, stated_dates


@pytest.mark.parametrize("quote, year, expected", [
    ("2021年12月22日，开园", None, [("2021年12月22日", "2021-12-22", "2021-12-22", False)]),
    ("12月22日，开园", 2021, [("12月22日", "2021-12-22", "2021-12-22", False)]),
    ("12月22日，开园", None, []),  # no year to read it with: nothing is guessed
    ("2020年年初，签订协议", None, [("2020年年初", "2020-01-01", "2020-03-31", False)]),
    ("2023年上半年投产", None, [("2023年上半年", "2023-01-01", "2023-06-30", False)]),
    ("预计到2024年底，累计", None, [("2024年底", "2024-10-01", "2024-12-31", True)]),
    ("2024年前建成", None, [("2024年", "2024-01-01", "2024-12-31", True)]),
    ("截至2023年6月，已有", None, [("2023年6月", "2023-06-01", "2023-06-30", True)]),
    ("２０２４年底前", None, [("2024年底", "2024-10-01", "2024-12-31", True)]),  # full-width digits
    ("2021年2月30日", None, []),  # no such day
    ("引进企业2000个", None, []),
])
def test_stated_dates(quote: str, year: int | None, expected: list) -> None:
    got = [(s.words, str(s.start), str(s.end), s.bounds) for s in stated_dates(clean(quote), year)]
    assert got == expected


def test_a_date_agrees_when_the_two_nest() -> None:
    [early] = stated_dates("2020年年初", None)
    assert early.agrees("2020") and early.agrees("2020-02") and early.agrees("2020-01-15")
    assert not early.agrees("2020-07") and not early.agrees("2019")
    [day] = stated_dates("12月22日", 2021)
    assert day.agrees("2021-12") and day.agrees("2021-12-22") and not day.agrees("2021-11-22")


@pytest.mark.parametrize("quote, number, unit, words", [
    ("扶持资金超3亿元", "3", "亿元", {"超": {"more_than"}}),
    ("投资超过100亿元", "100", "亿元", {"超过": {"more_than"}}),
    ("投资不超过100亿元", "100", "亿元", {"不超过": {"up_to"}}),
    ("逾50家企业", "50", "家", {"逾": {"more_than"}}),
    ("100家以上", "100", "家", {"以上": {"at_least", "more_than"}}),
    ("约300个", "300", "个", {"约": {"about"}}),
    ("300个左右", "300", "个", {"左右": {"about"}}),
    ("近300家", "300", "家", {"近": {"nearly"}}),
    ("130余个", "130", "个", {"余": {"over"}}),
    ("有望达15亿元", "15", "亿元", {"有望达": {"expected_to_reach"}}),
    ("累计达6亿元", "6", "亿元", {"达": {"exact", "expected_to_reach"}}),
    ("增加规上工业企业20家", "20", "家", {}),
])
def test_qualifying_words(quote: str, number: str, unit: str, words: dict) -> None:
    start = quote.index(number)
    assert dict((w, allows) for w, allows in qualifiers(quote, start, start + len(number), unit)) == words


def test_forecast_words() -> None:
    assert forecast_word("预计到2024年底") == "预计" and forecast_word("政策资金有望达15亿元") == "有望"
    assert forecast_word("累计完成工业投资6亿元") is None


@pytest.mark.parametrize("name, quote, division, found", [
    ("良庆区", "属于五象新区、良庆区的核心区域", True, True),
    ("贵阳市", "将贵阳综保区跨境电商产业园延伸到了市区", True, True),
    ("贵阳市", "将贵阳综保区跨境电商产业园延伸到了市区", False, False),  # shortening is for divisions only
    ("湖南省", "湖南岳麓山大科城发布", True, True),
    ("南岗区", "位于长沙市岳麓区", True, False),
    ("贵安南明合作产业园区", "贵安南明、贵安花溪合作产业园区已在贵安新区落地建设", False, True),
    ("贵安白云合作产业园区", "贵安南明、贵安花溪合作产业园区已在贵安新区落地建设", False, False),
    ("示范 产业园", "示范产业园开园", False, True),  # whitespace does not count
])
def test_names_in_quotes(name: str, quote: str, division: bool, found: bool) -> None:
    assert named(name, clean(quote), division=division) is found
