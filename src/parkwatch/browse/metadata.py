"""Datasette's metadata, generated from a package's descriptor and Table Schemas."""

from __future__ import annotations

import json
from pathlib import Path

from ..published.integrity import descriptor
from .queries import QUERIES
from .sqlite import refused

DATABASE = "parkwatch"  # the database name Datasette serves, and so the park page's address
# Facets offered where a table has the column.
FACETS = ("kind", "level", "province", "metric", "metric_family", "status", "mode", "role", "party_type")
LABELS = {"parks": "name_zh", "sources": "publisher_zh"}  # what a foreign key to the table shows
_UNIT_NOTE = {"value": "In the canonical unit given in `unit`. / 以 unit 列所示规范单位计。",
              "value_stated": "In the unit given in `unit_stated`. / 以 unit_stated 列所示单位计。"}


def _column(spec: dict) -> str:
    text = f"{spec.get('description', '')} / {spec.get('description_zh', '')}"
    note = _UNIT_NOTE.get(spec["name"])
    return f"{text} {note}" if note else text


def _table(resource: dict, schema: dict) -> dict:
    names = [f["name"] for f in schema["fields"]]
    table: dict = {
        "title": resource.get("title", resource["name"]),
        "description": resource.get("description", ""),
        "columns": {f["name"]: _column(f) for f in schema["fields"]},
        "sort": schema["primaryKey"][0],
    }
    facets = [name for name in FACETS if name in names]
    if facets:
        table["facets"] = facets
    if resource["name"] in LABELS:
        table["label_column"] = LABELS[resource["name"]]
    elif "zh" in names:  # a vocabulary: show its Chinese label
        table["label_column"] = "zh"
    return table


def metadata(package: Path) -> dict:
    """Title, licence, source, about, and per table its title, zh/en descriptions, columns and facets."""
    meta = descriptor(package)
    tables = {}
    for resource in meta.get("resources", []):
        if resource.get("format") != "csv":
            continue
        try:
            schema = json.loads((package / resource["schema"]).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as exc:
            raise refused(f"cannot read the Table Schema of {resource['name']!r}: {exc}") from None
        tables[resource["name"]] = _table(resource, schema)
    licence = (meta.get("licenses") or [{}])[0]
    sources = "; ".join(s.get("title", "") for s in meta.get("sources", []))
    out = {
        "title": f"{meta.get('title', DATABASE)} ({meta.get('version', '')})",
        "description": meta.get("description", ""),
        "license": licence.get("title") or licence.get("name", ""),
        "license_url": licence.get("path", ""),
        "source": sources,
        "about": "ParkWatch data package / 园区观察数据包",
        "databases": {DATABASE: {"tables": tables, "queries": QUERIES}},
    }
    if meta.get("homepage"):
        out["about_url"] = out["source_url"] = meta["homepage"]
    return out
