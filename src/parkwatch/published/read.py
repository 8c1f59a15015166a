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
from .integrity import PackageError, Tree, VerificationError, bundled_package, fault, verified

__all__ = ["PackageError", "VerificationError", "bundled_package", "read_package", "read_table"]

if TYPE_CHECKING:
    import pandas as pd


def _parquet_resources(meta: dict) -> dict[str, dict]:
    return {str(r.get("name", "")).removesuffix("-parquet"): r for r in meta["resources"]
            if isinstance(r, dict) and r.get("format") == "parquet"}


def _typed(column: "pd.Series", spec: dict, missing: list[str], where: str) -> "pd.Series":
    """One column in the pandas type its Table Schema field calls for."""
    import pandas as pd

    constraints = spec.get("constraints") if isinstance(spec.get("constraints"), dict) else {}
    enum, kind = constraints.get("enum"), spec.get("type")
    if kind == "string":  # the schema's missing values are nulls in Parquet too, as they are in the CSV
        column = column.where(~column.isin(missing), None)
    if isinstance(enum, list):
        unknown = set(column.dropna()) - set(enum)
        if unknown:
            raise PackageError([fault("verify.enum", where, path=where, field=spec["name"],
                                      values=", ".join(map(str, sorted(unknown, key=str))))])
        return pd.Series(pd.Categorical(column, categories=enum), index=column.index, name=column.name)
    if kind not in TYPES:
        raise PackageError([fault("verify.field-type", where, path=where, field=spec["name"], type=kind)])
    dtype = TYPES[kind].pandas_dtype
    if dtype == "decimal":  # exact decimals, never floats; same digits as the CSV files
        return column.map(canonical_decimal, na_action="ignore").astype(object)
    if dtype.startswith("datetime64"):
        return pd.to_datetime(column).astype(dtype)
    return column.astype(dtype)


def _schema(tree: Tree, resource: dict) -> tuple[list[dict], list[str]]:
    where = str(resource.get("schema"))
    try:
        schema = json.loads(tree.read(where).decode("utf-8"))
        fields, missing = schema["fields"], schema.get("missingValues", [""])
        if not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
            raise ValueError("no list of named fields")
        return fields, [str(m) for m in missing]
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PackageError([fault("verify.schema", where, path=where, reason=exc)]) from None


def _frame(tree: Tree, resource: dict) -> "pd.DataFrame":
    import pyarrow as pa
    import pyarrow.parquet as pq

    where = str(resource.get("path"))
    fields, missing = _schema(tree, resource)
    try:
        # Single-threaded throughout: Arrow's pool threads outliving the interpreter can abort it at exit.
        table = pq.read_table(pa.BufferReader(tree.read(where)), use_threads=False)
        names = [f["name"] for f in fields]
        if table.column_names != names:
            raise PackageError([fault("verify.parquet-columns", where, path=where, fields=", ".join(names))])
        frame = table.to_pandas(date_as_object=True, use_threads=False)
        for spec in fields:
            frame[spec["name"]] = _typed(frame[spec["name"]], spec, missing, where)
    except PackageError:
        raise
    except (pa.ArrowException, OSError, ValueError, TypeError, KeyError, OverflowError) as exc:
        raise PackageError([fault("verify.parquet-unreadable", where, path=where, reason=exc)]) from None
    return frame


def _package_path(path: str | Path | None, version: str | None) -> Path:
    if path is not None and version is not None:
        raise ValueError("give either path= or version=, not both")
    if version is not None:
        from .download import fetch

        return fetch(version)
    return Path(path) if path is not None else bundled_package()


def read_package(path: str | Path | None = None, *, version: str | None = None) -> dict[str, "pd.DataFrame"]:
    """Every table, by name, typed from its Table Schema; every file's size and hash is checked first.

    Raises PackageError (VerificationError when a file is not the one listed) for any package
    that cannot be read as published, and ValueError when both `path` and `version` are given.

    Default: the package bundled with this installation. `path`: a package folder on disk.
    `version`: that release, downloaded and verified once, then read from the cache.
    """
    tree, meta = verified(_package_path(path, version))
    return {name: _frame(tree, resource) for name, resource in _parquet_resources(meta).items()}


def read_table(name: str, path: str | Path | None = None, *, version: str | None = None) -> "pd.DataFrame":
    """One table, typed like `read_package`; the package's layout and this table's files are verified."""
    def its_files(meta: dict) -> set[str]:
        resource = _parquet_resources(meta).get(name, {})
        return {str(resource.get("path")), str(resource.get("schema"))}

    tree, meta = verified(_package_path(path, version), only=its_files)
    resources_by_name = _parquet_resources(meta)
    if name not in resources_by_name:
        raise KeyError(f"no table {name!r}; the package has: {', '.join(sorted(resources_by_name))}")
    return _frame(tree, resources_by_name[name])
