"""`parkwatch sqlite` and `serve`: the package as one SQLite database, and Datasette on it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import serve as serve_database
from .. import sqlite as write_database
from ..base.layout import display_path
from ..base.problems import Location, Report, problem
from .options import EXIT_DATA, EXIT_OK, EXIT_TOOL, FORMAT_HELP, LANG_HELP, Format, Lang, app, render

PACKAGE_HELP = "Package folder to read (default: the project's datapackage/, else the copy bundled with the tool)."


def _stop(code: str, where: Path | str, detail: object, fmt: Format, lang: Lang | None, exit_code: int,
          **params: str) -> typer.Exit:
    where = display_path(where) if isinstance(where, Path) else where
    render(Report([problem(code, Location(where), detail=detail, **params)]), fmt, lang)
    return typer.Exit(exit_code)


@app.command()
def sqlite(
    out: Annotated[Optional[Path], typer.Argument(
        help="Database to write (default: dist/parkwatch-<version>.sqlite).", dir_okay=False,
        show_default=False)] = None,
    package: Annotated[Optional[Path], typer.Option("--package", help=PACKAGE_HELP, file_okay=False,
                                                    show_default=False)] = None,
    fmt: Annotated[Format, typer.Option("--format", help=FORMAT_HELP)] = Format.auto,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Write the package as one SQLite database: typed tables, keys, indexes, full-text search on names and quotes."""
    from ..published.integrity import PackageError

    try:
        written = write_database(out, package=package)
    except PackageError as exc:  # the package's own problems say why
        render(Report(exc.problems), fmt, lang)
        raise typer.Exit(EXIT_DATA) from None
    except OSError as exc:
        raise _stop("browse.write", out or Path("dist"), exc.strerror or exc, fmt, lang, EXIT_TOOL) from None
    typer.echo(f"wrote {display_path(written.path)}: {written.tables} tables, {written.rows} rows")
    raise typer.Exit(EXIT_OK)


@app.command()
def serve(
    database: Annotated[Optional[Path], typer.Argument(
        help="SQLite database written by `parkwatch sqlite` (default: written afresh from the package).",
        exists=True, dir_okay=False, show_default=False)] = None,
    package: Annotated[Optional[Path], typer.Option("--package", help=PACKAGE_HELP, file_okay=False,
                                                    show_default=False)] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8001,
    fmt: Annotated[Format, typer.Option("--format", help=FORMAT_HELP)] = Format.auto,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Browse the data in Datasette: facets, canned queries and a page per park (Ctrl-C stops it)."""
    from ..published.integrity import PackageError

    typer.echo(f"parkwatch: serving on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    try:
        serve_database(database, package=package, host=host, port=port)
    except PackageError as exc:  # the package's own problems say why
        render(Report(exc.problems), fmt, lang)
        raise typer.Exit(EXIT_DATA) from None
    except OSError as exc:
        raise _stop("browse.serve", f"{host}:{port}", exc.strerror or exc, fmt, lang, EXIT_TOOL) from None
