"""Round trip: rows → the package writers → the pandas and R loaders → the same rows."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parkwatch
from parkwatch.base.tables import Field, Table
from parkwatch.building import descriptor as package
from parkwatch.building import writers

REPO = Path(__file__).resolve().parents[1]
LEVELS = ["alpha", "beta", "gamma"]
TABLE = Table("things", "Things of every type.", "各类型。", (
    Field("id", "integer", "Id.", "编号。", required=True),
    Field("text", "string", "Text.", "文本。"),
    Field("amount", "number", "Amount.", "数额。"),
    Field("flag", "boolean", "Flag.", "标志。"),
    Field("day", "date", "Day.", "日期。"),
    Field("level", "string", "Level.", "级别。", enum=LEVELS),
), ("id",))

# Text as sources print it: CJK, quotes, commas, line breaks, spaces at the ends, the word NA.
TEXT = st.text(st.sampled_from(list("园区abc ,\"'\n\t;NA亿元“”") + ["\u3000"]), min_size=1, max_size=12)
AMOUNT = st.decimals(min_value=Decimal("-1e20"), max_value=Decimal("1e20"), places=6, allow_nan=False)
ROW = st.fixed_dictionaries({
    "text": st.none() | TEXT,
    "amount": st.none() | AMOUNT,
    "flag": st.none() | st.booleans(),
    "day": st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
    "level": st.none() | st.sampled_from(LEVELS),
})


def write_package(folder: Path, rows: list[dict]) -> Path:
    """A one-table package written by the same writers and descriptor code as the build."""
    rows = [{"id": i, **row} for i, row in enumerate(rows, 1)]
    files = {f"schemas/{TABLE.name}.json": package.json_bytes(TABLE.schema({}))}
    resources = []
    for fmt, content in (("csv", writers.csv_bytes(TABLE, rows)), ("parquet", writers.parquet_bytes(TABLE, rows))):
        files[f"data/{TABLE.name}.{fmt}"] = content
        resources.append(package._resource(TABLE, fmt, content))
    files["datapackage.json"] = package.json_bytes({"name": "roundtrip", "resources": resources,
                                                    "parkwatch:files": package.file_list(files)})
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return folder


def loaded_rows(frame: pd.DataFrame) -> list[dict]:
    out = []
    for record in frame.astype(object).to_dict("records"):
        out.append({k: (None if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)
                        else v.date() if isinstance(v, pd.Timestamp) else v) for k, v in record.items()})
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(ROW, max_size=8))
def test_pandas_gets_back_the_rows_written(rows: list[dict], tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = write_package(tmp_path_factory.mktemp("pkg"), rows)
    frame = parkwatch.read_table(TABLE.name, folder)
    assert loaded_rows(frame) == [{"id": i, **row} for i, row in enumerate(rows, 1)]
    assert frame["amount"].map(type).isin([Decimal]).sum() == sum(r["amount"] is not None for r in rows)


TRICKY = [
    {"text": ' "quoted", with comma ', "amount": Decimal("123456789.123456"), "flag": True,
     "day": dt.date(2024, 2, 29), "level": "beta"},
    {"text": "NA", "amount": Decimal("-0.000001"), "flag": False, "day": dt.date(1900, 1, 1), "level": None},
    {"text": "两行\n文本\u3000", "amount": None, "flag": None, "day": None, "level": "alpha"},
    {"text": None, "amount": Decimal("600000000"), "flag": True, "day": dt.date(2200, 12, 31), "level": "gamma"},
    {"text": "", "amount": Decimal("0"), "flag": False, "day": dt.date(2000, 1, 1), "level": "alpha"},
]


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="Rscript is not installed (Debian: r-base-core)")
def test_r_reads_tricky_text_and_numbers_like_pandas(tmp_path: Path, r_library: dict[str, str]) -> None:
    folder = write_package(tmp_path / "pkg", TRICKY)
    out = tmp_path / "r.json"
    result = subprocess.run(["Rscript", "tests/R/dump.R", str(folder), str(out)], cwd=REPO, env=r_library,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    from_r = json.loads(out.read_text(encoding="utf-8"))[TABLE.name]["values"]
    expected = [{"id": i, **row} for i, row in enumerate(TRICKY, 1)]
    assert from_r["text"] == [r["text"] or None for r in expected]  # "" is the schema's missing value
    pandas_text = parkwatch.read_table(TABLE.name, folder)["text"].astype(object)
    assert [None if v is pd.NA else v for v in pandas_text] == from_r["text"]
    assert from_r["amount"] == [None if r["amount"] is None else float(r["amount"]) for r in expected]
    assert from_r["flag"] == [r["flag"] for r in expected]
    assert from_r["day"] == [None if r["day"] is None else r["day"].isoformat() for r in expected]
    assert from_r["level"] == [r["level"] for r in expected]
    assert from_r["id"] == list(range(1, len(TRICKY) + 1))
