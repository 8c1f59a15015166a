"""Is a package (folder or release archive) whole: structure, bytes and hashes, CSV and Parquet alike."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..base.fields import FALSE, TRUE, TYPES, arrow_type
from ..base.layout import SUMS
from ..base.problems import Problem
from .integrity import Tree, check_tree, fault, open_tree, parse_sums, safe_name


def _csv_table(raw: bytes, schema: dict) -> pa.Table:
    """A CSV file read with the column types of its Table Schema."""
    names = [f["name"] for f in schema["fields"]]
    types = {f["name"]: arrow_type(f["type"]) if f.get("type") in TYPES else pa.string() for f in schema["fields"]}
    return pacsv.read_csv(
        io.BytesIO(raw),
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=False),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),  # notes and quotes may span lines
        convert_options=pacsv.ConvertOptions(column_types=types, null_values=schema.get("missingValues", [""]),
                                             strings_can_be_null=True, true_values=[TRUE],
                                             false_values=[FALSE]),
    )


def _first_difference(a: pa.Table, b: pa.Table) -> tuple[str, str]:
    """The first (row, field) where two tables differ; row counts when they have different lengths."""
    if a.num_rows != b.num_rows:
        return f"{a.num_rows}/{b.num_rows}", "(row count)"
    for name in a.column_names:
        left, right = a.column(name).to_pylist(), b.column(name).to_pylist()
        for i, (x, y) in enumerate(zip(left, right)):
            if x != y:
                return str(i + 1), name
    return "-", "(column types)"


def _same_rows(tree: Tree, csv_path: str, parquet_path: str, schema: dict) -> list[Problem]:
    """CSV and Parquet hold the same typed rows, in the same order, with the schema's columns."""
    names = [f["name"] for f in schema["fields"]]
    raw_csv = tree.read(csv_path)
    header = raw_csv.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    if header.split(",") != names:
        return [fault("verify.csv-header", csv_path, path=csv_path, fields=", ".join(names))]
    try:
        from_csv = _csv_table(raw_csv, schema)
    except (pa.ArrowException, ValueError, TypeError) as exc:
        return [fault("verify.csv-unreadable", csv_path, path=csv_path, reason=exc)]
    try:
        # Single-threaded: Arrow's pool threads outliving the interpreter can abort it at exit.
        from_parquet = pq.read_table(io.BytesIO(tree.read(parquet_path)), use_threads=False)
    except (pa.ArrowException, OSError, ValueError) as exc:
        return [fault("verify.parquet-unreadable", parquet_path, path=parquet_path, reason=exc)]
    if from_parquet.column_names != names:
        return [fault("verify.parquet-columns", parquet_path, path=parquet_path, fields=", ".join(names))]
    if all(from_csv.column(n).type == from_parquet.column(n).type and from_csv.column(n).equals(
            from_parquet.column(n)) for n in names):
        return []
    row, name = _first_difference(from_csv, from_parquet)
    return [fault("verify.csv-parquet-mismatch", parquet_path, path=parquet_path, row=row, field=name)]


def _table_schema(tree: Tree, path: str) -> dict | Problem:
    try:
        schema = json.loads(tree.read(path).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return fault("verify.schema", path, path=path, reason=exc)
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str)
                                               for f in fields):
        return fault("verify.schema", path, path=path, reason="no list of named fields")
    return schema


def rows_problems(tree: Tree, meta: dict) -> list[Problem]:
    """Each CSV against its Parquet twin, once every file's bytes are known to be the built ones."""
    problems: list[Problem] = []
    by_path = {r.get("path"): r for r in meta["resources"] if isinstance(r, dict)}
    for path, resource in by_path.items():
        schema_path = resource.get("schema")
        twin = path[: -len(".csv")] + ".parquet" if isinstance(path, str) and path.endswith(".csv") else None
        if resource.get("format") != "csv" or twin not in by_path or not isinstance(schema_path, str):
            continue
        schema = _table_schema(tree, schema_path)
        if isinstance(schema, Problem):
            problems.append(schema)
            continue
        problems += _same_rows(tree, path, twin, schema)
    return problems


def _sums_problems(archive: Path) -> list[Problem]:
    """The files a SHA256SUMS beside the archive lists and that lie beside it (the archive, the release's
    database): each with the sha256 it states. A listed file that is absent was just not downloaded."""
    sums = archive.parent / SUMS
    if not sums.is_file():
        return []
    listed = parse_sums(sums.read_text(encoding="utf-8", errors="replace"))
    problems = []
    for name, expected in sorted(listed.items()):
        path = archive.parent / name
        if not safe_name(name) or "/" in name or not path.is_file() or path.is_symlink():
            continue
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != expected:
            problems.append(fault("verify.archive-hash", name, path=name, actual=digest.hexdigest(),
                                  expected=expected))
    return problems


def verify(path: Path) -> list[Problem]:
    """Verify a package folder (a project folder, an unpacked release) or a release archive."""
    try:
        outer = [] if path.is_dir() else _sums_problems(path)
        tree = open_tree(path)
        meta, problems = check_tree(tree)
        if problems or meta is None:  # the row comparison needs whole, untampered files
            return outer + problems
        return outer + rows_problems(tree, meta)
    except OSError as exc:
        return [fault("verify.unreadable", str(path), path=path, reason=exc)]
