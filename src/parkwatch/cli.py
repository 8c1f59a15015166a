"""The command line: parse options, call the library, render the result, return an exit code.

Exit codes: 0 clean, 1 data problems, 2 usage error, 3 the tool cannot run.
"""

from __future__ import annotations

import enum
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .project import find_project
from .report import RENDERERS, text
from .validate import validate as validate_project

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_TOOL = 0, 1, 2, 3

app = typer.Typer(
    help="Validate and publish ParkWatch annotations of Chinese industrial parks.\n\n"
         "Exit codes: 0 clean, 1 data problems, 2 usage error, 3 the tool cannot run.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"


def _project(paths: list[Path]) -> Path:
    start = paths[0] if paths else Path.cwd()
    project = find_project(start if start.is_dir() else start.parent)
    if project is None:
        typer.echo(f"parkwatch: no annotations/ folder at or above {start}", err=True)
        typer.echo("    hint: run parkwatch in the project folder, or name a path inside it.", err=True)
        raise typer.Exit(EXIT_USAGE)
    return project


def build_package(root: Path, *, check: bool):
    """The library's build; imported here so that pyarrow and pypinyin load only when building."""
    from .package import build as build_

    return build_(root, check=check)


def _render(report, fmt: Format) -> None:
    if fmt is Format.text:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(text(report, color=color))
    else:
        sys.stdout.write(RENDERERS[fmt.value](report))


@app.command()
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Files or folders to report on (default: the whole project). References are always "
             "checked against every file.", show_default=False)] = None,
    sources: Annotated[Optional[Path], typer.Option(
        "--sources", help="Folder of source texts: check every quote against its text, and each sha256.",
        exists=True, file_okay=False)] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.text,
) -> None:
    """Check annotations against the schemas and the cross-record rules."""
    paths = paths or []
    for path in paths:
        if not path.exists():
            typer.echo(f"parkwatch: {path} does not exist", err=True)
            raise typer.Exit(EXIT_USAGE)
    project = _project(paths)
    files = {p.resolve() for p in paths if p.is_file()}
    only = None
    if paths and not any(p.resolve() == project for p in paths):
        only = {f for p in paths for f in ([p.resolve()] if p.is_file() else p.resolve().rglob("*.yaml"))}
    report = validate_project(project, sources=sources, only=only or files or None)
    _render(report, fmt)
    raise typer.Exit(EXIT_OK if report.valid else EXIT_DATA)


@app.command()
def build(
    project: Annotated[Path, typer.Option("--project", help="Project folder (holds annotations/).",
                                          file_okay=False)] = Path("."),
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if datapackage/ is not what "
                                        "the annotations build.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="Output format for problems.")] = Format.text,
) -> None:
    """Validate, then compile annotations/ into the data package in datapackage/."""
    root = _project([project])
    result = build_package(root, check=check)
    if not result.report.valid:
        _render(result.report, fmt)
        typer.echo("build: not written: fix the errors above first.", err=True)
        raise typer.Exit(EXIT_DATA)
    if check:
        if result.differences:
            for line in result.differences:
                typer.echo(f"datapackage/: {line}")
            typer.echo("build --check: datapackage/ is out of date; run `parkwatch build` and commit it.")
            raise typer.Exit(EXIT_DATA)
        typer.echo("build --check: datapackage/ is up to date")
        raise typer.Exit(EXIT_OK)
    typer.echo(f"built {root / 'datapackage'}")


@app.command()
def version() -> None:
    """Print the tool's version."""
    typer.echo(__version__)


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the tool itself failed: say so, exit 3
        print(f"parkwatch: cannot run: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("PARKWATCH_DEBUG"):
            traceback.print_exc()
        else:
            print("    hint: set PARKWATCH_DEBUG=1 to see the traceback, and report it.", file=sys.stderr)
        sys.exit(EXIT_TOOL)
