"""Versions: the tool's own, and data versions (X.Y.Z) with the bumps between them."""

from __future__ import annotations

import re
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _installed_version

BUMPS = ("none", "patch", "minor", "major")
FIRST_VERSION = "1.0.0"
_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


@cache
def tool_version() -> str:
    """The installed tool's version; 0+unknown when running from a source tree without installing."""
    try:
        return _installed_version("parkwatch")
    except PackageNotFoundError:
        return "0+unknown"


def parse_version(text: str | None) -> tuple[int, int, int] | None:
    match = _VERSION.match(text or "") if isinstance(text, str) else None
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def bump_rank(bump: str) -> int:
    return BUMPS.index(bump)


def bumped(version: tuple[int, int, int], bump: str) -> str:
    major, minor, patch = version
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def declared_bump(old: str | None, new: str | None) -> str:
    """The bump the two version numbers say: major, minor, patch or none."""
    before, after = parse_version(old), parse_version(new)
    if before is None or after is None or after <= before:
        return "none"
    return "major" if after[0] > before[0] else "minor" if after[1] > before[1] else "patch"
