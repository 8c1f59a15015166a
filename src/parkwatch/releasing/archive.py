"""The release archive: the package with README, licence and citation in one zip with fixed bytes."""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..base.layout import ARCHIVE_EXTRAS, DIST, OUTPUT, SUMS, archive_name, archive_root, database_name
from ..base.problems import Problem
from ..browse.sqlite import database_bytes
from ..building.build import build
from ..published.integrity import read_tree, sha256_hex
from ..published.snapshot import from_folder
from ..published.verify import verify

# Every entry gets the same fixed metadata, so the same files always give the same archive bytes.
# Entries are stored, not deflated: deflate output depends on the zlib build (zlib and zlib-ng
# differ), while stored bytes depend on nothing; the Parquet files are compressed already.
_EPOCH = (1980, 1, 1, 0, 0, 0)
_MODE = 0o100644 << 16  # a regular file, rw-r--r--


def archive_bytes(files: dict[str, bytes], root: str) -> bytes:
    """A zip of `files` under the folder `root`, entries sorted, timestamps and permissions fixed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{root}/{name}", date_time=_EPOCH)
            info.external_attr = _MODE
            info.create_system = 3  # unix, so the mode above is read as such
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def release_files(project: Path, package: dict[str, bytes] | None = None,
                  replaced: dict[str, bytes | None] | None = None) -> dict[str, bytes]:
    """The package (as built in the project, or `package`), the project files a release carries beside
    it (with `replaced` contents where given), and a SHA256SUMS covering every one of them."""
    files = dict(read_tree(project / OUTPUT) if package is None else package)
    for extra in ARCHIVE_EXTRAS:
        content = (replaced or {}).get(extra)
        if content is None and (project / extra).is_file():
            content = (project / extra).read_bytes()
        if content is not None:
            files[extra] = content
    files[SUMS] = "".join(f"{sha256_hex(content)}  {name}\n" for name, content in sorted(files.items())).encode()
    return files


def dist_files(version: str, archive: bytes, database: bytes) -> dict[str, bytes]:
    """What a release publishes beside its commit: the archive, the SQLite database, and SHA256SUMS of both."""
    files = {archive_name(version): archive, database_name(version): database}
    sums = "".join(f"{sha256_hex(content)}  {name}\n" for name, content in sorted(files.items()))
    return {**files, SUMS: sums.encode()}


def write_archive(project: Path, version: str) -> tuple[Path, str]:
    """Write dist/parkwatch-data-<version>.zip, the database dist/parkwatch-<version>.sqlite and
    dist/SHA256SUMS; return the archive and its sha256."""
    content = archive_bytes(release_files(project), archive_root(version))
    dist = project / DIST
    dist.mkdir(exist_ok=True)
    for name, data in dist_files(version, content, database_bytes(read_tree(project / OUTPUT))).items():
        target = dist / name
        staged = target.with_name(f".{target.name}.tmp")  # renamed into place: never a half-written file
        staged.write_bytes(data)
        os.replace(staged, target)
    return dist / archive_name(version), sha256_hex(content)


@dataclass
class Archived:
    """What `parkwatch archive` did: the archive and its sha256, or why it wrote none."""

    path: Path | None = None
    sha256: str = ""
    problems: list[Problem] = field(default_factory=list)  # the archive's own, from `verify`
    up_to_date: bool = True  # False: datapackage/ is not what the annotations build; nothing written


def archive(project: Path) -> Archived:
    """Archive the built package, once it is what the annotations build, and verify the archive.

    The archive is a pure function of the committed files: a fresh clone of a release commit, with
    no tags, archives to the same bytes as the release did.
    """
    result = build(project, check=True)
    if not result.report.valid or result.differences:
        return Archived(up_to_date=False, problems=list(result.report.problems))
    path, sha256 = write_archive(project, from_folder(project).version or "unversioned")
    return Archived(path, sha256, verify(path))
