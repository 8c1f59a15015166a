"""Is a package (folder or release archive) whole: structure, bytes and hashes, CSV and Parquet alike."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..base.fields import FALSE, TRUE, TYPES, arrow_type
from ..base.problems import Location, Problem, problem
from .snapshot import Snapshot, SnapshotError, from_folder, from_zip

# Files a release archive carries beside the package (see archive.py).
# The package's own README.md (the data dictionary) is the archive's README.
ARCHIVE_EXTRAS = ("CHANGELOG.md", "LICENSE", "LICENSE-DATA", "CITATION.cff")


def _problem(code: str, message: str, where: str) -> Problem:
    return problem(code, Location(where), detail=message)


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


def _first_difference(a: pa.Table, b: pa.Table) -> str:
    if a.num_rows != b.num_rows:
        return f"{a.num_rows} rows in CSV, {b.num_rows} in Parquet"
    for name in a.column_names:
        left, right = a.column(name).to_pylist(), b.column(name).to_pylist()
        for i, (x, y) in enumerate(zip(left, right)):
            if x != y:
                return f"row {i + 1}, field {name}: {x!r} in CSV, {y!r} in Parquet"
    return "the column types differ"


def _same_rows(snapshot: Snapshot, csv_path: str, parquet_path: str, schema: dict) -> list[Problem]:
    """CSV and Parquet hold the same typed rows, in the same order, with the schema's columns."""
    names = [f["name"] for f in schema["fields"]]
    header = snapshot.files[csv_path].split(b"\n", 1)[0].decode("utf-8", errors="replace")
    if header.split(",") != names:
        return [_problem("verify.csv-header", f"the header is not the schema's fields ({', '.join(names)})",
                         csv_path)]
    try:
        from_csv = _csv_table(snapshot.files[csv_path], schema)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        return [_problem("verify.csv-unreadable", f"the CSV does not fit its Table Schema: {exc}", csv_path)]
    try:
        # Single-threaded: Arrow's pool threads outliving the interpreter can abort it at exit.
        from_parquet = pq.read_table(io.BytesIO(snapshot.files[parquet_path]), use_threads=False)
    except (pa.ArrowInvalid, OSError) as exc:
        return [_problem("verify.parquet-unreadable", f"the Parquet file cannot be read: {exc}", parquet_path)]
    if from_parquet.column_names != names:
        return [_problem("verify.parquet-columns", "the Parquet columns are not the schema's fields", parquet_path)]
    if all(from_csv.column(n).type == from_parquet.column(n).type and from_csv.column(n).equals(
            from_parquet.column(n)) for n in names):
        return []
    return [_problem("verify.csv-parquet-mismatch",
                     f"CSV and Parquet differ: {_first_difference(from_csv, from_parquet)}", parquet_path)]


def _resource_problems(snapshot: Snapshot, resource: dict, index: int) -> list[Problem]:
    path = resource.get("path")
    where = f"datapackage.json: resources[{index}]"
    if not isinstance(path, str) or PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
        return [_problem("verify.bad-path", f"resource path {path!r} is not a relative path inside the package",
                         where)]
    content = snapshot.files.get(path)
    if content is None:
        return [_problem("verify.missing-file", f"{path} is listed in datapackage.json but missing", path)]
    problems = []
    if resource.get("bytes") != len(content):
        problems.append(_problem("verify.bytes", f"{len(content)} bytes, datapackage.json says "
                                 f"{resource.get('bytes')}", path))
    digest = "sha256:" + hashlib.sha256(content).hexdigest()
    if resource.get("hash") != digest:
        problems.append(_problem("verify.hash", f"sha256 is {digest[7:]}, datapackage.json says "
                                 f"{resource.get('hash')}", path))
    schema = resource.get("schema")
    if isinstance(schema, str) and schema not in snapshot.files:
        problems.append(_problem("verify.missing-file", f"Table Schema {schema} is missing", path))
    return problems


def verify_snapshot(snapshot: Snapshot, *, extras: tuple[str, ...] = ()) -> list[Problem]:
    """Every problem with a package's files: structure, sizes, hashes, and CSV against Parquet."""
    try:
        descriptor = snapshot.descriptor()
    except SnapshotError as exc:
        return [_problem("verify.descriptor", str(exc), "datapackage.json")]
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        return [_problem("verify.descriptor", "datapackage.json has no list of resources", "datapackage.json")]
    problems = [p for i, r in enumerate(resources) for p in _resource_problems(snapshot, r, i)]
    # README.md is the data dictionary that the build writes beside the descriptor.
    known = {"datapackage.json", "README.md", *extras} | {r.get("path") for r in resources} | {
        r.get("schema") for r in resources if isinstance(r.get("schema"), str)}
    problems += [_problem("verify.stray-file", f"{name} is not described in datapackage.json", name)
                 for name in snapshot.files if name not in known]
    if problems:  # the row comparison needs whole, untampered files
        return problems
    by_path = {r["path"]: r for r in resources}
    for resource in resources:
        path, schema_path = resource["path"], resource.get("schema")
        twin = path[: -len(".csv")] + ".parquet" if path.endswith(".csv") else None
        if resource.get("format") != "csv" or twin not in by_path or not isinstance(schema_path, str):
            continue
        try:
            schema = json.loads(snapshot.files[schema_path])
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(_problem("verify.schema", f"the Table Schema is not valid JSON: {exc}", schema_path))
            continue
        problems += _same_rows(snapshot, path, twin, schema)
    return problems


def _sums_problems(archive: Path) -> list[Problem]:
    """The archive's line in a SHA256SUMS file beside it, when there is one."""
    sums = archive.parent / "SHA256SUMS"
    if not sums.is_file():
        return []
    for line in sums.read_text(encoding="utf-8", errors="replace").splitlines():
        digest, _, name = line.partition("  ")
        if name == archive.name:
            actual = hashlib.sha256(archive.read_bytes()).hexdigest()
            if digest != actual:
                return [_problem("verify.archive-hash", f"sha256 is {actual}, SHA256SUMS says {digest}",
                                 str(archive))]
    return []


def verify(path: Path) -> list[Problem]:
    """Verify a package folder (or project folder) or a release archive."""
    try:
        if path.is_dir():
            return verify_snapshot(from_folder(path))
        return _sums_problems(path) + verify_snapshot(from_zip(path), extras=ARCHIVE_EXTRAS)
    except SnapshotError as exc:
        return [_problem("verify.unreadable", str(exc), str(path))]
