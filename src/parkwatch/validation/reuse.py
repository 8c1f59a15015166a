"""Re-validation: which files' cached results still hold, and what to cache for the next run.

After a validation, each file's own problems (load, schema, and the file checks') are
cached with the file's summary (what the checks declare they read of it, see
checks/registry.py), under the file's content key and the hash of the context: what the
file checks read of other files. A file's entry can be reused when its bytes are
unchanged and the context hash is the same; the pipeline decides the rest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base.problems import Problem
from . import cache, checks
from .batch import Read, Signature
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


def summary(doc: Doc, reads: dict[str, frozenset] | None = None) -> Any:
    """What the checks read of a file when it is not the one being checked."""
    return pick(doc.data, (checks.summary_reads() if reads is None else reads).get(doc.file.kind, ()))


def context(docs: list[Doc], texts: bytes = b"") -> bytes:
    """The hash of what the file checks read of other files (the file order included), and of the
    source texts at hand (their identity, see sources.Archive)."""
    wanted = checks.context_reads()
    digest = hashlib.sha256(cache.salt() + texts)
    for doc in docs:
        paths = wanted.get(doc.file.kind)
        if paths is not None:
            whole = () in paths  # the index keeps only valid vocabularies: validity is read too
            digest.update(repr((doc.file.kind, doc.schema_valid if whole else None, pick(doc.data, paths))).encode())
    return digest.digest()


def _row_key(key: bytes) -> bytes:
    return hashlib.sha256(cache.salt() + key).digest()


# What the last run of a project saw of each file, by path shown: its signature, its key, its entry.
LastRun = dict[str, tuple[Signature, bytes, Any]]


def _run_key(project: Path) -> bytes:
    return hashlib.sha256(cache.salt() + b"run\0" + str(project.resolve()).encode()).digest()


def last_run(project: Path) -> LastRun:
    """What the last run of this project cached about its files; empty without a cache, or with a broken one."""
    folder = cache.folder()
    if folder is None:
        return {}
    store = cache.Store(folder, RUNS)
    found = store.get([_run_key(project)]).get(_run_key(project))
    store.close()
    return found if isinstance(found, dict) else {}


def known(last: LastRun) -> dict[str, tuple[Signature, bytes]]:
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
    if not isinstance(row, dict):
        return None
    try:
        entry = Entry(**row)
    except TypeError:
        return None
    shaped = (isinstance(entry.valid, bool) and isinstance(entry.text, bool) and isinstance(entry.context, bytes)
              and isinstance(entry.problems, list) and all(isinstance(p, Problem) for p in entry.problems)
              and isinstance(entry.quoted, dict))
    return entry if shaped else None


def stub(read: Read, entry: Entry) -> Doc:
    """An unchanged file: its summary stands for its data; its text locates the problems found in it."""
    return Doc(read.file, Loaded(read.file.location, read.file.display, None, entry.summary, []),
               schema_valid=entry.valid, key=read.key, raw=(lambda: read.raw) if entry.text else None)


def remember(project: Path, reads: list[Read], fresh: dict[int, tuple[Doc, list[Problem]]],
             entries: dict[int, Entry], ctx: bytes, last: LastRun) -> None:
    """Cache the freshly checked files' summaries and own problems, and what this run saw of every file."""
    folder = cache.folder()
    if folder is None or not all(r.key for r in reads):
        return
    kept = checks.summary_reads()
    rows = {i: vars(Entry(summary(doc, kept), doc.schema_valid, doc.loaded.text is not None, own, ctx,
                          counted_quotes(doc)))
            for i, (doc, own) in fresh.items()}
    if rows:
        store = cache.Store(folder, TABLE)
        store.put({_row_key(reads[i].key): row for i, row in rows.items()}, len(reads),
                  lambda: {_row_key(r.key) for r in reads})
        store.close()
    rows.update((i, vars(entry)) for i, entry in entries.items())
    seen = {r.file.display: (r.signature, r.key, rows[i]) for i, r in enumerate(reads)
            if r.signature is not None and i in rows}
    if fresh or known(last) != {display: s[:2] for display, s in seen.items()}:
        store = cache.Store(folder, RUNS)
        store.put({_run_key(project): seen}, 1, lambda: [_run_key(project)])
        store.close()
