"""The built package checked by an independent validator: frictionless-py."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import frictionless
import pytest

from parkwatch.building.build import build


def errors(descriptor: Path) -> list[tuple[str, str]]:
    """Every error frictionless-py finds, none filtered: Parquet resources carry no bytes/hash it cannot check."""
    report = frictionless.validate(str(descriptor))
    out = []
    for task in report.tasks:
        out += [(task.name, error.type) for error in task.errors]
    out += [("package", e.type) for e in report.errors]
    return out


@pytest.fixture
def built_project(project: Path) -> Path:
    assert build(project).written
    return project


def test_frictionless_finds_the_package_valid(built_project: Path) -> None:
    assert errors(built_project / "datapackage" / "datapackage.json") == []


def test_frictionless_checks_the_keys(built_project: Path) -> None:
    """A broken foreign key is caught, so the keys are really declared and checked."""
    package_dir = built_project / "datapackage"
    targets = package_dir / "data" / "targets.csv"
    targets.write_bytes(targets.read_bytes().replace(b"\ndemo-park,", b"\nno-such-park,"))
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:  # keep the hash right, so only the key is wrong
        if resource["path"] == "data/targets.csv":
            resource["bytes"] = len(targets.read_bytes())
            resource["hash"] = "sha256:" + hashlib.sha256(targets.read_bytes()).hexdigest()
    (package_dir / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    found = errors(package_dir / "datapackage.json")
    assert ("targets", "foreign-key") in found


def test_frictionless_checks_the_hashes(built_project: Path) -> None:
    parks = built_project / "datapackage" / "data" / "parks.csv"
    parks.write_bytes(parks.read_bytes().replace(b"Demonstration", b"Demolition"))
    assert ("parks", "hash-count") in errors(built_project / "datapackage" / "datapackage.json")


def test_repository_package_is_valid() -> None:
    descriptor = Path(__file__).resolve().parents[1] / "datapackage" / "datapackage.json"
    assert errors(descriptor) == []
