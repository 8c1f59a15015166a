"""Redirects: retired park and organisation ids, read by `diff` as renames rather than removals."""

from __future__ import annotations

from dataclasses import dataclass

# The tables whose ids a redirect may retire, the record type the redirects table names them by, and their id.
REDIRECTED = {"parks": ("park", "park_id"), "organisations": ("organisation", "organisation_id")}


@dataclass
class Redirects:
    """The new package's redirects: retired park and organisation ids and the ids that replace them."""

    to: dict[tuple[str, str], str]  # (record type, old id) → new id

    @classmethod
    def of(cls, rows: list[dict[str, str | None]]) -> Redirects:
        """From the rows of a package's redirects table (none before the table existed)."""
        return cls({(r["record_type"], r["old_id"]): r["replaced_by"] for r in rows
                    if r.get("record_type") and r.get("old_id") and r.get("replaced_by")})

    def __bool__(self) -> bool:
        return bool(self.to)

    def final(self, kind: str, value: str | None) -> str | None:
        """The live id an old id leads to, following chains (a loop leaves the id as it is)."""
        seen = set()
        while value is not None and (kind, value) in self.to and value not in seen:
            seen.add(value)
            value = self.to[(kind, value)]
        return value

    def columns(self, table: str, schema: dict) -> dict[str, str]:
        """Columns of a table that hold park or organisation ids, with the record type of each."""
        out = {}
        if table in REDIRECTED:
            kind, column = REDIRECTED[table]
            out[column] = kind
        for fk in schema.get("foreignKeys", []):
            target = REDIRECTED.get(fk.get("reference", {}).get("resource"))
            if target and len(fk.get("fields", [])) == 1:
                out[fk["fields"][0]] = target[0]
        return out

    def rewrite(self, table: str, schema: dict, rows: list[dict]) -> list[dict]:
        """Old rows with every retired id replaced by the id that replaces it."""
        columns = self.columns(table, schema)
        return [{k: self.final(columns[k], v) if k in columns else v for k, v in row.items()} for row in rows]
