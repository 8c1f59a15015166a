"""The validation sequence: every file discovered and read once per run, and a cache that follows the code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import parkwatch
from parkwatch.validation import cache
from parkwatch.validation.pipeline import validate

from .conftest import CASES, REPO
from .test_cases import make_project, overlay

SRC = Path(parkwatch.__file__).resolve().parent


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Every read of an annotation file's bytes, and every listing of an annotation folder, by path."""
    seen: dict[str, list[str]] = {"read": [], "listed": []}
    real_read, real_list = Path.read_bytes, os.scandir

    def read_bytes(path: Path) -> bytes:
        if path.suffix == ".yaml":
            seen["read"].append(str(path))
        return real_read(path)

    def scandir(path=None):
        if path is not None and "annotations" in Path(path).parts:
            seen["listed"].append(str(path))
        return real_list(path) if path is not None else real_list()

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    return seen


def _once(seen: dict[str, list[str]], project: Path) -> None:
    read, listed = list(seen["read"]), list(seen["listed"])
    files = ["package.yaml", *(str(p.relative_to(project)) for p in sorted((project / "annotations").rglob("*.yaml")))]
    assert sorted(read) == sorted(files), "every file read exactly once"
    assert len(listed) == len(set(listed)) == 3, "every folder listed exactly once"
    seen["read"].clear()
    seen["listed"].clear()


def test_every_file_is_discovered_and_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               counted: dict[str, list[str]]) -> None:
    monkeypatch.setenv("PARKWATCH_CACHE_DIR", str(tmp_path / "cache"))
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    counted["read"].clear()
    counted["listed"].clear()  # copying the project lists folders too
    cold = validate(Path("."), full=False)
    _once(counted, project)
    assert validate(Path("."), full=False).problems == cold.problems  # every file cached
    _once(counted, project)
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8") + "notes: one file changed\n", encoding="utf-8")
    assert validate(Path("."), full=False).valid
    _once(counted, project)
    kinds = project / "annotations" / "vocabularies" / "kinds.yaml"
    kinds.write_text(kinds.read_text(encoding="utf-8").replace("{id: htz,", "{id: hitech,"), encoding="utf-8")
    fallback = validate(Path("."), full=False)  # the context changed: every file is checked again
    assert [p.code for p in fallback.problems] == ["ref.unknown-term"]
    _once(counted, project)
    assert [p.code for p in validate(Path("."), sources=Path("texts")).problems] == ["ref.unknown-term"]
    _once(counted, project)


def test_the_salt_covers_every_module_validation_runs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    code = ("import sys, parkwatch; parkwatch.validate('.', cached=True); "
            "print('\\n'.join(sorted(m.__file__ for n, m in sys.modules.items() if n.split('.')[0] == 'parkwatch' "
            "and getattr(m, '__file__', None))))")
    env = {**os.environ, "PARKWATCH_CACHE_DIR": str(tmp_path / "cache")}
    loaded = subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True,
                            check=True).stdout.split()
    covered = {str(p) for p in cache.modules()}
    ran = {f for f in loaded if "/validation/" in f or "/base/" in f}
    assert ran and ran <= covered
    assert {str(p) for p in (SRC / "base" / "catalogue").glob("*.py")} <= covered


@pytest.mark.parametrize("module", cache.modules(), ids=lambda p: p.relative_to(SRC).as_posix())
def test_a_change_to_any_module_changes_the_salt(module: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.salt.__wrapped__()
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: real(p) + (b"\n# changed\n" if p == module else b""))
    assert cache.salt.__wrapped__() != before


def _copy_of_the_package(target: Path) -> Path:
    """A copy of the installed package, with the repository's schemas where a source checkout has them."""
    shutil.copytree(SRC, target / "src" / "parkwatch", ignore=shutil.ignore_patterns("__pycache__"))
    (target / "schemas").symlink_to(REPO / "schemas")
    return target / "src"


def test_a_severity_change_reaches_a_warm_cache(tmp_path: Path) -> None:
    lib = _copy_of_the_package(tmp_path / "copy")
    project = make_project(tmp_path / "project")
    overlay(CASES / "invalid" / "date-impossible", project)
    env = {**os.environ, "PYTHONPATH": str(lib), "PARKWATCH_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("PARKWATCH_NO_CACHE", None)
    library = ("import json, parkwatch; r = parkwatch.validate('.', cached=True); "
               "print(json.dumps([(p.code, p.severity.value) for p in r.problems]))")

    def severities() -> tuple[list, list]:
        cli = subprocess.run([sys.executable, "-m", "parkwatch", "validate", "--format", "json"], cwd=project,
                             env=env, capture_output=True, text=True, timeout=120)
        call = subprocess.run([sys.executable, "-c", library], cwd=project, env=env, capture_output=True, text=True,
                              timeout=120, check=True)
        return ([(p["code"], p["severity"]) for p in json.loads(cli.stdout)["problems"]],
                [tuple(p) for p in json.loads(call.stdout)])

    assert severities() == ([("date.impossible", "error")],) * 2
    assert severities() == ([("date.impossible", "error")],) * 2  # now from the warm cache
    records = lib / "parkwatch" / "base" / "catalogue" / "records.py"
    text = records.read_text(encoding="utf-8")
    old = """T("Check the month and day.", "请检查月份和日期。"),"""
    assert old in text
    records.write_text(text.replace(old, old + ' severity="warning",'), encoding="utf-8")
    assert severities() == ([("date.impossible", "warning")],) * 2


def _other_park_broken(project: Path) -> Path:
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("kind: industrial_park", "kind: industrial_prak"),
                    encoding="utf-8")
    return project / "annotations" / "parks" / "demo-high-tech-zone.yaml"


def test_naming_the_project_and_a_file_reports_the_whole_project(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    clean = _other_park_broken(project).relative_to(project)
    monkeypatch.chdir(project)
    whole = parkwatch.validate(".", [".", str(clean)])
    assert [(p.location.file, p.code) for p in whole.problems] == [("annotations/parks/demo-park.yaml",
                                                                    "ref.unknown-term")]
    assert parkwatch.validate(".", [str(clean)]).valid  # the file alone shows only its own problems
    env = {**os.environ, "PARKWATCH_CACHE_DIR": str(tmp_path / "cache")}
    for args, code in (([".", str(clean)], 1), ([str(clean), "."], 1), ([str(clean)], 0)):
        result = subprocess.run([sys.executable, "-m", "parkwatch", "validate", "--format", "json", *args],
                                cwd=project, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == code, result.stderr
        shown = [(p["file"], p["code"]) for p in json.loads(result.stdout)["problems"]]
        assert shown == ([] if code == 0 else [("annotations/parks/demo-park.yaml", "ref.unknown-term")])
