"""`parkwatch release` and `parkwatch archive`."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import archive as archive_package
from .. import release as release_data
from ..base.problems import Report
from .options import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    PROJECT_HELP,
    app,
    fail,
    language,
    project_root,
)
from .render import text


class Bump(str, enum.Enum):
    auto = "auto"
    major = "major"
    minor = "minor"
    patch = "patch"


@app.command()
def release(
    date: Annotated[str, typer.Option("--date", help="Release date, YYYY-MM-DD (written as `created`).")],
    bump: Annotated[Bump, typer.Option("--bump", help="Version bump; auto takes what the changes need.")]
    = Bump.auto,
    set_version: Annotated[Optional[str], typer.Option(
        "--version", help="Exact version (default: the previous release bumped; 1.0.0 for the first).",
        show_default=False)] = None,
    previous: Annotated[Optional[str], typer.Option(
        "--previous", help="Previous release: folder, zip or git revision (default: the last data release).",
        show_default=False)] = None,
    project: Annotated[Path, typer.Option("--project", help=PROJECT_HELP, file_okay=False)] = Path("."),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Write nothing; print the version and the changes.")]
    = False,
) -> None:
    """Release the data: version and date, CHANGELOG.md, changes.json, the package, and dist/ archive."""
    from ..published.changes import markdown
    from ..releasing.release import USAGE_CODES, Plan

    root = project_root(project)
    result = release_data(root, date=date, bump=bump.value, version=set_version, previous=previous,
                          dry_run=dry_run)
    problems = result if isinstance(result, list) else getattr(result, "problems", [])
    if problems:
        sys.stdout.write(text(Report(problems), lang=language()))
        usage = all(p.code in USAGE_CODES for p in problems)
        raise fail("release: nothing written.", EXIT_USAGE if usage else EXIT_DATA)
    if isinstance(result, Plan):
        sys.stdout.write(f"would release data {result.version}\n\n" + markdown(result.diff))
        raise typer.Exit(EXIT_OK)
    if result.previous:
        typer.echo(f"released data {result.version} (the changes since {result.previous} need a "
                   f"{result.diff.bump if result.diff else 'none'} version)")
    else:
        typer.echo(f"released data {result.version}, the first release")
    typer.echo(f"  {result.archive}  sha256 {result.sha256}")
    typer.echo(f"next: git add -A package.yaml CHANGELOG.md releases datapackage && git commit -m "
               f"\"Data release {result.version}\" && git tag data-v{result.version}")


@app.command()
def archive(
    project: Annotated[Path, typer.Option("--project", help=PROJECT_HELP, file_okay=False)] = Path("."),
) -> None:
    """Write dist/parkwatch-data-<version>.zip and dist/SHA256SUMS from the built package."""
    root = project_root(project)
    result = archive_package(root)
    if not result.up_to_date:
        raise fail("archive: datapackage/ is not what the annotations build; run `parkwatch build` first.",
                   EXIT_DATA)
    if result.problems:
        sys.stdout.write(text(Report(result.problems), lang=language()))
        raise typer.Exit(EXIT_DATA)
    typer.echo(f"{result.path}  sha256 {result.sha256}")
