"""Build: validate, render every file of the package, then write it atomically (or compare)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..base.fanout import collector_paused
from ..base.layout import OUTPUT
from ..base.problems import Location, Problem, Report, problem
from ..validation.index import Index
from ..validation.pipeline import validate
from . import tablebytes
from .descriptor import release_changes, render
from .output import Busy, apply_journal, differences, project_lock, write_atomic


@dataclass
class BuildResult:
    report: Report
    written: bool = False
    differences: list[str] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)  # the tool could not run (busy, unwritable): exit 3


def build(project: Path, *, check: bool = False, sources: Path | None = None,
          require_sources: bool = False) -> BuildResult:
    """Validate, then write (or, with `check`, compare) the package. Nothing is written unless all is valid.

    One build or release at a time per project: a second one waits for the lock, then gives up.
    """
    if check:
        return _build(project, check=True, sources=sources, require_sources=require_sources)
    try:
        with project_lock(project):
            apply_journal(project)  # a release killed after staging it in full lands first
            return _build(project, check=False, sources=sources, require_sources=require_sources)
    except Busy as exc:
        return BuildResult(Report(), refused=[exc.problem])
    except OSError as exc:
        where = exc.filename or project
        return BuildResult(Report(), refused=[problem("build.unwritable", Location(str(where)), path=where,
                                                      reason=exc.strerror or exc)])


def _build(project: Path, *, check: bool, sources: Path | None, require_sources: bool) -> BuildResult:
    started: list[tablebytes.Rendering] = []  # tables made while the cross-record checks run

    def ready(index: Index) -> None:
        rendering = tablebytes.start(index)
        if rendering is not None:
            started.append(rendering)

    try:
        report = validate(project, sources=sources, require_sources=require_sources, ready=ready)
        if not report.valid or report.index is None:
            return BuildResult(report)
        with collector_paused():  # as in validation: millions of objects that live to the end
            files = render(report.index, release_changes(project, report.index), started[0] if started else None)
    finally:
        for rendering in started:
            rendering.stop()
    target = project / OUTPUT
    if check:
        return BuildResult(report, differences=differences(files, target))
    write_atomic(target, files)
    return BuildResult(report, written=True)
