"""Cross-record checks. Each is a small function over the index that yields problems.

The modules here register their checks, in this order, when the package is imported; each
declares its scope and what it reads of other files (see registry.py).
"""

from __future__ import annotations

from . import entities, ids, quotes, references, strings, values  # noqa: F401 - each registers its checks
from .registry import CHECKS, FILE, PROJECT, Check, check, context_reads, of_scope, run, summary_reads

__all__ = ["CHECKS", "FILE", "PROJECT", "Check", "check", "context_reads", "of_scope", "run", "summary_reads"]
