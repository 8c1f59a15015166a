"""Build: validate, render every file of the package, then write it atomically (or compare)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..base.layout import OUTPUT
from ..base.problems import Report
from ..validation.pipeline import validate
from .descriptor import release_changes, render
from .output import differences, write_atomic


@dataclass
class BuildResult:
    report: Report
    written: bool = False
    differences: list[str] = field(default_factory=list)


def build(project: Path, *, check: bool = False, sources: Path | None = None,
          require_sources: bool = False) -> BuildResult:
    """Validate, then write (or, with `check`, compare) the package. Nothing is written unless all is valid."""
    report = validate(project, sources=sources, require_sources=require_sources)
    if not report.valid or report.index is None:
        return BuildResult(report)
    files = render(report.index, release_changes(project, report.index))
    target = project / OUTPUT
    if check:
        return BuildResult(report, differences=differences(files, target))
    write_atomic(target, files)
    return BuildResult(report, written=True)
