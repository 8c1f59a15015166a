"""Atomic output: one writer per project (a lock), the package written beside its place and swapped
in, and a release staged in full (a journal) before any of it lands; never half-written."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import Iterator

from ..base.layout import JOURNAL, OUTPUT
from ..published.integrity import read_tree
from ..published.lock import Busy, project_lock

__all__ = ["Busy", "apply_journal", "differences", "project_lock", "stage", "write_atomic"]

_TEMP_PREFIX = ".datapackage.tmp-"
_OLD_PREFIX = ".datapackage.old-"
_PLAN = "plan.json"  # written last: a journal without it was never complete, and is dropped


def differences(expected: dict[str, bytes], folder: Path) -> list[str]:
    """What differs between the files a build would write and what `folder` holds."""
    actual = read_tree(folder)
    out = [f"missing: {name}" for name in expected if name not in actual]
    out += [f"differs: {name}" for name in expected if name in actual and actual[name] != expected[name]]
    out += [f"not built from the annotations: {name}" for name in actual if name not in expected]
    return sorted(out, key=lambda line: line.split(": ", 1)[1])


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def write_atomic(target: Path, files: dict[str, bytes]) -> None:
    """Write `files` into a fresh folder beside `target`, then swap it in: never a half-written package."""
    parent = target.parent
    for old in sorted(parent.glob(_OLD_PREFIX + "*")):  # a build killed between its two renames
        if not target.exists():
            os.rename(old, target)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for leftover in parent.glob(_TEMP_PREFIX + "*"):  # half-written by a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=parent))
    try:
        for name, content in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        staging.chmod(0o755)
        if target.exists() and _exchange(staging, target):
            shutil.rmtree(staging)
            return
        if target.exists():  # no atomic exchange here: two renames, the old package kept until the end
            old = Path(tempfile.mkdtemp(prefix=_OLD_PREFIX, dir=parent))
            os.rmdir(old)
            os.rename(target, old)
            os.rename(staging, target)
            shutil.rmtree(old)
        else:
            os.rename(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def stage(project: Path, files: dict[str, bytes], package: dict[str, bytes]) -> Path:
    """Write every file of a change into the project's journal, then mark it complete (its plan)."""
    journal = project / JOURNAL
    shutil.rmtree(journal, ignore_errors=True)
    for name, content in files.items():
        _write(journal / "files" / name, content)
    for name, content in package.items():
        _write(journal / "package" / name, content)
    _write(journal / (_PLAN + ".tmp"), json.dumps({"files": sorted(files), "package": bool(package)}).encode())
    os.replace(journal / (_PLAN + ".tmp"), journal / _PLAN)  # the commit point
    return journal


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C waits until the journal has landed (a few renames); SIGKILL is covered by the rerun."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def apply_journal(project: Path) -> bool:
    """Land a complete journal, or drop an incomplete one; every step can run again after a kill.

    True when a complete journal was found (and has now landed).
    """
    with _uninterrupted():
        return _apply(project)


def _apply(project: Path) -> bool:
    journal = project / JOURNAL
    if not journal.is_dir():
        return False
    if not (journal / _PLAN).is_file():
        shutil.rmtree(journal, ignore_errors=True)
        return False
    plan = json.loads((journal / _PLAN).read_text(encoding="utf-8"))
    for name in plan["files"]:
        staged, target = journal / "files" / name, project / name
        if staged.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
    new, old, target = journal / "package", journal / "package-old", project / OUTPUT
    if plan["package"] and new.is_dir():
        if target.exists() and not old.exists():
            os.rename(target, old)  # the new package is whole beside it: the old one goes only now
        os.rename(new, target)
    shutil.rmtree(journal)
    return True
