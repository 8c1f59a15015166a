"""A package's files, read from a folder, a release archive or a git revision, and where releases are."""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..base.layout import OUTPUT, TAG_PREFIX
from ..base.versions import parse_version
from .integrity import open_tree, safe_name


class SnapshotError(Exception):
    """A package cannot be read from what was named: reported as a problem, never a traceback."""


@dataclass(frozen=True)
class Snapshot:
    """Every file of one package by relative path, and a label saying where it came from."""

    label: str
    files: dict[str, bytes]

    def descriptor(self) -> dict:
        raw = self.files.get("datapackage.json")
        if raw is None:
            raise SnapshotError(f"{self.label}: no datapackage.json")
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SnapshotError(f"{self.label}: datapackage.json is not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise SnapshotError(f"{self.label}: datapackage.json is not a JSON object")
        return data

    @property
    def version(self) -> str | None:
        version = self.descriptor().get("version")
        return version if isinstance(version, str) else None


def _from_tree(path: Path) -> Snapshot:
    """Every file of a folder or archive, its entries checked as `verify` checks them (links, paths, sizes)."""
    tree = open_tree(path)
    if tree.problems:
        raise SnapshotError(f"{path}: {tree.problems[0].message}")
    try:
        return Snapshot(tree.label, {name: tree.read(name) for name in sorted(tree.sizes)})
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise SnapshotError(f"{path}: cannot be read ({exc})") from None


def from_folder(folder: Path) -> Snapshot:
    """A package folder, or a project folder holding datapackage/."""
    if not (folder / "datapackage.json").is_file() and not (folder / OUTPUT / "datapackage.json").is_file():
        raise SnapshotError(f"{folder}: no datapackage.json here or in {OUTPUT}/")
    return _from_tree(folder)


def from_zip(path: Path) -> Snapshot:
    """A release archive: datapackage.json at its root or in its one top folder."""
    return _from_tree(path)


def run_git(project: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(project), *args], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SnapshotError(f"git cannot run: {exc}") from None


def from_git(project: Path, revision: str) -> Snapshot:
    """The project's datapackage/ as committed at `revision`, read without checking anything out."""
    if revision.startswith("-"):  # never an option to git
        raise SnapshotError(f"'{revision}' is not a folder, a release archive or a git revision")
    where = run_git(project, "rev-parse", "--show-toplevel", "--show-prefix")
    if where.returncode != 0:
        raise SnapshotError(f"{project} is not in a git repository, so '{revision}' cannot be read")
    top, prefix = (where.stdout.decode().split("\n") + [""])[:2]
    # From the top: below it, git archive only takes what lies under the working directory.
    result = run_git(Path(top), "archive", "--format=tar", f"{revision}:{prefix}{OUTPUT}")
    if result.returncode != 0:
        raise SnapshotError(f"'{revision}' is not a folder, a release archive or a git revision holding "
                            f"{OUTPUT}/ ({result.stderr.decode(errors='replace').strip()})")
    files = {}
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as tar:
        for member in tar.getmembers():
            if member.isfile() and safe_name(member.name):
                files[member.name] = tar.extractfile(member).read()  # type: ignore[union-attr]
    if "datapackage.json" not in files:
        raise SnapshotError(f"'{revision}': {OUTPUT}/datapackage.json is not committed there")
    return Snapshot(f"{revision}", dict(sorted(files.items())))


def open_side(spec: str, project: Path) -> Snapshot:
    """A folder, a release archive, or else a git revision of `project`."""
    path = Path(spec)
    if path.is_dir():
        return from_folder(path)
    if path.is_file():
        return from_zip(path)
    return from_git(project, spec)


def release_tags(project: Path) -> list[tuple[tuple[int, int, int], str]]:
    """Every data release tag of the repository, oldest version first; none outside a repository."""
    try:
        result = run_git(project, "tag", "--list", f"{TAG_PREFIX}*")
    except SnapshotError:
        return []
    if result.returncode != 0:
        return []
    tags = []
    for tag in result.stdout.decode().split():
        version = parse_version(tag[len(TAG_PREFIX):])
        if version is not None:
            tags.append((version, tag))
    return sorted(tags)
