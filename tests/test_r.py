"""The R reader: its testthat tests, and agreement with pandas on every table of the package."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import parkwatch

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "datapackage"
R_PACKAGES = ("jsonlite", "readr", "testthat", "digest")


def _r_missing() -> str:
    if shutil.which("Rscript") is None:
        return "Rscript is not installed (Debian: apt-get install r-base-core)"
    code = f"cat(setdiff(c({', '.join(repr(p) for p in R_PACKAGES)}), rownames(installed.packages())))"
    result = subprocess.run(["Rscript", "-e", code], capture_output=True, text=True, timeout=120)
    missing = result.stdout.split()
    if result.returncode or missing:
        return "R packages missing: " + " ".join(missing or ["(could not ask R)"]) + \
            " (Debian: apt-get install " + " ".join(f"r-cran-{p}" for p in missing) + ")"
    return ""


MISSING = _r_missing()
pytestmark = pytest.mark.skipif(bool(MISSING), reason=MISSING)


def rscript(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["Rscript", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_testthat_suite_passes(r_library: dict[str, str]) -> None:
    result = rscript(r_library, "-e", 'testthat::test_dir("R/tests/testthat", package = "parkwatch", '
                     'load_package = "installed", stop_on_failure = TRUE)')
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_exports_read_parkwatch_only(r_library: dict[str, str]) -> None:
    result = rscript(r_library, "-e", 'cat(getNamespaceExports("parkwatch"))')
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["read_parkwatch"]


# What each pandas dtype must be in R.
R_CLASS = {"string": "character", "Int64": "integer", "boolean": "logical", "datetime64[s]": "Date",
           "category": "factor", "object": "numeric"}


def _plain(value: object) -> object:
    """A pandas cell as JSON from R would hold it."""
    if value is None or pd.isna(value):  # NA, NaT, and the NaN of a missing category
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (bool, int, float)):
        return value
    return str(value)


def test_r_and_pandas_read_the_same_tables(tmp_path: Path, r_library: dict[str, str]) -> None:
    out = tmp_path / "r.json"
    result = rscript(r_library, "tests/R/dump.R", str(PACKAGE), str(out))
    assert result.returncode == 0, result.stderr
    from_r = json.loads(out.read_text(encoding="utf-8"))
    frames = parkwatch.read_package(PACKAGE)
    assert list(from_r) == list(frames)
    for name, frame in frames.items():
        r = from_r[name]
        assert r["nrow"] == [len(frame)], name
        assert {c: v[0] for c, v in r["classes"].items()} == {c: R_CLASS[str(t)] for c, t in frame.dtypes.items()}
        for column in frame.columns:
            if isinstance(frame[column].dtype, pd.CategoricalDtype):
                assert r["levels"][column] == list(frame[column].cat.categories), (name, column)
            expected = [_plain(v) for v in frame[column].astype(object)]
            assert r["values"][column] == expected, (name, column)


def test_the_comparison_sees_dates_and_money() -> None:
    """Guard: the package compared above holds the types the comparison is meant to cover."""
    targets = parkwatch.read_table("targets", PACKAGE)
    assert isinstance(targets["deadline_end"].dropna().iloc[0].date(), dt.date)
    assert isinstance(targets["value"].iloc[0], Decimal)
