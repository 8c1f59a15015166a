"""Load the published tables into pandas, typed from their Table Schemas, after checking every hash.

Only pandas and pyarrow are needed here: nothing from the validation stack (YAML, JSON Schema,
the command line) is imported, so loading the data stays light.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.fields import TYPES
from ..base.quantities import canonical_decimal
from .integrity import PackageError, VerificationError, bundled_package, descriptor, verified_bytes

__all__ = ["PackageError", "VerificationError", "bundled_package", "read_package", "read_table"]

if TYPE_CHECKING:
    import pandas as pd


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
    if kind not in TYPES:
        raise PackageError(f"field {spec['name']!r} has a type this reader does not know: {kind!r}")
    dtype = TYPES[kind].pandas_dtype
    if dtype == "decimal":  # exact decimals, never floats; same digits as the CSV files
        return column.map(canonical_decimal, na_action="ignore").astype(object)
    if dtype.startswith("datetime64"):
        return pd.to_datetime(column).astype(dtype)
    return column.astype(dtype)


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
