"""`parkwatch validate` and `parkwatch build`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import build as build_package
from .. import validate as validate_project
from .options import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    FORMAT_HELP,
    FORMAT_METAVAR,
    LANG_HELP,
    SETTINGS,
    Format,
    Lang,
    app,
    fail,
    project_root,
    render,
    say,
)
from .progress import progress


@app.command()
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="PATHS",
        help="Files or folders to report on (default: the whole project). Every file is always checked, "
             "since references cross files.", show_default=False)] = None,
    sources: Annotated[Optional[Path], typer.Option(
        "--sources", metavar="DIR", help="Folder of source texts: check every quote against its text, and each sha256.",
        exists=True, file_okay=False)] = None,
    fmt: Annotated[Format, typer.Option("--format", metavar=FORMAT_METAVAR, help=FORMAT_HELP)] = Format.auto,
    lang: Annotated[Optional[Lang], typer.Option("--lang", metavar="[en|zh]", help=LANG_HELP,
                                                 show_default=False)] = None,
) -> None:
    """Check annotations against the schemas and the cross-record rules."""
    paths = paths or []
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise fail(f"parkwatch: {missing[0]} does not exist", EXIT_USAGE)
    project = project_root(SETTINGS.project or (paths[0] if paths else Path.cwd()))
    with progress("validating"):
        report = validate_project(project, paths, sources=sources, cached=True)
    render(report, fmt, lang)
    raise typer.Exit(EXIT_OK if report.valid else EXIT_DATA)


@app.command()
def build(
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if datapackage/ is not what "
                                        "the annotations build.")] = False,
    fmt: Annotated[Format, typer.Option("--format", metavar=FORMAT_METAVAR, help=FORMAT_HELP)] = Format.auto,
    lang: Annotated[Optional[Lang], typer.Option("--lang", metavar="[en|zh]", help=LANG_HELP,
                                                 show_default=False)] = None,
) -> None:
    """Validate, then compile annotations/ into the data package in datapackage/."""
    root = project_root()
    with progress("building"):
        result = build_package(root, check=check)
    if not result.report.valid:
        render(result.report, fmt, lang)
        raise fail("build: not written: fix the errors above first.", EXIT_DATA)
    if check:
        if result.differences:
            for line in result.differences:
                typer.echo(f"datapackage/: {line}")
            typer.echo("build --check: datapackage/ is out of date; run `parkwatch build` and commit it.")
            raise typer.Exit(EXIT_DATA)
        say("build --check: datapackage/ is up to date")
        raise typer.Exit(EXIT_OK)
    say(f"built {root / 'datapackage'}")
