"""Released versions of the data: download the archive, check every hash, keep it in a cache.

A release is `parkwatch-data-<version>.zip` (the package at its root or in one top folder),
with a `SHA256SUMS` file beside it. The base URL is `PARKWATCH_DATA_URL` when set; `{version}`
in it is replaced by the version. Once a version is in the cache it is read from there,
without the network.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath

from ..base.layout import DESCRIPTOR, SUMS, archive_name
from .integrity import (
    PackageError,
    VerificationError,
    bundled_package,
    descriptor,
    sha256_hex,
    verify_package,
)

# Where published releases live, once the project publishes them; until then PARKWATCH_DATA_URL says.
DEFAULT_BASE_URL: str | None = None
URL_ENV = "PARKWATCH_DATA_URL"
CACHE_ENV = "PARKWATCH_CACHE_DIR"
# A release is a few megabytes; refuse archives that unpack to absurd sizes (zip bombs).
MAX_UNPACKED = 2 * 1024**3
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]*$")
_CHUNK = 1 << 20


class DownloadError(Exception):
    """The archive could not be fetched: network, server or disk trouble, not bad data."""


def release_url(version: str, base_url: str | None = None) -> str:
    """Where a version's archive and SHA256SUMS live: argument, then PARKWATCH_DATA_URL, then the default."""
    base = base_url or os.environ.get(URL_ENV) or DEFAULT_BASE_URL
    if not base:
        raise DownloadError(f"no release location is known: set {URL_ENV} to the base URL of the release "
                            "archives ({version} in it is replaced by the version)")
    return base.replace("{version}", version).rstrip("/")


def cache_root() -> Path:
    """PARKWATCH_CACHE_DIR when set, else the platform's user cache folder for parkwatch."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    import platformdirs

    return Path(platformdirs.user_cache_dir("parkwatch", appauthor=False))


def _check_version(version: str) -> None:
    if not _VERSION.match(version) or ".." in version:
        raise ValueError(f"not a version: {version!r} (expected something like 0.1.0)")


def parse_sums(text: str) -> dict[str, str]:
    """A `sha256sum` listing: `<hex>  <name>` (or `<hex> *<name>`) per line → {name: hex}."""
    out = {}
    for line in text.splitlines():
        match = re.match(r"^([0-9a-fA-F]{64}) [ *](.+)$", line.strip())
        if match:
            out[match.group(2).strip()] = match.group(1).lower()
    return out


def _open(url: str, timeout: float):
    try:
        return urllib.request.urlopen(url, timeout=timeout)  # noqa: S310 - http(s) or file URLs by design
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise DownloadError(f"cannot fetch {url}: {getattr(exc, 'reason', exc)}") from None


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
        raise DownloadError(f"cannot fetch {url}: {exc}") from None
    return digest.hexdigest()


def _package_prefix(names: list[str]) -> str:
    """Where datapackage.json sits in the archive: at its root or in one top folder."""
    if DESCRIPTOR in names:
        return ""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and f"{next(iter(tops))}/{DESCRIPTOR}" in names:
        return next(iter(tops)) + "/"
    raise VerificationError(f"the archive holds no {DESCRIPTOR} at its root or in one top folder")


def _safe_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    members, total = [], 0
    for info in archive.infolist():
        path = PurePosixPath(info.filename)
        if path.is_absolute() or ".." in path.parts or "\\" in info.filename:
            raise VerificationError(f"the archive holds an unsafe path: {info.filename!r}")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise VerificationError(f"the archive holds a symbolic link: {info.filename!r}")
        total += info.file_size
        if total > MAX_UNPACKED:
            raise VerificationError("the archive unpacks to more than 2 GiB; refused")
        if not info.is_dir():
            members.append(info)
    return members


def unpack(archive_path: Path, dest: Path) -> Path:
    """Unpack a release archive into `dest` after checking its paths; returns the package folder."""
    try:
        with zipfile.ZipFile(archive_path) as archive:
            members = _safe_members(archive)
            prefix = _package_prefix([m.filename for m in members])
            for info in members:
                if not info.filename.startswith(prefix):
                    continue
                target = dest / info.filename[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out, _CHUNK)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise VerificationError(f"{archive_path.name} is not a readable zip archive: {exc}") from None
    return dest


def verify_sums(package: Path) -> None:
    """Check the SHA256SUMS inside a package, when there is one, file by file."""
    sums = package / SUMS
    if not sums.is_file():
        return
    for name, expected in parse_sums(sums.read_text(encoding="utf-8")).items():
        parts = PurePosixPath(name).parts
        path = package / name
        if not path.is_file() and len(parts) > 1:  # listed from the archive's root, top folder included
            path = package.joinpath(*parts[1:])
        if ".." in parts or not path.is_file():
            raise VerificationError(f"{SUMS} lists {name}, which the archive does not hold")
        if sha256_hex(path.read_bytes()) != expected:
            raise VerificationError(f"{name}: sha256 differs from the archive's {SUMS}")


def _download_into(version: str, root: Path, base_url: str | None, timeout: float) -> Path:
    url = release_url(version, base_url)
    name = archive_name(version)
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{version}.tmp-", dir=root))
    try:
        digest = _fetch_to(f"{url}/{name}", work / name, timeout)
        if digest is None:
            raise DownloadError(f"no release archive at {url}/{name} (HTTP 404)")
        if _fetch_to(f"{url}/{SUMS}", work / SUMS, timeout) is not None:
            listed = parse_sums((work / SUMS).read_text(encoding="utf-8", errors="replace"))
            if name in listed and listed[name] != digest:
                raise VerificationError(f"{name}: sha256 is {digest}, but {url}/{SUMS} says {listed[name]}")
        package = unpack(work / name, work / "package")
        verify_sums(package)
        verify_package(package)
        target = root / version
        if target.exists() and not (target / DESCRIPTOR).is_file():
            shutil.rmtree(target)
        try:
            os.rename(package, target)
        except OSError:  # another process cached the same version first: use it once it checks out
            if not (target / DESCRIPTOR).is_file():
                raise
            verify_package(target)
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fetch(version: str, *, base_url: str | None = None, cache_dir: Path | None = None,
          timeout: float = 60) -> Path:
    """The verified package folder of a released version: from the cache, else downloaded into it."""
    _check_version(version)
    root = Path(cache_dir) if cache_dir is not None else cache_root()
    cached = root / version
    if (cached / DESCRIPTOR).is_file():
        try:
            verify_package(cached)
            return cached
        except PackageError:  # a damaged cache is only a cache: fetch the release again
            shutil.rmtree(cached, ignore_errors=True)
    return _download_into(version, root, base_url, timeout)


def default_version() -> str:
    """The data version bundled with this tool."""
    return str(descriptor(bundled_package())["version"])


def download(version: str | None = None, to: Path | None = None, *, base_url: str | None = None,
             cache_dir: Path | None = None) -> Path:
    """`parkwatch download`: fetch and verify a version (default: the bundled one), and copy the
    package to `to` when given."""
    version = version or default_version()
    package = fetch(version, base_url=base_url, cache_dir=cache_dir)
    if to is None:
        return package
    to = Path(to)
    if to.exists() and any(to.iterdir()):
        raise FileExistsError(f"{to} is not empty; choose a new or empty folder")
    shutil.copytree(package, to, dirs_exist_ok=True)
    return to
