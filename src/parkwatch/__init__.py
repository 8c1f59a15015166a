"""ParkWatch: validate and publish data on Chinese industrial parks and their targets."""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("parkwatch")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

__all__ = ["__version__", "build", "validate"]


def validate(project, *, sources=None, only=None):
    """Validate a project's annotations: `parkwatch validate` as a library call. Returns a Report."""
    from .validate import validate as _validate

    return _validate(project, sources=sources, only=only)


def build(project, *, check=False):
    """Build (or check) a project's data package: `parkwatch build` as a library call."""
    from .package import build as _build

    return _build(project, check=check)
