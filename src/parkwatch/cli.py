"""The command line: parse options, call the library, render the result, return an exit code.

Exit codes: 0 clean, 1 data problems, 2 usage error, 3 the tool cannot run.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import sys
import traceback
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .package import build as build_package
from .project import find_project
from .report import RENDERERS, text
from .validate import Report, validate as validate_project

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


class DiffFormat(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class Level(str, enum.Enum):
    major = "major"
    minor = "minor"
    patch = "patch"


class Bump(str, enum.Enum):
    auto = "auto"
    major = "major"
    minor = "minor"
    patch = "patch"


@app.command()
def diff(
    old: Annotated[Optional[str], typer.Argument(
        help="Older package: a folder, a release zip or a git revision (default: the last data-v* tag).",
        show_default=False)] = None,
    new: Annotated[Optional[str], typer.Argument(
        help="Newer package, the same kinds (default: the project's datapackage/).", show_default=False)] = None,
    project: Annotated[Path, typer.Option("--project", help="Project folder (its git repository for "
                                          "revisions).", file_okay=False)] = Path("."),
    fmt: Annotated[DiffFormat, typer.Option("--format", help="Output format.")] = DiffFormat.text,
    fail_on: Annotated[Optional[Level], typer.Option(
        "--fail-on", help="Exit 1 when the change needs at least this bump and NEW's version does not "
        "declare it.", show_default=False)] = None,
) -> None:
    """Compare two packages: rows and schemas, and the version bump the change requires."""
    from .changes import RENDERERS as DIFF_RENDERERS, undeclared_break
    from .diff import diff as diff_packages
    from .snapshot import SnapshotError, from_folder, last_release, open_side

    # Two named sides need no project, unless one is a git revision (then the repository is the folder's).
    root = (find_project(project) or project.resolve()) if old and new else _project([project])
    old = old or last_release(root)
    if old is None:
        typer.echo("diff: no data release yet (no data-v* tag): nothing to compare")
        raise typer.Exit(EXIT_OK)
    try:
        result = diff_packages(open_side(old, root), open_side(new, root) if new else from_folder(root))
    except SnapshotError as exc:
        typer.echo(f"parkwatch: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    sys.stdout.write(DIFF_RENDERERS[fmt.value](result))
    unannounced = undeclared_break(result, fail_on.value) if fail_on else None
    if unannounced:
        typer.echo(f"diff: {unannounced}", err=True)
        raise typer.Exit(EXIT_DATA)


def _is_date(text: str) -> bool:
    try:
        return len(text) == 10 and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False


@app.command()
def release(
    date: Annotated[str, typer.Option("--date", help="Release date, YYYY-MM-DD (written as `created`).")],
    bump: Annotated[Bump, typer.Option("--bump", help="Version bump; auto takes what the changes need.")]
    = Bump.auto,
    set_version: Annotated[Optional[str], typer.Option(
        "--version", help="Exact version (default: the previous release bumped; 1.0.0 for the first).",
        show_default=False)] = None,
    previous: Annotated[Optional[str], typer.Option(
        "--previous", help="Previous release: folder, zip or git revision (default: the last data-v* tag).",
        show_default=False)] = None,
    project: Annotated[Path, typer.Option("--project", help="Project folder (holds annotations/).",
                                          file_okay=False)] = Path("."),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Write nothing; print the version and the changes.")]
    = False,
) -> None:
    """Release the data: version and date, CHANGELOG.md, changes.json, the package, and dist/ archive."""
    from .changes import markdown
    from .release import Plan, plan, release as release_data

    if not _is_date(date) or (set_version is not None
                              and not re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", set_version)):
        typer.echo("parkwatch: --date is a date, YYYY-MM-DD, and --version X.Y.Z", err=True)
        raise typer.Exit(EXIT_USAGE)
    root = _project([project])
    if dry_run:
        planned = plan(root, date=date, bump=bump.value, version=set_version, previous=previous)
        if isinstance(planned, Plan):
            sys.stdout.write(f"would release data {planned.version}\n\n" + markdown(planned.diff))
            raise typer.Exit(EXIT_OK)
        sys.stdout.write(text(Report(planned)))
        raise typer.Exit(EXIT_DATA)
    result = release_data(root, date=date, bump=bump.value, version=set_version, previous=previous)
    if result.problems:
        sys.stdout.write(text(Report(result.problems)))
        typer.echo("release: nothing written.", err=True)
        raise typer.Exit(EXIT_DATA)
    if result.previous:
        typer.echo(f"released data {result.version} (the changes since {result.previous} need a "
                   f"{result.diff.bump if result.diff else 'none'} version)")
    else:
        typer.echo(f"released data {result.version}, the first release")
    typer.echo(f"  {result.archive}  sha256 {result.sha256}")
    typer.echo(f"next: git add -A package.yaml CHANGELOG.md releases datapackage && git commit -m "
               f"\"Data release {result.version}\" && git tag data-v{result.version}")


@app.command()
def verify(
    path: Annotated[Path, typer.Argument(help="A package folder, a project folder, or a release zip.",
                                         exists=True)],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.text,
) -> None:
    """Check a package: files present and no others, bytes and sha256, CSV and Parquet alike."""
    from .verify import verify as verify_package

    report = Report(verify_package(path))
    _render(report, fmt)
    raise typer.Exit(EXIT_OK if report.valid else EXIT_DATA)


@app.command()
def archive(
    project: Annotated[Path, typer.Option("--project", help="Project folder (holds annotations/).",
                                          file_okay=False)] = Path("."),
) -> None:
    """Write dist/parkwatch-data-<version>.zip and dist/SHA256SUMS from the built package."""
    from .archive import write_archive
    from .snapshot import from_folder
    from .verify import verify as verify_package

    root = _project([project])
    result = build_package(root, check=True)
    if not result.report.valid or result.differences:
        typer.echo("archive: datapackage/ is not what the annotations build; run `parkwatch build` first.", err=True)
        raise typer.Exit(EXIT_DATA)
    path, sha256 = write_archive(root, from_folder(root).version or "unversioned")
    problems = verify_package(path)
    if problems:
        sys.stdout.write(text(Report(problems)))
        raise typer.Exit(EXIT_DATA)
    typer.echo(f"{path}  sha256 {sha256}")


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
