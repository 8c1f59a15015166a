"""What changed between two packages, table by table, and the version bump that change requires.

The bump follows the Data Package Version recipe (https://datapackage.org/recipes/data-package-version/):
major for removed, renamed, retyped or reordered fields, tightened constraints, removed tables, changed
primary keys and removed rows that other tables reference; minor for added rows, fields and tables and
loosened constraints; patch for corrected values, rows removed from tables nothing references, and
descriptive metadata.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from functools import cached_property

from ..base.layout import FILES_KEY, RELEASE_URL_KEY
from ..base.versions import bump_rank
from .redirects import REDIRECTED, Redirects
from .snapshot import Snapshot, SnapshotError

# Descriptor properties that change with every release or every build: not a change to the data.
_VOLATILE = {"version", "created", "resources", "$schema", FILES_KEY, RELEASE_URL_KEY}
_DESCRIPTIVE = ("title", "description", "description_zh")


@dataclass(frozen=True)
class Change:
    """One change, with the bump it requires on its own."""

    kind: str  # stable id: table-added, field-renamed, enum-tightened, rows-added…
    table: str
    detail: str
    bump: str
    field: str = ""

    def as_dict(self) -> dict:
        return {"kind": self.kind, "table": self.table, "field": self.field or None, "detail": self.detail,
                "bump": self.bump}


@dataclass
class RowChange:
    key: dict[str, str | None]
    values: dict[str, tuple[str | None, str | None]]  # field → (old, new), as CSV text


@dataclass
class TableDiff:
    name: str
    key: list[str]
    added: list[dict[str, str | None]] = field(default_factory=list)  # the keys of added rows
    removed: list[dict[str, str | None]] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)


@dataclass
class PackageDiff:
    old_version: str | None
    new_version: str | None
    changes: list[Change] = field(default_factory=list)
    tables: list[TableDiff] = field(default_factory=list)
    park_names: dict[str, str] = field(default_factory=dict)  # park_id → name_zh, for readable summaries

    @property
    def bump(self) -> str:
        return max((c.bump for c in self.changes), key=bump_rank, default="none")


@dataclass
class TableData:
    schema: dict
    raw: bytes
    resource: dict = field(default_factory=dict)

    @cached_property
    def rows(self) -> list[dict[str, str | None]]:
        """The rows as text; empty cells are null, as the schema's missingValues say."""
        reader = csv.DictReader(io.StringIO(self.raw.decode("utf-8"), newline=""))
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in reader]


def _schema(snapshot: Snapshot, resource: dict) -> dict:
    schema = resource.get("schema")
    if isinstance(schema, str):
        raw = snapshot.files.get(schema)
        if raw is None:
            raise SnapshotError(f"{snapshot.label}: Table Schema {schema} is missing")
        schema = json.loads(raw)
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        raise SnapshotError(f"{snapshot.label}: resource {resource.get('name')} has no usable Table Schema")
    return schema


def read_tables(snapshot: Snapshot) -> dict[str, TableData]:
    """Every CSV table of a package, read into rows only when they are compared."""
    tables = {}
    for resource in snapshot.descriptor().get("resources", []):
        if resource.get("format") != "csv" or resource.get("type", "table") != "table":
            continue
        raw = snapshot.files.get(resource.get("path", ""))
        if raw is None:
            raise SnapshotError(f"{snapshot.label}: {resource.get('path')} is missing")
        tables[resource["name"]] = TableData(_schema(snapshot, resource), raw, resource)
    return tables


def _constraint_changes(table: str, name: str, old: dict, new: dict) -> list[Change]:
    out = []
    old_c, new_c = old.get("constraints", {}), new.get("constraints", {})
    for key in sorted(set(old_c) | set(new_c)):
        before, after = old_c.get(key), new_c.get(key)
        if before == after:
            continue
        if key == "enum" and before is not None and after is not None:
            gone, new_values = sorted(set(before) - set(after)), sorted(set(after) - set(before))
            if gone:
                out.append(Change("enum-tightened", table, f"values no longer allowed: {', '.join(gone)}",
                                  "major", name))
            if new_values:
                out.append(Change("enum-loosened", table, f"values now allowed: {', '.join(new_values)}",
                                  "minor", name))
        elif key == "required" or before is None or after is None:
            tighter = bool(after) if key == "required" else before is None
            out.append(Change("constraint-tightened" if tighter else "constraint-loosened", table,
                              f"{key}: {json.dumps(before, ensure_ascii=False)} → "
                              f"{json.dumps(after, ensure_ascii=False)}", "major" if tighter else "minor", name))
        else:  # a changed pattern, bound or length cannot be ordered: treat it as breaking
            out.append(Change("constraint-changed", table, f"{key}: {json.dumps(before, ensure_ascii=False)} → "
                              f"{json.dumps(after, ensure_ascii=False)}", "major", name))
    return out


def schema_changes(table: str, old: dict, new: dict) -> tuple[list[Change], dict[str, str]]:
    """Field and key changes of one table, and the renames found (new name → old name).

    A rename is a field whose name changed while its position and type stayed the same; anything
    else that disappears is a removal and anything new an addition.
    """
    old_fields, new_fields = old["fields"], new["fields"]
    old_names, new_names = [f["name"] for f in old_fields], [f["name"] for f in new_fields]
    removed, added = set(old_names) - set(new_names), set(new_names) - set(old_names)
    renames = {}
    for before, after in zip(old_fields, new_fields):
        if before["name"] in removed and after["name"] in added and before.get("type") == after.get("type"):
            renames[after["name"]] = before["name"]
    changes = [Change("field-renamed", table, f"{old_name} → {new_name}", "major", new_name)
               for new_name, old_name in renames.items()]
    changes += [Change("field-removed", table, "field removed", "major", name)
                for name in old_names if name in removed and name not in renames.values()]
    changes += [Change("field-added", table, "field added", "minor", name)
                for name in new_names if name in added and name not in renames]
    old_by_name = {f["name"]: f for f in old_fields}
    for after in new_fields:
        before = old_by_name.get(renames.get(after["name"], after["name"]))
        if before is None:
            continue
        if before.get("type") != after.get("type"):
            changes.append(Change("field-retyped", table, f"{before.get('type')} → {after.get('type')}", "major",
                                  after["name"]))
        changes += _constraint_changes(table, after["name"], before, after)
        if any(before.get(k) != after.get(k) for k in _DESCRIPTIVE):
            changes.append(Change("field-described", table, "description changed", "patch", after["name"]))
    common_old = [renames.get(n, n) for n in new_names if renames.get(n, n) in old_by_name]
    if common_old != [n for n in old_names if n in common_old]:
        changes.append(Change("fields-reordered", table, "fields are in another order", "major"))
    if old.get("primaryKey") != new.get("primaryKey"):
        changes.append(Change("primary-key-changed", table,
                              f"{old.get('primaryKey')} → {new.get('primaryKey')}", "major"))
    before_fk = {json.dumps(fk, sort_keys=True) for fk in old.get("foreignKeys", [])}
    after_fk = {json.dumps(fk, sort_keys=True) for fk in new.get("foreignKeys", [])}
    changes += [Change("foreign-key-added", table, fk, "major") for fk in sorted(after_fk - before_fk)]
    changes += [Change("foreign-key-removed", table, fk, "minor") for fk in sorted(before_fk - after_fk)]
    return changes, renames


def row_changes(name: str, old: TableData, new: TableData, renames: dict[str, str],
                referenced: bool, redirects: Redirects | None = None) -> tuple[TableDiff, list[Change]]:
    """Rows added, removed and changed, matched by the new primary key, old ids read through redirects."""
    key = list(new.schema.get("primaryKey") or [])
    diff = TableDiff(name, key)
    back = {old_name: new_name for new_name, old_name in renames.items()}
    old_rows = [{back.get(k, k): v for k, v in row.items()} for row in old.rows]
    if redirects:
        old_rows = redirects.rewrite(name, new.schema, old_rows)
    old_names = set(old_rows[0]) if old_rows else {back.get(f["name"], f["name"]) for f in old.schema["fields"]}
    if not key or not set(key) <= old_names:
        return diff, [Change("rows-not-compared", name, "rows cannot be matched: the primary key is new", "none")]
    before = {tuple(r.get(k) for k in key): r for r in old_rows}
    after = {tuple(r.get(k) for k in key): r for r in new.rows}
    common = [f["name"] for f in new.schema["fields"] if f["name"] in old_names]
    for k in sorted(after.keys() - before.keys(), key=_sortable):
        diff.added.append(dict(zip(key, k)))
    for k in sorted(before.keys() - after.keys(), key=_sortable):
        diff.removed.append(dict(zip(key, k)))
    for k in sorted(after.keys() & before.keys(), key=_sortable):
        values = {f: (before[k].get(f), after[k].get(f)) for f in common if before[k].get(f) != after[k].get(f)}
        if values:
            diff.changed.append(RowChange(dict(zip(key, k)), values))
    changes = []
    if diff.added:
        changes.append(Change("rows-added", name, f"{rows(len(diff.added))} added", "minor"))
    if diff.removed:
        bump = "major" if referenced else "patch"
        why = ", which other tables reference" if referenced else ""
        changes.append(Change("rows-removed", name, f"{rows(len(diff.removed))} removed{why}", bump))
    if diff.changed:
        changes.append(Change("rows-changed", name, f"{rows(len(diff.changed))} changed", "patch"))
    return diff, changes


def _rows(tables: dict[str, TableData], name: str) -> list[dict[str, str | None]]:
    return tables[name].rows if name in tables else []


def redirect_changes(old: dict[str, TableData], new: dict[str, TableData], redirects: Redirects) -> list[Change]:
    """Ids read as renamed (retired with a redirect), and retired ids that came back as records."""
    changes = []
    for table, (kind, column) in REDIRECTED.items():
        if table not in old or table not in new:
            continue
        before = {r.get(column) for r in old[table].rows}
        after = {r.get(column) for r in new[table].rows}
        for (redirect_kind, old_id), replaced_by in sorted(redirects.to.items()):
            if redirect_kind == kind and old_id in before and old_id not in after:
                changes.append(Change("id-redirected", table, f"{old_id} → {redirects.final(kind, old_id)} "
                                      f"(renamed or merged; a redirect keeps the old id)", "minor", column))
        for (redirect_kind, old_id), _ in sorted(Redirects.of(_rows(old, "redirects")).to.items()):
            if redirect_kind == kind and old_id in after:
                changes.append(Change("id-reused", table, f"{old_id} was retired and is now a record again",
                                      "major", column))
    return changes


def rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _sortable(key: tuple) -> tuple:
    return tuple("" if v is None else v for v in key)


def _referenced(tables: dict[str, TableData]) -> set[str]:
    """Tables that a foreign key of another table points at."""
    return {fk.get("reference", {}).get("resource") for name, t in tables.items()
            for fk in t.schema.get("foreignKeys", []) if fk.get("reference", {}).get("resource") not in ("", name)}


def _metadata_changes(old: dict, new: dict) -> list[Change]:
    keys = sorted((set(old) | set(new)) - _VOLATILE)
    return [Change("metadata-changed", "", f"package {key} changed", "patch", key)
            for key in keys if old.get(key) != new.get(key)]


def diff(old: Snapshot, new: Snapshot) -> PackageDiff:
    """Compare two packages: schema changes, row changes, and the bump they require."""
    old_tables, new_tables = read_tables(old), read_tables(new)
    result = PackageDiff(old.version, new.version, _metadata_changes(old.descriptor(), new.descriptor()))
    referenced = _referenced(old_tables)
    redirects = Redirects.of(_rows(new_tables, "redirects"))
    result.changes += redirect_changes(old_tables, new_tables, redirects)
    for name in sorted(set(old_tables) | set(new_tables)):
        if name not in new_tables:
            result.changes.append(Change("table-removed", name, "table removed", "major"))
            continue
        if name not in old_tables:
            result.changes.append(Change("table-added", name, f"table added ({rows(len(new_tables[name].rows))})",
                                         "minor"))
            continue
        described = [Change("table-described", name, f"table {key} changed", "patch") for key in _DESCRIPTIVE
                     if old_tables[name].resource.get(key) != new_tables[name].resource.get(key)]
        changes, renames = schema_changes(name, old_tables[name].schema, new_tables[name].schema)
        if not changes and old_tables[name].raw == new_tables[name].raw:  # same schema, same bytes: same rows
            result.changes += described
            continue
        table_diff, row_level = row_changes(name, old_tables[name], new_tables[name], renames, name in referenced,
                                            redirects)
        result.changes += described + changes + row_level
        if table_diff.added or table_diff.removed or table_diff.changed:
            result.tables.append(table_diff)
    for tables in (old_tables, new_tables):
        for row in tables["parks"].rows if "parks" in tables else []:
            if row.get("park_id") and row.get("name_zh"):
                result.park_names[row["park_id"]] = row["name_zh"]
    return result
