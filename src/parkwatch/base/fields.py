"""The one field-type table: how each Table Schema type is written, stored and loaded.

Arrow types (Parquet, and the CSV reader in `verify`), CSV text, pandas dtypes, the data
dictionary's wording and the R loader's column types all derive from TYPES. pyarrow is
imported only when an Arrow type is asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable

from .quantities import SCALE, decimal_text

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class FieldType:
    name: str  # the Table Schema type
    csv: str  # how a value is written in CSV, for the data dictionary
    arrow: str  # the Arrow/Parquet type, as pyarrow spells it
    pandas: str  # the pandas dtype read_package gives, for the data dictionary
    pandas_dtype: str  # what read_package converts the column to ("decimal": exact Decimal objects)
    r: str  # the R class read_parkwatch gives
    readr: str  # the readr column spec R/parkwatch.R uses


TYPES: dict[str, FieldType] = {t.name: t for t in (
    FieldType("string", "text", "string", "`string`", "string", "character", "col_character"),
    FieldType("integer", "digits", "int64", "`Int64`", "Int64", "integer", "col_integer"),
    FieldType("number", "plain decimal, never an exponent", f"decimal128(38, {SCALE})",
              "`object` of exact `Decimal`", "decimal", "double", "col_double"),
    FieldType("boolean", "`true` / `false`", "bool", "`boolean`", "boolean", "logical", "col_logical"),
    FieldType("date", "`YYYY-MM-DD`", "date32", "`datetime64[s]`", "datetime64[s]", "Date", "col_date"),
)}
# A field with allowed values (an enum) is read as a category or factor, whatever its type.
ENUM = FieldType("… with allowed values", "the value", "string", "`category`, levels in the order listed",
                 "category", "factor", "col_factor")
TRUE, FALSE = "true", "false"


def arrow_type(name: str) -> "pa.DataType":
    """The Arrow type of a Table Schema type."""
    import pyarrow as pa

    text = TYPES[name].arrow
    if text.startswith("decimal128"):
        return pa.decimal128(38, SCALE)
    return {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(), "date32": pa.date32()}[text]


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return TRUE if value else FALSE
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


csv_text: Callable[[Any], str] = _csv_text
