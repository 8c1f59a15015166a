"""A spinner with the elapsed time on stderr while a slow call runs, only on a terminal."""

from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager
from typing import Iterator

from .options import SETTINGS

# Quick runs stay silent: the spinner appears only once a call has taken this long.
DELAY_SECONDS = 2.0


def wanted() -> bool:
    """Progress goes to a terminal only: never into a pipe, a file or a CI log, nor with --quiet."""
    return not SETTINGS.quiet and sys.stderr.isatty() and os.environ.get("TERM") != "dumb" \
        and os.environ.get("CI") != "true"


@contextmanager
def progress(label: str) -> Iterator[None]:
    """Show `label` with a spinner and the elapsed time on stderr if the block runs longer than the delay."""
    if not wanted():
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    bar.add_task(label, total=None)
    lock = threading.Lock()
    state = {"started": False, "done": False}

    def start() -> None:
        with lock:
            if not state["done"]:
                bar.start()
                state["started"] = True

    delay = float(os.environ.get("PARKWATCH_PROGRESS_DELAY", DELAY_SECONDS))
    timer = threading.Timer(delay, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["started"]:
                bar.stop()
