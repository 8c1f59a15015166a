"""One writer at a time: a build or release per project, a download per cache."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Iterator

from ..base.problems import Location, Problem, problem

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; builds there are not guarded against each other
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT_ENV = "PARKWATCH_LOCK_WAIT"  # seconds a second build waits for the first (default 10)


class Busy(Exception):
    """Another build or release holds the project's lock: the tool cannot run now (exit 3)."""

    def __init__(self, project: Path) -> None:
        self.problem: Problem = problem("build.busy", Location(str(project)), path=project)
        super().__init__(self.problem.message)


@contextlib.contextmanager
def project_lock(project: Path, wait: float | None = None) -> Iterator[None]:
    """Hold a folder's lock (a project's, for one build or release); Busy once `wait` seconds pass.

    The lock is the kernel's (flock): it ends with the process, so a killed build leaves none behind.
    """
    if wait is None:
        try:
            wait = float(os.environ.get(LOCK_WAIT_ENV, "10"))
        except ValueError:
            wait = 10.0
    fd = os.open(project, os.O_RDONLY)  # the project folder itself: no lock file to leave or commit
    try:
        deadline = time.monotonic() + wait
        while fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(project) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock
