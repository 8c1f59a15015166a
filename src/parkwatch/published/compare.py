"""`parkwatch diff` as a library call: the two sides resolved, compared, and the version guard."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..base.problems import Problem
from .changes import undeclared_break
from .diff import PackageDiff, diff
from .records import last_release, open_previous
from .snapshot import from_folder, open_side


@dataclass
class Comparison:
    """What `parkwatch diff` found: the diff (None before the first release) and the guard's verdict."""

    diff: PackageDiff | None
    old: str | None  # what the older side was named by, or found as
    unannounced: Problem | None = None  # why the change fails --fail-on, when it does


def compare(old: str | None = None, new: str | None = None, *, project: str | Path = ".",
            fail_on: str | None = None) -> Comparison:
    """Compare two packages (folders, release zips or git revisions of `project`).

    `old` defaults to the last data release, `new` to the project's datapackage/. With `fail_on`
    (major, minor or patch), `unannounced` says why a change that needs at least that bump is not
    declared by the new side's version. Raises SnapshotError when a side cannot be read.
    """
    root = Path(project)
    old = old or last_release(root)
    if old is None:
        return Comparison(None, None)
    result = diff(open_previous(old, root), open_side(new, root) if new else from_folder(root))
    return Comparison(result, old, undeclared_break(result, fail_on) if fail_on else None)
