"""The source archive: where each source's text is, read and checked against its registered sha256.

A source names its text by `file` (in the archive folder) and may name an `archive_url`, which is
fetched once into the cache and kept only if its sha256 is the registered one (as pooch does).
The archive folder is `--sources DIR`, else $PARKWATCH_SOURCES, else texts/ in the project.
The texts are inputs for checking quotes: they are never committed or published.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from ..base.layout import SOURCE_TEXTS, SOURCES_ENV, display_path
from ..base.problems import Location, Problem, problem
from . import cache
from .index import Doc, Index

TEXTS = "texts"  # the cache's table of texts checked by an earlier run, one row per archive folder


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
    """Each reachable source text by source id, and what went wrong for the others.

    A text in the archive folder whose signature is the one it had when an earlier run checked its
    sha256 is not read again unless a quote is checked against it (`text`).
    """

    texts: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # source id -> where its text was read, as shown
    problems: list[Problem] = field(default_factory=list)
    unread: dict[str, Path] = field(default_factory=dict)  # source id -> its text, checked by an earlier run
    digests: dict[str, str] = field(default_factory=dict)  # source id -> the sha256 its text was found to have
    verified: dict[str, tuple[cache.Signature, str]] = field(default_factory=dict)  # path -> (signature, sha256)

    def reachable(self) -> set[str]:
        return set(self.texts) | set(self.unread)

    def text(self, source: str) -> str | None:
        """A reachable text, read now if an earlier run checked it (None if it can no longer be read)."""
        if source in self.unread:
            path = self.unread.pop(source)
            try:
                self.texts[source] = path.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                return None
        return self.texts.get(source)


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
    shown = display_path(folder)
    with os.scandir(folder) as listing:  # its entries know their type: no stat per text
        stray = sorted(entry.name for entry in listing if entry.name not in named and entry.is_file()
                       and not entry.name.startswith(".") and not entry.name.upper().startswith("README"))
    return [problem("source.text-unregistered", Location(_shown(folder, shown, name)), name=name) for name in stray]


def _shown(folder: Path, shown: str, name: str) -> str:
    """How a text in the archive folder is shown, `shown` being how the folder is (worked out once)."""
    if "/" in name or "\\" in name or name in (".", ".."):
        return display_path(folder / name)
    return f"{shown}/{name}" if shown != "." else name


@dataclass
class _Got:
    """What reading one source's text gave: its bytes (None: not read), where, what went wrong, and for a
    text in the archive folder its path and signature (taken before reading)."""

    raw: bytes | None
    where: str = ""
    trouble: Problem | None = None
    path: Path | None = None
    signature: cache.Signature | None = None


def _read(doc: Doc, folder: Path | None, shown: str, known: dict[str, tuple[cache.Signature, str]],
          now: int) -> _Got:
    """A source's text bytes and where they came from, or the problem that stopped it (None: unreachable);
    a text `known` to have had its registered sha256 with the signature it still has is not read."""
    data = doc.data
    name, url = data.get("file"), data.get("archive_url")
    if name is None and url is None:
        return _Got(None, "", doc.problem("source.no-file"))
    insecure = doc.problem("source.insecure-url", ("archive_url",), url=url) \
        if url is not None and not _safe_url(url) else None
    if folder is not None and name is not None:
        path = folder / name
        try:
            status = os.stat(path)
        except (OSError, ValueError):
            status = None
        if status is not None and stat.S_ISREG(status.st_mode):
            sign, where = cache.signature(status, now), _shown(folder, shown, name)
            if sign is not None and known.get(str(path)) == (sign, data.get("sha256")):
                return _Got(None, where, insecure, path, sign)
            try:
                return _Got(path.read_bytes(), where, insecure, path, sign)
            except OSError:
                pass
    if insecure is not None:
        return _Got(None, url, insecure)
    if url is not None:
        try:
            return _Got(_fetch(url, data["sha256"]).read_bytes(), url)
        except ValueError as exc:  # pooch: the download's hash is not the registered one
            return _Got(None, url, doc.problem("source.archive-hash", ("archive_url",), url=url, detail=str(exc)[:200]))
        except Exception as exc:  # noqa: BLE001 - any network or disk failure: the quotes stay unchecked
            return _Got(None, url, doc.problem("source.fetch-failed", ("archive_url",), url=url,
                                               detail=type(exc).__name__))
    if folder is not None and name is not None:
        return _Got(None, "", doc.problem("source.text-missing", ("file",), name=name, folder=display_path(folder)))
    return _Got(None)


def load_texts(index: Index, folder: Path | None, known: dict[str, tuple[cache.Signature, str]] | None = None) -> Texts:
    """Every source text that can be reached, with its sha256 checked and its UTF-8 decoded (see Texts for
    the texts `known` from an earlier run)."""
    found = Texts()
    shown = display_path(folder) if folder is not None else ""
    now = time.time_ns()
    for doc in index.source_docs():
        got = _read(doc, folder, shown, known or {}, now)
        if got.trouble is not None:
            found.problems.append(got.trouble)
        source = doc.data["id"]
        if got.raw is None and got.path is not None:  # checked by an earlier run, unchanged since
            found.unread[source], found.files[source], found.digests[source] = got.path, got.where, doc.data["sha256"]
            found.verified[str(got.path)] = (got.signature, doc.data["sha256"])
            continue
        if got.raw is None:
            continue
        digest = sha256(got.raw)
        if digest != doc.data["sha256"]:
            found.problems.append(doc.problem("source.sha256-mismatch", ("sha256",), name=got.where, digest=digest))
            continue
        try:
            found.texts[source] = got.raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            found.problems.append(doc.problem("source.text-not-utf8", ("file",), name=got.where, offset=exc.start))
            continue
        found.files[source], found.digests[source] = got.where, digest
        if got.path is not None and got.signature is not None:
            found.verified[str(got.path)] = (got.signature, digest)
    return found


def _known_key(folder: Path) -> bytes:
    return hashlib.sha256(cache.salt() + b"texts\0" + str(folder.resolve()).encode()).digest()


def known_texts(folder: Path | None) -> dict[str, tuple[cache.Signature, str]]:
    """The texts of an archive folder whose sha256 an earlier run checked: path -> (signature, sha256)."""
    where = cache.folder()
    if folder is None or where is None:
        return {}
    store = cache.Store(where, TEXTS)
    found = store.get([_known_key(folder)]).get(_known_key(folder))
    store.close()
    return found if isinstance(found, dict) else {}


def remember_texts(folder: Path | None, known: dict, verified: dict[str, tuple[cache.Signature, str]]) -> None:
    """Keep what this run checked of the archive folder's texts, when it differs from what was known."""
    where = cache.folder()
    if folder is None or where is None or verified == known:
        return
    store = cache.Store(where, TEXTS)
    store.put({_known_key(folder): verified})
    store.prune(1, lambda: [_known_key(folder)])
    store.close()
