"""Tables made in a second process while validation still checks: the same bytes, nothing left running,
and a second process that fails costs time, never tables."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from parkwatch.building import tablebytes
from parkwatch.building.build import build
from parkwatch.validation import batch

from .conftest import generated_project


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_project(tmp_path_factory.mktemp("early") / "project", 30)


def _package(project: Path) -> dict[str, bytes]:
    root = project / "datapackage"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _children() -> set[int]:
    me = os.getpid()
    found = set()
    for task in Path(f"/proc/{me}/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PARKWATCH_NO_CACHE", "1")
    monkeypatch.setenv("PARKWATCH_WORKERS", "2")
    monkeypatch.setattr(tablebytes, "MIN_PARALLEL_PARKS", 1)
    monkeypatch.setattr(batch, "MIN_PARALLEL", 1)
    monkeypatch.setattr(batch, "MIN_PARALLEL_CHECKS", 1)


def test_tables_started_early_are_the_same_bytes(generated: Path, parallel: None, monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.chdir(generated)
    started: list = []
    real = tablebytes.start

    def counted(index):
        rendering = real(index)
        started.append(rendering)
        return rendering

    monkeypatch.setattr(tablebytes, "start", counted)
    assert build(Path(".")).written
    assert started and started[0] is not None, "the second process started before the checks ended"
    early = _package(generated)
    monkeypatch.setenv("PARKWATCH_WORKERS", "1")
    assert build(Path(".")).written
    assert _package(generated) == early
    assert not _children()


def test_a_failed_validation_stops_the_tables_begun(generated: Path, parallel: None, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(generated, project)
    park = sorted((project / "annotations" / "parks").iterdir())[0]
    park.write_text(park.read_text(encoding="utf-8").replace("kind: ", "kind: not_a_kind_", 1), encoding="utf-8")
    monkeypatch.chdir(project)
    before = _package(project)
    result = build(Path("."))
    assert not result.written and not result.report.valid
    assert _package(project) == before
    assert not _children(), "the second process is gone"


def test_a_second_process_that_dies_costs_no_table(generated: Path, parallel: None,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(generated)
    monkeypatch.setenv("PARKWATCH_WORKERS", "1")
    assert build(Path(".")).written
    expected = _package(generated)
    monkeypatch.setenv("PARKWATCH_WORKERS", "2")
    real = tablebytes.start

    def killed(index):
        rendering = real(index)
        os.kill(rendering.pid, signal.SIGKILL)  # as the kernel's OOM killer would
        return rendering

    monkeypatch.setattr(tablebytes, "start", killed)
    assert build(Path(".")).written
    assert _package(generated) == expected
    assert not _children()


def test_every_table_is_in_exactly_one_group() -> None:
    names = [t.name for group in tablebytes.groups() for t in group]
    assert sorted(names) == sorted(t.name for t in tablebytes.TABLES)
    assert len(names) == len(set(names))


_INTERRUPTED = """
import sys, time
from parkwatch.building import tablebytes, analysis
from parkwatch.validation import batch
tablebytes.MIN_PARALLEL_PARKS = batch.MIN_PARALLEL = batch.MIN_PARALLEL_CHECKS = 1
slow = analysis.table_rows
def table_rows(*args, **kwargs):
    open("making-tables", "w").close()
    time.sleep(0.2)  # long enough to be interrupted while the tables are made
    return slow(*args, **kwargs)
analysis.table_rows = table_rows
from parkwatch.cli import main
sys.argv = ["parkwatch", "build"]
main()
"""


def test_ctrl_c_while_tables_are_made_ends_every_process_quietly(generated: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys
    import time

    project = tmp_path / "project"
    shutil.copytree(generated, project)
    env = {**os.environ, "PARKWATCH_NO_CACHE": "1", "PARKWATCH_WORKERS": "2"}
    before = _package(project)
    process = subprocess.Popen([sys.executable, "-c", _INTERRUPTED], cwd=project, env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (project / "making-tables").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # both processes are making tables now
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, (out, err)
    assert "Traceback" not in err, err
    leftover = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert leftover == []
    assert _package(project) == before


_INTERRUPTED_CHECKS = """
import os, sys, time
from parkwatch.validation import batch
batch.MIN_PARALLEL = batch.MIN_PARALLEL_CHECKS = 1
main_process, parse = os.getpid(), batch._check_chunk
def slow(jobs):
    if os.getpid() == main_process:  # this process parses its share slowly: the workers wait, idle
        open("checking", "w").close()
        time.sleep(3)
    return parse(jobs)
batch._check_chunk = slow
from parkwatch.cli import main
sys.argv = ["parkwatch", "validate"]
main()
"""


def test_ctrl_c_with_idle_workers_is_quiet(generated: Path, tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    env = {**os.environ, "PARKWATCH_NO_CACHE": "1", "PARKWATCH_WORKERS": "2"}
    marker = generated / "checking"
    marker.unlink(missing_ok=True)
    process = subprocess.Popen([sys.executable, "-c", _INTERRUPTED_CHECKS], cwd=generated, env=env,
                               start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    marker.unlink(missing_ok=True)
    assert process.returncode == 130, (out, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout.split() == []
