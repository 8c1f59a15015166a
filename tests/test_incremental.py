"""Re-validation from the cache gives exactly what a full validation gives, and re-checks only what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkwatch.validation import batch as parallel
from parkwatch.validation import reuse as incremental
from parkwatch.validation.discover import discover
from parkwatch.validation.pipeline import validate

from .test_cases import INVALID, make_project, overlay


def dicts(report) -> list[dict]:
    return [p.as_dict() for p in report.problems]


@pytest.fixture
def warm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A valid project whose full validation has filled a fresh cache."""
    monkeypatch.setenv("PARKWATCH_CACHE_DIR", str(tmp_path / "cache"))
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    assert validate(Path(".")).valid
    return project


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_revalidation_equals_full_validation(case: Path, warm: Path) -> None:
    overlay(case, warm)
    quick = validate(Path("."), full=False)  # the case's files are the changed ones
    expected = dicts(validate(Path(".")))
    assert dicts(quick) == expected
    assert dicts(validate(Path("."), full=False)) == expected  # now unchanged, from the cache


def test_one_changed_file_is_rechecked_alone(warm: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    park = warm / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("value: 634", "value: 635"), encoding="utf-8")
    loaded: list[str] = []
    real = parallel.load_docs
    monkeypatch.setattr(parallel, "load_docs", lambda files: loaded.extend(f.display for f in files) or real(files))
    files, _ = discover(Path("."))
    result = incremental.revalidate(files)
    assert result is not None
    assert "annotations/parks/demo-park.yaml" in loaded
    assert "annotations/parks/demo-high-tech-zone.yaml" not in loaded
    codes = [p.code for p in result[0]]
    assert codes == ["evidence.number-mismatch"]
    assert dicts(validate(Path("."), full=False)) == dicts(validate(Path(".")))


def test_a_changed_vocabulary_means_a_full_run(warm: Path) -> None:
    kinds = warm / "annotations" / "vocabularies" / "kinds.yaml"
    kinds.write_text(kinds.read_text(encoding="utf-8").replace("{id: htz,", "{id: hitech,"), encoding="utf-8")
    files, _ = discover(Path("."))
    assert incremental.revalidate(files) is None
    quick = validate(Path("."), full=False)
    assert [p.code for p in quick.problems] == ["ref.unknown-term"]


def test_a_new_park_id_means_a_full_run(warm: Path) -> None:
    park = warm / "annotations" / "parks" / "demo-high-tech-zone.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("id: demo-high-tech-zone", "id: renamed-zone"),
                    encoding="utf-8")
    files, _ = discover(Path("."))
    assert incremental.revalidate(files) is None  # other files' references to it may now fail
    quick = validate(Path("."), full=False)
    assert sorted(p.code for p in quick.problems) == ["id.file-name", "ref.unknown-park"]
    assert dicts(quick) == dicts(validate(Path(".")))


def test_without_the_cache_there_is_no_quick_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARKWATCH_NO_CACHE", "1")
    project = make_project(tmp_path / "p")
    monkeypatch.chdir(project)
    files, _ = discover(Path("."))
    assert incremental.revalidate(files) is None
    assert validate(Path("."), full=False).valid


def test_a_park_turned_into_a_redirect_is_seen_by_the_files_that_name_it(warm: Path) -> None:
    zone = warm / "annotations" / "parks" / "demo-high-tech-zone.yaml"
    zone.write_text("id: demo-high-tech-zone\nreplaced_by: demo-park\nreason: Merged.\n", encoding="utf-8")
    quick = validate(Path("."), full=False)
    assert [(p.location.file, p.code) for p in quick.problems] == [
        ("annotations/parks/demo-park.yaml", "ref.redirected")]
    assert dicts(quick) == dicts(validate(Path(".")))
