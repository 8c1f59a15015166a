"""Process fan-out: how many processes to use, and whether work can be shared with a forked one."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Iterator


def workers() -> int:
    """Worker processes to use: PARKWATCH_WORKERS, else the cores this process may run on."""
    setting = os.environ.get("PARKWATCH_WORKERS", "")
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def die_with_parent(parent: int) -> None:
    """In a worker: end when the parent does, even when it is killed and can clean nothing up; end at once
    and quietly on Ctrl-C, which reaches every process of the group, and leave the parent to report it.

    A forked worker holds both ends of the pool's pipes, so a dead parent never shows as a closed
    pipe: without this, a worker writing its results would wait for ever.
    """
    signal.signal(signal.SIGINT, _quietly)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent ended before the request above
        os._exit(1)


def _quietly(signum: int, frame: object) -> None:
    os._exit(128 + signum)


def pool(processes: int, context=None) -> ProcessPoolExecutor:
    """A pool of forked workers that end with this process, however it ends."""
    context = context or multiprocessing.get_context("fork")
    return ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=die_with_parent,
                               initargs=(os.getpid(),))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run a block with Python's cycle collector off.

    Loading and checking a large project makes millions of objects that all live to the end; the
    collector would walk them again and again (a quarter of the time, measured) and free nothing.
    Cyclic garbage made meanwhile is freed by the collector's first run after the block. Nested blocks
    leave it to the outer one.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def taken(counter, count: int) -> Iterator[int]:
    """Numbers below `count`, each handed to whichever process asks first: `counter` is a
    multiprocessing Value shared by forked processes, so each number is taken exactly once."""
    while True:
        with counter.get_lock():
            number = counter.value
            counter.value += 1
        if number >= count:
            return
        yield number
