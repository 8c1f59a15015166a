"""A data release: diff against the last release, bump the version, and land every file it changes at once.

Everything is worked out and checked first (`plan`), then every changed file — package.yaml,
CHANGELOG.md, CITATION.cff, releases/<version>/, datapackage/ and dist/ — is staged in the
project's journal and landed in one step that a rerun finishes after a kill (building/output.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..base.layout import (
    CHANGELOG,
    CHANGES,
    CITATION,
    DESCRIPTOR,
    DIST,
    JOURNAL,
    METADATA,
    OUTPUT,
    RELEASE_RECORD,
    RELEASES,
    TAG_PREFIX,
    archive_name,
    archive_root,
)
from ..base.problems import Location, Problem, problem
from ..base.versions import FIRST_VERSION, bump_rank, bumped, declared_bump, parse_version
from ..browse.sqlite import database_bytes
from ..building.descriptor import json_bytes, render
from ..building.output import Busy, apply_journal, project_lock, stage
from ..published import changes as render_changes
from ..published.diff import PackageDiff, diff
from ..published.integrity import sha256_hex
from ..published.records import last_release as recorded_last_release
from ..published.records import open_previous, record, recorded_versions, release_commit
from ..published.snapshot import Snapshot, SnapshotError, release_tags, run_git
from ..validation.index import Index
from ..validation.pipeline import validate
from .archive import archive_bytes, dist_files, release_files
from .texts import with_citation_lines, with_release_lines, with_release_notes

# What a release writes itself: changes there do not make the tree dirty.
OWN_PATHS = (METADATA, CHANGELOG, CITATION, RELEASES, OUTPUT, DIST, JOURNAL)


@dataclass
class Release:
    """What a release did, or the problems that stopped it (then nothing was written)."""

    problems: list[Problem] = field(default_factory=list)
    version: str | None = None
    previous: str | None = None
    diff: PackageDiff | None = None
    archive: Path | None = None
    sha256: str = ""
    files: list[str] = field(default_factory=list)  # every path it changed, relative to the project
    commit: str | None = None  # the commit it made, with `commit=True`
    refused: bool = False  # True: the tool could not run (busy, unwritable), not a data problem

    def as_dict(self, lang: str = "en") -> dict:
        return {"version": self.version, "previous": self.previous, "bump": self.diff.bump if self.diff else None,
                "archive": self.archive.name if self.archive else None, "sha256": self.sha256 or None,
                "files": self.files, "commit": self.commit, "problems": [p.as_dict(lang) for p in self.problems]}


def _problem(code: str, where: str = "", **params: object) -> Problem:
    return problem(code, Location(where), **params)


def _empty_like(current: Snapshot) -> Snapshot:
    """Before the first release: the same metadata and no tables, so the diff lists the tables only."""
    descriptor = {**current.descriptor(), "resources": []}
    return Snapshot("(no previous release)", {"datapackage.json": json.dumps(descriptor).encode()})


def _dirty(project: Path) -> list[Problem]:
    """Uncommitted changes outside what a release writes: a release ships only committed data."""
    try:
        status = run_git(project, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    except SnapshotError:
        return []
    if status.returncode != 0:  # not a git repository: nothing to compare with
        return []
    top = run_git(project, "rev-parse", "--show-prefix").stdout.decode().strip()
    paths = [entry[3:] for entry in status.stdout.decode(errors="replace").split("\0") if len(entry) > 3]
    relative = [p[len(top):] if p.startswith(top) else p for p in paths]
    own = tuple(OWN_PATHS)
    return [_problem("release.dirty", p, path=p) for p in sorted(set(relative))
            if not any(p == o or p.startswith(o.rstrip("/") + "/") for o in own)]


def _choose_version(required: str, bump: str, wanted: str | None, previous: Snapshot | None) -> str | Problem:
    if previous is None:
        return wanted or FIRST_VERSION
    before = parse_version(previous.version)
    if before is None:
        return _problem("release.previous-version", previous.label, previous=previous.label,
                        version=previous.version)
    if wanted is not None:
        if declared_bump(previous.version, wanted) == "none":
            return _problem("release.version-not-newer", version=wanted, previous=previous.version)
        chosen = declared_bump(previous.version, wanted)
    else:
        chosen = required if bump == "auto" else bump
    if bump_rank(chosen) < bump_rank(required):
        return _problem("release.bump-too-small", previous=previous.version, required=required, chosen=chosen)
    return wanted or bumped(before, chosen)


@dataclass
class Plan:
    """A release worked out and checked, not yet written."""

    version: str
    previous: Snapshot | None
    diff: PackageDiff
    metadata: str  # package.yaml with the new version and date
    date: str = ""
    index: Index | None = None

    def as_dict(self, lang: str = "en") -> dict:
        return {"version": self.version, "previous": self.previous.version if self.previous else None,
                "bump": self.diff.bump, "changes": render_changes.as_dict(self.diff), "problems": []}


def plan(project: Path, *, date: str, bump: str = "auto", version: str | None = None,
         previous: str | None = None) -> Plan | list[Problem]:
    """Work out the next version and check everything a release needs; write nothing."""
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return [_problem("release.bad-date", date=date)]
    if len(date) != 10:
        return [_problem("release.bad-date", date=date)]
    if version is not None and parse_version(version) is None:
        return [_problem("release.bad-argument", value=version)]
    dirty = _dirty(project)
    report = validate(project)
    if not report.valid or report.index is None or report.index.metadata is None:
        return [p for p in report.problems if p.severity.value == "error"] + dirty
    if dirty:
        return dirty
    meta = report.index.metadata.data
    try:
        spec = previous or recorded_last_release(project)
        old = open_previous(spec, project) if spec else None
        current = Snapshot("annotations", render(report.index))
        changes = diff(old or _empty_like(current), current)
    except SnapshotError as exc:
        return [_problem("release.previous-unreadable", reason=exc)]
    if old is not None and changes.bump == "none":
        return [_problem("release.no-changes", previous=old.version or spec)]
    announced = str(meta.get("version"))
    if version is None and bump == "auto" and old is not None \
            and declared_bump(old.version, announced) != "none":
        version = announced  # package.yaml announces the next version already (as the CI guard asks)
    chosen = _choose_version(changes.bump, bump, version, old)
    if isinstance(chosen, Problem):
        return [chosen]
    if chosen in recorded_versions(project) or any(t == f"{TAG_PREFIX}{chosen}" for _, t in release_tags(project)):
        return [_problem("release.exists", f"{RELEASES}/{chosen}", version=chosen, path=f"{RELEASES}/{chosen}")]
    metadata = with_release_lines((project / METADATA).read_text(encoding="utf-8"), chosen, date)
    if metadata is None:
        return [_problem("release.metadata-lines", METADATA)]
    changes.old_version, changes.new_version = old.version if old else None, chosen
    return Plan(chosen, old, changes, metadata, date, report.index)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def release_contents(project: Path, planned: Plan) -> tuple[dict[str, bytes], dict[str, bytes], str]:
    """Every file the release writes: project files by path, the package, and the archive's sha256."""
    assert planned.index is not None and planned.index.metadata is not None
    before = planned.previous.version if planned.previous else None
    files: dict[str, bytes] = {METADATA: planned.metadata.encode("utf-8")}
    files[CHANGELOG] = with_release_notes(_read(project / CHANGELOG), planned.version, planned.date,
                                          render_changes.markdown_items(planned.diff), before).encode("utf-8")
    if (project / CITATION).is_file():
        files[CITATION] = with_citation_lines(_read(project / CITATION), planned.version,
                                              planned.date).encode("utf-8")
    changes = render_changes.as_json(planned.diff).encode("utf-8")
    planned.index.metadata.data.update(version=planned.version, created=planned.date)  # as package.yaml will say
    package = render(planned.index, changes)
    extras = {name: files.get(name) for name in (CHANGELOG, CITATION)}
    content = archive_bytes(release_files(project, package, extras), archive_root(planned.version))
    digest = sha256_hex(content)
    folder = f"{RELEASES}/{planned.version}"
    files[f"{folder}/{CHANGES}"] = changes
    files[f"{folder}/{DESCRIPTOR}"] = package[DESCRIPTOR]
    files[f"{folder}/{RELEASE_RECORD}"] = json_bytes({
        "version": planned.version, "date": planned.date, "commit": None,
        "archive": archive_name(planned.version), "sha256": digest})
    if before is not None and before in recorded_versions(project) and not record(project, before).get("commit"):
        commit = release_commit(project, before)  # the previous release's commit is known by now
        if commit:
            files[f"{RELEASES}/{before}/{RELEASE_RECORD}"] = json_bytes({**record(project, before), "commit": commit})
    published = dist_files(planned.version, content, database_bytes(package))
    files.update((f"{DIST}/{name}", data) for name, data in published.items())
    return files, package, digest


def commit_command(version: str, files: list[str]) -> tuple[list[str], list[str]]:
    """The git commands that make the one commit holding every file the release changed."""
    return ["git", "add", "-A", "--", *files], ["git", "commit", "-m", f"Data release {version}"]


def release(project: Path, *, date: str, bump: str = "auto", version: str | None = None,
            previous: str | None = None, commit: bool = False) -> Release:
    """Release the data: everything is checked first, then every file it changes lands at once."""
    try:
        with project_lock(project):
            apply_journal(project)  # a release killed after staging it in full lands first
            planned = plan(project, date=date, bump=bump, version=version, previous=previous)
            if not isinstance(planned, Plan):
                return Release(planned)
            files, package, digest = release_contents(project, planned)
            stage(project, files, package)
            apply_journal(project)
    except Busy as exc:
        return Release([exc.problem], refused=True)
    except OSError as exc:
        where = exc.filename or project
        return Release([_problem("build.unwritable", str(where), path=where, reason=exc.strerror or exc)],
                       refused=True)
    committed = sorted({name for name in files if not name.startswith(DIST + "/")} | {OUTPUT})
    result = Release([], planned.version, planned.previous.version if planned.previous else None, planned.diff,
                     project / DIST / archive_name(planned.version), digest, committed)
    if commit:
        result = _commit(project, result)
    return result


def _commit(project: Path, result: Release) -> Release:
    add, make = commit_command(str(result.version), result.files)
    try:
        added = run_git(project, *add[1:])
        made = run_git(project, "-c", "commit.gpgSign=false", *make[1:]) if added.returncode == 0 else added
    except SnapshotError as exc:
        return dataclasses.replace(result, problems=[_problem("release.commit-failed", reason=exc)])
    if made.returncode != 0:
        reason = made.stderr.decode(errors="replace").strip() or made.stdout.decode(errors="replace").strip()
        return dataclasses.replace(result, problems=[_problem("release.commit-failed", reason=reason)])
    head = run_git(project, "rev-parse", "HEAD").stdout.decode().strip()
    return dataclasses.replace(result, commit=head)


# Problems that mean the command was called wrongly, not that the data is wrong (exit 2).
USAGE_CODES = frozenset({"release.bad-date", "release.bad-argument"})
