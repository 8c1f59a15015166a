"""New annotation files, started from their commented templates."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..base.layout import park_file
from ..base.tables import SLUG
from .issue import IssueError, park_from_issue
from .template import park

_SLUG = re.compile(SLUG)


class NewFileError(ValueError):
    """The file cannot be started: a bad id, or a file that exists already. Nothing was written."""


def valid_id(park_id: str) -> bool:
    return _SLUG.fullmatch(park_id) is not None


def new_park(project: Path, park_id: str | None, *, from_issue: Path | None = None) -> Path:
    """Write annotations/parks/ID.yaml from the template, or from a filed issue form; refuses a bad id or an
    existing file."""
    content = None
    if from_issue is not None:
        try:
            markdown = from_issue.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise NewFileError(f"cannot read {from_issue}: {getattr(exc, 'strerror', None) or exc}") from None
        try:
            park_id, content = park_from_issue(markdown, park_id)
        except IssueError as exc:
            raise NewFileError(str(exc)) from None
    if park_id is None or not valid_id(park_id):
        raise NewFileError(f"'{park_id}' is not a valid id: lowercase ASCII words joined by '-', "
                           "e.g. qingdao-high-tech-zone")
    target = park_file(Path(project), park_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:  # O_EXCL: of two runs at once, one writes and the other is told the file exists
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise NewFileError(f"{target} already exists; nothing written") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content if content is not None else park(park_id))
    return target
