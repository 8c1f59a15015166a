"""`parkwatch validate` and `parkwatch build`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import build as build_package
from .. import validate as validate_project
from ..base.problems import Report
from .options import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_TOOL,
    EXIT_USAGE,
    FORMAT_HELP,
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

SourcesOption = Annotated[Optional[Path], typer.Option(
    "--sources", help="Source archive folder (default: $PARKWATCH_SOURCES, else texts/): check every quote "
                      "against its text, and each sha256.", exists=True, file_okay=False)]
RequireOption = Annotated[bool, typer.Option(
    "--require-sources", help="Fail (exit 1) when a quote cannot be checked because its text is not at hand.")]


@app.command()
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="PATHS",
        help="Files or folders to report on (default: the whole project). Every file is always checked, "
             "since references cross files.", show_default=False)] = None,
    sources: SourcesOption = None,
    require_sources: RequireOption = False,
    fmt: Annotated[Format, typer.Option("--format", help=FORMAT_HELP)] = Format.auto,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Check annotations against the schemas, the cross-record rules and, where the texts are, the sources."""
    paths = paths or []
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise fail(f"parkwatch: {missing[0]} does not exist", EXIT_USAGE)
    project = project_root(SETTINGS.project or (paths[0] if paths else Path.cwd()))
    with progress("validating"):
        report = validate_project(project, paths, sources=sources, cached=True, require_sources=require_sources)
    render(report, fmt, lang)
    raise typer.Exit(EXIT_OK if report.valid else EXIT_DATA)


@app.command()
def build(
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if datapackage/ is not what "
                                        "the annotations build.")] = False,
    sources: SourcesOption = None,
    require_sources: RequireOption = False,
    fmt: Annotated[Format, typer.Option("--format", help=FORMAT_HELP)] = Format.auto,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Validate, then compile annotations/ into the data package in datapackage/."""
    root = project_root()
    with progress("building"):
        result = build_package(root, check=check, sources=sources, require_sources=require_sources)
    if result.refused:  # another build is running, or the folder cannot be written: nothing changed
        render(Report(result.refused), fmt, lang)
        raise typer.Exit(EXIT_TOOL)
    if result.report.problems:  # errors stop the build; warnings (such as quotes left unchecked) are shown
        render(result.report, fmt, lang)
    if not result.report.valid:
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
