"""Process fan-out: how many processes to use, and whether work can be shared with a forked one."""

from __future__ import annotations

import multiprocessing
import os


def workers() -> int:
    """Worker processes to use: PARKWATCH_WORKERS, else the cores this process may run on."""
    setting = os.environ.get("PARKWATCH_WORKERS", "")
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a forked process, which inherits this one's memory, can share the work."""
    return workers() > 1 and "fork" in multiprocessing.get_all_start_methods()
