"""Re-validation that re-checks only what changed.

Most checks depend on one file plus a context shared by all: the vocabularies, the set of
park ids, and the source ids with their dates. After a full validation, each file's own
problems (load, schema, and those checks) are cached with a small summary of the file,
under the file's content hash and the context's hash. The next run reads and hashes every
file, takes unchanged files' problems from the cache, checks only the changed files in
full, and recomputes the few problems that depend on several files (checks.GLOBAL_CODES)
from the summaries. When the context changes, it falls back to a full validation. The
result equals a full validation's; tests compare the two.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..base.layout import PACKAGE, PARKS, REDIRECT, SOURCES, VOCABULARIES
from ..base.problems import Problem
from . import batch, cache, checks
from .discover import AnnotationFile
from .index import Doc, build_index, quoted_sources
from .parse import Loaded, read_file

TABLE = "summaries"


def summary(doc: Doc) -> dict | None:
    """What the multi-file checks and the context need of a file."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    out: dict[str, Any] = {key: data[key] for key in ("id", "vocabulary", "published", REDIRECT, "archive_url") if key in data}
    out["quoted_sources"] = quoted_sources(data)  # for the note that counts the quotes left unchecked
    parent = data.get("parent")
    if isinstance(parent, dict):
        out["parent"] = {"park": parent.get("park")}
    return out


def context(files: list[AnnotationFile], keys: list[bytes], summaries: list[dict | None]) -> bytes:
    """The hash of what a file's own checks read from other files."""
    digest = hashlib.sha256(cache.salt())
    park_ids, sources, records = set(), {}, set()
    for file, key, found in zip(files, keys, summaries):
        if file.kind in (VOCABULARIES, PACKAGE):
            digest.update(file.display.encode() + b"\0" + key)
        elif found is not None and isinstance(found.get("id"), str):
            if REDIRECT in found:  # a redirect is not a live record: references to it are reported
                records.add((file.kind, found["id"], str(found[REDIRECT])))
            elif file.kind == PARKS:
                park_ids.add(found["id"])
            elif file.kind == SOURCES:
                sources.setdefault(found["id"], str(found.get("published")))
            else:  # organisations and persons: only their ids matter to other files
                records.add((file.kind, found["id"], ""))
    digest.update(repr((sorted(park_ids), sorted(sources.items()), sorted(records))).encode())
    return digest.digest()


def _row_key(key: bytes) -> bytes:
    return hashlib.sha256(cache.salt() + key).digest()


def remember(docs: list[Doc], problems: list[Problem]) -> None:
    """After a full validation: cache each file's summary and own problems under the current context."""
    folder = cache.folder()
    keys = [doc.key for doc in docs]
    if folder is None or not all(keys):  # a file that could not be read: nothing to key it by
        return
    files = [doc.file for doc in docs]
    summaries = [summary(doc) for doc in docs]
    ctx = context(files, keys, summaries)
    own: dict[str, list[Problem]] = {f.display: [] for f in files}
    for p in problems:
        if p.code not in checks.GLOBAL_CODES and p.location.file in own:
            own[p.location.file].append(p)
    rows = {_row_key(k): _row(s, d, own[f.display], ctx) for f, k, s, d in zip(files, keys, summaries, docs)}
    store = cache.Store(folder, TABLE)
    store.put(rows, set(rows))
    store.close()


def revalidate(files: list[AnnotationFile]) -> tuple[list[Problem], list[Doc]] | None:
    """Every file's problems and the multi-file ones, re-checking only changed files; None: do it all."""
    folder = cache.folder()
    if folder is None or not files:
        return None
    raws = [read_file(f.path, f.display) for f in files]
    if not all(isinstance(raw, bytes) for raw in raws):
        return None
    keys = [cache.key(raw, f.display, batch.schema_name(f)) for raw, f in zip(raws, files)]
    store = cache.Store(folder, TABLE)
    rows = store.get(_row_key(k) for k in keys)
    store.close()
    found = [rows.get(_row_key(k)) for k in keys]
    changed = [i for i, row in enumerate(found) if row is None]
    if len(changed) > max(10, len(files) // 20):
        return None  # many changes: a full run is as quick
    loaded = dict(zip(changed, batch.load_docs([files[i] for i in changed])))
    full = {i: doc for i, (doc, _) in loaded.items()}
    summaries = [summary(full[i]) if i in full else row["summary"] for i, row in enumerate(found)]
    ctx = context(files, keys, summaries)
    if any(row is not None and row["context"] != ctx for row in found):
        return None  # the vocabularies or the set of ids changed: every file's checks may change
    needed = {i for i, f in enumerate(files) if f.kind in (VOCABULARIES, PACKAGE)} - set(full)
    full.update((i, doc) for i, (doc, _) in zip(sorted(needed), batch.load_docs([files[i] for i in sorted(needed)])))
    docs = [full[i] if i in full else _stub(files[i], raws[i], found[i]) for i in range(len(files))]
    index = build_index(docs)
    problems = [p for row in found if row is not None for p in row["problems"]]
    problems += [p for i in changed for p in loaded[i][1]]
    problems += [p for check in checks.GLOBAL_CHECKS for p in check(index) if p.code in checks.GLOBAL_CODES]
    changed_files = {files[i].display for i in changed}
    index.docs = [full[i] for i in sorted(full)]  # the multi-file lookups above still see every file
    local = [p for p in checks.run(index) if p.code not in checks.GLOBAL_CODES and p.location.file in changed_files]
    fresh = {_row_key(keys[i]): _row(summaries[i], full[i], loaded[i][1] + [p for p in local
                                                                          if p.location.file == files[i].display], ctx)
             for i in changed}
    store = cache.Store(folder, TABLE)
    store.put(fresh, {_row_key(k) for k in keys})
    store.close()
    return problems + local, docs


def _row(found: dict | None, doc: Doc, problems: list[Problem], ctx: bytes) -> dict:
    """A file's cache entry: its summary, its own problems, and the context they hold in."""
    return {"summary": found, "valid": doc.schema_valid, "text": doc.loaded.text is not None, "problems": problems,
            "context": ctx}


def _stub(file: AnnotationFile, raw: bytes, row: dict) -> Doc:
    """An unchanged file: its summary stands for its data; its text locates multi-file problems."""
    text = batch.decode_text(raw) if row["text"] else None
    return Doc(file, Loaded(file.path, file.display, text, row["summary"], []), schema_valid=row["valid"])
