"""A cache of per-file results (parsed data, load and schema problems), kept outside the repository.

An entry is keyed by the file's content hash, the path it is shown under, its schema, and a
salt made of the tool, library and Python versions, the bytes of the schemas and of the
division codes, and the source of every module of the tool. The cache lives in the user cache
folder (PARKWATCH_CACHE_DIR overrides it; PARKWATCH_NO_CACHE=1 turns it off) and is safe to
delete at any time. Any failure to read or write it means an uncached run, never a failed one.
"""

from __future__ import annotations

import decimal
import hashlib
import io
import os
import pickle
import sqlite3
import sys
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable, Iterable

from ..base import areacodes
from ..base.versions import tool_version
from . import schema

_FILE = "files-v1.sqlite"
FILES = "files"  # the table of parsed files
SLACK = 1000  # stale entries kept beyond as many as there are live ones, before they are dropped
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


def modules() -> list[Path]:
    """Every module of this package, sorted.

    All of them, not only those validation imports: finding those means parsing every module on every
    run (a tenth of a second), and a module reached some other way (a plugin, an import inside a
    function of a module outside the closure) could be missed. A change to the command line's code
    costs a cache refill, never a stale result.
    """
    root = Path(__file__).resolve().parents[1]
    return sorted(root.rglob("*.py"))


@cache
def salt() -> bytes:
    """Changes whenever a cached result could: the tool, library or Python version, a schema, the
    division codes, or any module of the tool (see `modules`)."""
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


Signature = tuple[int, int, int, int, int]
# A signature taken this close to its file's last change is not trusted on the next run: a change
# within a file system's timestamp granularity (up to 2 s on some) would leave it unchanged.
RACY_NS = 3_000_000_000


def signature(stat: os.stat_result, now: int) -> Signature | None:
    """What tells a file unchanged without reading it: its device, inode, size, and the times of its last
    change of content and of metadata; None when taken too soon after that change to be trusted."""
    if max(stat.st_mtime_ns, stat.st_ctime_ns) > now - RACY_NS:
        return None
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


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


@dataclass(frozen=True)
class Pickled:
    """An entry pickled already (by the worker that made it)."""

    blob: bytes


class Store:
    """One SQLite file of entries; every method swallows the cache's own failures."""

    def __init__(self, path: Path | None, table: str = FILES):
        self._db: sqlite3.Connection | None = None
        self._table = table  # a fixed identifier from this package, never user input
        self._owner = True  # whether closing this store closes the connection
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

    def put(self, entries: dict[bytes, Any]) -> None:
        """Store new entries (an entry `Pickled` already is stored as it is)."""
        if self._db is None or not entries:
            return
        try:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO {self._table} VALUES (?, ?)",
                                     [(k, v.blob if isinstance(v, Pickled) else pickle.dumps(v, protocol=5))
                                      for k, v in entries.items()])
        except sqlite3.Error:
            pass

    def prune(self, live: int, keep: Callable[[], Iterable[bytes]]) -> None:
        """Once stale entries outnumber the `live` ones (by SLACK), keep only the keys `keep` gives."""
        if self._db is None:
            return
        try:
            with self._db:
                if self._count() > 2 * live + SLACK:
                    self._db.execute("CREATE TEMP TABLE IF NOT EXISTS live (key BLOB PRIMARY KEY)")
                    self._db.execute("DELETE FROM live")
                    self._db.executemany("INSERT OR IGNORE INTO live VALUES (?)", [(k,) for k in keep()])
                    self._db.execute(f"DELETE FROM {self._table} WHERE key NOT IN (SELECT key FROM live)")
        except sqlite3.Error:
            pass

    def _count(self) -> int:
        assert self._db is not None
        return self._db.execute(f"SELECT count(*) FROM {self._table}").fetchone()[0]

    def using(self, table: str) -> Store:
        """Another table of the same file, over this store's connection (closed with this store)."""
        other = Store(None, table)
        other._db, other._owner = self._db, False
        if self._db is not None:
            try:
                self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key BLOB PRIMARY KEY, value BLOB NOT NULL)")
            except sqlite3.Error:
                other._db = None
        return other

    def close(self) -> None:
        if self._db is not None and self._owner:
            self._db.close()

