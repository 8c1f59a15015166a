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
from typing import Any

from ..base.problems import Problem
from . import cache, checks
from .batch import Read
from .index import Doc, counted_quotes, pick
from .parse import Loaded

TABLE = "summaries"


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


def context(docs: list[Doc]) -> bytes:
    """The hash of what the file checks read of other files (the file order included)."""
    wanted = checks.context_reads()
    digest = hashlib.sha256(cache.salt())
    for doc in docs:
        paths = wanted.get(doc.file.kind)
        if paths is not None:
            whole = () in paths  # the index keeps only valid vocabularies: validity is read too
            digest.update(repr((doc.file.kind, doc.schema_valid if whole else None, pick(doc.data, paths))).encode())
    return digest.digest()


def _row_key(key: bytes) -> bytes:
    return hashlib.sha256(cache.salt() + key).digest()


def cached(reads: list[Read]) -> dict[int, Entry]:
    """The cached entries of the files read, by position; nothing when any file could not be read."""
    folder = cache.folder()
    if folder is None or not all(r.key for r in reads):
        return {}
    store = cache.Store(folder, TABLE)
    rows = store.get(_row_key(r.key) for r in reads)
    store.close()
    out = {}
    for i, r in enumerate(reads):
        entry = _entry(rows.get(_row_key(r.key)))
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
    assert isinstance(read.raw, bytes)
    return Doc(read.file, Loaded(read.file.path, read.file.display, None, entry.summary, []),
               schema_valid=entry.valid, key=read.key, raw=read.raw if entry.text else None)


def remember(reads: list[Read], fresh: dict[int, tuple[Doc, list[Problem]]], ctx: bytes) -> None:
    """Cache the freshly checked files' summaries and own problems; keep every current file's entry."""
    folder = cache.folder()
    if folder is None or not fresh or not all(r.key for r in reads):
        return
    kept = checks.summary_reads()
    rows = {_row_key(reads[i].key): vars(Entry(summary(doc, kept), doc.schema_valid, doc.loaded.text is not None,
                                               own, ctx, counted_quotes(doc)))
            for i, (doc, own) in fresh.items()}
    store = cache.Store(folder, TABLE)
    store.put(rows, {_row_key(r.key) for r in reads})
    store.close()
