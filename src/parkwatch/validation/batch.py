"""Parse and schema-check many files: cached results first, the rest on every core, in chunks.

The results are the same, in the same order, whether they come from the cache, from
worker processes or from a plain loop; only the time differs.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base.fanout import pool, taken, workers
from ..base.layout import VOCABULARIES
from ..base.problems import Problem
from . import cache, checks, schema
from .discover import AnnotationFile
from .index import Doc, Index
from .parse import Loaded, decode_text, load_bytes, read_file
from .schema import SchemaError

# Below this many files to parse, starting worker processes costs more than it saves.
MIN_PARALLEL = 400
CHUNK = 250
# When a check has fewer files than this to check, a second process for the cross-record checks costs
# more than it saves.
MIN_PARALLEL_CHECKS = 2000
# How much of an even share this process parses itself (see _run).
PARENT_SHARE = 1.0
# What a file costs to parse besides its bytes, in bytes' worth.
PER_FILE = 400


@dataclass
class Checked:
    """One file's per-file result: what loading gave, and its schema errors."""

    loaded: Loaded
    errors: list[SchemaError]
    key: bytes = b""  # the cache key of the file's bytes; empty when it could not be read


def _check_bytes(display: str, schema_name: str, raw: bytes) -> tuple[Any, list[Problem], list[SchemaError], bool]:
    """Data, load problems, schema errors, and whether the bytes decoded as text."""
    loaded = load_bytes(Path(display), display, raw)
    errors = schema.check(schema_name, loaded.data) if loaded.data is not None else []
    return loaded.data, loaded.problems, errors, loaded.text is not None


def _check_chunk(jobs: list[tuple[str, str, bytes]]) -> list[tuple[Any, list[Problem], list[SchemaError], bool]]:
    return [_check_bytes(*job) for job in jobs]


def _pickled_chunk(jobs: list[tuple[str, str, bytes]]) -> list[bytes]:
    """In a worker: each result pickled on its own, so this process can keep the bytes in the cache as they
    came, rather than pickle them all again."""
    return [pickle.dumps(result, protocol=5) for result in _check_chunk(jobs)]


def _run(jobs: list[tuple[str, str, bytes]], processes: int) -> list[tuple[Any, bytes | None]]:
    """Each job's result, and its pickled bytes when a worker made it."""
    if processes <= 1 or len(jobs) < MIN_PARALLEL:
        return [(result, None) for result in _check_chunk(jobs)]
    for name in {j[1] for j in jobs}:  # compile before forking, so workers inherit the validators
        schema.fast_validator(name)
    # Shares are by size, not by count: a park file is several times the size of a registry entry.
    # This process takes a share too: a result sent back costs about a third of parsing it again
    # (pickling, then unpickling here), so the workers get only what this process cannot do.
    # A worker per process allowed besides this one, which parses a share too and unpickles what the
    # workers send back: on 2 cores, 3 processes finish sooner than 2 (3.0 s against 3.7 s at 10,000 parks).
    helpers = processes
    weights = [len(job[2]) + PER_FILE for job in jobs]
    mine, own = sum(weights) * PARENT_SHARE / (helpers + 1), 0
    while own < len(jobs) and mine > 0:
        mine -= weights[own]
        own += 1
    theirs = jobs[own:]
    size = max(1, min(CHUNK, len(theirs) // (helpers * 4)))
    chunks = [theirs[i:i + size] for i in range(0, len(theirs), size)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with pool(helpers, context) as workers_pool:
        pending = workers_pool.map(_pickled_chunk, chunks)
        results: list[tuple[Any, bytes | None]] = [(result, None) for result in _check_chunk(jobs[:own])]
        return results + [(pickle.loads(blob), blob) for chunk in pending for blob in chunk]


class Read:
    """One file's bytes (or why they cannot be read) and the cache key of those bytes.

    A file the last run saw, whose signature (see cache.signature) is unchanged since, keeps the key the
    last run gave its bytes, and is read only if something needs its bytes: to locate a problem found
    in it, or to parse it again.
    """

    __slots__ = ("file", "key", "signature", "_raw")

    def __init__(self, file: AnnotationFile, raw: bytes | Loaded | None, key: bytes = b"",
                 signature: cache.Signature | None = None):
        self.file = file
        self.key = key  # empty when the file could not be read
        self.signature = signature  # None: not to be trusted next time (see cache.signature)
        self._raw = raw

    @property
    def raw(self) -> bytes | Loaded:
        if self._raw is None:
            self._raw = read_file(self.file.path, self.file.display)
        return self._raw


def read(files: list[AnnotationFile], known: dict[str, tuple[cache.Signature, bytes]] | None = None) -> list[Read]:
    """Every file read once and keyed for the caches, except those `known` from the last run (by path
    shown: their signature then and their key) whose signature is the same now."""
    known = known or {}
    now = time.time_ns()
    out = []
    for f in files:
        try:
            sign = cache.signature(os.stat(f.location), now)
        except OSError:
            sign = None
        last = known.get(f.display)
        if sign is not None and last is not None and last[0] == sign:
            out.append(Read(f, None, last[1], sign))
            continue
        raw = read_file(f.path, f.display)
        out.append(Read(f, raw, cache.key(raw, f.display, schema_name(f)) if isinstance(raw, bytes) else b"",
                        sign if isinstance(raw, bytes) else None))
    return out


# Results parsed but not yet in the cache: `save` stores them, once the build has started its second
# process, so that writing them overlaps with its work.
_unsaved: list[tuple[Path | None, dict[bytes, Any]]] = []


def save() -> None:
    """Store the results parsed since the last call in the cache."""
    while _unsaved:
        folder, entries = _unsaved.pop()
        store = cache.Store(folder)
        store.put(entries)
        store.close()


def check_files(reads: list[Read]) -> list[Checked]:
    """Load and schema-check files already read, in order: cached results first, the rest on every core
    (stored in the cache by `save`; its stale entries are dropped by reuse.remember, which sees every file)."""
    keys = [r.key for r in reads]
    folder = cache.folder()
    store = cache.Store(folder)
    cached = store.get(k for k in keys if k)
    store.close()  # not held open across the fork of the workers
    todo = [i for i, k in enumerate(keys) if k and k not in cached]
    fresh = _run([(reads[i].file.display, schema_name(reads[i].file), reads[i].raw) for i in todo], workers())
    if fresh:
        _unsaved.append((folder, {keys[i]: cache.Pickled(blob) if blob is not None else result
                                  for i, (result, blob) in zip(todo, fresh)}))
    results = {keys[i]: result for i, (result, _) in zip(todo, fresh)}
    results.update(cached)
    out: list[Checked] = []
    for r in reads:
        if not isinstance(r.raw, bytes):
            out.append(Checked(r.raw, []))
            continue
        data, problems, errors, decoded = results[r.key]
        text = decode_text(r.raw) if decoded else None
        out.append(Checked(Loaded(r.file.path, r.file.display, text, data, list(problems)), list(errors), r.key))
    return out


Job = tuple[checks.Check, Index]  # a check, and the index it runs over
_shared: tuple[list[Job], Any] | None = None  # the jobs and the shared counter a forked process inherits


def _take_checks() -> dict[int, list[Problem]]:
    """Run checks, each taken by number from the counter shared with the other process, until none is left."""
    assert _shared is not None
    jobs, counter = _shared
    done: dict[int, list[Problem]] = {}
    for number in taken(counter, len(jobs)):
        fn, index = jobs[number]
        done[number] = list(fn(index))
    return done


def run_checks(jobs: list[Job]) -> list[list[Problem]]:
    """Each job's problems, in order. On a large project a forked process, which inherits the
    indexes, shares the jobs with this one, each taking the next job not yet taken."""
    global _shared
    if (len(jobs) < 2 or min(len(index.docs) for _, index in jobs) < MIN_PARALLEL_CHECKS or workers() < 2
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [list(fn(index)) for fn, index in jobs]
    context = multiprocessing.get_context("fork")
    _shared = (jobs, context.Value("i", 0))
    try:
        with pool(1, context) as workers_pool:
            future = workers_pool.submit(_take_checks)
            found = _take_checks()
            found.update(future.result())
    finally:
        _shared = None
    return [found[n] for n in range(len(jobs))]


def schema_name(file: AnnotationFile) -> str:
    """The schema a file is checked against."""
    return schema.schema_for_vocabulary(file.stem) if file.kind == VOCABULARIES else file.kind


def load_docs(reads: list[Read]) -> list[tuple[Doc, list[Problem]]]:
    """Each file read parsed and schema-checked, as a Doc with its own load and schema problems."""
    out: list[tuple[Doc, list[Problem]]] = []
    for file, result in zip((r.file for r in reads), check_files(reads)):
        loaded, errors = result.loaded, result.errors
        doc = Doc(file, loaded, schema_valid=loaded.data is not None and not errors, key=result.key)
        own = list(loaded.problems)
        own.extend(doc.problem(e.code, e.path, key=e.key, hint=e.hint, at_char=e.char, **e.params) for e in errors)
        out.append((doc, own))
    return out
