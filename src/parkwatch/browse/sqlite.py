"""A built package as one SQLite database: typed columns, primary and foreign keys, indexes, full-text search.

The database is a pure function of the package: the same package gives the same bytes (with the same
SQLite and sqlite-utils). It is written beside its final name and renamed into place, so a failed or
killed run leaves the old file, or none.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..base.fields import TRUE
from ..base.layout import DIST, OUTPUT, database_name, find_project
from ..published.integrity import PackageError, bundled_package, descriptor, fault, verified

# How each Table Schema type is stored. NUMERIC keeps whole numbers as integers and the rest as
# 8-byte floats: exact for the integers CSV holds up to 2^63, and to about 15 significant digits else.
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER", "date": "TEXT"}
# Searched as substrings of three characters or more (trigram), which suits Chinese names without spaces.
TOKENIZER = "trigram"


def searchable(name: str) -> bool:
    """Names and quotes get full-text search."""
    return name == "quote" or "name" in name or name.startswith("alias_")


@dataclass(frozen=True)
class Database:
    path: Path
    tables: int
    rows: int


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(names: list[str]) -> str:
    return ", ".join(_quote(n) for n in names)


def create_table(name: str, schema: dict) -> str:
    """CREATE TABLE for a Table Schema: types, NOT NULL, booleans held to 0 and 1, the keys."""
    lines = []
    for spec in schema["fields"]:
        kind = spec["type"]
        if kind not in SQL_TYPES:
            raise refused(f"field {spec['name']!r} of {name!r} has a type SQLite is not given: {kind!r}")
        line = f"{_quote(spec['name'])} {SQL_TYPES[kind]}"
        if spec.get("constraints", {}).get("required"):
            line += " NOT NULL"
        if kind == "boolean":
            line += f" CHECK ({_quote(spec['name'])} IN (0, 1))"
        lines.append(line)
    lines.append(f"PRIMARY KEY ({_columns(schema['primaryKey'])})")
    for key in schema.get("foreignKeys", []):
        reference = key["reference"]
        lines.append(f"FOREIGN KEY ({_columns(key['fields'])}) REFERENCES "
                     f"{_quote(reference['resource'])} ({_columns(reference['fields'])})")
    return f"CREATE TABLE {_quote(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def key_indexes(name: str, schema: dict) -> list[str]:
    """An index for every foreign key the primary key's own index does not already serve."""
    primary = schema["primaryKey"]
    out = []
    for key in schema.get("foreignKeys", []):
        fields = key["fields"]
        if primary[: len(fields)] == fields:
            continue
        index = f"idx_{name}_{'_'.join(fields)}"
        out.append(f"CREATE INDEX {_quote(index)} ON {_quote(name)} ({_columns(fields)})")
    return out


def _cell(text: str, kind: str, missing: list[str]) -> object:
    if text in missing:
        return None
    if kind == "integer":
        return int(text)
    if kind == "boolean":
        return 1 if text == TRUE else 0
    return text  # numbers as decimal text: the NUMERIC column turns them into numbers


def _rows(content: bytes, schema: dict) -> tuple[list[str], list[tuple]]:
    reader = csv.reader(io.StringIO(content.decode("utf-8"), newline=""))
    header = next(reader, [])
    names = [f["name"] for f in schema["fields"]]
    if header != names:
        raise refused(f"CSV header {header} is not the Table Schema's fields {names}")
    kinds, missing = [f["type"] for f in schema["fields"]], schema.get("missingValues", [""])
    return names, [tuple(_cell(t, k, missing) for t, k in zip(row, kinds)) for row in reader]


def refused(detail: str) -> PackageError:
    """The package cannot be turned into a database, and why."""
    return PackageError([fault("browse.package", "datapackage", detail=detail, package="datapackage")])


def _load(connection: sqlite3.Connection, package: Path) -> tuple[int, int]:
    import sqlite_utils

    tree, meta = verified(package)
    tables = rows = 0
    db = sqlite_utils.Database(connection)
    for resource in meta.get("resources", []):
        if resource.get("format") != "csv":
            continue
        name = resource["name"]
        try:
            schema = json.loads(tree.read(resource["schema"]).decode("utf-8"))
        except (OSError, ValueError, KeyError) as exc:
            raise refused(f"cannot read the Table Schema of {name!r}: {exc}") from None
        names, records = _rows(tree.read(resource["path"]), schema)
        connection.execute(create_table(name, schema))
        connection.executemany(f"INSERT INTO {_quote(name)} VALUES ({', '.join('?' * len(names))})", records)
        for statement in key_indexes(name, schema):
            connection.execute(statement)
        search = [n for n, f in zip(names, schema["fields"]) if f["type"] == "string" and searchable(n)]
        if search:
            db[name].enable_fts(search, tokenize=TOKENIZER)
            db[name].populate_fts(search)
        tables, rows = tables + 1, rows + len(records)
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, _, parent, _ = broken[0]
        raise refused(f"{len(broken)} rows break a foreign key, the first in {table!r} (to {parent!r})")
    return tables, rows


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _clear_stale(out: Path) -> None:
    """Remove what a killed run left staged beside `out`; a running writer's file is left alone."""
    for leftover in out.parent.glob(f".{out.name}.*.tmp"):
        pid = leftover.name[len(out.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def write_sqlite(package: Path, out: Path) -> Database:
    """Write the package at `package` as the SQLite database `out`, replacing it only when complete."""
    out.parent.mkdir(parents=True, exist_ok=True)
    _clear_stale(out)
    handle, staged = tempfile.mkstemp(prefix=f".{out.name}.{os.getpid()}.", suffix=".tmp", dir=out.parent)
    os.close(handle)
    staging = Path(staged)
    try:
        connection = sqlite3.connect(staging, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = OFF")  # the whole file is staged: no journal needed
            connection.execute("BEGIN")
            tables, rows = _load(connection, package)
            connection.execute("COMMIT")
        finally:
            connection.close()
        os.chmod(staging, 0o644)
        os.replace(staging, out)
    finally:
        staging.unlink(missing_ok=True)
    return Database(out, tables, rows)


def source_package(package: Path | None, project: Path) -> Path:
    """The package to read: the one named, else the project's datapackage/, else the bundled copy."""
    if package is not None:
        return package
    root = find_project(project)
    return root / OUTPUT if root is not None else bundled_package()


def default_output(package: Path, project: Path) -> Path:
    """dist/parkwatch-<version>.sqlite, in the project when there is one."""
    root = find_project(project) or project
    return root / DIST / database_name(str(descriptor(package).get("version", "unversioned")))


def database_bytes(files: dict[str, bytes]) -> bytes:
    """The database of a package given as its files by relative path (as a release renders it)."""
    with tempfile.TemporaryDirectory(prefix=".parkwatch-sqlite-") as folder:
        root = Path(folder)
        for name, content in files.items():
            (root / "package" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "package" / name).write_bytes(content)
        return write_sqlite(root / "package", root / "out.sqlite").path.read_bytes()
