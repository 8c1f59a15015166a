"""Table rows → CSV and Parquet bytes, deterministic for the same rows."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pyarrow.parquet as pq

from ..base.fields import arrow_type, csv_text
from ..base.tables import Table
from .rows import Row

PARQUET_OPTIONS = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": False,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "row_group_size": 1_000_000,
}


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(f.name, arrow_type(f.type), nullable=not f.required) for f in table.fields])


def csv_bytes(table: Table, rows: list[Row]) -> bytes:
    """RFC 4180 CSV with a header row, UTF-8 without BOM, LF line endings, empty cells for null."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    names = table.field_names
    writer.writerow(names)
    for row in rows:
        writer.writerow([csv_text(row.get(name)) for name in names])
    return buffer.getvalue().encode("utf-8")


def arrow_table(table: Table, rows: list[Row]) -> pa.Table:
    """Rows to an Arrow table, built column by column with the schema's types."""
    schema = arrow_schema(table)
    columns = [pa.array([row.get(f.name) for row in rows], type=f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def parquet_bytes(table: Table, rows: list[Row]) -> bytes:
    sink = io.BytesIO()
    pq.write_table(arrow_table(table, rows), sink, **PARQUET_OPTIONS)
    return sink.getvalue()
