"""verify: a whole package passes; missing, stray, altered and inconsistent files are each reported."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from parkwatch.building.build import build
from parkwatch.published.verify import verify
from parkwatch.releasing.archive import write_archive

from .test_cli import run


@pytest.fixture
def package(project: Path) -> Path:
    assert build(project).written
    return project / "datapackage"


def codes(path: Path) -> list[tuple[str, str]]:
    return [(p.code, p.location.file) for p in verify(path)]


def rewrite(package: Path, name: str, content: bytes) -> None:
    """Replace a file and record its new size and hash, as a careless hand edit might."""
    (package / name).write_bytes(content)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    stated = {"bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest()}
    for resource in descriptor["resources"]:
        if resource["path"] == name and "hash" in resource:
            resource.update(stated)
    descriptor["parkwatch:files"][name] = stated
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")


def test_a_built_package_verifies(package: Path) -> None:
    assert verify(package) == []
    assert verify(package.parent) == []  # the project folder names its package


def test_changed_bytes_are_caught(package: Path) -> None:
    path = package / "data" / "parks.csv"
    path.write_bytes(path.read_bytes().replace(b"Demonstration", b"Demo"))
    assert codes(package) == [("verify.bytes", "data/parks.csv"), ("verify.hash", "data/parks.csv")]


def test_missing_and_stray_files(package: Path) -> None:
    (package / "data" / "kinds.parquet").unlink()
    (package / "notes.txt").write_text("x", encoding="utf-8")
    assert codes(package) == [("verify.missing-file", "data/kinds.parquet"), ("verify.stray-file", "notes.txt")]


def test_csv_and_parquet_must_hold_the_same_rows(package: Path) -> None:
    csv = (package / "data" / "targets.csv").read_bytes()
    rewrite(package, "data/targets.csv", csv.replace(b",600000000,", b",600000001,"))
    [problem] = verify(package)
    assert (problem.code, problem.location.file) == ("verify.csv-parquet-mismatch", "data/targets.parquet")
    assert "field value" in problem.message


def test_csv_that_does_not_fit_its_schema(package: Path) -> None:
    csv = (package / "data" / "targets.csv").read_bytes()
    rewrite(package, "data/targets.csv", csv.replace(b",600000000,", b",six,"))
    assert [p.code for p in verify(package)] == ["verify.csv-unreadable"]


def test_release_archive_and_its_sums(package: Path) -> None:
    project = package.parent
    archive, _ = write_archive(project, "1.0.0")
    assert verify(archive) == []
    result = run("verify", str(archive), cwd=project)
    assert (result.returncode, result.stdout) == (0, "no problems found\n")
    (archive.parent / "SHA256SUMS").write_text("0" * 64 + "  " + archive.name + "\n", encoding="utf-8")
    assert [p.code for p in verify(archive)] == ["verify.archive-hash"]
    broken = archive.parent / "broken.zip"
    broken.write_bytes(b"not a zip")
    result = run("verify", str(broken), cwd=project)
    assert result.returncode == 1 and "verify.not-zip" in result.stdout and "Traceback" not in result.stderr


def test_cli_verify_exit_codes(package: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    (copy / "schemas" / "parks.json").unlink()
    result = run("verify", str(copy), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["verify.missing-file"]


def test_verify_json_output_is_the_library_result(package: Path) -> None:
    from parkwatch.base.problems import Report
    from parkwatch.cli.render import as_json

    rewrite(package, "data/targets.csv", (package / "data" / "targets.csv").read_bytes() + b"\n")
    (package / "schemas" / "parks.json").write_bytes(b"{}")
    result = run("verify", str(package), "--format", "json", "--lang", "zh", cwd=package.parent)
    assert result.returncode == 1
    library = verify(package)
    assert library and json.loads(result.stdout) == json.loads(as_json(Report(library), lang="zh"))
    assert "{detail}" not in result.stdout and "bytes" not in json.loads(result.stdout)["problems"][0]["message"]
