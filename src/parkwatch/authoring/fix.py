"""`parkwatch fix`: rewrite what is mechanical and safe in annotation files, atomically, and say what changed."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..base.layout import PARKS, VOCABULARIES
from ..base.problems import Location, Problem, problem
from ..validation.discover import AnnotationFile, discover
from ..validation.labels import Labels, label_ids, terms
from ..validation.parse import load_file, load_text
from ..validation.pipeline import selection
from . import repairs

_TEMP_PREFIX = ".parkwatch-fix-"
STALE_SECONDS = 600


@dataclass
class FixResult:
    """What `fix` changed (or, with check, would change), the files written, and files it could not write."""

    changes: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed_files(self) -> list[str]:
        return sorted({c.location.file for c in self.changes})


def repaired(raw: bytes, display: str, labels: Labels | None) -> tuple[bytes, list[Problem]]:
    """The repaired bytes of one file and the changes; the bytes unchanged when nothing is safe to do."""
    decoded = repairs.bytes_to_text(raw, display)
    if decoded is None:
        return raw, []
    text, changes = decoded
    for step in (repairs.indentation, repairs.colons):
        text, more = step(text, display)
        changes += more
    text, more = repairs.values(text, display, labels)
    changes += more
    if not changes:
        return raw, []
    if _parses(raw, display) and not _parses(text.encode(), display):
        return raw, []  # a repair must never turn a readable file into an unreadable one
    return text.encode("utf-8"), changes


def _parses(raw: bytes, display: str) -> bool:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    data, problems = load_text(text, display)
    return data is not None and not any(p.code.startswith("yaml.") for p in problems)


def vocabulary_labels(files: list[AnnotationFile]) -> Labels:
    """Label → id tables of the project's vocabularies, as their files are (valid or not)."""
    return Labels.of({file.stem: label_ids(terms(load_file(file.path, file.display).data)) for file in files
                      if file.kind == VOCABULARIES})


def write_replacing(path: Path, content: bytes) -> None:
    """Replace a file's content atomically: a temporary file beside it, flushed, then renamed over it."""
    for leftover in path.parent.glob(_TEMP_PREFIX + "*"):  # from a fix killed before its rename
        try:  # a recent one may belong to a fix running now: leave it to that run
            if time.time() - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
        except OSError:
            pass
    fd, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def fix(project: Path, paths=(), *, check: bool = False) -> FixResult:
    """Repair the project's annotation files (or those under `paths`); with `check`, write nothing."""
    files, _ = discover(project)
    shown = selection(project, paths)
    tables = vocabulary_labels(files)
    result = FixResult()
    for file in files:
        if shown is not None and file.path.resolve() not in shown or file.path.is_symlink():
            continue
        try:
            raw = file.path.read_bytes()
        except OSError:
            continue  # validate reports it; there is nothing to repair
        content, changes = repaired(raw, file.display, tables if file.kind == PARKS else None)
        if not changes:
            continue
        if not check:
            try:
                if file.path.read_bytes() != raw:  # edited meanwhile: keep the person's version
                    continue
                write_replacing(file.path, content)
            except OSError as exc:
                result.problems.append(problem("fix.not-written", Location(file.display), reason=exc.strerror or exc))
                continue
            result.written.append(file.path)
        result.changes.extend(changes)
    return result
