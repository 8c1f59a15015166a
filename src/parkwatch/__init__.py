"""ParkWatch: validate and publish data on Chinese industrial parks and their targets."""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("parkwatch")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

__all__ = ["__version__", "build", "diff_packages", "release_data", "validate", "verify_package"]


def validate(project, *, sources=None, only=None):
    """Validate a project's annotations: `parkwatch validate` as a library call. Returns a Report."""
    from .validate import validate as _validate

    return _validate(project, sources=sources, only=only)


def build(project, *, check=False):
    """Build (or check) a project's data package: `parkwatch build` as a library call."""
    from .package import build as _build

    return _build(project, check=check)


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
