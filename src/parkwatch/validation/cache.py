"""A cache of per-file results (parsed data, load and schema problems), kept outside the repository.

An entry is keyed by the file's content hash, the path it is shown under, its schema,
and a salt made of the tool, library and Python versions, the bytes of the schemas and of
the division codes, and the source of every module validation runs (found from the imports). Cross-record checks are never cached: they need every
file. The cache lives in the user cache folder (PARKWATCH_CACHE_DIR overrides it;
PARKWATCH_NO_CACHE=1 turns it off) and is safe to delete at any time. Any failure to
read or write it means an uncached run, never a failed one.
"""

from __future__ import annotations

import ast
import decimal
import hashlib
import io
import os
import pickle
import sqlite3
import sys
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Iterable

from ..base import areacodes
from ..base.versions import tool_version
from . import schema

_FILE = "files-v1.sqlite"
# What an entry may contain besides plain containers and scalars.
_ALLOWED = {("decimal", "Decimal"), ("parkwatch.base.problems", "Problem"), ("parkwatch.base.problems", "Location"),
            ("parkwatch.base.problems", "Severity"), ("parkwatch.validation.schema", "SchemaError")}


def folder() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    if os.environ.get("PARKWATCH_NO_CACHE", "") not in ("", "0"):
        return None
    override = os.environ.get("PARKWATCH_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs  # only when the cache is used

    return Path(platformdirs.user_cache_dir("parkwatch", appauthor=False))


PIPELINE = "parkwatch.validation.pipeline"


def _module_file(root: Path, name: str) -> Path | None:
    """The source file of a module of this package ('parkwatch.a.b'), or None for a name that is not one."""
    parts = name.split(".")[1:]
    for candidate in (root.joinpath(*parts).with_suffix(".py"), root.joinpath(*parts, "__init__.py")):
        if parts and candidate.is_file():
            return candidate
    return None


def modules(start: str = PIPELINE) -> list[Path]:
    """Every module of this package that `start` imports, directly or not, itself included, sorted.

    Found by reading the imports in the source (function-level ones too), so a new module or a
    moved one is covered without anyone keeping a list.
    """
    root = Path(__file__).resolve().parents[1]
    seen: dict[str, Path] = {}
    todo = [start]
    while todo:
        name = todo.pop()
        path = _module_file(root, name)
        if name in seen or path is None:
            continue
        seen[name] = path
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([node.module] if node.module else []))
                if base.split(".")[0] == "parkwatch":
                    todo.append(base)
                    todo.extend(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                todo.extend(alias.name for alias in node.names if alias.name.split(".")[0] == "parkwatch")
    return sorted(seen.values())


@cache
def salt() -> bytes:
    """Changes whenever a cached result could: the tool, library or Python version, a schema, the
    division codes, or any module that validation runs (see `modules`)."""
    digest = hashlib.sha256(tool_version().encode())
    for library in ("pyyaml", "jsonschema", "jsonschema-rs"):  # they decide the data and the messages
        try:
            digest.update(f"{library} {version(library)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{library} ?\n".encode())
    digest.update(sys.version.encode())
    for name in sorted(schema.SCHEMA_FILES.values()):
        digest.update((schema.schema_dir() / name).read_bytes())
    digest.update(areacodes.source_bytes())
    for module in modules():
        digest.update(module.as_posix().rsplit("/parkwatch/", 1)[-1].encode() + b"\0" + module.read_bytes())
    return digest.digest()


def key(raw: bytes, display: str, schema_name: str) -> bytes:
    return hashlib.sha256(salt() + display.encode() + b"\0" + schema_name.encode() + b"\0" + raw).digest()


class _Unpickler(pickle.Unpickler):
    """Loads only the types an entry is made of, so a tampered cache cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


def _loads(blob: bytes) -> Any:
    return _Unpickler(io.BytesIO(blob)).load()


class Store:
    """One SQLite file of entries; every method swallows the cache's own failures."""

    def __init__(self, path: Path | None, table: str = "files"):
        self._db: sqlite3.Connection | None = None
        self._table = table  # a fixed identifier from this package, never user input
        if path is None:
            return
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path / _FILE, timeout=5)
            # A cache need not survive a power cut, only stay whole: the write-ahead log keeps it whole
            # and lets a second run read while one writes, without a sync to disk on every commit.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key BLOB PRIMARY KEY, value BLOB NOT NULL)")
        except (OSError, sqlite3.Error):
            self._db = None

    def get(self, keys: Iterable[bytes]) -> dict[bytes, Any]:
        """The cached entries among `keys`."""
        found: dict[bytes, Any] = {}
        if self._db is None:
            return found
        try:
            wanted = list(keys)
            for start in range(0, len(wanted), 500):  # one query per batch: far fewer round trips
                batch = wanted[start:start + 500]
                marks = ",".join("?" * len(batch))
                for k, blob in self._db.execute(f"SELECT key, value FROM {self._table} WHERE key IN ({marks})",
                                                batch):
                    found[k] = _loads(blob)
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError,
                decimal.InvalidOperation):
            return {}
        return found

    def put(self, entries: dict[bytes, Any], keep: set[bytes]) -> None:
        """Store new entries; drop stale ones once they outnumber the live ones."""
        if self._db is None or not entries:
            return
        try:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO {self._table} VALUES (?, ?)",
                                     [(k, pickle.dumps(v, protocol=5)) for k, v in entries.items()])
                total = self._db.execute(f"SELECT count(*) FROM {self._table}").fetchone()[0]
                if total > 2 * len(keep) + 1000:
                    self._db.execute("CREATE TEMP TABLE IF NOT EXISTS live (key BLOB PRIMARY KEY)")
                    self._db.execute("DELETE FROM live")
                    self._db.executemany("INSERT OR IGNORE INTO live VALUES (?)", [(k,) for k in keep])
                    self._db.execute(f"DELETE FROM {self._table} WHERE key NOT IN (SELECT key FROM live)")
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

