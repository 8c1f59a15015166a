"""Re-validation from the cache gives exactly what a full validation gives, and re-checks only what changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parkwatch.validation import batch as parallel
from parkwatch.validation.discover import discover
from parkwatch.validation.pipeline import validate

from .test_cases import INVALID, make_project, overlay


def dicts(report) -> list[dict]:
    return [p.as_dict() for p in report.problems]


def codes(report) -> list[str]:
    """The problem codes, without the note that the quotes went unchecked (these projects have no texts)."""
    return [p.code for p in report.problems if p.code != "evidence.quotes-unchecked"]


@pytest.fixture
def warm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A valid project whose full validation has filled a fresh cache."""
    monkeypatch.setenv("PARKWATCH_CACHE_DIR", str(tmp_path / "cache"))
    project = make_project(tmp_path / "project")
    shutil.rmtree(project / "texts")  # re-validation serves runs without the source texts (see pipeline.py)
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


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files each run parses and schema-checks in full, in order."""
    loaded: list[str] = []
    real = parallel.load_docs
    monkeypatch.setattr(parallel, "load_docs", lambda reads: loaded.extend(r.file.display for r in reads) or real(reads))
    return loaded


def every_file() -> list[str]:
    return sorted(f.display for f in discover(Path("."))[0])


def test_one_changed_file_is_rechecked_alone(warm: Path, parsed: list[str]) -> None:
    park = warm / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("value: 634", "value: 635"), encoding="utf-8")
    quick = validate(Path("."), full=False)
    assert parsed == ["annotations/parks/demo-park.yaml"]
    assert quick.index is None  # it holds summaries for the other files
    assert codes(quick) == ["evidence.number-mismatch"]
    assert dicts(quick) == dicts(validate(Path(".")))


def test_a_changed_vocabulary_means_a_full_run(warm: Path, parsed: list[str]) -> None:
    kinds = warm / "annotations" / "vocabularies" / "kinds.yaml"
    kinds.write_text(kinds.read_text(encoding="utf-8").replace("{id: htz,", "{id: hitech,"), encoding="utf-8")
    quick = validate(Path("."), full=False)
    assert sorted(parsed) == every_file()  # the changed file first, then every other, each once
    assert parsed[0] == "annotations/vocabularies/kinds.yaml"
    assert codes(quick) == ["ref.unknown-term"]


def test_a_new_park_id_means_a_full_run(warm: Path, parsed: list[str]) -> None:
    park = warm / "annotations" / "parks" / "demo-high-tech-zone.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("id: demo-high-tech-zone", "id: renamed-zone"),
                    encoding="utf-8")
    quick = validate(Path("."), full=False)
    assert sorted(parsed) == every_file()  # other files' references to it may now fail
    assert sorted(codes(quick)) == ["id.file-name", "ref.unknown-park"]
    assert dicts(quick) == dicts(validate(Path(".")))


def test_a_changed_note_reuses_every_other_file(warm: Path, parsed: list[str]) -> None:
    park = warm / "annotations" / "parks" / "demo-high-tech-zone.yaml"
    park.write_text(park.read_text(encoding="utf-8") + "notes: a note\n", encoding="utf-8")
    assert validate(Path("."), full=False).valid
    assert parsed == ["annotations/parks/demo-high-tech-zone.yaml"]


def test_without_the_cache_there_is_no_quick_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  parsed: list[str]) -> None:
    monkeypatch.setenv("PARKWATCH_NO_CACHE", "1")
    project = make_project(tmp_path / "p")
    monkeypatch.chdir(project)
    for _ in range(2):
        parsed.clear()
        report = validate(Path("."), full=False)
        assert report.valid and report.index is not None
        assert sorted(parsed) == every_file()


def test_a_park_turned_into_a_redirect_is_seen_by_the_files_that_name_it(warm: Path) -> None:
    zone = warm / "annotations" / "parks" / "demo-high-tech-zone.yaml"
    zone.write_text("id: demo-high-tech-zone\nreplaced_by: demo-park\nreason: Merged.\n", encoding="utf-8")
    quick = validate(Path("."), full=False)
    assert [(p.location.file, p.code) for p in quick.problems if p.code != "evidence.quotes-unchecked"] == [
        ("annotations/parks/demo-park.yaml", "ref.redirected")]
    assert dicts(quick) == dicts(validate(Path(".")))


def test_a_tampered_summary_entry_means_a_full_check_of_that_file(warm: Path) -> None:
    import pickle
    import sqlite3

    from parkwatch.validation import cache

    park = warm / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("value: 634", "value: 635"), encoding="utf-8")
    expected = dicts(validate(Path(".")))  # the cache now holds every file's entry, this one's problem too
    def tampered(row: tuple) -> tuple:  # right context, wrong shape
        summary, valid, text, problems, context, quoted, part = row
        return summary, valid, text, 5 if problems else "not a list", context, quoted, part

    db = sqlite3.connect(cache.folder() / "files-v1.sqlite")
    with db:
        for key, blob in db.execute("SELECT key, value FROM summaries").fetchall():
            db.execute("UPDATE summaries SET value = ? WHERE key = ?", (pickle.dumps(tampered(pickle.loads(blob))), key))
        for key, blob in db.execute("SELECT key, value FROM runs").fetchall():  # the record of the last run too
            seen = {shown: (sign, file_key, tampered(row)) for shown, (sign, file_key, row) in pickle.loads(blob).items()}
            db.execute("UPDATE runs SET value = ? WHERE key = ?", (pickle.dumps(seen), key))
    db.close()
    assert dicts(validate(Path("."), full=False)) == expected
