"""The descriptor, datapackage.json, and every file of the package rendered to bytes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..base.layout import (
    CHANGES,
    DESCRIPTOR,
    DICTIONARY,
    FILES_KEY,
    RELEASE_URL_KEY,
    RELEASES,
    schema_path,
    table_path,
)
from ..base.tables import TABLES, Table
from ..validation.index import Index
from . import dictionary, tablebytes

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"


def json_bytes(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _resource(table: Table, fmt: str, content: bytes) -> dict:
    media = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}[fmt]
    resource = {
        "name": table.name if fmt == "csv" else f"{table.name}-parquet",
        "type": "table",
        "path": table_path(table.name, fmt),
        "format": fmt,
        "mediatype": media,
        "title": table.en,
        "description": f"{table.en} / {table.zh}",
        "schema": schema_path(table.name),
    }
    if fmt == "csv":  # frictionless checks these; it cannot count Parquet bytes, so FILES_KEY covers those
        resource.update(_integrity(content))
        resource["encoding"] = "utf-8"
        resource["dialect"] = {"header": True, "delimiter": ",", "lineTerminator": "\n", "quoteChar": '"'}
    return resource


def _integrity(content: bytes) -> dict:
    return {"bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest()}


def file_list(files: dict[str, bytes]) -> dict[str, dict]:
    """The descriptor's `parkwatch:files`: every other file of the package with its size and sha256."""
    return {name: _integrity(content) for name, content in sorted(files.items()) if name != DESCRIPTOR}


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
            **_integrity(content)}


def release_changes(project: Path, index: Index) -> bytes | None:
    """The committed diff of this data version against the previous release, when it was released."""
    meta = index.metadata.data if index.metadata is not None else {}
    path = project / RELEASES / str(meta.get("version")) / CHANGES
    return path.read_bytes() if meta.get("created") and path.is_file() else None


def render(index: Index, changes: bytes | None = None,
           started: tablebytes.Rendering | None = None) -> dict[str, bytes]:
    """Every file of the package, by relative path. A pure function of the annotations (and `changes`);
    `started`: tables already being made (see tablebytes.start)."""
    meta = index.metadata.data if index.metadata is not None else {}
    vocabularies = {name: list(terms) for name, terms in index.vocabularies.items()}
    files: dict[str, bytes] = {}
    resources: list[dict] = []
    described: list[dictionary.Described] = []
    contents = tablebytes.all_table_bytes(index, started)
    for table in TABLES:
        schema = table.schema(vocabularies)
        csv_content, parquet_content, count = contents[table.name]
        described.append(dictionary.Described(table, schema, count))
        files[schema_path(table.name)] = json_bytes(schema)
        for fmt, content in (("csv", csv_content), ("parquet", parquet_content)):
            files[table_path(table.name, fmt)] = content
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
    if meta.get("release_url"):
        descriptor[RELEASE_URL_KEY] = meta["release_url"]
    descriptor.update({
        "licenses": meta["licenses"], "contributors": meta["contributors"], "keywords": meta["keywords"],
        "sources": _sources(index), "resources": resources,
    })
    files[DICTIONARY] = dictionary.render(meta, described)
    descriptor[FILES_KEY] = file_list(files)
    files[DESCRIPTOR] = json_bytes(descriptor)
    return dict(sorted(files.items()))
