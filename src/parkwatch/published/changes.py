"""A package diff rendered for people (text), pull requests and changelogs (Markdown) and programs (JSON)."""

from __future__ import annotations

import json
from typing import Callable

from ..base.problems import Location, Problem, problem
from ..base.versions import bump_rank, bumped, declared_bump, parse_version
from .diff import PackageDiff, RowChange, TableDiff

ROW_LIMIT = 20  # changed rows listed per table; the rest are counted


def undeclared_break(diff: PackageDiff, level: str) -> Problem | None:
    """Why the change fails a guard at `level`: it needs at least that bump and the versions do not say so."""
    declared = declared_bump(diff.old_version, diff.new_version)
    if bump_rank(diff.bump) < bump_rank(level) or bump_rank(declared) >= bump_rank(diff.bump):
        return None
    before = parse_version(diff.old_version)
    return problem("diff.unannounced", Location("package.yaml"), previous=diff.old_version,
                   required=diff.bump, version=diff.new_version,
                   suggested=bumped(before, diff.bump) if before else "a higher version")


def as_dict(diff: PackageDiff) -> dict:
    """The machine-readable diff: the content of changes.json."""
    return {
        "from": diff.old_version,
        "to": diff.new_version,
        "bump": diff.bump,
        "changes": [c.as_dict() for c in diff.changes],
        "tables": {t.name: {
            "primaryKey": t.key,
            "added": t.added,
            "removed": t.removed,
            "changed": [{"key": r.key, "values": {f: {"old": o, "new": n} for f, (o, n) in r.values.items()}}
                        for r in t.changed],
        } for t in diff.tables},
    }


def as_json(diff: PackageDiff) -> str:
    return json.dumps(as_dict(diff), ensure_ascii=False, indent=2) + "\n"


def _label(diff: PackageDiff, key: dict) -> str:
    parts = []
    for name, value in key.items():
        if name == "park_id" and value in diff.park_names:
            parts.append(f"{diff.park_names[value]} ({value})")
        else:
            parts.append(str(value))
    return " / ".join(parts)


def _row_line(diff: PackageDiff, row: RowChange) -> str:
    values = "; ".join(f"{f} {_text(o)} → {_text(n)}" for f, (o, n) in row.values.items())
    return f"{_label(diff, row.key)}: {values}"


def _text(value: str | None) -> str:
    return "(empty)" if value is None else value


def summary(diff: PackageDiff, *, limit: int = ROW_LIMIT) -> list[str]:
    """One line per change, then the changed, added and removed rows (the first `limit` per table)."""
    lines = []
    for c in diff.changes:
        where = ".".join(p for p in (c.table, c.field) if p) or "package"
        lines.append(f"{where}: {c.detail} [{c.bump}]")
    for table in diff.tables:
        lines += _row_lines(diff, table, limit)
    return lines


def _row_lines(diff: PackageDiff, table: TableDiff, limit: int) -> list[str]:
    entries = ([f"{table.name} added: {_label(diff, k)}" for k in table.added]
               + [f"{table.name} removed: {_label(diff, k)}" for k in table.removed]
               + [f"{table.name} {_row_line(diff, r)}" for r in table.changed])
    if len(entries) > limit:
        entries = entries[:limit] + [f"{table.name}: and {len(entries) - limit} more rows, see changes.json"]
    return entries


def _heading(diff: PackageDiff) -> str:
    return f"{diff.old_version or '(none)'} → {diff.new_version or '(none)'}: bump {diff.bump}"


def text(diff: PackageDiff) -> str:
    lines = [_heading(diff)]
    lines += [f"  {line}" for line in summary(diff)] or ["  no changes"]
    return "\n".join(lines) + "\n"


def markdown_items(diff: PackageDiff) -> list[str]:
    """Markdown list items: the summary, with table and field names as code."""
    items = []
    for c in diff.changes:
        where = ".".join(p for p in (c.table, c.field) if p) or "package"
        items.append(f"- `{where}`: {c.detail} (**{c.bump}**)")
    for table in diff.tables:
        items += [f"- {_md_escape(line)}" for line in _row_lines(diff, table, ROW_LIMIT)]
    return items or ["- No changes to the data."]


def _md_escape(line: str) -> str:
    for char in "\\`*_[]<>|":
        line = line.replace(char, "\\" + char)
    return line


def markdown(diff: PackageDiff) -> str:
    return f"### Data changes: {_heading(diff)}\n\n" + "\n".join(markdown_items(diff)) + "\n"


RENDERERS: dict[str, Callable[[PackageDiff], str]] = {"text": text, "markdown": markdown, "json": as_json}
