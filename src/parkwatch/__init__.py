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

__all__ = ["__version__", "build", "read_package", "read_table", "validate"]


def validate(project, *, sources=None, only=None):
    """Validate a project's annotations: `parkwatch validate` as a library call. Returns a Report."""
    from .validate import validate as _validate

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
