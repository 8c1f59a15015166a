"""Re-validation: files whose signature is unchanged are not read, the record of the last run is whole
or ignored, and the quotes are checked file by file with the texts at hand. Every path gives what a
full run gives."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from parkwatch.base import areacodes
from parkwatch.cli.render import RENDERERS
from parkwatch.validation import cache, reuse
from parkwatch.validation.pipeline import validate

from .conftest import make_project
from .test_cases import INVALID, overlay

PARK = Path("annotations/parks/demo-park.yaml")


@pytest.fixture
def trusting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache folder, and signatures trusted however recent the change (files here are seconds old)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.delenv("PARKWATCH_NO_CACHE", raising=False)
    monkeypatch.setenv("PARKWATCH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every read of an annotation file's or a source text's bytes, by path."""
    seen: list[str] = []
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.suffix in (".yaml", ".txt"):
            seen.append(path.as_posix())
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return seen


def _full(sources: Path | None) -> tuple:
    report = validate(Path("."), sources=sources)  # no cache used
    return report.problems, {name: renderer(report) for name, renderer in RENDERERS.items()}


def _cached(sources: Path | None) -> tuple:
    report = validate(Path("."), sources=sources, cached=True)
    return report.problems, {name: renderer(report) for name, renderer in RENDERERS.items()}


def _touch(path: Path) -> None:
    """Change a file's bytes and back: same content, new signature."""
    raw = path.read_bytes()
    path.write_bytes(raw + b"\n")
    path.write_bytes(raw)


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_revalidation_agrees_with_a_full_run_on_golden_cases(case: Path, tmp_path: Path, trusting: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    overlay(case, project)
    monkeypatch.chdir(project)
    for sources in (Path("texts"), None):
        full = _full(sources)
        assert full[0], "a golden case has problems"
        assert _cached(sources) == full  # cold: fills the cache and the record of the run
        assert _cached(sources) == full  # warm: no file read but to locate problems
        own = sorted(p.relative_to(case) for p in case.rglob("*.yaml"))  # the case's files, then two more
        for changed in [*own, *sorted(Path("annotations").rglob("*.yaml"))[:2]]:
            if changed.is_file():
                _touch(changed)
                assert _cached(sources) == full, changed


def test_unchanged_files_are_not_read(tmp_path: Path, trusting: Path, reads: list[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    files = ["package.yaml", *(p.as_posix() for p in sorted(Path("annotations").rglob("*.yaml")))]
    texts = sorted(p.as_posix() for p in Path("texts").glob("*.txt"))
    assert validate(Path("."), cached=True).valid
    assert sorted(reads) == sorted(files + texts), "a cold run reads every file and text once"
    reads.clear()
    assert validate(Path("."), cached=True).valid
    assert reads == [], "a warm run reads nothing"
    PARK.write_text(PARK.read_text(encoding="utf-8") + "notes: one file changed\n", encoding="utf-8")
    assert validate(Path("."), cached=True).valid
    assert sorted(reads) == sorted([PARK.as_posix(), *texts]), "the changed file, and the texts its quotes need"


def test_a_change_that_keeps_size_and_times_is_still_seen(tmp_path: Path, trusting: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    assert validate(Path("."), cached=True).valid
    before = PARK.stat()
    text = PARK.read_text(encoding="utf-8")
    # Same length, same modification time: only the change time (which no one can set) differs.
    PARK.write_text(text.replace("kind: ", "kind: x", 1).replace("\n", "", 1), encoding="utf-8")
    assert PARK.stat().st_size == before.st_size
    os.utime(PARK, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert [p.code for p in validate(Path("."), cached=True).problems] == [p.code for p in _full(None)[0]]
    assert _full(None)[0], "the change is an error"


def test_a_file_changed_just_before_its_run_is_read_on_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               reads: list[str]) -> None:
    monkeypatch.delenv("PARKWATCH_NO_CACHE", raising=False)
    monkeypatch.setenv("PARKWATCH_CACHE_DIR", str(tmp_path / "cache"))
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    assert validate(Path("."), cached=True).valid
    reads.clear()
    assert validate(Path("."), cached=True).valid
    # Every file here changed within the file system's timestamp granularity of the last run: none trusted.
    assert PARK.as_posix() in reads


def test_a_changed_text_is_noticed_and_its_quotes_checked_again(tmp_path: Path, trusting: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    assert validate(Path("."), cached=True).valid
    text = next(Path("texts").glob("*.txt"))
    original = text.read_bytes()
    text.write_bytes(original.replace("。".encode(), "，".encode(), 1) or original + b"x")
    changed = validate(Path("."), cached=True)
    assert "source.sha256-mismatch" in [p.code for p in changed.problems]
    assert changed.problems == _full(Path("texts"))[0]
    text.write_bytes(original)
    assert validate(Path("."), cached=True).problems == _full(Path("texts"))[0] == []


def test_a_broken_record_of_the_last_run_means_files_are_read(tmp_path: Path, trusting: Path, reads: list[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    overlay(INVALID[0], project)
    monkeypatch.chdir(project)
    full = _full(None)
    assert _cached(None) == full
    database = trusting / "files-v1.sqlite"
    shapes = [b"cos\nsystem\n(S'echo owned'\ntR.", b"\x80\x05K\x01.", os.urandom(64)]
    import pickle

    shapes += [pickle.dumps({"annotations/parks/demo-park.yaml": "not a tuple"}),
               pickle.dumps({str(PARK): ((1, 2, 3, 4, 5), b"k" * 32, ("summary", True))}),
               pickle.dumps({PARK.as_posix(): ((0,) * 5, 7, None)})]
    for value in shapes:
        with sqlite3.connect(database) as db:
            db.execute(f"UPDATE {reuse.RUNS} SET value = ?", (value,))
            db.execute(f"UPDATE {reuse.TABLE} SET value = ?", (value,))
        assert _cached(None) == full, value
    database.write_bytes(b"not a database")
    assert _cached(None) == full


def test_a_full_run_records_what_re_validation_needs(tmp_path: Path, trusting: Path, reads: list[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    assert validate(Path("."), sources=Path("texts")).valid  # as build runs it: every file, no cache used
    reads.clear()
    assert validate(Path("."), sources=Path("texts"), cached=True).valid
    assert reads == [], "the files' entries and the texts' sha256 are known for their signatures"


def test_re_validating_one_file_keeps_every_other_files_parse(tmp_path: Path, trusting: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "SLACK", 0)  # as on a project of thousands of files
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    files = 1 + len(list(Path("annotations").rglob("*.yaml")))
    assert validate(Path("."), cached=True).valid

    def stored() -> int:
        with sqlite3.connect(trusting / "files-v1.sqlite") as db:
            return db.execute("SELECT count(*) FROM files").fetchone()[0]

    assert stored() == files
    PARK.write_text(PARK.read_text(encoding="utf-8") + "notes: one file changed\n", encoding="utf-8")
    assert validate(Path("."), cached=True).valid
    assert stored() == files + 1, "the changed file's entry is added; none is dropped"


def test_a_few_division_codes_are_looked_up_as_the_whole_table_has_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(areacodes, "_searches", 0)
    areacodes.table.cache_clear()
    lines = areacodes._text().splitlines()[1:]
    codes = sorted({line.split(",")[0] for line in lines})
    repeated = [c for c in codes if sum(line.startswith(c + ",") for line in lines[:4000]) > 1][:5]
    sample = repeated + codes[:: len(codes) // 20][:20] + ["999999", "", "11", "1101"]
    searched = {code: areacodes.meanings(code) for code in sample}
    assert areacodes.table.cache_info().currsize == 0, "looked up without reading the whole table"
    assert any(len(found) > 1 for found in searched.values()), "codes with several meanings are among them"
    assert searched == {code: areacodes.table().get(code, ()) for code in sample}
    assert areacodes.meanings("110101,") == areacodes.meanings("11\n1") == ()
