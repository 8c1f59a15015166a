"""The one field-type table drives Arrow, CSV, pandas, the data dictionary and the R loader."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

import parkwatch
from parkwatch.base.fields import ENUM, TYPES, arrow_type, csv_text
from parkwatch.base.tables import TABLES

REPO = Path(__file__).resolve().parents[1]


def _r_loader() -> Path:
    found = [p for p in REPO.rglob("parkwatch.R") if not any(part.startswith(".") for part in p.parts)
             and p.parent.name == "R" and "tests" not in p.parts]
    assert len(found) == 1, found
    return found[0]


def test_every_published_field_has_a_type_in_the_table() -> None:
    assert {f.type for t in TABLES for f in t.fields} <= set(TYPES)


def test_arrow_types_follow_the_table() -> None:
    assert str(arrow_type("number")) == TYPES["number"].arrow
    assert {name: str(arrow_type(name)) for name in TYPES if name != "number"} == \
        {"string": "string", "integer": "int64", "boolean": "bool", "date": "date32[day]"}
    assert arrow_type("number") == pa.decimal128(38, 6)


def test_csv_text_of_each_type() -> None:
    assert [csv_text(v) for v in (None, True, False, Decimal("1.50"), dt.date(2024, 1, 2), "x", 3)] == \
        ["", "true", "false", "1.5", "2024-01-02", "x", "3"]


def test_pandas_dtypes_follow_the_table() -> None:
    tables = parkwatch.read_package(REPO / "datapackage")
    for table in TABLES:
        frame = tables[table.name]
        schema_fields = {f.name: f for f in table.fields}
        for name in frame.columns:
            spec = schema_fields[name]
            if spec.vocabulary or spec.enum:
                assert str(frame[name].dtype) == ENUM.pandas_dtype, (table.name, name)
            elif TYPES[spec.type].pandas_dtype == "decimal":
                assert frame[name].dtype == object
                assert all(isinstance(v, Decimal) for v in frame[name].dropna())
            else:
                assert str(frame[name].dtype) == TYPES[spec.type].pandas_dtype, (table.name, name)


def test_the_data_dictionary_states_the_table() -> None:
    dictionary = (REPO / "datapackage" / "README.md").read_text(encoding="utf-8")
    for t in (*TYPES.values(), ENUM):
        assert f"| {t.name} | {t.csv} | {t.arrow} | {t.pandas} | {t.r} |" in dictionary


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not installed (Debian: r-base-core)")
def test_the_r_loader_uses_the_types_of_the_table() -> None:
    """R's column spec for each Table Schema type is the one the table names (enums: factors)."""
    cases = [(name, "NULL") for name in TYPES] + [("string", "list(enum = list('a', 'b'))")]
    calls = "; ".join(f"cat(class(parkwatch_col_type(list(name = 'x', type = '{name}', constraints = {c})))[1], "
                      "'\\n')" for name, c in cases)
    result = subprocess.run(["Rscript", "-e", f"source('{_r_loader().as_posix()}'); {calls}"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    expected = ["collector_" + TYPES[name].readr.removeprefix("col_") for name in TYPES]
    expected.append("collector_" + ENUM.readr.removeprefix("col_"))
    assert result.stdout.split() == expected


def test_ids_have_one_pattern_everywhere() -> None:
    """Every id pattern in the JSON Schemas is the slug of the Table Schemas (base/tables.py)."""
    import json

    from parkwatch.base.tables import SLUG

    def patterns(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and "(-[a-z" in value:  # the hyphenated slugs of parks and sources
                    yield value
                else:
                    yield from patterns(value)
        elif isinstance(node, list):
            for item in node:
                yield from patterns(item)

    found = {p for path in (REPO / "schemas").glob("*.schema.json")
             for p in patterns(json.loads(path.read_text(encoding="utf-8")))}
    assert found == {SLUG}
