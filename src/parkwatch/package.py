"""The data package: tables and descriptor rendered to bytes, then swapped in atomically."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import dictionary, tablebytes
from .index import Index
from .tables import TABLES, Table
from .validation import Report, validate

OUTPUT = "datapackage"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RELEASES = "releases"  # releases/<version>/changes.json: each release's diff, shipped in its package
CHANGES = "changes.json"
_TEMP_PREFIX = ".datapackage.tmp-"
_OLD_PREFIX = ".datapackage.old-"


def json_bytes(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _resource(table: Table, fmt: str, content: bytes) -> dict:
    media = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}[fmt]
    resource = {
        "name": table.name if fmt == "csv" else f"{table.name}-parquet",
        "type": "table",
        "path": f"data/{table.name}.{fmt}",
        "format": fmt,
        "mediatype": media,
        "title": table.en,
        "description": f"{table.en} / {table.zh}",
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "schema": f"schemas/{table.name}.json",
    }
    if fmt == "csv":
        resource["encoding"] = "utf-8"
        resource["dialect"] = {"header": True, "delimiter": ",", "lineTerminator": "\n", "quoteChar": '"'}
    return resource


def _sources(index: Index) -> list[dict]:
    out = []
    for doc in index.source_docs():
        s = doc.data
        entry = {"title": f"{s['publisher']['zh']} ({s['publisher']['en']}), {s['published']}: "
                          + "; ".join(t["zh"] for t in s["titles"])}
        if s.get("url"):
            entry["path"] = s["url"]
        out.append(entry)
    return out


def _changes_resource(content: bytes) -> dict:
    return {"name": "changes", "path": CHANGES, "format": "json", "mediatype": "application/json",
            "title": "Changes since the previous release",
            "description": "What changed since the previous data release, and the version bump it required.",
            "bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest()}


def release_changes(project: Path, index: Index) -> bytes | None:
    """The committed diff of this data version against the previous release, when it was released."""
    meta = index.metadata.data if index.metadata is not None else {}
    path = project / RELEASES / str(meta.get("version")) / CHANGES
    return path.read_bytes() if meta.get("created") and path.is_file() else None


def render(index: Index, changes: bytes | None = None) -> dict[str, bytes]:
    """Every file of the package, by relative path. A pure function of the annotations (and `changes`)."""
    meta = index.metadata.data if index.metadata is not None else {}
    vocabularies = {name: list(terms) for name, terms in index.vocabularies.items()}
    files: dict[str, bytes] = {}
    resources: list[dict] = []
    described: list[dictionary.Described] = []
    contents = tablebytes.all_table_bytes(index)
    for table in TABLES:
        schema = table.schema(vocabularies)
        csv_content, parquet_content, count = contents[table.name]
        described.append(dictionary.Described(table, schema, count))
        files[f"schemas/{table.name}.json"] = json_bytes(schema)
        for fmt, content in (("csv", csv_content), ("parquet", parquet_content)):
            files[f"data/{table.name}.{fmt}"] = content
            resources.append(_resource(table, fmt, content))
    if changes is not None:
        files[CHANGES] = changes
        resources.append(_changes_resource(changes))
    descriptor: dict = {"$schema": PROFILE}
    for key in ("name", "title", "description", "version"):
        descriptor[key] = meta[key]
    if meta.get("created"):
        descriptor["created"] = f"{meta['created']}T00:00:00Z"
    if meta.get("homepage"):
        descriptor["homepage"] = meta["homepage"]
    descriptor.update({
        "licenses": meta["licenses"], "contributors": meta["contributors"], "keywords": meta["keywords"],
        "sources": _sources(index), "resources": resources,
    })
    files["datapackage.json"] = json_bytes(descriptor)
    files["README.md"] = dictionary.render(meta, described)
    return dict(sorted(files.items()))


def read_tree(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(expected: dict[str, bytes], folder: Path) -> list[str]:
    """What differs between the files a build would write and what `folder` holds."""
    actual = read_tree(folder)
    out = [f"missing: {name}" for name in expected if name not in actual]
    out += [f"differs: {name}" for name in expected if name in actual and actual[name] != expected[name]]
    out += [f"not built from the annotations: {name}" for name in actual if name not in expected]
    return sorted(out, key=lambda line: line.split(": ", 1)[1])


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def write_atomic(target: Path, files: dict[str, bytes]) -> None:
    """Write `files` into a fresh folder beside `target`, then swap it in: never a half-written package."""
    parent = target.parent
    for old in sorted(parent.glob(_OLD_PREFIX + "*")):  # a build killed between its two renames
        if not target.exists():
            os.rename(old, target)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for leftover in parent.glob(_TEMP_PREFIX + "*"):  # half-written by a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=parent))
    try:
        for name, content in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        staging.chmod(0o755)
        if target.exists() and _exchange(staging, target):
            shutil.rmtree(staging)
            return
        if target.exists():  # no atomic exchange here: two renames, the old package kept until the end
            old = Path(tempfile.mkdtemp(prefix=_OLD_PREFIX, dir=parent))
            os.rmdir(old)
            os.rename(target, old)
            os.rename(staging, target)
            shutil.rmtree(old)
        else:
            os.rename(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


@dataclass
class BuildResult:
    report: Report
    written: bool = False
    differences: list[str] = field(default_factory=list)


def build(project: Path, *, check: bool = False) -> BuildResult:
    """Validate, then write (or, with `check`, compare) the package. Nothing is written unless all is valid."""
    report = validate(project)
    if not report.valid or report.index is None:
        return BuildResult(report)
    files = render(report.index, release_changes(project, report.index))
    target = project / OUTPUT
    if check:
        return BuildResult(report, differences=differences(files, target))
    write_atomic(target, files)
    return BuildResult(report, written=True)
