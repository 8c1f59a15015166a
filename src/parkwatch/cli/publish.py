"""`parkwatch verify`, `diff` and `download`: the published side."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import diff as compare_packages
from .. import download as download_release
from .. import verify as verify_package
from ..base.layout import find_project
from ..base.problems import Report
from .options import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_TOOL,
    EXIT_USAGE,
    FORMAT_HELP,
    LANG_HELP,
    Format,
    Lang,
    app,
    fail,
    language,
    project_root,
    render,
)
from .render import text


@app.command()
def verify(
    path: Annotated[Path, typer.Argument(help="A package folder, a project folder, or a release zip.",
                                         exists=True)],
    fmt: Annotated[Format, typer.Option("--format", help=FORMAT_HELP)] = Format.auto,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Check a package: files present and no others, bytes and sha256, CSV and Parquet alike."""
    report = Report(verify_package(path))
    render(report, fmt, lang)
    raise typer.Exit(EXIT_OK if report.valid else EXIT_DATA)


class DiffFormat(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class Level(str, enum.Enum):
    major = "major"
    minor = "minor"
    patch = "patch"


@app.command()
def diff(
    old: Annotated[Optional[str], typer.Argument(
        help="Older package: a folder, a release zip or a git revision (default: the last data release).",
        show_default=False)] = None,
    new: Annotated[Optional[str], typer.Argument(
        help="Newer package, the same kinds (default: the project's datapackage/).", show_default=False)] = None,
    project: Annotated[Path, typer.Option("--project", help="Project folder (its git repository for "
                                          "revisions).", file_okay=False)] = Path("."),
    fmt: Annotated[DiffFormat, typer.Option("--format", help="Output format.")] = DiffFormat.text,
    fail_on: Annotated[Optional[Level], typer.Option(
        "--fail-on", help="Exit 1 when the change needs at least this bump and NEW's version does not "
        "declare it.", show_default=False)] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Compare two packages: rows and schemas, and the version bump the change requires."""
    from ..published.changes import RENDERERS
    from ..published.integrity import fault
    from ..published.snapshot import SnapshotError

    # Two named sides need no project, unless one is a git revision (then the repository is the folder's).
    root = (find_project(project) or project.resolve()) if old and new else project_root(project)
    try:
        result = compare_packages(old, new, project=root, fail_on=fail_on.value if fail_on else None)
    except SnapshotError as exc:
        unreadable = fault("diff.unreadable", "", side=" / ".join(filter(None, (old, new))) or "the last release",
                           reason=exc)
        raise fail(text(Report([unreadable]), lang=language(lang)), EXIT_USAGE) from None
    if result.diff is None:
        typer.echo("diff: no data release yet: nothing to compare")
        raise typer.Exit(EXIT_OK)
    sys.stdout.write(RENDERERS[fmt.value](result.diff))
    if result.unannounced:
        raise fail(text(Report([result.unannounced]), lang=language(lang)), EXIT_DATA)


@app.command()
def download(
    data_version: Annotated[Optional[str], typer.Option(
        "--version", help="Data version to fetch (default: the version bundled with this tool).",
        show_default=False)] = None,
    to: Annotated[Optional[Path], typer.Option(
        "--to", help="Copy the verified package into this new or empty folder (default: only cache it).",
        file_okay=False, show_default=False)] = None,
) -> None:
    """Download a release of the data, check every sha256, and cache it (exit 1 if a hash is wrong)."""
    from ..published.download import DownloadError, default_version
    from ..published.integrity import PackageError, fault

    try:
        folder = download_release(data_version, to=to)
    except ValueError:
        raise fail(text(Report([fault("download.bad-version", "", version=data_version)])), EXIT_USAGE) from None
    except FileExistsError:
        raise fail(text(Report([fault("download.target-not-empty", str(to), path=to)])), EXIT_USAGE) from None
    except DownloadError as exc:
        raise fail(text(Report(exc.problems)), EXIT_TOOL) from None
    except PackageError as exc:
        raise fail("download: refused, nothing kept:\n" + text(Report(exc.problems)), EXIT_DATA) from None
    except OSError as exc:
        problem = fault("build.unwritable", str(to or ""), path=to or "the cache", reason=exc)
        raise fail(text(Report([problem])), EXIT_TOOL) from None
    typer.echo(f"parkwatch data {data_version or default_version()}: verified, in {folder}")
