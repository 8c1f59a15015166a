"""The source archive: where each source's text is, read and checked against its registered sha256.

A source names its text by `file` (in the archive folder) and may name an `archive_url`, which is
fetched once into the cache and kept only if its sha256 is the registered one (as pooch does).
The archive folder is `--sources DIR`, else $PARKWATCH_SOURCES, else texts/ in the project.
The texts are inputs for checking quotes: they are never committed or published.
"""

from __future__ import annotations

import hashlib
import os
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from ..base.layout import SOURCE_TEXTS, SOURCES_ENV, display_path
from ..base.problems import Location, Problem, problem
from . import cache
from .index import Doc, Index


def archive_folder(project: Path, given: Path | None = None) -> Path | None:
    """The folder that holds the source texts, or None when none is at hand."""
    if given is not None:
        return given
    named = os.environ.get(SOURCES_ENV)
    if named:
        return Path(named)
    default = project / SOURCE_TEXTS
    return default if default.is_dir() else None


@dataclass
class Texts:
    """Each reachable source text by source id, and what went wrong for the others."""

    texts: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # source id -> where its text was read, as shown
    problems: list[Problem] = field(default_factory=list)


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _fetch(url: str, digest: str) -> Path:
    """The text at `url`, downloaded once into the cache and checked against `digest` (pooch raises otherwise)."""
    import pooch  # only when a source names an archive URL

    pooch.get_logger().setLevel("WARNING")
    where = cache.folder()
    target = (where / "sources") if where is not None else Path(pooch.os_cache("parkwatch")) / "sources"
    return Path(pooch.retrieve(url, known_hash=f"sha256:{digest}", fname=f"{digest}.txt", path=target,
                               progressbar=False))


def _safe_url(url: str) -> bool:
    """An archive URL fetched wherever validate runs (CI too): https, or http on this machine only."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1"))


def unregistered(index: Index, folder: Path | None) -> list[Problem]:
    """Texts in the archive folder that no source names: nothing checks a quote against them."""
    if folder is None or not folder.is_dir():
        return []
    named = {doc.data.get("file") for doc in index.source_docs()}
    return [problem("source.text-unregistered", Location(display_path(path)), name=path.name)
            for path in sorted(folder.iterdir()) if path.is_file() and not path.name.startswith(".")
            and not path.name.upper().startswith("README") and path.name not in named]


def _read(doc: Doc, folder: Path | None) -> tuple[bytes | None, str, Problem | None]:
    """A source's text bytes and where they came from, or the problem that stopped it (None: unreachable)."""
    data = doc.data
    name, url = data.get("file"), data.get("archive_url")
    if name is None and url is None:
        return None, "", doc.problem("source.no-file")
    insecure = doc.problem("source.insecure-url", ("archive_url",), url=url) \
        if url is not None and not _safe_url(url) else None
    if folder is not None and name is not None and (folder / name).is_file():
        path = folder / name
        return path.read_bytes(), display_path(path), insecure
    if insecure is not None:
        return None, url, insecure
    if url is not None:
        try:
            return _fetch(url, data["sha256"]).read_bytes(), url, None
        except ValueError as exc:  # pooch: the download's hash is not the registered one
            return None, url, doc.problem("source.archive-hash", ("archive_url",), url=url, detail=str(exc)[:200])
        except Exception as exc:  # noqa: BLE001 - any network or disk failure: the quotes stay unchecked
            return None, url, doc.problem("source.fetch-failed", ("archive_url",), url=url,
                                          detail=type(exc).__name__)
    if folder is not None and name is not None:
        return None, "", doc.problem("source.text-missing", ("file",), name=name, folder=display_path(folder))
    return None, "", None


def load_texts(index: Index, folder: Path | None) -> Texts:
    """Every source text that can be reached, with its sha256 checked and its UTF-8 decoded."""
    found = Texts()
    for doc in index.source_docs():
        raw, where, trouble = _read(doc, folder)
        if trouble is not None:
            found.problems.append(trouble)
        if raw is None:
            continue
        digest = sha256(raw)
        if digest != doc.data["sha256"]:
            found.problems.append(doc.problem("source.sha256-mismatch", ("sha256",), name=where, digest=digest))
            continue
        try:
            found.texts[doc.data["id"]] = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            found.problems.append(doc.problem("source.text-not-utf8", ("file",), name=where, offset=exc.start))
            continue
        found.files[doc.data["id"]] = where
    return found
