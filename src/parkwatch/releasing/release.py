"""A data release: diff against the last release, bump the version, changelog, changes.json, archive."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..base.layout import CHANGELOG, CHANGES, CITATION, METADATA, RELEASES, TAG_PREFIX
from ..base.problems import Location, Problem, problem
from ..base.versions import (
    FIRST_VERSION,
    bump_rank,
    bumped,
    declared_bump,
    parse_version,
)
from ..building.build import build
from ..building.descriptor import render
from ..published import changes as render_changes
from ..published.diff import PackageDiff, diff
from ..published.snapshot import (
    Snapshot,
    SnapshotError,
    last_release,
    open_side,
    release_tags,
)
from ..validation.pipeline import validate
from .archive import write_archive

_UNRELEASED = re.compile(r"^## Unreleased[ \t]*\n", re.M)


@dataclass
class Release:
    """What a release did, or the problems that stopped it (then nothing was written)."""

    problems: list[Problem] = field(default_factory=list)
    version: str | None = None
    previous: str | None = None
    diff: PackageDiff | None = None
    archive: Path | None = None
    sha256: str = ""


def _problem(code: str, message: str, where: str = "", **params: str) -> Problem:
    return problem(code, Location(where), detail=message, **params)


def with_release_lines(text: str, version: str, date: str) -> str | None:
    """package.yaml with its `version` and `created` lines rewritten, everything else kept as written."""
    text, versions = re.subn(r"^version:.*$", f"version: {version}", text, count=1, flags=re.M)
    text, dates = re.subn(r"^created:.*$", f'created: "{date}"', text, count=1, flags=re.M)
    return text if versions == dates == 1 else None


def with_citation_lines(text: str, version: str, date: str) -> str:
    """CITATION.cff with its `version` and `date-released` lines set (the latter added after `version`)."""
    text = re.sub(r"^version:.*$", f"version: {version}", text, count=1, flags=re.M)
    released = f'date-released: "{date}"'
    if re.search(r"^date-released:", text, re.M):
        return re.sub(r"^date-released:.*$", released, text, count=1, flags=re.M)
    return re.sub(r"^(version:.*)$", lambda m: f"{m.group(1)}\n{released}", text, count=1, flags=re.M)


def with_release_notes(text: str, version: str, date: str, summary: list[str], previous: str | None) -> str:
    """CHANGELOG.md with the Unreleased notes moved under a new version heading, and the data changes."""
    heading = f"### Data changes since {previous}" if previous else "### Data changes"
    match = _UNRELEASED.search(text)
    if match is None:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "# Changelog\n\n") + "## Unreleased\n"
        match = _UNRELEASED.search(text)
        assert match is not None
    rest = text[match.end():]
    following = re.search(r"^## ", rest, re.M)
    notes, after = (rest[: following.start()], rest[following.start():]) if following else (rest, "")
    section = f"## {version} - {date}\n\n"
    if notes.strip():
        section += notes.strip("\n") + "\n\n"
    section += f"{heading}\n\n" + "\n".join(summary) + "\n"
    return text[: match.start()] + "## Unreleased\n\n" + section + ("\n" + after if after else "")


def _empty_like(current: Snapshot) -> Snapshot:
    """Before the first release: the same metadata and no tables, so the diff lists the tables only."""
    descriptor = {**current.descriptor(), "resources": []}
    return Snapshot("(no previous release)", {"datapackage.json": json.dumps(descriptor).encode()})


def _previous(project: Path, spec: str | None) -> tuple[Snapshot | None, str | None]:
    spec = spec or last_release(project)
    return (open_side(spec, project), spec) if spec else (None, None)


def _untagged(project: Path, metadata: dict, previous: Snapshot | None) -> str | None:
    """The version in package.yaml when it was released (it has its date and changes.json) but has no tag."""
    version = metadata.get("version")
    released = metadata.get("created") and (project / RELEASES / str(version) / CHANGES).is_file()
    newer = previous is None or (parse_version(version) or (0, 0, 0)) > (parse_version(previous.version) or (0, 0, 0))
    return str(version) if released and newer else None


def _choose_version(required: str, bump: str, wanted: str | None, previous: Snapshot | None) -> str | Problem:
    if previous is None:
        return wanted or FIRST_VERSION
    before = parse_version(previous.version)
    if before is None:
        return _problem("release.previous-version", f"the previous release has no valid version: {previous.version!r}",
                        previous.label)
    if wanted is not None:
        if declared_bump(previous.version, wanted) == "none":
            return _problem("release.version-not-newer", f"{wanted} is not newer than {previous.version}")
        chosen = declared_bump(previous.version, wanted)
    else:
        chosen = required if bump == "auto" else bump
    if bump_rank(chosen) < bump_rank(required):
        return _problem("release.bump-too-small", f"the changes since {previous.version} need a {required} "
                        f"version, not {chosen}", required=required)
    return wanted or bumped(before, chosen)


@dataclass
class Plan:
    """A release worked out and checked, not yet written."""

    version: str
    previous: Snapshot | None
    diff: PackageDiff
    metadata: str  # package.yaml with the new version and date


def plan(project: Path, *, date: str, bump: str = "auto", version: str | None = None,
         previous: str | None = None) -> Plan | list[Problem]:
    """Work out the next version and check everything a release needs; write nothing."""
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return [_problem("release.bad-date", f"{date!r} is not a date (YYYY-MM-DD)")]
    if len(date) != 10 or (version is not None and parse_version(version) is None):
        return [_problem("release.bad-argument", "the date is YYYY-MM-DD and the version X.Y.Z")]
    report = validate(project)
    if not report.valid or report.index is None or report.index.metadata is None:
        return [p for p in report.problems if p.severity.value == "error"]
    meta = report.index.metadata.data
    try:
        old, spec = _previous(project, previous)
        current = Snapshot("annotations", render(report.index))
        changes = diff(old or _empty_like(current), current)
    except SnapshotError as exc:
        return [_problem("release.previous-unreadable", str(exc))]
    pending = _untagged(project, meta, old)
    if pending:
        return [_problem("release.untagged", f"{pending} is released but not tagged",
                         tag=f"{TAG_PREFIX}{pending}")]
    if old is not None and changes.bump == "none":
        return [_problem("release.no-changes", f"the data has not changed since {spec}")]
    announced = str(meta.get("version"))
    if version is None and bump == "auto" and old is not None \
            and declared_bump(old.version, announced) != "none":
        version = announced  # package.yaml announces the next version already (as the CI guard asks)
    chosen = _choose_version(changes.bump, bump, version, old)
    if isinstance(chosen, Problem):
        return [chosen]
    if any(tag == f"{TAG_PREFIX}{chosen}" for _, tag in release_tags(project)):
        return [_problem("release.exists", f"{chosen} is released already (tag {TAG_PREFIX}{chosen})")]
    metadata = with_release_lines((project / METADATA).read_text(encoding="utf-8"), chosen, date)
    if metadata is None:
        return [_problem("release.metadata-lines", "package.yaml needs one `version:` and one `created:` line "
                         "at the top level", METADATA)]
    changes.old_version, changes.new_version = old.version if old else None, chosen
    return Plan(chosen, old, changes, metadata)


def release(project: Path, *, date: str, bump: str = "auto", version: str | None = None,
            previous: str | None = None) -> Release:
    """Release the data: everything is checked first, then package.yaml, CHANGELOG.md, the package and dist/."""
    planned = plan(project, date=date, bump=bump, version=version, previous=previous)
    if not isinstance(planned, Plan):
        return Release(planned)
    before = planned.previous.version if planned.previous else None
    metadata, log, citation = project / METADATA, project / CHANGELOG, project / CITATION
    record = project / RELEASES / planned.version / CHANGES
    saved = {metadata: metadata.read_bytes(), log: log.read_bytes() if log.is_file() else None}
    if citation.is_file():
        saved[citation] = citation.read_bytes()
        citation.write_text(with_citation_lines(citation.read_text(encoding="utf-8"), planned.version, date),
                            encoding="utf-8")
    notes = with_release_notes(log.read_text(encoding="utf-8") if log.is_file() else "", planned.version, date,
                               render_changes.markdown_items(planned.diff), before)
    metadata.write_text(planned.metadata, encoding="utf-8")
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(render_changes.as_json(planned.diff), encoding="utf-8")
    log.write_text(notes, encoding="utf-8")
    result = build(project)
    if not result.written:  # put everything back: a failed release changes nothing
        for path, content in saved.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(content)
        record.unlink()
        return Release(result.report.problems or [_problem("release.build", "the package could not be built")])
    archive, sha256 = write_archive(project, planned.version)
    return Release([], planned.version, before, planned.diff, archive, sha256)


# Problems that mean the command was called wrongly, not that the data is wrong (exit 2).
USAGE_CODES = frozenset({"release.bad-date", "release.bad-argument"})
