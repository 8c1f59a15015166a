"""Table rows → CSV and Parquet bytes, deterministic for the same rows."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from ..base.fields import arrow_type, csv_text
from ..base.tables import Table
from .rows import Row

if TYPE_CHECKING:  # pyarrow is loaded when a table is first written (see `_arrow`)
    import pyarrow as pa

PARQUET_OPTIONS = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": False,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "row_group_size": 1_000_000,
}


def _arrow():
    """pyarrow, loaded on first use: a build's second process loads it while this one still validates."""
    import pyarrow as pa
    import pyarrow.parquet  # noqa: F401 - pa.parquet

    return pa


def arrow_schema(table: Table) -> pa.Schema:
    pa = _arrow()
    return pa.schema([pa.field(f.name, arrow_type(f.type), nullable=not f.required) for f in table.fields])


def columns(table: Table, rows: list[Row]) -> list[tuple]:
    """Each field's values, in row order (None where a row lacks it): taken once, for both formats."""
    names = table.field_names
    if not rows:
        return [() for _ in names]
    return list(zip(*(tuple(map(row.get, names)) for row in rows)))


def csv_bytes(table: Table, rows: list[Row], values: list[tuple] | None = None) -> bytes:
    """RFC 4180 CSV with a header row, UTF-8 without BOM, LF line endings, empty cells for null."""
    values = columns(table, rows) if values is None else values
    texts = [_texts(column) for column in values]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.field_names)
    writer.writerows(zip(*texts))
    return buffer.getvalue().encode("utf-8")


def _texts(column: tuple) -> list[str]:
    """A column's cells as CSV text (as csv_text has them), the common kinds of column without a call per cell."""
    kinds = set(map(type, column))
    if kinds <= _TEXT:
        return ["" if v is None else v for v in column]
    if kinds <= _DECIMAL:
        # Zero is not looked up: 0 and -0 are equal, but written as typed.
        return ["" if v is None else _decimal_text(v) if v else csv_text(v) for v in column]
    return [v if type(v) is str else csv_text(v) for v in column]


_TEXT, _DECIMAL = frozenset({str, type(None)}), frozenset({Decimal, type(None)})


@lru_cache(maxsize=1 << 16)  # values recur: 10 亿元 in many a target
def _decimal_text(value: Decimal) -> str:
    return csv_text(value)


def arrow_table(table: Table, rows: list[Row], values: list[tuple] | None = None) -> pa.Table:
    """Rows to an Arrow table, built column by column with the schema's types."""
    pa = _arrow()
    schema = arrow_schema(table)
    values = columns(table, rows) if values is None else values
    arrays = [pa.array(list(column), type=f.type) for f, column in zip(schema, values)]
    return pa.Table.from_arrays(arrays, schema=schema)


def parquet_bytes(table: Table, rows: list[Row], values: list[tuple] | None = None) -> bytes:
    sink = io.BytesIO()
    _arrow().parquet.write_table(arrow_table(table, rows, values), sink, **PARQUET_OPTIONS)
    return sink.getvalue()


def both(table: Table, rows: list[Row]) -> tuple[bytes, bytes]:
    """The CSV and the Parquet bytes of a table's rows."""
    values = columns(table, rows)
    return csv_bytes(table, rows, values), parquet_bytes(table, rows, values)
