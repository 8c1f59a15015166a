"""Every table's CSV and Parquet bytes; on a large project, shared with a second process.

The tables are made in groups (a derived table with the tables whose rows it reuses), largest
first, each taken by whichever process is free: a counter in shared memory hands them out. The
second process can start as soon as the index is complete (`start`), while validation still
runs its cross-record checks; its work is thrown away if validation fails. The bytes are a
pure function of the index, so the split changes only the time taken.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal

from ..base.fanout import die_with_parent, taken, workers
from ..base.tables import TABLES, Table
from ..validation.index import Index
from . import analysis as table_rows
from . import writers

# Below this many parks a second process costs more than it saves.
MIN_PARALLEL_PARKS = 2000
# Tables made together, so a derived one reuses the rows of those it is made from; largest first
# (CPU seconds at 10,000 parks: targets and analysis_targets 2.2, observations and analysis_observations
# 2.0, parks 1.0, the organisations 0.6). Every other table is a group of its own, after these.
_GROUPS = (("targets", "analysis_targets"), ("observations", "analysis_observations"), ("parks",),
           ("park_locations", "organisations", "park_organisations", "cooperation_parties", "analysis_parties"),
           ("park_aliases",))

Bytes = dict[str, tuple[bytes, bytes, int]]  # (CSV bytes, Parquet bytes, rows) by table name


def table_bytes(table: Table, index: Index, known: table_rows.Known | None = None) -> tuple[bytes, bytes, int]:
    """CSV and Parquet bytes of one table, and its number of rows (`known`: rows to reuse, in table order)."""
    records = table_rows.table_rows(table, index, known)
    return *writers.both(table, records), len(records)


def groups() -> list[list[Table]]:
    """Every table in exactly one group, the big groups first."""
    by_name = {t.name: t for t in TABLES}
    grouped = [[by_name[name] for name in group if name in by_name] for group in _GROUPS]
    taken = {t.name for group in grouped for t in group}
    return [g for g in grouped if g] + [[t] for t in TABLES if t.name not in taken]


def _take(index: Index, jobs: list[list[Table]], counter) -> Bytes:
    """Make groups of tables, each taken by number from the shared counter, until none is left."""
    out: Bytes = {}
    for number in taken(counter, len(jobs)):
        known: table_rows.Known = {}
        for table in jobs[number]:
            out[table.name] = table_bytes(table, index, known)
    return out


class Rendering:
    """Tables being made in a forked process, which hands its bytes over through a pipe when asked."""

    def __init__(self, index: Index):
        self.index, self.jobs = index, groups()
        self.counter = multiprocessing.get_context("fork").Value("i", 0)
        parent = os.getpid()
        reader, writer = os.pipe()
        self.pid: int | None = os.fork()
        if self.pid == 0:  # the second process: make tables, send them, end
            code = 1
            try:
                os.close(reader)
                die_with_parent(parent)
                with os.fdopen(writer, "wb") as sink:
                    pickle.dump(_take(index, self.jobs, self.counter), sink, protocol=5)
                code = 0
            finally:
                os._exit(code)
        os.close(writer)
        self.reader: int | None = reader

    def finish(self) -> Bytes:
        """This process makes what is left, then takes the second process's tables (and makes any it did
        not send: a second process that failed costs time, never tables)."""
        out = _take(self.index, self.jobs, self.counter)
        with os.fdopen(self.reader, "rb") as source:
            self.reader = None
            try:
                theirs = pickle.load(source)
            except (EOFError, pickle.UnpicklingError, OSError):
                theirs = {}
        os.waitpid(self.pid, 0)
        self.pid = None
        out.update(theirs if isinstance(theirs, dict) else {})
        for group in self.jobs:
            known: table_rows.Known = {}
            for table in group:
                if table.name not in out:
                    out[table.name] = table_bytes(table, self.index, known)
        return out

    def stop(self) -> None:
        """End the second process without its tables (validation failed, or the build was interrupted)."""
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = None
        if self.reader is not None:
            os.close(self.reader)
            self.reader = None


def start(index: Index) -> Rendering | None:
    """Start making tables in a second process, on a large project where fork is available; else None."""
    if (len(index.parks) < MIN_PARALLEL_PARKS or workers() < 2
            or "fork" not in multiprocessing.get_all_start_methods()):
        return None
    return Rendering(index)


def all_table_bytes(index: Index, started: Rendering | None = None) -> Bytes:
    """(CSV bytes, Parquet bytes, rows) by table name; `started` is a second process already at work on them."""
    rendering = started if started is not None and started.index is index else start(index)
    if rendering is None:
        known: table_rows.Known = {}
        return {t.name: table_bytes(t, index, known) for t in TABLES}
    try:
        return rendering.finish()
    finally:
        rendering.stop()
