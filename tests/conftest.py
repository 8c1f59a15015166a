"""Shared fixtures: a small valid project built from tests/cases/base and the real vocabularies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
SHARED_SOURCES = REPO.parent / "shared" / "sources"


def make_project(target: Path) -> Path:
    """A valid project: the base case's parks, source and text, with the repository's vocabularies."""
    shutil.copytree(CASES / "base", target, dirs_exist_ok=True)
    shutil.copytree(REPO / "annotations" / "vocabularies", target / "annotations" / "vocabularies",
                    dirs_exist_ok=True)
    return target


def generated_project(target: Path, parks: int) -> Path:
    """A project as benchmarks/generate.py makes it, with `parks` parks."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)  # type: ignore[union-attr]
    generate.generate(parks, target)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture
def chdir_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    return project


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests keep the per-file cache in a temporary folder, never in the user's cache."""
    import os

    os.environ["PARKWATCH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("PARKWATCH_SOURCES", None)  # each test project's texts/ is its source archive


@pytest.fixture(scope="session")
def r_library(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment for Rscript with the R package in R/ installed (R CMD INSTALL) in a temporary library."""
    import os
    import subprocess

    library = tmp_path_factory.mktemp("r-library")
    result = subprocess.run(["R", "CMD", "INSTALL", f"--library={library}", str(REPO / "R")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    libs = os.pathsep.join(p for p in (str(library), os.environ.get("R_LIBS", "")) if p)
    return {**os.environ, "PARKWATCH_ROOT": str(REPO), "R_LIBS": libs}
