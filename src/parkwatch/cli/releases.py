"""`parkwatch release` and `parkwatch archive`."""

from __future__ import annotations

import enum
import json
import shlex
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import archive as archive_package
from .. import release as release_data
from ..base.layout import TAG_PREFIX
from ..base.problems import Report
from .options import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_TOOL,
    EXIT_USAGE,
    PROJECT_HELP,
    app,
    fail,
    language,
    project_root,
)
from .render import as_json, text


class Bump(str, enum.Enum):
    auto = "auto"
    major = "major"
    minor = "minor"
    patch = "patch"


class ReleaseFormat(str, enum.Enum):
    text = "text"
    json = "json"


@app.command()
def release(
    date: Annotated[str, typer.Option("--date", help="Release date, YYYY-MM-DD (written as `created`).")],
    bump: Annotated[Bump, typer.Option("--bump", help="Version bump; auto takes what the changes need.")]
    = Bump.auto,
    set_version: Annotated[Optional[str], typer.Option(
        "--version", help="Exact version (default: the previous release bumped; 1.0.0 for the first).",
        show_default=False)] = None,
    previous: Annotated[Optional[str], typer.Option(
        "--previous", help="Previous release: a version in releases/, a folder, zip or git revision "
        "(default: the last release recorded in releases/).", show_default=False)] = None,
    project: Annotated[Path, typer.Option("--project", help=PROJECT_HELP, file_okay=False)] = Path("."),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Write nothing; print the version and the changes.")]
    = False,
    commit: Annotated[bool, typer.Option("--commit", help="Also make the one git commit holding every file "
                                         "the release changed.")] = False,
    fmt: Annotated[ReleaseFormat, typer.Option("--format", help="Output format.")] = ReleaseFormat.text,
) -> None:
    """Release the data: version and date, CHANGELOG.md, CITATION.cff, releases/<version>/, the package
    and the dist/ archive, all landing together or not at all. Refuses uncommitted changes."""
    from ..published.changes import markdown
    from ..releasing.release import USAGE_CODES, Plan, Release, commit_command

    root = project_root(project)
    result = release_data(root, date=date, bump=bump.value, version=set_version, previous=previous,
                          dry_run=dry_run, commit=commit)
    problems = result if isinstance(result, list) else getattr(result, "problems", [])
    if problems and not (isinstance(result, Release) and result.version):  # refused: nothing written
        refused = isinstance(result, Release) and result.refused
        usage = all(p.code in USAGE_CODES for p in problems)
        exit_code = EXIT_TOOL if refused else EXIT_USAGE if usage else EXIT_DATA
        if fmt is ReleaseFormat.json:
            sys.stdout.write(as_json(Report(problems)))
            raise typer.Exit(exit_code)
        sys.stdout.write(text(Report(problems), lang=language()))
        raise fail("release: nothing written.", exit_code)
    if fmt is ReleaseFormat.json:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
        raise typer.Exit(EXIT_DATA if problems else EXIT_OK)
    if isinstance(result, Plan):
        sys.stdout.write(f"would release data {result.version}\n\n" + markdown(result.diff))
        raise typer.Exit(EXIT_OK)
    if result.previous:
        typer.echo(f"released data {result.version} (the changes since {result.previous} need a "
                   f"{result.diff.bump if result.diff else 'none'} version)")
    else:
        typer.echo(f"released data {result.version}, the first release")
    typer.echo(f"  {result.archive}  sha256 {result.sha256}")
    if result.commit:
        typer.echo(f"committed {result.commit}; tag it if you like: git tag {TAG_PREFIX}{result.version} "
                   f"{result.commit}")
        raise typer.Exit(EXIT_OK)
    if problems:  # released, but the commit could not be made
        sys.stdout.write(text(Report(problems), lang=language()))
    add, make = commit_command(str(result.version), result.files)
    typer.echo("next: " + " && ".join(shlex.join(command) for command in (add, make)))
    raise typer.Exit(EXIT_DATA if problems else EXIT_OK)


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
