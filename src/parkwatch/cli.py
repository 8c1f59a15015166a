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
from .project import find_project
from .report import RENDERERS, default_language, resolve_format, text, write_step_summary
from .validation import Report, validate as validate_project

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
    auto = "auto"


class Lang(str, enum.Enum):
    en = "en"
    zh = "zh"


_FORMAT_HELP = "Output: text, json, github (workflow annotations), or auto (github inside GitHub Actions)."
_LANG_HELP = "Language of messages and hints (default: from the locale)."


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


def _render(report, fmt: Format, lang: Lang | None) -> None:
    language = lang.value if lang else default_language()
    name = resolve_format(fmt.value)
    if name == "text":
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(text(report, color=color, lang=language))
    else:
        sys.stdout.write(RENDERERS[name](report, lang=language))
    if name == "github":
        write_step_summary(report, lang=language)


@app.command()
def validate(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Files or folders to report on (default: the whole project). References are always "
             "checked against every file.", show_default=False)] = None,
    sources: Annotated[Optional[Path], typer.Option(
        "--sources", help="Folder of source texts: check every quote against its text, and each sha256.",
        exists=True, file_okay=False)] = None,
    fmt: Annotated[Format, typer.Option("--format", help=_FORMAT_HELP)] = Format.auto,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=_LANG_HELP, show_default=False)] = None,
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
    report = validate_project(project, sources=sources, only=only or files or None, full=False)
    _render(report, fmt, lang)
    raise typer.Exit(EXIT_OK if report.valid else EXIT_DATA)


@app.command()
def build(
    project: Annotated[Path, typer.Option("--project", help="Project folder (holds annotations/).",
                                          file_okay=False)] = Path("."),
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if datapackage/ is not what "
                                        "the annotations build.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help=_FORMAT_HELP)] = Format.auto,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=_LANG_HELP, show_default=False)] = None,
) -> None:
    """Validate, then compile annotations/ into the data package in datapackage/."""
    root = _project([project])
    result = build_package(root, check=check)
    if not result.report.valid:
        _render(result.report, fmt, lang)
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
    fmt: Annotated[Format, typer.Option("--format", help=_FORMAT_HELP)] = Format.auto,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=_LANG_HELP, show_default=False)] = None,
) -> None:
    """Check a package: files present and no others, bytes and sha256, CSV and Parquet alike."""
    from .verify import verify as verify_package

    report = Report(verify_package(path))
    _render(report, fmt, lang)
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
def explain(
    code: Annotated[Optional[str], typer.Argument(help="A problem code, e.g. yaml.duplicate-key.",
                                                  show_default=False)] = None,
    all_codes: Annotated[bool, typer.Option("--all", help="Every code.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="With --all: docs/problems.md.")] = False,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=_LANG_HELP, show_default=False)] = None,
) -> None:
    """Explain a problem code: what it means, how to fix it, with an example."""
    from .catalogue import BY_CODE
    from .explain import explain as explain_code, problems_markdown, suggest

    language = lang.value if lang else default_language()
    if all_codes:
        typer.echo(problems_markdown() if markdown else "\n".join(explain_code(c, language) for c in sorted(BY_CODE)),
                   nl=False)
        raise typer.Exit(EXIT_OK)
    if code is None:
        typer.echo("parkwatch explain: name a code, or use --all", err=True)
        raise typer.Exit(EXIT_USAGE)
    if code not in BY_CODE:
        close = suggest(code)
        typer.echo(f"parkwatch explain: unknown code '{code}'" + (f"; did you mean {', '.join(close)}?" if close else ""),
                   err=True)
        raise typer.Exit(EXIT_USAGE)
    typer.echo(explain_code(code, language), nl=False)


new_app = typer.Typer(help="Start a new annotation file from a commented template.", no_args_is_help=True)
app.add_typer(new_app, name="new")


@new_app.command("park")
def new_park(
    park_id: Annotated[str, typer.Argument(metavar="ID", help="The park id: lowercase ASCII words joined by '-'.")],
    project: Annotated[Path, typer.Option("--project", help="Project folder (holds annotations/).",
                                          file_okay=False)] = Path("."),
) -> None:
    """Write annotations/parks/ID.yaml with every field, commented."""
    from .template import SLUG, park

    if not SLUG.match(park_id):
        typer.echo(f"parkwatch new park: '{park_id}' is not a valid id", err=True)
        typer.echo("    hint: lowercase ASCII words joined by '-', e.g. qingdao-high-tech-zone", err=True)
        raise typer.Exit(EXIT_USAGE)
    root = _project([project])
    target = root / "annotations" / "parks" / f"{park_id}.yaml"
    if target.exists():
        typer.echo(f"parkwatch new park: {target} already exists; nothing written", err=True)
        raise typer.Exit(EXIT_USAGE)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(park(park_id), encoding="utf-8")
    typer.echo(f"wrote {target}: fill it in, then run parkwatch validate")


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
    from .download import DownloadError, download as download_release
    from .read import PackageError, bundled_package, descriptor

    try:
        chosen = data_version or descriptor(bundled_package())["version"]
        folder = download_release(chosen, to)
    except (ValueError, FileExistsError) as exc:
        typer.echo(f"download: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except PackageError as exc:
        typer.echo(f"download: refused: {exc}", err=True)
        raise typer.Exit(EXIT_DATA) from None
    except DownloadError as exc:
        typer.echo(f"download: {exc}", err=True)
        typer.echo("    hint: check the network, or set PARKWATCH_DATA_URL to where the releases are.", err=True)
        raise typer.Exit(EXIT_TOOL) from None
    typer.echo(f"parkwatch data {chosen}: verified, in {folder}")


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
