"""Every problem code: its messages and hints in English and Chinese, and what it means.

This is the one place problem wording lives, one module per area; `parkwatch explain CODE`
and docs/problems.md are generated from it. A new area is a module here with its ENTRIES,
named in AREAS below.
"""

from __future__ import annotations

from . import browse, entities, evidence, files, package, records, schema, text, writing
from .entry import LANGUAGES, Entry, T, Text

__all__ = ["BY_CODE", "ENTRIES", "LANGUAGES", "Entry", "T", "Text"]

AREAS = (files, schema, records, entities, evidence, package, text, writing, browse)
ENTRIES: tuple[Entry, ...] = tuple(entry for area in AREAS for entry in area.ENTRIES)
BY_CODE: dict[str, Entry] = {entry.code: entry for entry in ENTRIES}
if len(BY_CODE) != len(ENTRIES):
    raise RuntimeError("a problem code is defined twice in the catalogue")
