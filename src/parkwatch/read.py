"""Load the published tables into pandas, typed from their Table Schemas, after checking every hash.

Only pandas and pyarrow are needed here: nothing from the validation stack (YAML, JSON Schema,
the command line) is imported, so loading the data stays light.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .quantities import canonical_decimal

if TYPE_CHECKING:
    import pandas as pd

DESCRIPTOR = "datapackage.json"


class PackageError(Exception):
    """The package cannot be read: a file is missing or the descriptor is not what it should be."""


class VerificationError(PackageError):
    """A file's size or sha256 is not the one the descriptor (or a checksum list) states."""


def bundled_package() -> Path:
    """The package shipped in the wheel, or the repository's datapackage/ in a source checkout."""
    packaged = resources.files("parkwatch") / "datapackage"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "datapackage"


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def descriptor(package: Path) -> dict:
    """The package's datapackage.json, parsed."""
    path = package / DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(f"{package} is not a data package: {DESCRIPTOR} is missing") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"{path} is not valid JSON: {exc}") from None


def verified_bytes(package: Path, resource: dict) -> bytes:
    """A resource's file, read once and checked against the descriptor's `bytes` and `hash`."""
    path = package / resource["path"]
    if ".." in Path(resource["path"]).parts or Path(resource["path"]).is_absolute():
        raise PackageError(f"resource {resource['name']!r} points outside the package: {resource['path']}")
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise PackageError(f"{path} is missing (resource {resource['name']!r})") from None
    algorithm, _, expected = str(resource.get("hash", "")).partition(":")
    if algorithm != "sha256" or not expected:
        raise PackageError(f"resource {resource['name']!r} has no sha256 hash in {DESCRIPTOR}")
    if len(content) != resource.get("bytes"):
        raise VerificationError(f"{path}: {len(content)} bytes, but {DESCRIPTOR} says {resource.get('bytes')}")
    actual = sha256_hex(content)
    if actual != expected:
        raise VerificationError(f"{path}: sha256 is {actual}, but {DESCRIPTOR} says {expected}")
    return content


def verify_package(package: Path) -> dict:
    """Check every resource of the package (CSV and Parquet); returns the descriptor."""
    meta = descriptor(package)
    for resource in meta.get("resources", []):
        verified_bytes(package, resource)
    return meta


def _parquet_resources(meta: dict) -> dict[str, dict]:
    return {r["name"].removesuffix("-parquet"): r for r in meta.get("resources", []) if r.get("format") == "parquet"}


def _typed(column: "pd.Series", spec: dict, missing: list[str]) -> "pd.Series":
    """One column in the pandas type its Table Schema field calls for."""
    import pandas as pd

    enum = spec.get("constraints", {}).get("enum")
    kind = spec["type"]
    if kind == "string":  # the schema's missing values are nulls in Parquet too, as they are in the CSV
        column = column.where(~column.isin(missing), None)
    if enum is not None:
        unknown = set(column.dropna()) - set(enum)
        if unknown:
            raise PackageError(f"field {spec['name']!r} holds values outside its enum: {sorted(unknown)}")
        return pd.Series(pd.Categorical(column, categories=enum), index=column.index, name=column.name)
    if kind == "string":
        return column.astype("string")
    if kind == "integer":
        return column.astype("Int64")
    if kind == "boolean":
        return column.astype("boolean")
    if kind == "date":
        return pd.to_datetime(column).astype("datetime64[s]")
    if kind == "number":  # exact decimals, never floats; same digits as the CSV files
        return column.map(canonical_decimal, na_action="ignore").astype(object)
    raise PackageError(f"field {spec['name']!r} has a type this reader does not know: {kind!r}")


def _frame(package: Path, resource: dict) -> "pd.DataFrame":
    import pyarrow as pa
    import pyarrow.parquet as pq

    content = verified_bytes(package, resource)
    schema_path = package / resource["schema"]
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        fields, missing = schema["fields"], schema.get("missingValues", [""])
    except (OSError, ValueError, KeyError) as exc:
        raise PackageError(f"cannot read the Table Schema {schema_path}: {exc}") from None
    table = pq.read_table(pa.BufferReader(content))
    names = [f["name"] for f in fields]
    if table.column_names != names:
        raise PackageError(f"{resource['path']}: columns {table.column_names} are not the schema's {names}")
    frame = table.to_pandas(date_as_object=True)
    for spec in fields:
        frame[spec["name"]] = _typed(frame[spec["name"]], spec, missing)
    return frame


def _package_path(path: str | Path | None, version: str | None) -> Path:
    if path is not None and version is not None:
        raise ValueError("give either path= or version=, not both")
    if version is not None:
        from .download import fetch

        return fetch(version)
    return Path(path) if path is not None else bundled_package()


def read_package(path: str | Path | None = None, *, version: str | None = None) -> dict[str, "pd.DataFrame"]:
    """Every table, by name, typed from its Table Schema; every file's hash is checked first.

    Default: the package bundled with this installation. `path`: a package folder on disk.
    `version`: that release, downloaded and verified once, then read from the cache.
    """
    package = _package_path(path, version)
    meta = descriptor(package)
    return {name: _frame(package, resource) for name, resource in _parquet_resources(meta).items()}


def read_table(name: str, path: str | Path | None = None, *, version: str | None = None) -> "pd.DataFrame":
    """One table, typed and verified like `read_package`."""
    package = _package_path(path, version)
    resources_by_name = _parquet_resources(descriptor(package))
    if name not in resources_by_name:
        raise KeyError(f"no table {name!r}; the package has: {', '.join(sorted(resources_by_name))}")
    return _frame(package, resources_by_name[name])
