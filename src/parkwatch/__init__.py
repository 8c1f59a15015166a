"""ParkWatch: validate and publish data on Chinese industrial parks and their targets.

Every command of the `parkwatch` tool is a library call here, with the same name
(`parkwatch new park` is `new_park`). Each imports what it needs only when called, so
`import parkwatch` stays light and loading data never pulls in the validation stack.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base.versions import tool_version

if TYPE_CHECKING:  # only for type checkers: these modules load when their call is made
    import pandas as pd

    from .authoring.fix import FixResult
    from .base.problems import Problem, Report
    from .browse.sqlite import Database
    from .building.build import BuildResult
    from .published.compare import Comparison
    from .releasing.archive import Archived
    from .releasing.release import Plan, Release

__version__ = tool_version()

__all__ = ["__version__", "archive", "build", "diff", "diff_packages", "download", "explain", "fix", "new_park",
           "new_source", "read_package", "read_table", "release", "release_data", "serve", "sqlite", "validate",
           "verify", "verify_package", "version"]

Pathish = str | PathLike


def validate(project: Pathish = ".", paths: Any = (), *, sources: Pathish | None = None,
             only: Any = None, cached: bool = False, require_sources: bool = False) -> Report:
    """`parkwatch validate`: check a project's annotations. Returns a Report.

    Every file is always checked; `paths` (files or folders) and `only` (files) select which
    problems are shown. Quotes are checked against the source texts in `sources`, else in
    $PARKWATCH_SOURCES or the project's texts/, else at each source's archive URL; a note counts
    the quotes left unchecked, an error with `require_sources`. `cached` lets unchanged files'
    results come from the cache (the report then carries no index).
    """
    from .validation.pipeline import validate as _validate

    return _validate(Path(project), paths=paths, sources=Path(sources) if sources is not None else None,
                     only=only, cached=cached, require_sources=require_sources)


def build(project: Pathish = ".", *, check: bool = False, sources: Pathish | None = None,
          require_sources: bool = False) -> BuildResult:
    """`parkwatch build`: validate (quotes as `validate` checks them), then write (or with `check`, compare) datapackage/."""
    from .building.build import build as _build

    return _build(Path(project), check=check, sources=Path(sources) if sources is not None else None,
                  require_sources=require_sources)


def diff(old: str | None = None, new: str | None = None, *, project: Pathish = ".",
         fail_on: str | None = None) -> Comparison:
    """`parkwatch diff`: compare two packages (folders, release zips or git revisions). Returns a Comparison."""
    from .published.compare import compare

    return compare(old, new, project=project, fail_on=fail_on)


def release(project: Pathish = ".", *, date: str, bump: str = "auto", version: str | None = None,
            previous: str | None = None, dry_run: bool = False, commit: bool = False) -> Release | Plan | list[Problem]:
    """`parkwatch release`: version, changelog, package and archive, landing all at once.

    With `dry_run`, only the plan (or its problems); with `commit`, the one commit holding every
    file it changed is made too.
    """
    from .releasing.release import plan
    from .releasing.release import release as _release

    if dry_run:
        return plan(Path(project), date=date, bump=bump, version=version, previous=previous)
    return _release(Path(project), date=date, bump=bump, version=version, previous=previous, commit=commit)


def verify(path: Pathish) -> list[Problem]:
    """`parkwatch verify`: check a package folder or release zip. Returns its problems."""
    from .published.verify import verify as _verify

    return _verify(Path(path))


def archive(project: Pathish = ".") -> Archived:
    """`parkwatch archive`: write and verify dist/parkwatch-data-<version>.zip and dist/SHA256SUMS."""
    from .releasing.archive import archive as _archive

    return _archive(Path(project))


def explain(code: str | None = None, *, lang: str = "en", markdown: bool = False) -> str:
    """`parkwatch explain`: what a problem code means and how to fix it; every code when None."""
    from .base.explain import explain as _explain
    from .base.explain import explain_all, problems_markdown

    if markdown:
        return problems_markdown()
    return explain_all(lang) if code is None else _explain(code, lang)


def new_park(park_id: str | None = None, *, project: Pathish = ".", from_issue: Pathish | None = None) -> Path:
    """`parkwatch new park`: write annotations/parks/ID.yaml from the commented template, or from a filed
    issue form (`from_issue`: the issue's text), leaving out whatever the form does not say."""
    from .authoring.new import new_park as _new_park

    return _new_park(Path(project), park_id, from_issue=Path(from_issue) if from_issue is not None else None)


def fix(project: Pathish = ".", paths: Any = (), *, check: bool = False) -> FixResult:
    """`parkwatch fix`: rewrite what is mechanical and safe in the annotation files (BOM, CRLF, tabs and
    full-width spaces in indentation, full-width colons and digits, vocabulary labels). Returns a FixResult
    whose `changes` say what changed; with `check`, nothing is written."""
    from .authoring.fix import fix as _fix

    return _fix(Path(project), paths, check=check)


def new_source(source_id: str, text: Pathish, *, project: Pathish = ".", url: str | None = None,
               publisher: str | None = None, date: str | None = None, kind: str | None = None,
               archive: Pathish | None = None):
    """`parkwatch new source`: archive a source text and write annotations/sources/ID.yaml with what is known."""
    from .authoring.source import new_source as _new_source

    return _new_source(Path(project), source_id, Path(text), url=url, publisher=publisher, date=date, kind=kind,
                       archive=Path(archive) if archive is not None else None)


def download(version: str | None = None, *, to: Pathish | None = None) -> Path:
    """`parkwatch download`: fetch a release, verify every hash, cache it, and copy it to `to`."""
    from .published.download import download as _download

    return _download(version, Path(to) if to is not None else None)


def sqlite(out: Pathish | None = None, *, package: Pathish | None = None, project: Pathish = ".") -> Database:
    """`parkwatch sqlite`: the package as one SQLite database, by default dist/parkwatch-<version>.sqlite.

    The package is `package`, else the project's datapackage/, else the copy bundled with the tool.
    Raises parkwatch.published.read.PackageError when the package is incomplete, changed or inconsistent.
    """
    from .browse.sqlite import default_output, source_package, write_sqlite

    folder = source_package(Path(package) if package is not None else None, Path(project))
    return write_sqlite(folder, Path(out) if out is not None else default_output(folder, Path(project)))


def serve(database: Pathish | None = None, *, package: Pathish | None = None, project: Pathish = ".",
          host: str = "127.0.0.1", port: int = 8001) -> None:
    """`parkwatch serve`: Datasette on the package's database (written afresh unless `database` is given)."""
    from .browse.serve import serve as _serve
    from .browse.sqlite import source_package

    folder = source_package(Path(package) if package is not None else None, Path(project))
    _serve(folder, database=Path(database) if database is not None else None, host=host, port=port)


def version() -> str:
    """`parkwatch version`: the tool's version."""
    return __version__


def read_package(path: str | PathLike | None = None, *, version: str | None = None) -> dict[str, pd.DataFrame]:
    """Every published table as a typed pandas DataFrame, by name, after checking each file's sha256."""
    from .published.read import read_package as _read_package

    return _read_package(path, version=version)


def read_table(name: str, path: str | PathLike | None = None, *, version: str | None = None) -> pd.DataFrame:
    """One published table as a typed pandas DataFrame, after checking its file's sha256."""
    from .published.read import read_table as _read_table

    return _read_table(name, path, version=version)


def diff_packages(old, new, *, project: Pathish = "."):
    """Compare two named packages; returns the PackageDiff (kept for earlier callers of this name)."""
    from .published.diff import diff as _diff
    from .published.snapshot import open_side

    return _diff(open_side(str(old), Path(project)), open_side(str(new), Path(project)))


def release_data(project, *, date, bump="auto", version=None, previous=None):
    """`release` under its earlier name."""
    return release(project, date=date, bump=bump, version=version, previous=previous)


def verify_package(path):
    """`verify` under its earlier name."""
    return verify(path)
