"""Each shortcut taken for speed gives exactly what the plain way gives: CSV cells, row order, string checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from parkwatch.base.fields import csv_text
from parkwatch.base.tables import TABLES
from parkwatch.building import rows, writers
from parkwatch.validation.checks import strings

_scalars = st.one_of(
    st.none(), st.text(max_size=8), st.booleans(), st.integers(-10**20, 10**20),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(), st.sampled_from([Decimal("-0"), Decimal("0"), Decimal("0E+3"), Decimal("1.50"), Decimal("1.5")]),
)


@given(st.lists(_scalars, max_size=30))
def test_csv_cells_are_csv_text_whatever_the_column_holds(column: list) -> None:
    assert writers._texts(tuple(column)) == [csv_text(v) for v in column]


@given(st.lists(st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False)), max_size=30))
def test_decimal_columns_keep_each_value_as_written(column: list) -> None:
    assert writers._texts(tuple(column)) == [csv_text(v) for v in column]


def test_a_column_of_zeros_keeps_its_signs() -> None:
    column = (Decimal("0"), Decimal("-0"), Decimal("0.00"), Decimal("-0.0"), None)
    assert writers._texts(column) == ["0", "-0", "0", "-0", ""]
    assert writers._texts(tuple(reversed(column))) == ["", "-0", "0", "-0", "0"]


class _Text(str):
    def __str__(self) -> str:  # a str subclass is written as str() gives it, as before
        return "shown"


def test_str_subclasses_and_other_kinds_are_written_as_before() -> None:
    column = ("a", _Text("x"), None, True, dt.date(2024, 1, 2), 3, Decimal("2E+2"))
    assert writers._texts(column) == [csv_text(v) for v in column] == ["a", "shown", "", "true", "2024-01-02", "3",
                                                                       "200"]


def _slow_sort(table, found):
    return sorted(found, key=lambda r: tuple(rows._sortable(r[k]) for k in table.primary_key))


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "B", "a1", "", "é"]),
                          st.sampled_from(["1", "10", "2", "x"])), max_size=40))
def test_rows_in_key_order_as_the_general_rule_has_it(keys: list) -> None:
    table = next(t for t in TABLES if len(t.primary_key) == 2)
    found = [{table.primary_key[0]: a, table.primary_key[1]: b, "n": i} for i, (a, b) in enumerate(keys)]
    assert rows.sort_rows(table, found) == _slow_sort(table, found)
    mixed = found + [{table.primary_key[0]: 5, table.primary_key[1]: "x", "n": -1}]
    assert rows.sort_rows(table, mixed) == _slow_sort(table, mixed)


def _plain_strings(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield path, key, key
            yield from _plain_strings(value, path + (key,))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _plain_strings(item, path + (i,))
    elif isinstance(data, str):
        yield path, None, data


_documents = st.recursive(
    st.one_of(st.none(), st.integers(), st.text(alphabet=" \t=+-@a中\u3000", max_size=4)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=3), inner, max_size=4)),
    max_leaves=30,
)


@given(_documents)
def test_the_string_walk_finds_every_string_and_misses_no_untidy_one(document) -> None:
    found: list = []
    strings._strings(document, (), found, None)
    assert found == list(_plain_strings(document))
    picked: list = []
    strings._strings(document, (), picked, strings._suspect)
    untidy = [(p, k, t) for p, k, t in _plain_strings(document)
              if k is None and (t == "" or t != t.strip() or t.lstrip().startswith(strings.FORMULA_STARTS))]
    assert all(item in picked for item in untidy)
    assert all(key is None for _, key, _ in picked)
