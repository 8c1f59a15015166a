"""The data dictionary, datapackage/README.md: written from the Table Schemas at build time."""

from __future__ import annotations

from dataclasses import dataclass

from ..base.fields import ENUM, TYPES
from ..base.tables import Table


@dataclass(frozen=True)
class Described:
    """One table as published: its definition, its Table Schema descriptor and its row count."""

    table: Table
    schema: dict
    rows: int


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _allowed(field: dict, table: Table) -> str:
    constraints = field.get("constraints", {})
    defined = next(f for f in table.fields if f.name == field["name"])
    if "enum" in constraints:
        values = ", ".join(f"`{v}`" for v in constraints["enum"])
        return f"{values} (table `{defined.vocabulary}`)" if defined.vocabulary else values
    if "pattern" in constraints:
        return f"pattern `{constraints['pattern']}`"
    return ""


def _joins(table: Table) -> list[str]:
    return [f"`{', '.join(local)}` → `{resource}.{', '.join(remote)}`"
            for local, resource, remote in table.foreign_keys]


def _table_section(item: Described) -> list[str]:
    table = item.table
    out = [
        f"### `{table.name}`", "",
        f"{table.en} {table.zh}", "",
        f"- Rows: {item.rows}",
        f"- Files: `data/{table.name}.csv`, `data/{table.name}.parquet`; schema `schemas/{table.name}.json`",
        f"- Primary key: `{', '.join(table.primary_key)}`",
    ]
    joins = _joins(table)
    if joins:
        out.append("- Joins: " + "; ".join(joins))
    out += ["", "| field | type | required | description | 说明 | allowed values |", "|---|---|---|---|---|---|"]
    for field in item.schema["fields"]:
        required = "yes" if field.get("constraints", {}).get("required") else ""
        out.append(f"| `{field['name']}` | {field['type']} | {required} | {_cell(field['description'])} | "
                   f"{_cell(field['description_zh'])} | {_cell(_allowed(field, table))} |")
    return out + [""]


def _loading() -> list[str]:
    return [
        "## Loading the data", "",
        "Python (pandas), typed from the Table Schemas, with every file's sha256 checked first:", "",
        "```python", "import parkwatch",
        "tables = parkwatch.read_package(\"datapackage\")  # or read_package() for the bundled copy",
        "targets = parkwatch.read_table(\"targets\", \"datapackage\")",
        "```", "",
        "R (the package in `R/` of the ParkWatch repository, installed with `R CMD INSTALL R`; needs jsonlite, "
        "readr and digest):", "",
        "```r", "library(parkwatch)", "tables <- read_parkwatch(\"datapackage\")", "```", "",
        "polars:", "",
        "```python", "import polars as pl",
        "targets = pl.read_parquet(\"datapackage/data/targets.parquet\")", "```", "",
        "DuckDB:", "",
        "```sql",
        "SELECT t.*, p.name_zh FROM 'datapackage/data/targets.parquet' t",
        "  JOIN 'datapackage/data/parks.parquet' p USING (park_id);", "```", "",
        "A release can also be fetched and verified with `parkwatch download --version <version>`, or "
        "`parkwatch.read_package(version=\"<version>\")` in Python.", "",
        "Spreadsheets: text is published verbatim, and a cell that starts with `=`, `+`, `-` or `@` "
        "(which validation flags but allows, when the source prints it so) is run as a formula by "
        "Excel, LibreOffice and Google Sheets if the CSV is opened directly. Import the CSV files with "
        "every column as text (Data → From Text/CSV), or read the Parquet files. No value holds a "
        "control character.", "",
    ]


def _citation(meta: dict) -> list[str]:
    authors = ", ".join(c["title"] for c in meta["contributors"])
    year = f" ({str(meta['created'])[:4]})" if meta.get("created") else ""
    where = f" {meta['homepage']}" if meta.get("homepage") else ""
    licences = "; ".join(f"{lic['title']} ({lic['name']}), {lic['path']}" for lic in meta["licenses"])
    return [
        "## Licence", "",
        f"The data is published under {licences}. Quotes are short excerpts cited from their sources "
        "so that every number can be checked.", "",
        "## How to cite", "",
        f"> {authors}{year}. *{meta['title']}*, version {meta['version']}. Data package.{where}", "",
        "Machine-readable citation metadata is in `CITATION.cff` at the root of the repository.", "",
    ]


def render(meta: dict, tables: list[Described]) -> bytes:
    """The data dictionary as Markdown bytes; a pure function of the metadata and the Table Schemas."""
    out = [
        f"# {meta['title']}", "",
        f"Data dictionary of version {meta['version']}, generated from the Table Schemas by "
        "`parkwatch build`.", "",
        meta["description"], "",
        "Every table comes twice, as CSV (`data/<table>.csv`) and as Parquet (`data/<table>.parquet`), "
        "sharing one Table Schema (`schemas/<table>.json`). Empty CSV cells are nulls: what a source does "
        "not say stays empty.", "",
        "Integrity: `datapackage.json` lists the size and sha256 of every other file of the package "
        "(tables, Table Schemas, this dictionary, `changes.json`) under `parkwatch:files`. The CSV "
        "resources also carry `bytes` and `hash`, which any Data Package tool checks; the Parquet "
        "resources do not, because generic tools (frictionless-py among them) cannot count Parquet "
        "bytes: `parkwatch verify`, `parkwatch.read_package` and the R reader check them from "
        "`parkwatch:files`. A release archive adds a `SHA256SUMS` for the project files it carries "
        "(CHANGELOG, licences, citation), and is itself listed in the `SHA256SUMS` published beside it.", "",
        "## Tables", "",
        "| table | rows | one row per | 说明 |", "|---|---|---|---|",
    ]
    out += [f"| [`{i.table.name}`](#{i.table.name}) | {i.rows} | {_cell(i.table.en)} | {_cell(i.table.zh)} |"
            for i in tables]
    out += ["", "## Types", "",
            "| Table Schema type | CSV | Parquet | pandas (`parkwatch.read_package`) | R (`read_parkwatch`) |",
            "|---|---|---|---|---|"]
    out += [f"| {t.name} | {t.csv} | {t.arrow} | {t.pandas} | {t.r} |" for t in (*TYPES.values(), ENUM)]
    out += ["", "Money and other quantities are never floats in the Parquet files or in pandas. R reads them "
            "as doubles, exact for whole numbers up to 2^53.", "",
            "## Keys and joins", "",
            "Every table has a primary key, and every id it shares with another table is a foreign key. "
            "Vocabulary fields (`kind`, `metric`, `unit_stated`, …) join the vocabulary tables on `id`; "
            "`source_id` joins `sources`; `park_id` joins `parks`.", "",
            "| from | to |", "|---|---|"]
    out += [f"| `{i.table.name}.{', '.join(local)}` | `{resource}.{', '.join(remote)}` |"
            for i in tables for local, resource, remote in i.table.foreign_keys]
    out += ["", "## Fields", ""]
    for item in tables:
        out += _table_section(item)
    out += _citation(meta)
    out += _loading()
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")
