"""ParkWatch: validate and publish data on Chinese industrial parks and their targets."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as _version
from os import PathLike
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported only when a table is read
    import pandas as pd

try:
    __version__ = _version("parkwatch")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

__all__ = ["__version__", "build", "diff_packages", "read_package", "read_table", "release_data", "validate",
           "verify_package"]


def validate(project, *, sources=None, only=None):
    """Validate a project's annotations: `parkwatch validate` as a library call. Returns a Report."""
    from .validation import validate as _validate

    return _validate(project, sources=sources, only=only)


def build(project, *, check=False):
    """Build (or check) a project's data package: `parkwatch build` as a library call."""
    from .package import build as _build

    return _build(project, check=check)


def read_package(path: str | PathLike | None = None, *, version: str | None = None) -> dict[str, pd.DataFrame]:
    """Every published table as a typed pandas DataFrame, by name, after checking each file's sha256."""
    from .read import read_package as _read_package

    return _read_package(path, version=version)


def read_table(name: str, path: str | PathLike | None = None, *, version: str | None = None) -> pd.DataFrame:
    """One published table as a typed pandas DataFrame, after checking its file's sha256."""
    from .read import read_table as _read_table

    return _read_table(name, path, version=version)


# Named apart from their modules (diff, release, verify): importing a submodule binds its name
# on the package, which would hide a function of the same name.
def diff_packages(old, new, *, project="."):
    """Compare two packages (folders, release zips or git revisions): `parkwatch diff`. Returns a PackageDiff."""
    from pathlib import Path

    from .diff import diff as _diff
    from .snapshot import open_side

    return _diff(open_side(str(old), Path(project)), open_side(str(new), Path(project)))


def release_data(project, *, date, bump="auto", version=None, previous=None):
    """Release the data: `parkwatch release` as a library call. Returns a Release."""
    from .release import release as _release

    return _release(project, date=date, bump=bump, version=version, previous=previous)


def verify_package(path):
    """Check a package folder or release zip: `parkwatch verify`. Returns a list of problems."""
    from .verify import verify as _verify

    return _verify(path)
