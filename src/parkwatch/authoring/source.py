"""Registering a source: its text into the source archive, and a registry entry with what is known."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..base import dates
from ..base.escapes import UNSAFE_IN_VALUE
from ..base.layout import ANNOTATIONS, SOURCE_TEXTS, SOURCES, SUFFIX
from ..validation.texts import archive_folder
from .new import NewFileError, valid_id

TYPES = ("newspaper_page", "news_article", "government_document", "web_page", "other")
_URL = re.compile(r"https?://\S+")
_SHA = re.compile(r"^sha256:\s*[\"']?([0-9a-f]{64})[\"']?\s*(?:#.*)?$", re.MULTILINE)


@dataclass(frozen=True)
class Registered:
    """What `new source` wrote: the registry entry, the archived text, and the text's sha256."""

    entry: Path
    text: Path
    sha256: str


def _scalar(value: str) -> str:
    """A YAML scalar for any text: JSON's double-quoted string is one."""
    return json.dumps(value, ensure_ascii=False)


def _entry(source_id: str, digest: str, file: str, *, url: str | None, publisher: str | None, date: str | None,
           kind: str | None) -> str:
    """The registry entry: what was given, and each required field that was not as a comment to fill in."""
    lines = [f"# Source record: annotations/sources/{source_id}.yaml (schemas/source.schema.json).",
             "# Fill in what the source states, and leave out what it does not: nothing is guessed.",
             f"id: {source_id}",
             f"type: {kind}" if kind else f"# type: {' | '.join(TYPES)}   (required)"]
    if publisher:
        lines += ["publisher:", f"  zh: {_scalar(publisher)}",
                  "  # en: the publisher's English name (ours unless official)   (required)"]
    else:
        lines += ["# publisher: {zh: as printed, en: in English}   (required)"]
    lines.append(f"published: {_scalar(date)}" if date else '# published: "YYYY", "YYYY-MM" or "YYYY-MM-DD", '
                                                              "as precise as known   (required)")
    if url:
        lines.append(f"url: {_scalar(url)}")
    lines += [f"file: {_scalar(file)}", f"sha256: {digest}",
              "# titles:   (required) the articles in the source, as printed", "#   - zh: 标题原文"]
    return "\n".join(lines) + "\n"


def _check_inputs(source_id: str, text: Path, url: str | None, publisher: str | None, date: str | None,
                  kind: str | None) -> bytes:
    """The text's bytes, once every input is known to be usable; NewFileError otherwise."""
    if not valid_id(source_id):
        raise NewFileError(f"'{source_id}' is not a valid id: lowercase ASCII words joined by '-', "
                           "e.g. kjrb-2021-12-industrial-parks")
    if url is not None and not _URL.fullmatch(url):
        raise NewFileError(f"--url {url!r} is not an http(s) address")
    if date is not None and (not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date) or dates.parse(date) is None):
        raise NewFileError(f"--date {date!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    if publisher is not None and (not publisher.strip() or publisher != publisher.strip()
                                  or UNSAFE_IN_VALUE.search(publisher)):
        raise NewFileError(f"--publisher {publisher!r} is empty, padded with spaces or holds a control character")
    if kind is not None and kind not in TYPES:
        raise NewFileError(f"--type {kind!r} is not one of {', '.join(TYPES)}")
    try:
        raw = text.read_bytes()
    except OSError as exc:
        raise NewFileError(f"cannot read {text}: {exc.strerror}") from None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NewFileError(f"{text} is not UTF-8 (byte {exc.start}); convert it first, "
                           "e.g. iconv -f GB18030 -t UTF-8") from None
    if not raw.strip():
        raise NewFileError(f"{text} is empty")
    return raw


def _registered(registry: Path, digest: str) -> Path | None:
    """The registry entry that already holds this sha256, if one does."""
    for entry in sorted(registry.glob(f"*{SUFFIX}")):
        try:
            if digest in _SHA.findall(entry.read_text(encoding="utf-8", errors="replace")):
                return entry
        except OSError:
            continue
    return None


def _link_new(data: bytes, target: Path) -> None:
    """Write `target` whole or not at all, and only if it does not exist (FileExistsError otherwise)."""
    fd, temporary = tempfile.mkstemp(prefix=".new-source-", dir=target.parent)
    try:
        os.fchmod(fd, 0o644)  # as any file in the repository, not mkstemp's private 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, target)  # atomic, and refuses an existing name: never half a file, never replaced
    finally:
        os.unlink(temporary)


def _archive(raw: bytes, target: Path) -> bool:
    """Put the text at `target`; True if this call wrote it (False: the same text was there already)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(3):  # a run at the same time may take back the text it wrote: then try again
        try:
            _link_new(raw, target)
        except FileExistsError:
            try:
                there = target.read_bytes()
            except FileNotFoundError:
                continue
            if there != raw:
                raise NewFileError(f"{target} exists with other content; nothing written") from None
            return False
        return True
    raise NewFileError(f"{target} keeps changing while it is written; nothing written")


def _uses(entry: Path, digest: str, name: str) -> bool:
    """Whether a registry entry (written by a run at the same time) names this text: then it must stay."""
    try:
        text = entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return digest in text and name in text


def new_source(project: Path, source_id: str, text: Path, *, url: str | None = None, publisher: str | None = None,
               date: str | None = None, kind: str | None = None, archive: Path | None = None) -> Registered:
    """Archive a source text and write annotations/sources/ID.yaml; refuses a bad input, an id or text already
    registered, and leaves nothing behind when it refuses."""
    raw = _check_inputs(source_id, text, url, publisher, date, kind)
    digest = hashlib.sha256(raw).hexdigest()
    registry = project / ANNOTATIONS / SOURCES
    entry = registry / f"{source_id}{SUFFIX}"
    if entry.exists():
        raise NewFileError(f"{entry} already exists; nothing written")
    known = _registered(registry, digest) if registry.is_dir() else None
    if known is not None:
        raise NewFileError(f"this text is already registered, as {known} (sha256 {digest}); nothing written")
    folder = archive_folder(project, archive) or project / SOURCE_TEXTS
    stored = folder / f"{source_id}.txt"
    wrote_text = _archive(raw, stored)
    registry.mkdir(parents=True, exist_ok=True)
    body = _entry(source_id, digest, stored.name, url=url, publisher=publisher, date=date, kind=kind)
    try:  # of two runs at once, one registers the id and the other is told it exists
        _link_new(body.encode("utf-8"), entry)
    except FileExistsError:
        if wrote_text and not _uses(entry, digest, stored.name):  # the winner may rely on the text written here
            stored.unlink()
        raise NewFileError(f"{entry} already exists; nothing written") from None
    except OSError:
        if wrote_text:
            stored.unlink()
        raise
    return Registered(entry, stored, digest)
