"""Integrity: hashes and sizes of published files, and the safe reading of a package's tree."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path, PurePosixPath

from ..base.layout import DESCRIPTOR, OUTPUT


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def safe_name(name: str) -> bool:
    """A relative path inside a package or archive: not absolute, no '..', no backslash."""
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` by relative POSIX path, sorted; empty when there is no folder."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class PackageError(Exception):
    """The package cannot be read: a file is missing or the descriptor is not what it should be."""


class VerificationError(PackageError):
    """A file's size or sha256 is not the one the descriptor (or a checksum list) states."""


def bundled_package() -> Path:
    """The package shipped in the wheel, or the repository's datapackage/ in a source checkout."""
    packaged = resources.files("parkwatch") / OUTPUT
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / OUTPUT


def descriptor(package: Path) -> dict:
    """The package's datapackage.json, parsed."""
    path = package / DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(f"{package} is not a data package: {DESCRIPTOR} is missing") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"{path} is not valid JSON: {exc}") from None


def verified_bytes(package: Path, resource: dict) -> bytes:
    """A resource's file, read once and checked against the descriptor's `bytes` and `hash`."""
    path = package / resource["path"]
    if ".." in Path(resource["path"]).parts or Path(resource["path"]).is_absolute():
        raise PackageError(f"resource {resource['name']!r} points outside the package: {resource['path']}")
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise PackageError(f"{path} is missing (resource {resource['name']!r})") from None
    algorithm, _, expected = str(resource.get("hash", "")).partition(":")
    if algorithm != "sha256" or not expected:
        raise PackageError(f"resource {resource['name']!r} has no sha256 hash in {DESCRIPTOR}")
    if len(content) != resource.get("bytes"):
        raise VerificationError(f"{path}: {len(content)} bytes, but {DESCRIPTOR} says {resource.get('bytes')}")
    actual = sha256_hex(content)
    if actual != expected:
        raise VerificationError(f"{path}: sha256 is {actual}, but {DESCRIPTOR} says {expected}")
    return content


def verify_package(package: Path) -> dict:
    """Check every resource of the package (CSV and Parquet); returns the descriptor."""
    meta = descriptor(package)
    for resource in meta.get("resources", []):
        verified_bytes(package, resource)
    return meta
