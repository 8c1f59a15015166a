"""Every table's CSV and Parquet bytes; on a large project, the biggest tables are made in a second process.

The bytes are a pure function of the index, so the split changes only the time taken.
"""

from __future__ import annotations

import multiprocessing

from ..base.fanout import pool, workers
from ..base.tables import TABLES, Table
from ..validation.index import Index
from . import analysis as table_rows
from . import writers

# Below this many parks a second process costs more than it saves.
MIN_PARALLEL_PARKS = 2000
# Made in the second process: about half of the work on a large project (CPU seconds at 10,000 parks:
# parks 0.9, targets 1.6 and analysis_targets 1.4 here; observations 1.4, analysis_observations 1.3 and
# the rest 0.9 in the first). A derived table goes with the table it is made from, whose rows it reuses.
_SECOND = ("parks", "targets", "analysis_targets")
_shared: Index | None = None  # the index a forked process inherits


def table_bytes(table: Table, index: Index, known: table_rows.Known | None = None) -> tuple[bytes, bytes, int]:
    """CSV and Parquet bytes of one table, and its number of rows (`known`: rows to reuse, in table order)."""
    records = table_rows.table_rows(table, index, known)
    return *writers.both(table, records), len(records)


def _in_child(names: list[str]) -> list[tuple[bytes, bytes, int]]:
    assert _shared is not None
    known: table_rows.Known = {}
    return [table_bytes(t, _shared, known) for t in TABLES if t.name in names]


def all_table_bytes(index: Index) -> dict[str, tuple[bytes, bytes, int]]:
    """(CSV bytes, Parquet bytes, rows) by table name."""
    global _shared
    parallel = (len(index.parks) >= MIN_PARALLEL_PARKS and workers() > 1
                and "fork" in multiprocessing.get_all_start_methods())
    known: table_rows.Known = {}
    if not parallel:
        return {t.name: table_bytes(t, index, known) for t in TABLES}
    second = [t.name for t in TABLES if t.name in _SECOND]
    _shared = index
    try:
        with pool(1) as workers_pool:
            future = workers_pool.submit(_in_child, second)
            out = {t.name: table_bytes(t, index, known) for t in TABLES if t.name not in second}
            out.update(zip(second, future.result()))
    finally:
        _shared = None
    return out
