"""The project files a release rewrites, line by line, keeping everything else as written."""

from __future__ import annotations

import re

_UNRELEASED = re.compile(r"^## Unreleased[ \t]*\n", re.M)


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
