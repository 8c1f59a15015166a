"""Cross-record checks. Each is a small function over the index that yields problems.

The modules here register their checks, in this order, when the package is imported.
"""

from __future__ import annotations

from . import entities, ids, quotes, references, strings, values  # noqa: F401 - each registers its checks
from .registry import CHECKS, Check, run

__all__ = ["CHECKS", "Check", "GLOBAL_CHECKS", "GLOBAL_CODES", "run"]

# Problems that depend on more than the file they are in (and the vocabularies, park and
# source ids and source dates): re-validation recomputes these over every file, and takes
# every other check's problems for an unchanged file from the cache (see reuse.py).
GLOBAL_CODES = frozenset({"id.duplicate", "vocab.missing", "ref.parent-cycle"})
GLOBAL_CHECKS: tuple[Check, ...] = (ids.ids_match_files, ids.vocabularies_present, references.parent_cycles)
