"""The cached and parallel paths give exactly what the plain path gives: problems, order, output bytes."""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parkwatch.building import tablebytes
from parkwatch.building.descriptor import render
from parkwatch.cli.render import RENDERERS
from parkwatch.validation import batch as parallel
from parkwatch.validation import cache, schema
from parkwatch.validation.pipeline import load, validate

from .conftest import REPO, make_project
from .test_cases import INVALID, overlay

_spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated project of 30 parks: as the benchmarks make, only smaller."""
    project = tmp_path_factory.mktemp("generated") / "project"
    generate.generate(30, project)
    return project


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARKWATCH_NO_CACHE", "1")
    monkeypatch.setenv("PARKWATCH_WORKERS", "1")


def _fast(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    monkeypatch.delenv("PARKWATCH_NO_CACHE", raising=False)
    monkeypatch.setenv("PARKWATCH_CACHE_DIR", str(cache_dir))
    monkeypatch.setenv("PARKWATCH_WORKERS", "2")
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)  # small projects go through the pools too
    monkeypatch.setattr(tablebytes, "MIN_PARALLEL_PARKS", 1)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHECKS", 1)


def _outputs(sources: Path | None) -> tuple:
    report = validate(Path("."), sources=sources)
    return report.problems, {name: renderer(report) for name, renderer in RENDERERS.items()}


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_paths_agree_on_golden_cases(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    overlay(case, project)
    monkeypatch.chdir(project)
    _plain(monkeypatch)
    plain = _outputs(Path("texts"))
    assert plain[0], "a golden case has problems"
    _fast(monkeypatch, tmp_path / "cache")
    assert _outputs(Path("texts")) == plain  # cold: parsed by the pool, then stored
    assert _outputs(Path("texts")) == plain  # warm: every file from the cache


def test_changed_file_is_parsed_again(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(generated)
    _fast(monkeypatch, tmp_path / "cache")
    assert validate(Path(".")).problems == []
    with sqlite3.connect(tmp_path / "cache" / "files-v1.sqlite") as db:  # every file was stored
        assert db.execute("SELECT count(*) FROM files").fetchone()[0] == len(list(generated.rglob("*.yaml")))
    park = sorted((generated / "annotations" / "parks").iterdir())[3]
    original = park.read_text(encoding="utf-8")
    try:
        park.write_text(original.replace("kind: ", "kind: not_a_kind_", 1), encoding="utf-8")
        warm = _outputs(None)
        _plain(monkeypatch)
        assert warm == _outputs(None)
        assert [p.code for p in warm[0]] == ["ref.unknown-term"]
    finally:
        park.write_text(original, encoding="utf-8")


def test_build_bytes_identical(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(generated)
    _plain(monkeypatch)
    plain = validate(Path("."), sources=Path("texts"))
    assert plain.problems == []
    expected = render(plain.index)
    _fast(monkeypatch, tmp_path / "cache")
    for _ in range(2):  # cold, then warm
        fast = validate(Path("."), sources=Path("texts"))
        assert render(fast.index) == expected


def test_broken_cache_means_an_uncached_run(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(generated)
    _fast(monkeypatch, tmp_path / "cache")
    validate(Path("."))
    database = tmp_path / "cache" / "files-v1.sqlite"
    with sqlite3.connect(database) as db:  # an entry that would run code when unpickled
        db.execute("UPDATE files SET value = ?", (b"cos\nsystem\n(S'echo owned'\ntR.",))
    assert validate(Path(".")).problems == []
    database.write_bytes(b"not a database")
    assert validate(Path(".")).problems == []


def test_cache_key_depends_on_content_path_and_schema() -> None:
    base = cache.key(b"id: a\n", "annotations/parks/a.yaml", "parks")
    assert base != cache.key(b"id: b\n", "annotations/parks/a.yaml", "parks")
    assert base != cache.key(b"id: a\n", "annotations/parks/b.yaml", "parks")
    assert base != cache.key(b"id: a\n", "annotations/parks/a.yaml", "sources")
    assert base == cache.key(b"id: a\n", "annotations/parks/a.yaml", "parks")


def _schema_verdicts(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool, bool]]:
    monkeypatch.chdir(project)
    _plain(monkeypatch)
    docs, _ = load(Path("."))
    out = []
    for doc in docs:
        if doc.data is None:
            continue
        name = schema.schema_for_vocabulary(doc.file.stem) if doc.file.kind == "vocabularies" else doc.file.kind
        slow = not any(True for _ in schema.validator(name).iter_errors(doc.data))
        out.append((doc.file.display, schema.fast_validator(name).is_valid(doc.data), slow))
    return out


def test_fast_and_full_schema_checks_agree(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    verdicts = _schema_verdicts(generated, monkeypatch)
    for case in INVALID:
        project = make_project(tmp_path / case.name)
        overlay(case, project)
        verdicts += _schema_verdicts(project, monkeypatch)
    disagreements = [v for v in verdicts if v[1] != v[2]]
    assert disagreements == []
    assert any(not v[2] for v in verdicts) and any(v[2] for v in verdicts)  # both verdicts were exercised


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbfid: a\n", b"id: a\n", b"", b"\xef\xbb\xbf", "名称: 园区\n".encode(),
                                 b"\xef\xbb\xbf\xef\xbb\xbfx"])
def test_text_is_decoded_as_utf8_sig(raw: bytes) -> None:
    assert parallel.decode_text(raw) == raw.decode("utf-8-sig")


def _children(pid: int) -> list[int]:
    tasks = Path(f"/proc/{pid}/task")
    return [int(c) for task in tasks.iterdir() for c in (task / "children").read_text().split()]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir() or "fork" not in multiprocessing.get_all_start_methods(),
                    reason="needs Linux /proc and fork")
def test_a_killed_validation_leaves_no_worker_behind(tmp_path: Path) -> None:
    project = tmp_path / "big"
    generate.generate(600, project)  # enough files for a worker process
    env = {**os.environ, "PARKWATCH_NO_CACHE": "1", "PARKWATCH_WORKERS": "2"}
    proc = subprocess.Popen([sys.executable, "-m", "parkwatch", "validate"], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and proc.poll() is None and time.monotonic() < deadline:
        workers = _children(proc.pid)
        time.sleep(0.02)
    assert workers, "the run forked no worker"
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in _state(w)]
    for w in left:  # do not leave them running whatever the outcome
        os.kill(w, signal.SIGKILL)
    assert not left


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
