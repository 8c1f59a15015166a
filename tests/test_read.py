"""Typed loading: dtypes from the Table Schemas, exact money, hashes checked, no validation stack imported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

import parkwatch
from parkwatch.base.quantities import decimal_text, parse_factor
from parkwatch.base.tables import TABLES
from parkwatch.published.read import PackageError, VerificationError, bundled_package

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "datapackage"


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return parkwatch.read_package(PACKAGE)


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PACKAGE, tmp_path / "datapackage"))


def csv_rows(name: str) -> list[dict[str, str]]:
    text = (PACKAGE / "data" / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def as_csv_text(value: object) -> str:
    """A loaded value written the way the CSV files write it."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, Decimal):
        return decimal_text(value)
    return str(value)


def test_every_table_is_loaded_in_schema_order(tables: dict[str, pd.DataFrame]) -> None:
    assert list(tables) == [t.name for t in TABLES]
    for table in TABLES:
        assert list(tables[table.name].columns) == table.field_names


def test_dtypes_follow_the_table_schemas(tables: dict[str, pd.DataFrame]) -> None:
    schemas = {t.name: json.loads((PACKAGE / "schemas" / f"{t.name}.json").read_text()) for t in TABLES}
    for table in TABLES:
        frame = tables[table.name]
        for spec in schemas[table.name]["fields"]:
            column = frame[spec["name"]]
            enum = spec.get("constraints", {}).get("enum")
            if enum is not None:
                assert isinstance(column.dtype, pd.CategoricalDtype), spec["name"]
                assert list(column.cat.categories) == enum
                continue
            expected = {"string": "string", "integer": "Int64", "boolean": "boolean",
                        "date": "datetime64[s]", "number": "object"}[spec["type"]]
            assert str(column.dtype) == expected, (table.name, spec["name"])
            if spec["type"] == "number":
                assert all(isinstance(v, Decimal) for v in column.dropna()), (table.name, spec["name"])


def test_values_equal_the_csv_files_cell_for_cell(tables: dict[str, pd.DataFrame]) -> None:
    for table in TABLES:
        loaded = [[as_csv_text(v) for v in row] for row in tables[table.name].astype(object).itertuples(index=False)]
        assert loaded == [list(row.values()) for row in csv_rows(table.name)], table.name


def test_money_is_exact(tables: dict[str, pd.DataFrame]) -> None:
    targets = tables["targets"]
    money = targets[targets["unit"] == "CNY"]
    assert len(money) > 0
    factors = dict(zip(tables["units"]["id"], tables["units"]["factor"]))
    for value, stated, unit in zip(money["value"], money["value_stated"], money["unit_stated"]):
        assert isinstance(value, Decimal) and isinstance(stated, Decimal)
        assert Fraction(value) == Fraction(stated) * parse_factor(factors[unit])  # no float anywhere


def test_typed_columns_hold_what_the_csv_says(tables: dict[str, pd.DataFrame]) -> None:
    target = tables["targets"].iloc[0]
    row = csv_rows("targets")[0]
    assert target["deadline_end"] == pd.Timestamp(dt.date.fromisoformat(row["deadline_end"]))
    assert bool(target["value_exact"]) == (row["value_exact"] == "true")
    articles = tables["source_articles"]
    assert list(articles["article"]) == [int(r["article"]) for r in csv_rows("source_articles")]


def test_read_table_matches_read_package(tables: dict[str, pd.DataFrame]) -> None:
    pd.testing.assert_frame_equal(parkwatch.read_table("targets", PACKAGE), tables["targets"])
    with pytest.raises(KeyError, match="no table 'nope'"):
        parkwatch.read_table("nope", PACKAGE)


def test_default_is_the_bundled_package() -> None:
    assert bundled_package().resolve() == PACKAGE.resolve()
    assert parkwatch.read_table("parks").shape == parkwatch.read_table("parks", PACKAGE).shape


def test_a_changed_byte_is_refused(package_copy: Path) -> None:
    path = package_copy / "data" / "targets.parquet"
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0x01
    path.write_bytes(bytes(content))
    with pytest.raises(VerificationError, match=r"targets.parquet: \[verify.hash\]"):
        parkwatch.read_package(package_copy)
    parkwatch.read_table("parks", package_copy)  # the other tables are untouched


def test_a_changed_size_is_refused(package_copy: Path) -> None:
    path = package_copy / "data" / "parks.parquet"
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(VerificationError, match=r"\[verify.bytes\]"):
        parkwatch.read_table("parks", package_copy)


def test_a_missing_file_or_descriptor_is_a_clear_error(package_copy: Path, tmp_path: Path) -> None:
    (package_copy / "data" / "parks.parquet").unlink()
    with pytest.raises(PackageError, match=r"parks.parquet: \[verify.missing-file\]"):
        parkwatch.read_package(package_copy)
    with pytest.raises(PackageError, match=r"\[verify.no-descriptor\]"):
        parkwatch.read_package(tmp_path / "empty")


def test_path_and_version_together_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        parkwatch.read_package(PACKAGE, version="0.1.0")


def test_loading_imports_no_validation_stack() -> None:
    code = ("import sys, parkwatch; parkwatch.read_package(); parkwatch.read_table('parks'); "
            "print(sorted(m for m in ('jsonschema', 'typer', 'yaml', 'frictionless', 'pypinyin') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "[]"


def test_the_wheel_ships_the_package_where_the_reader_looks() -> None:
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert shipped["datapackage"] == "parkwatch/datapackage"  # read.bundled_package() looks there first
