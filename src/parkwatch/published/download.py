"""Released versions of the data: download the archive, check every hash, keep it in a cache.

A release is `parkwatch-data-<version>.zip` (the package in one top folder, with the project
files it carries and their SHA256SUMS), with a `SHA256SUMS` file beside it. Where releases live:
the argument, then the release location of the bundled package (package.yaml `release_url`),
then `PARKWATCH_DATA_URL`; `{version}` in it is replaced by the version. Once a version is in
the cache it is read from there, without the network. Every write is staged, then renamed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from ..base.layout import RELEASE_URL_KEY, SUMS, archive_name
from .integrity import (
    PackageError,
    Refusal,
    VerificationError,
    bundled_package,
    descriptor,
    fault,
    open_tree,
    parse_sums,
    verified,
)
from .lock import project_lock

URL_ENV = "PARKWATCH_DATA_URL"
CACHE_ENV = "PARKWATCH_CACHE_DIR"
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]*$")
_CHUNK = 1 << 20


class DownloadError(Refusal):
    """The archive could not be fetched: network, server or disk trouble, not bad data."""


def _bundled_location() -> str | None:
    try:
        location = descriptor(bundled_package()).get(RELEASE_URL_KEY)
    except PackageError:
        return None
    return location if isinstance(location, str) and location else None


def release_url(version: str, base_url: str | None = None) -> str:
    """Where a version's archive and SHA256SUMS live: argument, release location, PARKWATCH_DATA_URL."""
    base = base_url or _bundled_location() or os.environ.get(URL_ENV)
    if not base:
        raise DownloadError([fault("download.no-location", "", version=version)])
    return base.replace("{version}", version).rstrip("/")


def cache_root() -> Path:
    """PARKWATCH_CACHE_DIR when set, else the platform's user cache folder for parkwatch."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    import platformdirs

    return Path(platformdirs.user_cache_dir("parkwatch", appauthor=False))


def _check_version(version: str) -> None:
    if not _VERSION.match(version) or ".." in version:
        raise ValueError(f"not a version: {version!r} (expected something like 1.0.0)")


def _open(url: str, timeout: float):
    try:
        return urllib.request.urlopen(url, timeout=timeout)  # noqa: S310 - http(s) or file URLs by design
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise DownloadError([fault("download.failed", url, url=url, reason=f"HTTP {exc.code} {exc.reason}")]) \
            from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise DownloadError([fault("download.failed", url, url=url, reason=getattr(exc, "reason", exc))]) \
            from None


def _fetch_to(url: str, dest: Path, timeout: float) -> str | None:
    """Stream `url` into `dest`; its sha256, or None when the server has no such file."""
    response = _open(url, timeout)
    if response is None:
        return None
    digest = hashlib.sha256()
    try:
        with response, open(dest, "wb") as out:
            while chunk := response.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
    except OSError as exc:
        raise DownloadError([fault("download.failed", url, url=url, reason=exc)]) from None
    return digest.hexdigest()


def unpack(archive_path: Path, dest: Path) -> Path:
    """Unpack a verified release archive into `dest`, entry by entry; returns the folder.

    Everything is checked first, in the archive: paths, links, duplicates, sizes and every hash.
    """
    tree, _ = verified(archive_path)
    for name in tree.sizes:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with tree.opener(name) as src, open(target, "wb") as out:  # type: ignore[union-attr]
            shutil.copyfileobj(src, out, _CHUNK)
    verified(dest)  # what landed on disk is what was checked
    return dest


def _sweep(folder: Path, prefix: str) -> None:
    """Remove what a killed download left half-written (call it holding the folder's lock)."""
    for leftover in folder.glob(prefix + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _download_into(version: str, root: Path, base_url: str | None, timeout: float) -> Path:
    url = release_url(version, base_url)
    root.mkdir(parents=True, exist_ok=True)
    with project_lock(root, wait=float("inf")):  # one download per cache at a time; others wait
        cached = root / version
        if cached.is_dir() and not open_tree(cached).problems:  # fetched meanwhile by another process
            try:
                verified(cached)
                return cached
            except PackageError:
                shutil.rmtree(cached)
        _sweep(root, ".*.tmp-")
        return _fetch_release(version, url, root, timeout)


def _fetch_release(version: str, url: str, root: Path, timeout: float) -> Path:
    name = archive_name(version)
    work = Path(tempfile.mkdtemp(prefix=f".{version}.tmp-", dir=root))
    try:
        digest = _fetch_to(f"{url}/{name}", work / name, timeout)
        if digest is None:
            raise DownloadError([fault("download.not-found", f"{url}/{name}", url=f"{url}/{name}")])
        if _fetch_to(f"{url}/{SUMS}", work / SUMS, timeout) is not None:
            listed = parse_sums((work / SUMS).read_text(encoding="utf-8", errors="replace"))
            if name in listed and listed[name] != digest:
                raise VerificationError([fault("verify.archive-hash", name, path=name, actual=digest,
                                               expected=listed[name])])
        package = unpack(work / name, work / "package")
        target = root / version
        if target.exists():  # a damaged cache is only a cache
            shutil.rmtree(target)
        os.rename(package, target)
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fetch(version: str, *, base_url: str | None = None, cache_dir: Path | None = None,
          timeout: float = 60) -> Path:
    """The verified package folder of a released version: from the cache, else downloaded into it."""
    _check_version(version)
    root = Path(cache_dir) if cache_dir is not None else cache_root()
    cached = root / version
    if cached.is_dir():
        try:
            verified(cached)
            return cached
        except PackageError:  # a damaged cache is only a cache: fetch the release again
            shutil.rmtree(cached, ignore_errors=True)
    return _download_into(version, root, base_url, timeout)


def default_version() -> str:
    """The data version bundled with this tool."""
    return str(descriptor(bundled_package())["version"])


def copy_verified(package: Path, to: Path) -> Path:
    """Copy a verified package into `to` (new or empty): staged beside it, checked, then renamed."""
    if to.exists() and (not to.is_dir() or any(to.iterdir())):
        raise FileExistsError(to)
    to.parent.mkdir(parents=True, exist_ok=True)
    _sweep(to.parent, f".{to.name}.tmp-")  # left by a copy that was killed
    staging = Path(tempfile.mkdtemp(prefix=f".{to.name}.tmp-", dir=to.parent))
    try:
        shutil.copytree(package, staging, dirs_exist_ok=True)
        verified(staging)
        if to.exists():
            to.rmdir()
        os.rename(staging, to)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return to


def download(version: str | None = None, to: Path | None = None, *, base_url: str | None = None,
             cache_dir: Path | None = None) -> Path:
    """`parkwatch download`: fetch and verify a version (default: the bundled one), and copy the
    package to `to` when given."""
    version = version or default_version()
    package = fetch(version, base_url=base_url, cache_dir=cache_dir)
    return package if to is None else copy_verified(package, Path(to))
