"""Re-validation: which files' cached results still hold, and what to cache for the next run.

After a validation, each file's own problems (load, schema, and the file checks') are
cached with the file's summary (what the checks declare they read of it, see
checks/registry.py), under the file's content key and the hash of the context: what the
file checks read of other files. A file's entry can be reused when its bytes are
unchanged and the context hash is the same; the pipeline decides the rest.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..base.problems import Problem
from . import cache, checks
from .batch import Read
from .index import Doc, counted_quotes, pick
from .parse import Loaded

TABLE = "summaries"
RUNS = "runs"  # one row per project: what its last run saw


@dataclass
class Entry:
    """A file's cache entry: its summary, its own problems, and the context they hold in."""

    summary: Any
    valid: bool
    text: bool  # whether the bytes decoded as text (a stub then carries it, to locate problems)
    problems: list[Problem]
    context: bytes
    quoted: dict[str, int]  # evidence quotes by source id: the note on unchecked quotes counts them
    part: bytes  # what the file adds to the context hash (see `context`), so a stub need not work it out

    def row(self) -> tuple:
        """The entry as the cache keeps it."""
        return self.summary, self.valid, self.text, self.problems, self.context, self.quoted, self.part


_FIELDS = tuple(f.name for f in fields(Entry))


def summary(doc: Doc, reads: dict[str, frozenset] | None = None) -> Any:
    """What the checks read of a file when it is not the one being checked."""
    return pick(doc.data, (checks.summary_reads() if reads is None else reads).get(doc.file.kind, ()))


def context(docs: list[Doc], texts: bytes = b"", parts: dict[int, bytes] | None = None) -> bytes:
    """The hash of what the file checks read of other files (the file order included), and of the
    source texts at hand (their identity, see sources.Archive). `parts`: what docs at those positions
    add, known from their cache entries."""
    wanted = checks.context_reads()
    parts = parts or {}
    digest = hashlib.sha256(cache.salt() + texts)
    for i, doc in enumerate(docs):
        part = parts.get(i)
        digest.update(part if part is not None else _part(doc, wanted))
    return digest.digest()


def _part(doc: Doc, wanted: dict[str, frozenset[tuple[str, ...]]]) -> bytes:
    """What one file adds to the context hash: the parts of it the file checks read, if any."""
    paths = wanted.get(doc.file.kind)
    if paths is None:
        return b""
    whole = () in paths  # the index keeps only valid vocabularies: validity is read too
    return repr((doc.file.kind, doc.schema_valid if whole else None, pick(doc.data, paths))).encode()


def _row_key(key: bytes) -> bytes:
    return hashlib.sha256(cache.salt() + key).digest()


# What the last run of a project saw of each file, by path shown: its signature, its key, its entry.
LastRun = dict[str, tuple[cache.Signature, bytes, Any]]


# The record is kept in this many parts, by path: a run that changed one file rewrites one part.
SHARDS = 16


def _shard(display: str) -> int:
    return zlib.crc32(display.encode()) % SHARDS


def _run_keys(project: Path) -> list[bytes]:
    """The keys of the parts of a project's record."""
    base = hashlib.sha256(cache.salt() + b"run\0" + str(project.resolve()).encode()).digest()
    return [hashlib.sha256(base + bytes([n])).digest() for n in range(SHARDS)]


def last_run(project: Path) -> LastRun:
    """What the last run of this project cached about its files; empty without a cache, or with a broken
    one (a missing or broken part loses only its files: they are read again)."""
    folder = cache.folder()
    if folder is None:
        return {}
    keys = _run_keys(project)
    store = cache.Store(folder, RUNS)
    found = store.get(keys)
    store.close()
    out: LastRun = {}
    for key in keys:
        part = found.get(key)
        if isinstance(part, dict):
            out.update(part)
    return out


def known(last: LastRun) -> dict[str, tuple[cache.Signature, bytes]]:
    """The signature and key the last run saw of each file, as batch.read takes them."""
    return {display: (seen[0], seen[1]) for display, seen in last.items()
            if isinstance(seen, tuple) and len(seen) == 3 and isinstance(seen[1], bytes)}


def cached(reads: list[Read], last: LastRun | None = None) -> dict[int, Entry]:
    """The cached entries of the files read, by position; nothing when any file could not be read.

    An entry comes from the last run's record when the file's key is the one recorded there, else
    from the entries kept by key (a file changed back, another checkout).
    """
    folder = cache.folder()
    if folder is None or not all(r.key for r in reads):
        return {}
    last = last or {}
    rows: dict[int, Any] = {}
    for i, r in enumerate(reads):
        seen = last.get(r.file.display)
        if isinstance(seen, tuple) and len(seen) == 3 and seen[1] == r.key:
            rows[i] = seen[2]
    missing = [i for i in range(len(reads)) if i not in rows]
    if missing:
        store = cache.Store(folder, TABLE)
        by_key = store.get(_row_key(reads[i].key) for i in missing)
        store.close()
        rows.update((i, by_key.get(_row_key(reads[i].key))) for i in missing)
    out = {}
    for i, row in rows.items():
        entry = _entry(row)
        if entry is not None:
            out[i] = entry
    return out


def _entry(row: Any) -> Entry | None:
    """A cached row as an Entry, or None for one of another shape (an older or tampered cache)."""
    if type(row) is not tuple or len(row) != len(_FIELDS):
        return None
    entry = Entry(*row)
    shaped = (type(entry.valid) is bool and type(entry.text) is bool and type(entry.context) is bytes
              and type(entry.part) is bytes and type(entry.problems) is list and type(entry.quoted) is dict
              and all(isinstance(p, Problem) for p in entry.problems))
    return entry if shaped else None


def stub(read: Read, entry: Entry) -> Doc:
    """An unchanged file: its summary stands for its data; its text locates the problems found in it."""
    return Doc(read.file, Loaded(read.file.location, read.file.display, None, entry.summary, []),
               schema_valid=entry.valid, key=read.key, raw=(lambda: read.raw) if entry.text else None)


def remember(project: Path, reads: list[Read], fresh: dict[int, tuple[Doc, list[Problem]]],
             entries: dict[int, Entry], ctx: bytes, before: dict[str, tuple[cache.Signature, bytes]]) -> None:
    """Cache the freshly checked files' summaries and own problems, and what this run saw of every file
    (`before`: what the last run saw, see `known`)."""
    folder = cache.folder()
    if folder is None or not all(r.key for r in reads):
        return
    kept, wanted = checks.summary_reads(), checks.context_reads()
    rows = {i: Entry(summary(doc, kept), doc.schema_valid, doc.loaded.text is not None, own, ctx,
                     counted_quotes(doc), _part(doc, wanted)).row()
            for i, (doc, own) in fresh.items()}
    store = cache.Store(folder, TABLE)
    try:
        if rows:
            store.put({_row_key(reads[i].key): row for i, row in rows.items()})
            store.prune(len(reads), lambda: {_row_key(r.key) for r in reads})
            # The parsed files: this run saw every file, so it knows which are gone.
            store.using(cache.FILES).prune(len(reads), lambda: {r.key for r in reads})
        # The parts of the record to write again: those with a file checked now, seen differently, or gone.
        kept_files = [i for i, r in enumerate(reads) if r.signature is not None and (i in rows or i in entries)]
        shown = {reads[i].file.display for i in kept_files}
        changed = ({_shard(reads[i].file.display) for i in fresh} | {_shard(d) for d in before.keys() - shown}
                   | {_shard(reads[i].file.display) for i in kept_files
                      if before.get(reads[i].file.display) != (reads[i].signature, reads[i].key)})
        if changed:
            keys = _run_keys(project)
            parts: dict[bytes, LastRun] = {keys[n]: {} for n in changed}
            for i in kept_files:
                r = reads[i]
                part = parts.get(keys[_shard(r.file.display)])
                if part is not None:
                    part[r.file.display] = (r.signature, r.key, rows[i] if i in rows else entries[i].row())
            runs = store.using(RUNS)
            runs.put(parts)
            runs.prune(SHARDS, lambda: keys)
    finally:
        store.close()
