"""Validation: discover → load → schema → cross-record checks → quotes in their texts, all problems collected."""

from __future__ import annotations

from pathlib import Path

from ..base.layout import ANNOTATIONS, SOURCES, display_path
from ..base.problems import Location, Problem, Report, problem
from . import batch, reuse
from .discover import discover
from .index import Doc, Index, build_index
from .labels import relabel
from .sources import PROJECT_WIDE, check_sources, quote_count, unchecked
from .texts import archive_folder


def load(project: Path) -> tuple[list[Doc], list[Problem]]:
    """Every annotation file of a project, parsed and checked against its schema."""
    files, problems = discover(project)
    # Parsing and schema checks are per file: cached, and spread over the cores (see batch.py).
    loaded = batch.load_docs(files)
    return [doc for doc, _ in loaded], problems + [p for _, own in loaded for p in own]


def selection(project: Path, paths) -> set[Path] | None:
    """The files whose problems are shown when `paths` are named; None: the whole project.

    Naming the project folder itself (`.` inside it) shows the whole project, whatever else is named.
    """
    paths = [Path(p).resolve() for p in paths or ()]
    if not paths or project.resolve() in paths:
        return None
    return {f for p in paths for f in ([p] if not p.is_dir() else p.rglob("*.yaml"))}


def validate(project: Path, *, paths=(), sources: Path | None = None, only: set[Path] | None = None,
             cached: bool = False, full: bool = True, require_sources: bool = False) -> Report:
    """Validate a project's annotations, and check every quote whose source text can be reached.

    Every file is checked, since references cross files; `paths` (files or folders) and `only`
    (files) limit the report to problems in those files. Source texts are in `sources`, else in the
    folder texts.archive_folder finds, else at their archive URL; one note counts the quotes that could
    not be checked, an error with `require_sources`. With `cached` (or `full=False`), unchanged files'
    results may come from the cache (see reuse.py) and the report carries no index.
    """
    shown = selection(project, paths)
    only = only if shown is None else shown | set(only or ())
    full = full and not cached
    if not (project / ANNOTATIONS).is_dir():
        folder = display_path(project / ANNOTATIONS)
        return Report([problem("layout.no-annotations", Location(folder), folder=folder)])
    archive = archive_folder(project, sources)
    registry = display_path(project / ANNOTATIONS / SOURCES)
    if not full and archive is None:
        files, found = discover(project)
        quick = reuse.revalidate(files)
        if quick is not None and not any("archive_url" in doc.data for doc in quick[1]
                                         if doc.file.kind == SOURCES and isinstance(doc.data, dict)):
            count = quote_count(quick[1])
            return _report(relabel(found + quick[0], quick[1]) + unchecked(count, count, require_sources, registry),
                           None, only)
    docs, problems = load(project)
    index = build_index(docs)
    problems.extend(batch.run_checks(index))
    reuse.remember(docs, problems)
    problems.extend(check_sources(index, archive, require=require_sources, where=registry))
    return _report(relabel(problems, docs), index, only)


def _report(problems: list[Problem], index: Index | None, only: set[Path] | None) -> Report:
    if only is not None:
        shown = {display_path(p) for p in only}
        problems = [p for p in problems if p.location.file in shown or not p.location.file or p.code in PROJECT_WIDE]
    return Report(sorted(problems, key=Problem.sort_key), index)
