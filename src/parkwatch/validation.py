"""Validation: discover → load → schema → cross-record checks, all problems collected."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import parallel, schema
from .index import Doc, Index, build_index
from .problems import Location, Problem, Severity, has_errors, problem
from .project import ANNOTATIONS, VOCABULARIES, discover, display_path
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


def _schema_name(doc_kind: str, stem: str) -> str:
    return schema.schema_for_vocabulary(stem) if doc_kind == VOCABULARIES else doc_kind


def load(project: Path) -> tuple[list[Doc], list[Problem]]:
    """Every annotation file of a project, parsed and checked against its schema."""
    files, problems = discover(project)
    docs: list[Doc] = []
    # Parsing and schema checks are per file: cached, and spread over the cores (see parallel.py).
    checked = parallel.check_files([(f.path, f.display, _schema_name(f.kind, f.stem)) for f in files])
    for file, result in zip(files, checked):
        loaded, errors = result.loaded, result.errors
        problems.extend(loaded.problems)
        if loaded.data is None:
            docs.append(Doc(file, loaded, schema_valid=False))
            continue
        doc = Doc(file, loaded, schema_valid=not errors)
        problems.extend(doc.problem(e.code, e.path, key=e.key, hint=e.hint, **e.params) for e in errors)
        docs.append(doc)
    return docs, problems


def validate(project: Path, *, sources: Path | None = None, only: set[Path] | None = None) -> Report:
    """Validate a project's annotations; with `sources`, check quotes against the source texts.

    `only` limits the report to problems in those files; the checks still see every file,
    since references cross files.
    """
    if not (project / ANNOTATIONS).is_dir():
        folder = display_path(project / ANNOTATIONS)
        return Report([problem("layout.no-annotations", Location(folder), folder=folder)])
    docs, problems = load(project)
    index = build_index(docs)
    problems.extend(parallel.run_checks(index))
    if sources is not None:
        problems.extend(check_sources(index, sources))
    if only is not None:
        shown = {display_path(p) for p in only}
        problems = [p for p in problems if p.location.file in shown or not p.location.file]
    return Report(sorted(problems, key=Problem.sort_key), index)
