"""The build: deterministic bytes, atomic replacement, --check, and a package that holds together."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from parkwatch.base.tables import TABLES
from parkwatch.building import output as package
from parkwatch.building.build import build
from parkwatch.published.integrity import read_tree

from .conftest import make_project


def built(project: Path) -> dict[str, bytes]:
    result = build(project)
    assert result.report.valid, [p.as_dict() for p in result.report.problems]
    assert result.written
    return read_tree(project / "datapackage")


def test_two_builds_are_byte_identical(project: Path) -> None:
    first = built(project)
    second = built(project)
    assert first == second
    assert "datapackage.json" in first


def test_bytes_do_not_depend_on_file_order_or_location(project: Path, tmp_path: Path) -> None:
    expected = built(project)
    other = tmp_path / "elsewhere" / "deeper"
    other.mkdir(parents=True)
    # Recreate the annotations in reverse order, so the directory lists them differently.
    for path in sorted((project / "annotations").rglob("*.yaml"), reverse=True):
        target = other / path.relative_to(project)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    shutil.copy(project / "package.yaml", other / "package.yaml")
    assert built(other) == expected


def test_failed_validation_writes_nothing(project: Path) -> None:
    before = built(project)
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("kind: industrial_park", "kind: nonsense"),
                    encoding="utf-8")
    result = build(project)
    assert not result.report.valid and not result.written
    assert read_tree(project / "datapackage") == before


def test_interrupted_write_leaves_previous_package(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = built(project)
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("Demonstration Industrial Park", "Demo Park"),
                    encoding="utf-8")
    real_fsync = package.os.fsync
    calls = {"n": 0}

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(package.os, "fsync", failing_fsync)
    result = build(project)  # a full disk is the tool unable to run: a located problem, not a traceback
    assert [p.code for p in result.refused] == ["build.unwritable"] and not result.written
    assert read_tree(project / "datapackage") == before
    assert not list(project.glob(".datapackage.*"))


def test_leftovers_of_a_killed_build_are_cleared(project: Path) -> None:
    built(project)
    (project / ".datapackage.tmp-killed").mkdir()
    (project / ".datapackage.tmp-killed" / "half.csv").write_text("x")
    built(project)
    assert not list(project.glob(".datapackage.*"))


def test_check_reports_stale_and_stray_files(project: Path) -> None:
    built(project)
    assert build(project, check=True).differences == []
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("Demonstration Industrial Park", "Demo Park"),
                    encoding="utf-8")
    (project / "datapackage" / "stray.txt").write_text("x")
    diffs = build(project, check=True).differences
    assert "differs: data/parks.csv" in diffs
    assert "differs: data/parks.parquet" in diffs
    assert "not built from the annotations: stray.txt" in diffs
    assert "differs: data/targets.csv" not in diffs


def test_descriptor(project: Path) -> None:
    files = built(project)
    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    for key in ("name", "title", "version", "licenses", "sources", "contributors", "keywords"):
        assert descriptor[key], key
    assert "created" not in descriptor  # no release yet: never the clock
    names = [r["name"] for r in descriptor["resources"]]
    assert names == [n for t in TABLES for n in (t.name, f"{t.name}-parquet")]
    listed = descriptor["parkwatch:files"]
    assert sorted(listed) == sorted(name for name in files if name != "datapackage.json")  # every other byte
    for name, content in files.items():
        if name != "datapackage.json":
            assert listed[name] == {"bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest()}
    for resource in descriptor["resources"]:
        content = files[resource["path"]]
        if resource["format"] == "parquet":  # frictionless cannot count Parquet bytes: parkwatch:files covers them
            assert "bytes" not in resource and "hash" not in resource
        else:
            assert resource["bytes"] == len(content)
            assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        schema = json.loads(files[resource["schema"]])
        assert schema["primaryKey"]
        for field in schema["fields"]:
            assert field["description"] and field["description_zh"]


def test_created_comes_from_the_release(project: Path) -> None:
    meta = project / "package.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("created: null", "created: 2022-01-05"),
                    encoding="utf-8")
    descriptor = json.loads(built(project)["datapackage.json"])
    assert descriptor["created"] == "2022-01-05T00:00:00Z"


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"))))


def _parquet_rows(content: bytes) -> list[list[str]]:
    table = pq.read_table(io.BytesIO(content))
    out = [table.column_names]
    for row in table.to_pylist():
        cells = []
        for value in row.values():
            if value is None:
                cells.append("")
            elif isinstance(value, bool):
                cells.append("true" if value else "false")
            elif isinstance(value, Decimal):
                cells.append(format(value.normalize(), "f") if value != 0 else "0")
            else:
                cells.append(str(value))
        out.append(cells)
    return out


def test_csv_and_parquet_hold_the_same_rows(project: Path) -> None:
    files = built(project)
    for table in TABLES:
        csv_rows = _csv_rows(files[f"data/{table.name}.csv"])
        assert csv_rows[0] == table.field_names
        assert _parquet_rows(files[f"data/{table.name}.parquet"]) == csv_rows, table.name


def test_lf_line_endings_and_no_bom(project: Path) -> None:
    files = built(project)
    for name, content in files.items():
        if name.endswith((".csv", ".json")):
            assert b"\r" not in content and not content.startswith(b"\xef\xbb\xbf"), name


def test_money_is_exact_decimal(project: Path) -> None:
    files = built(project)
    table = pq.read_table(io.BytesIO(files["data/targets.parquet"]))
    assert str(table.schema.field("value").type) == "decimal128(38, 6)"
    values = dict(zip(table.column("target_id").to_pylist(), table.column("value").to_pylist()))
    assert values["industrial-investment-2024"] == Decimal("600000000")
    observations = {r["observation_id"]: r for r in _dicts(files["data/observations.csv"])}
    assert observations["land-area"]["value"] == "422666.666667"
    assert observations["land-area"]["value_exact"] == "false"
    assert observations["land-area"]["value_stated"] == "634"


def _dicts(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_rows_sorted_by_primary_key(project: Path) -> None:
    files = built(project)
    targets = _dicts(files["data/targets.csv"])
    assert [t["target_id"] for t in targets] == sorted(t["target_id"] for t in targets)


def test_vocabulary_enums_in_schemas(project: Path) -> None:
    files = built(project)
    parks = json.loads(files["schemas/parks.json"])
    kind = next(f for f in parks["fields"] if f["name"] == "kind")
    assert "industrial_park" in kind["constraints"]["enum"]
    assert {"fields": ["parent_id"], "reference": {"resource": "parks", "fields": ["park_id"]}} \
        in parks["foreignKeys"]


def test_pinyin_is_generated(project: Path) -> None:
    parks = {r["park_id"]: r for r in _dicts(built(project)["data/parks.csv"])}
    assert parks["demo-park"]["name_pinyin"] == "shi fan chan ye yuan"


def test_empty_tables_still_have_headers(project: Path) -> None:
    files = built(project)
    assert _csv_rows(files["data/park_industries.csv"]) == [[f.name for f in
                                                             next(t for t in TABLES if t.name ==
                                                                  "park_industries").fields]]


def test_the_repository_package_is_up_to_date() -> None:
    repo = Path(__file__).resolve().parents[1]
    result = build(repo, check=True)
    assert result.report.valid, [p.as_dict() for p in result.report.problems]
    assert result.differences == []


def test_a_fresh_target_folder_is_created(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    assert not (project / "datapackage").exists()
    assert built(project)
