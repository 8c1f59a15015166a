"""The data dictionary, the citation file, and the polars and DuckDB one-liners of the documentation."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import parkwatch
from parkwatch.base.tables import TABLES

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "datapackage"
DICTIONARY = (PACKAGE / "README.md").read_text(encoding="utf-8")


def code_blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.+?)\n```", text, flags=re.S)


def section(name: str) -> str:
    start = DICTIONARY.index(f"### `{name}`\n")
    end = DICTIONARY.find("\n### ", start + 1)
    return DICTIONARY[start:] if end < 0 else DICTIONARY[start:end]


def test_dictionary_covers_every_table_and_field() -> None:
    for table in TABLES:
        text = section(table.name)
        rows = len((PACKAGE / "data" / f"{table.name}.csv").read_text(encoding="utf-8").splitlines()) - 1
        assert f"- Rows: {rows}\n" in text
        assert f"| [`{table.name}`](#{table.name}) | {rows} |" in DICTIONARY
        assert f"- Primary key: `{', '.join(table.primary_key)}`" in text
        schema = json.loads((PACKAGE / "schemas" / f"{table.name}.json").read_text(encoding="utf-8"))
        for field in schema["fields"]:
            line = next(x for x in text.splitlines() if x.startswith(f"| `{field['name']}` |"))
            assert f"| {field['type']} |" in line
            assert field["description_zh"] in line and field["description"] in line
            for value in field.get("constraints", {}).get("enum", []):
                assert f"`{value}`" in line
        for local, resource, remote in table.foreign_keys:
            assert f"| `{table.name}.{', '.join(local)}` | `{resource}.{', '.join(remote)}` |" in DICTIONARY


def test_dictionary_states_licence_citation_and_loading() -> None:
    meta = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))
    assert meta["licenses"][0]["path"] in DICTIONARY
    assert f"version {meta['version']}" in DICTIONARY
    for reader in ("parkwatch.read_package", "read_parkwatch", "pl.read_parquet", "JOIN 'datapackage/data/"):
        assert reader in DICTIONARY


def test_citation_file_agrees_with_the_package_metadata() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    meta = yaml.safe_load((REPO / "package.yaml").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert (citation["title"], str(citation["version"])) == (meta["title"], str(meta["version"]))
    assert [citation["license"]] == [lic["name"] for lic in meta["licenses"]]
    assert [a["name"] for a in citation["authors"]] == [c["title"] for c in meta["contributors"]]


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def test_readme_polars_one_liner(in_repo: None) -> None:
    pl = pytest.importorskip("polars")
    block = next(b for b in code_blocks((REPO / "README.md").read_text(encoding="utf-8"), "python") if "polars" in b)
    scope: dict = {}
    exec(block, scope)
    targets, expected = scope["targets"], parkwatch.read_table("targets")
    assert targets.columns == list(expected.columns) and targets.height == len(expected)
    assert isinstance(targets.schema["value"], pl.Decimal)
    assert [None if v is None else Decimal(str(v)) for v in targets["value"].to_list()] == list(expected["value"])


def test_readme_duckdb_one_liner_keeps_exact_decimals(in_repo: None) -> None:
    pytest.importorskip("duckdb")
    block = next(b for b in code_blocks((REPO / "README.md").read_text(encoding="utf-8"), "python") if "duckdb" in b)
    scope: dict = {}
    exec(block, scope)
    expected = parkwatch.read_table("targets").merge(parkwatch.read_table("parks"), on="park_id")
    rows = sorted(scope["rows"])
    assert rows == sorted(zip(expected["target_id"], expected["value"], expected["name_zh"]))
    assert all(isinstance(r[1], Decimal) for r in rows if r[1] is not None)  # None: a count word, no number


def test_dictionary_duckdb_query_runs(in_repo: None) -> None:
    duckdb = pytest.importorskip("duckdb")
    (query,) = code_blocks(DICTIONARY, "sql")
    assert len(duckdb.sql(query).fetchall()) == len(parkwatch.read_table("targets"))
