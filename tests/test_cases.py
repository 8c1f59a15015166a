"""Golden invalid cases: each folder in tests/cases/invalid/ overlays files on the base project and
lists, in expected.txt, exactly the problems `validate` must report (`file:line code`, errors only)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from parkwatch.validation.pipeline import validate

from .conftest import CASES, make_project

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())


def expected(case: Path) -> list[str]:
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def overlay(case: Path, project: Path) -> None:
    for path in sorted(case.rglob("*")):
        relative = path.relative_to(case)
        if relative.parts[0] == "expected.txt" or path.is_dir() and not path.is_symlink():
            continue
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        if path.is_symlink():
            target.symlink_to(os.readlink(path))
        else:
            shutil.copyfile(path, target)
    for line in (case / "delete.txt").read_text().splitlines() if (case / "delete.txt").exists() else []:
        doomed = project / line.strip()
        shutil.rmtree(doomed) if doomed.is_dir() else doomed.unlink(missing_ok=True)  # gone already: fine
    (project / "delete.txt").unlink(missing_ok=True)


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    overlay(case, project)
    monkeypatch.chdir(project)
    report = validate(Path("."), sources=Path("texts"))
    got = sorted(f"{p.location.file}:{p.location.line} {p.code}" for p in report.problems
                 if p.severity.value == "error")
    assert got == expected(case)
    assert not report.valid


def test_there_are_many_cases() -> None:
    assert len(INVALID) >= 30


def test_base_project_is_valid(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    report = validate(Path("."), sources=Path("texts"))
    assert [p.code for p in report.problems] == []
