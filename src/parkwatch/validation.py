"""Validation: discover → load → schema → cross-record checks, all problems collected."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import incremental, parallel
from .index import Doc, Index, build_index
from .problems import Location, Problem, Severity, has_errors, problem
from .project import ANNOTATIONS, discover, display_path
from .sourcetext import check_sources


@dataclass
class Report:
    """The outcome of validation: every problem, and the index when the files could be read."""

    problems: list[Problem] = field(default_factory=list)
    index: Index | None = None

    @property
    def valid(self) -> bool:
        return not has_errors(self.problems)

    def counts(self) -> dict[str, int]:
        return {s.value: sum(p.severity is s for p in self.problems) for s in Severity}


def load(project: Path) -> tuple[list[Doc], list[Problem]]:
    """Every annotation file of a project, parsed and checked against its schema."""
    files, problems = discover(project)
    # Parsing and schema checks are per file: cached, and spread over the cores (see parallel.py).
    loaded = parallel.load_docs(files)
    return [doc for doc, _ in loaded], problems + [p for _, own in loaded for p in own]


def validate(project: Path, *, sources: Path | None = None, only: set[Path] | None = None,
             full: bool = True) -> Report:
    """Validate a project's annotations; with `sources`, check quotes against the source texts.

    `only` limits the report to problems in those files; the checks still see every file,
    since references cross files. With `full=False`, unchanged files' results may come
    from the cache (see incremental.py) and the report carries no index.
    """
    if not (project / ANNOTATIONS).is_dir():
        folder = display_path(project / ANNOTATIONS)
        return Report([problem("layout.no-annotations", Location(folder), folder=folder)])
    if not full and sources is None:
        files, found = discover(project)
        quick = incremental.revalidate(files)
        if quick is not None:
            return _report(found + quick[0], None, only)
    docs, problems = load(project)
    index = build_index(docs)
    problems.extend(parallel.run_checks(index))
    if sources is not None:
        problems.extend(check_sources(index, sources))
    else:
        incremental.remember(docs, problems)
    return _report(problems, index, only)


def _report(problems: list[Problem], index: Index | None, only: set[Path] | None) -> Report:
    if only is not None:
        shown = {display_path(p) for p in only}
        problems = [p for p in problems if p.location.file in shown or not p.location.file]
    return Report(sorted(problems, key=Problem.sort_key), index)
