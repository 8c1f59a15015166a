"""Discover: the metadata file and every annotation file of a project, with layout problems."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..base.layout import (
    ANNOTATIONS,
    KINDS,
    METADATA,
    OPTIONAL_KINDS,
    PACKAGE,
    SUFFIX,
    display_path,
)
from ..base.problems import Location, Problem, problem


@dataclass(frozen=True)
class AnnotationFile:
    """One file of a project: where it is, its kind, how it is shown, and its name without the suffix."""

    location: str  # the path, as a string: a Path is made only when a file is read (thousands add up)
    kind: str  # one of KINDS, or PACKAGE
    display: str
    stem: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.stem:
            name = self.location.rpartition(os.sep)[2]
            object.__setattr__(self, "stem", name[: -len(SUFFIX)] if name.endswith(SUFFIX) else Path(name).stem)

    @cached_property
    def path(self) -> Path:
        return Path(self.location)


def discover(project: Path) -> tuple[list[AnnotationFile], list[Problem]]:
    """The metadata file and all annotation files of a project, sorted, with layout problems."""
    files: list[AnnotationFile] = []
    problems: list[Problem] = []
    metadata = project / METADATA
    if metadata.is_file():
        files.append(AnnotationFile(str(metadata), PACKAGE, display_path(metadata)))
    else:
        problems.append(problem("layout.missing-file", Location(display_path(metadata)), name=METADATA))
    root = project / ANNOTATIONS
    real_root = project.resolve()
    for kind in KINDS:
        folder = root / kind
        if not folder.is_dir():
            if kind not in OPTIONAL_KINDS:
                problems.append(problem("layout.missing-folder", Location(display_path(folder)), kind=kind))
            continue
        shown = display_path(folder)  # once per folder: relpath for each of thousands of files adds up
        with os.scandir(folder) as listing:  # its entries know their type: no stat per file
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            name = entry.name
            display = f"{shown}/{name}" if shown != "." else name
            if name.startswith("."):
                continue
            if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(real_root):
                problems.append(problem("file.symlink-outside", Location(display)))
                continue
            if entry.is_dir():
                problems.append(problem("layout.unexpected-folder", Location(display), kind=kind))
                continue
            if not name.endswith(SUFFIX):
                problems.append(problem("layout.file-extension", Location(display), name=name))
                continue
            files.append(AnnotationFile(entry.path, kind, display, name[: -len(SUFFIX)]))
    return files, problems
