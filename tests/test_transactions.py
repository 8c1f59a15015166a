"""All or nothing: two builds at once, and release and download killed at many points.

Each kill is a real SIGKILL in a child process, counted over the file operations the command
makes; after it, whatever runs next finds the old state or the finished one, never a mix.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parkwatch.building.build import build
from parkwatch.building.output import apply_journal
from parkwatch.published.integrity import read_tree
from parkwatch.published.verify import verify
from parkwatch.releasing.archive import archive_bytes, release_files
from parkwatch.releasing.release import release

from .test_cli import run
from .test_release import commit_and_tag, git

REPO = Path(__file__).resolve().parents[1]

# Pauses a build at its first fsync (mid-write of the staging folder) until a flag file appears.
PAUSED_BUILD = r"""
import os, sys, time
from pathlib import Path
project, ready, go = map(Path, sys.argv[1:4])
real = os.fsync
def paused(fd):
    if not go.exists():
        ready.touch()
        while not go.exists():
            time.sleep(0.02)
    real(fd)
os.fsync = paused
from parkwatch.building.build import build
result = build(project)
sys.exit(0 if result.written else 1)
"""

# Counts the file operations of a command and SIGKILLs itself at the Nth (never, when N is 0).
KILLER = r"""
import os, signal, sys, json
from pathlib import Path
limit = int(sys.argv[1])
interrupt = len(sys.argv) > 3 and sys.argv[3] == "interrupt"
count = [0]
def tick():
    count[0] += 1
    if count[0] == limit:
        if interrupt:  # Ctrl-C, as Python sees it
            raise KeyboardInterrupt
        os.kill(os.getpid(), signal.SIGKILL)
for name in ("replace", "rename", "fsync", "mkdir"):
    real = getattr(os, name)
    def counted(*args, _real=real, **kwargs):
        tick()
        return _real(*args, **kwargs)
    setattr(os, name, counted)
import shutil
real_copy = shutil.copyfileobj
def copy(*args, **kwargs):
    tick()
    return real_copy(*args, **kwargs)
shutil.copyfileobj = copy
command = json.loads(sys.argv[2])
import parkwatch
if command[0] == "release":
    result = parkwatch.release(command[1], date=command[2])
    assert result.problems == [], result.problems
else:
    from parkwatch.published.download import download
    download(command[1], Path(command[2]), base_url=command[3])
print(count[0])
"""


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a project but its git store."""
    return {name: content for name, content in read_tree(folder).items() if not name.startswith(".git/")}


@pytest.fixture
def repo(project: Path) -> Path:
    for name in ("README.md", "LICENSE", "LICENSE-DATA", "CHANGELOG.md", "CITATION.cff"):
        shutil.copy(REPO / name, project / name)
    (project / ".gitignore").write_text("dist/\n", encoding="utf-8")
    git(project, "init", "-q")
    assert build(project).written
    commit_and_tag(project)
    return project


def test_a_second_build_refuses_while_one_is_mid_write_and_neither_loses_files(project: Path,
                                                                               tmp_path: Path) -> None:
    assert build(project).written
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("Demonstration Industrial Park", "Demo Park"),
                    encoding="utf-8")
    script, ready, go = tmp_path / "paused.py", tmp_path / "ready", tmp_path / "go"
    script.write_text(PAUSED_BUILD)
    first = subprocess.Popen([sys.executable, str(script), str(project), str(ready), str(go)])
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        staging = list(project.glob(".datapackage.tmp-*"))
        assert staging  # the first build is writing its staging folder
        refused = run("build", cwd=project, PARKWATCH_LOCK_WAIT="0")
        assert refused.returncode == 3
        assert "[build.busy]" in refused.stdout and "another build is running" in refused.stdout
        assert all(folder.is_dir() for folder in staging)  # never deleted under a live build
        waiting = subprocess.Popen([sys.executable, "-m", "parkwatch", "build"], cwd=project,
                                   env={**os.environ, "PARKWATCH_LOCK_WAIT": "120"},
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1)
        assert waiting.poll() is None  # it waits for the lock
        go.touch()
        assert first.wait(timeout=120) == 0
        assert waiting.wait(timeout=120) == 0, waiting.communicate()
    finally:
        go.touch()
        first.wait(timeout=120)
    assert verify(project / "datapackage") == []
    assert not list(project.glob(".datapackage.*"))
    assert b"Demo Park" in (project / "datapackage" / "data" / "parks.csv").read_bytes()


def _killed(limit: int, command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PARKWATCH_CACHE_DIR": str(cwd.parent / f"{cwd.name}-cache")}  # the same work each time
    return subprocess.run([sys.executable, "-c", KILLER, str(limit), command], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env=env)


def _spread(total: int, count: int) -> list[int]:
    """About `count` kill points from the first operation to the last, the last few always."""
    points = {1 + (total - 1) * i // (count - 1) for i in range(count)} | {total - 2, total - 1}
    return sorted(p for p in points if 1 <= p <= total)


def test_release_killed_anywhere_leaves_the_old_state_or_the_finished_release(repo: Path, tmp_path: Path) -> None:
    import json

    pristine = tree(repo)
    reference = tmp_path / "reference"
    shutil.copytree(repo, reference)
    counted = _killed(0, json.dumps(["release", str(reference), "2026-12-01"]), reference)
    assert counted.returncode == 0, counted.stderr
    finished = tree(reference)
    assert finished != pristine and "releases/1.0.0/datapackage.json" in finished
    total = int(counted.stdout.split()[-1])
    seen = set()
    for limit in _spread(total, 8):
        copy = tmp_path / f"killed-{limit}"
        shutil.copytree(repo, copy)
        killed = _killed(limit, json.dumps(["release", str(copy), "2026-12-01"]), copy)
        assert killed.returncode == -9, (limit, killed.stderr)
        apply_journal(copy)  # what the next build or release does first
        after = tree(copy)
        assert after in (pristine, finished), limit
        seen.add("old" if after == pristine else "new")
        rerun = release(copy, date="2026-12-01")  # a rerun finishes the job, or says it is done
        assert [p.code for p in rerun.problems] in ([], ["release.no-changes"])
        assert tree(copy) == finished, limit
    assert seen == {"old", "new"}  # kills landed both before and after the point of no return


def test_download_killed_anywhere_leaves_nothing_half_written(tmp_path: Path) -> None:
    import json

    version = "3.2.1"
    www = tmp_path / "www" / version
    www.mkdir(parents=True)
    content = archive_bytes(release_files(REPO), f"parkwatch-data-{version}")
    (www / f"parkwatch-data-{version}.zip").write_bytes(content)
    (www / "SHA256SUMS").write_text(f"{hashlib.sha256(content).hexdigest()}  parkwatch-data-{version}.zip\n")
    base = (tmp_path / "www").as_uri() + "/{version}"
    env_cache = tmp_path / "counting-cache"
    command = json.dumps(["download", version, str(tmp_path / "counted"), base])
    counted = subprocess.run([sys.executable, "-c", KILLER, "0", command], capture_output=True, text=True,
                             env={**os.environ, "PARKWATCH_CACHE_DIR": str(env_cache)}, timeout=300)
    assert counted.returncode == 0, counted.stderr
    assert verify(tmp_path / "counted") == []  # a `download --to` folder verifies, licences and all
    total = int(counted.stdout.split()[-1])
    for limit in _spread(total, 6):
        cache, target = tmp_path / f"cache-{limit}", tmp_path / f"to-{limit}"
        env = {**os.environ, "PARKWATCH_CACHE_DIR": str(cache)}
        command = json.dumps(["download", version, str(target), base])
        killed = subprocess.run([sys.executable, "-c", KILLER, str(limit), command], capture_output=True,
                                text=True, env=env, timeout=300)
        assert killed.returncode == -9, (limit, killed.stderr)
        assert not target.exists() or verify(target) == []
        assert not (cache / version).exists() or verify(cache / version) == []
        again = subprocess.run([sys.executable, "-c", KILLER, "0", command], capture_output=True, text=True,
                               env=env, timeout=300)
        if target.exists() and again.returncode != 0:  # finished before the kill: the folder is taken
            assert "not empty" in again.stderr or "FileExistsError" in again.stderr
        else:
            assert again.returncode == 0, (limit, again.stderr)
        assert verify(target) == []
        assert [p.name for p in tmp_path.glob(f".to-{limit}.tmp-*")] == []
        assert [p.name for p in cache.iterdir() if p.name.startswith(".") and "tmp" in p.name] == []


def test_release_interrupted_by_ctrl_c_leaves_the_old_state_or_the_finished_release(repo: Path,
                                                                                     tmp_path: Path) -> None:
    import json

    pristine = tree(repo)
    reference = tmp_path / "reference"
    shutil.copytree(repo, reference)
    counted = _killed(0, json.dumps(["release", str(reference), "2026-12-01"]), reference)
    finished, total = tree(reference), int(counted.stdout.split()[-1])
    for limit in _spread(total, 4):
        copy = tmp_path / f"interrupted-{limit}"
        shutil.copytree(repo, copy)
        env = {**os.environ, "PARKWATCH_CACHE_DIR": str(tmp_path / f"interrupted-{limit}-cache")}
        interrupted = subprocess.run([sys.executable, "-c", KILLER, str(limit),
                                      json.dumps(["release", str(copy), "2026-12-01"]), "interrupt"],
                                     cwd=copy, capture_output=True, text=True, timeout=300, env=env)
        assert interrupted.returncode != 0 and "KeyboardInterrupt" in interrupted.stderr, limit
        apply_journal(copy)
        assert tree(copy) in (pristine, finished), limit


def test_the_printed_commit_holds_every_file_the_release_changed(repo: Path) -> None:
    result = run("release", "--date", "2026-12-01", cwd=repo)
    assert result.returncode == 0, result.stderr
    [command] = [line[len("next: "):] for line in result.stdout.splitlines() if line.startswith("next: ")]
    env = {**os.environ, "GIT_AUTHOR_NAME": "P", "GIT_AUTHOR_EMAIL": "p@example.org",
           "GIT_COMMITTER_NAME": "P", "GIT_COMMITTER_EMAIL": "p@example.org"}
    subprocess.run(command, shell=True, cwd=repo, check=True, capture_output=True, env=env)
    assert git(repo, "status", "--porcelain") == ""
    assert "CITATION.cff" in git(repo, "show", "--name-only", "--format=", "HEAD").split()
