"""Releases recorded in the tree: releases/<version>/ says what was released, so a plain clone knows.

Each release folder holds the descriptor as released (with every file's size and sha256),
its changes.json and release.json (the archive's name and sha256, and the commit once known).
The package itself is read from git history at that commit, and checked against the recorded
descriptor byte for byte. Tags (data-v<version>) are a convenience, checked when present.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..base.layout import DESCRIPTOR, OUTPUT, RELEASE_RECORD, RELEASES, TAG_PREFIX
from ..base.versions import parse_version
from .integrity import listed, sha256_hex
from .snapshot import Snapshot, SnapshotError, from_folder, from_git, open_side, release_tags, run_git


def recorded_versions(project: Path) -> list[str]:
    """Every version with a release folder holding its descriptor, oldest first."""
    folder = project / RELEASES
    if not folder.is_dir():
        return []
    found = [(parse_version(p.name), p.name) for p in folder.iterdir() if (p / DESCRIPTOR).is_file()]
    return [name for version, name in sorted((v, n) for v, n in found if v is not None)]


def last_release(project: Path) -> str | None:
    """The highest released data version: from releases/, else (older projects) from the tags."""
    versions = recorded_versions(project)
    if versions:
        return versions[-1]
    tags = release_tags(project)
    return tags[-1][1] if tags else None


def record(project: Path, version: str) -> dict:
    """releases/<version>/release.json, or an empty record when there is none."""
    path = project / RELEASES / version / RELEASE_RECORD
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SnapshotError(f"{path} cannot be read ({exc})") from None
    if not isinstance(data, dict):
        raise SnapshotError(f"{path} is not a JSON object")
    return data


def release_commit(project: Path, version: str) -> str | None:
    """The commit a release was cut from: its record, else the commit that added its descriptor."""
    commit = record(project, version).get("commit")
    if isinstance(commit, str) and commit:
        return commit
    try:
        found = run_git(project, "log", "--diff-filter=A", "--format=%H", "--",
                     f"{RELEASES}/{version}/{DESCRIPTOR}")
    except SnapshotError:
        return None
    lines = found.stdout.decode().split() if found.returncode == 0 else []
    return lines[-1] if lines else None


def _checked(snapshot: Snapshot, recorded: bytes, version: str) -> Snapshot:
    """The snapshot, when its descriptor is the recorded one and its files match their hashes."""
    if snapshot.files.get(DESCRIPTOR) != recorded:
        raise SnapshotError(f"{snapshot.label} does not hold the package recorded for {version}")
    meta = json.loads(recorded)
    for name, (_, digest) in listed(meta).items():
        content = snapshot.files.get(name)
        if digest is not None and (content is None or sha256_hex(content) != digest):
            raise SnapshotError(f"{snapshot.label}: {name} is not the file released in {version}")
    return snapshot


def open_release(project: Path, version: str) -> Snapshot:
    """The package of a recorded release, from the commit it was cut from (or the tree, if unchanged)."""
    recorded = (project / RELEASES / version / DESCRIPTOR).read_bytes()
    current = project / OUTPUT / DESCRIPTOR
    commit = release_commit(project, version)
    if commit is not None:
        try:
            snapshot = _checked(from_git(project, commit), recorded, version)
        except SnapshotError:
            if not (current.is_file() and current.read_bytes() == recorded):
                raise
        else:
            check_tag(project, version, recorded)
            return Snapshot(version, snapshot.files)
    if current.is_file() and current.read_bytes() == recorded:  # not committed yet, or no git here
        return Snapshot(version, _checked(from_folder(project), recorded, version).files)
    raise SnapshotError(f"the package of release {version} is in no commit of this clone "
                        "(clone with its history, e.g. fetch-depth: 0)")


def check_tag(project: Path, version: str, recorded: bytes) -> None:
    """A tag data-v<version>, when there is one, must hold the package recorded for that version."""
    tag = f"{TAG_PREFIX}{version}"
    if not any(name == tag for _, name in release_tags(project)):
        return
    try:
        tagged = from_git(project, tag).files.get(DESCRIPTOR)
    except SnapshotError:
        tagged = None
    if tagged != recorded:
        raise SnapshotError(f"tag {tag} holds a package other than the one recorded in "
                            f"{RELEASES}/{version}/{DESCRIPTOR}")


def open_previous(spec: str, project: Path) -> Snapshot:
    """A recorded release by version, else a folder, a release archive or a git revision."""
    if spec in recorded_versions(project):
        return open_release(project, spec)
    return open_side(spec, project)
