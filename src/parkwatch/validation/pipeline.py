"""Validation: discover → read → parse → schema → index → texts → checks (quotes in their texts among
them), all problems collected.

This module alone knows that order. Re-validation (reuse.py) only answers which files'
cached results still hold; a file whose result holds stands in the index as its summary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..base.fanout import collector_paused
from ..base.layout import ANNOTATIONS, SOURCES, display_path
from ..base.problems import Location, Problem, Report, problem
from . import batch, checks, reuse
from .discover import discover
from .index import Doc, Index, build_index, counted_quotes
from .labels import relabel
from .sources import PROJECT_WIDE, Archive, unchecked
from .texts import archive_folder

# With more changed files than one in this many (and more than MIN_CHANGED), a full run is as quick.
CHANGED_SHARE = 20
MIN_CHANGED = 10


def load(project: Path) -> tuple[list[Doc], list[Problem]]:
    """Every annotation file of a project, parsed and checked against its schema."""
    files, problems = discover(project)
    loaded = batch.load_docs(batch.read(files))
    batch.save()
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
             cached: bool = False, full: bool = True, require_sources: bool = False,
             ready: Callable[[Index], None] | None = None) -> Report:
    """Validate a project's annotations, and check every quote whose source text can be reached.

    Every file is checked, since references cross files; `paths` (files or folders) and `only`
    (files) limit the report to problems in those files. Source texts are in `sources`, else in the
    folder texts.archive_folder finds, else at their archive URL; one note counts the quotes that could
    not be checked, an error with `require_sources`. With `cached` (or `full=False`), unchanged files'
    results may come from the cache (see reuse.py); the report then carries no index unless every
    file was checked afresh. `ready` is called with that index as soon as it is complete, before the
    cross-record checks (the build starts making tables then).
    """
    with collector_paused():
        return _validate(project, paths=paths, sources=sources, only=only, cached=cached, full=full,
                         require_sources=require_sources, ready=ready)


def _validate(project: Path, *, paths, sources: Path | None, only: set[Path] | None, cached: bool, full: bool,
              require_sources: bool, ready: Callable[[Index], None] | None) -> Report:
    shown = selection(project, paths)
    only = only if shown is None else shown | set(only or ())
    if not (project / ANNOTATIONS).is_dir():
        folder = display_path(project / ANNOTATIONS)
        return Report([problem("layout.no-annotations", Location(folder), folder=folder)])
    archive = archive_folder(project, sources)
    registry = display_path(project / ANNOTATIONS / SOURCES)
    files, problems = discover(project)
    reusing = not (full and not cached)
    last = reuse.last_run(project) if reusing else {}
    before = reuse.known(last)
    reads = batch.read(files, before)  # every file is read here, once, unless known unchanged
    entries = reuse.cached(reads, last) if reusing else {}
    if len(reads) - len(entries) > max(MIN_CHANGED, len(reads) // CHANGED_SHARE):
        entries = {}
    fresh = _load(reads, [i for i in range(len(reads)) if i not in entries])
    docs = _docs(reads, fresh, entries)
    index = build_index(docs)
    texts = Archive(index, archive)
    ctx = reuse.context(docs, texts.identity(), {i: entry.part for i, entry in entries.items()})
    if any(entry.context != ctx for entry in entries.values()):
        # What the file checks read of other files, or the texts at hand, changed: every file is checked again.
        fresh.update(_load(reads, sorted(entries)))
        entries = {}
        docs = _docs(reads, fresh, entries)
        index = build_index(docs)
        texts = Archive(index, archive)
    if ready is not None and not entries:
        ready(index)
    batch.save()  # the parsed files into the cache: after `ready`, while the build's tables are being made
    problems += _check(project, reads, index, texts, fresh, entries, ctx, before)
    problems += texts.problems
    counts = [counted_quotes(doc) for doc, _ in fresh.values()] + [e.quoted for e in entries.values()]
    problems += unchecked(*texts.missed(index, counts), require_sources, registry)
    return _report(relabel(problems, docs), None if entries else index, only)


def _load(reads: list[batch.Read], positions: list[int]) -> dict[int, tuple[Doc, list[Problem]]]:
    """The files at `positions` parsed and schema-checked, by position."""
    return dict(zip(positions, batch.load_docs([reads[i] for i in positions])))


def _docs(reads: list[batch.Read], fresh: dict[int, tuple[Doc, list[Problem]]],
          entries: dict[int, reuse.Entry]) -> list[Doc]:
    return [fresh[i][0] if i in fresh else reuse.stub(reads[i], entries[i]) for i in range(len(reads))]


def _check(project: Path, reads: list[batch.Read], index: Index, texts: Archive,
           fresh: dict[int, tuple[Doc, list[Problem]]], entries: dict[int, reuse.Entry], ctx: bytes,
           before: dict) -> list[Problem]:
    """Every file's own problems (cached, or found now: the file checks' and its quotes against their
    texts) and the project checks' over every file."""
    own = {i: list(found) for i, (_, found) in fresh.items()}
    mine = index.limited_to([fresh[i][0] for i in sorted(fresh)])  # file checks: only the fresh files
    # The quotes against their texts go first, as a file check of their own, shared out like the others.
    jobs = [(checks.Check(texts.quotes), mine)]
    jobs += [(c, index if c.scope == checks.PROJECT else mine) for c in checks.CHECKS]
    position = {reads[i].file.display: i for i in fresh}
    spanning: list[Problem] = []  # project checks', and any file check's outside a checked file
    stray = False
    for (c, _), found in zip(jobs, batch.run_checks(jobs)):
        for p in found:
            i = position.get(p.location.file) if c.scope == checks.FILE else None
            if i is None:
                spanning.append(p)
                stray = stray or c.scope == checks.FILE
            else:
                own[i].append(p)
    if not stray:  # a file problem not in its file could not be told apart on the next run
        reuse.remember(project, reads, {i: (fresh[i][0], own[i]) for i in fresh}, entries, ctx, before)
    return [p for i in range(len(reads)) for p in (own[i] if i in own else entries[i].problems)] + spanning


def _report(problems: list[Problem], index: Index | None, only: set[Path] | None) -> Report:
    if only is not None:
        shown = {display_path(p) for p in only}
        problems = [p for p in problems if p.location.file in shown or not p.location.file or p.code in PROJECT_WIDE]
    return Report(sorted(problems, key=Problem.sort_key), index)
