"""Checks against the source texts themselves (`validate --sources DIR`)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

from ..base.problems import Problem
from .index import Index, evidence


def _squeeze(text: str) -> str:
    return "".join(text.split())


def check_sources(index: Index, directory: Path) -> Iterator[Problem]:
    """Each registered text exists with its sha256, and every quote is found in its source (whitespace ignored)."""
    texts: dict[str, str] = {}
    for doc in index.source_docs():
        name = doc.data.get("file")
        if name is None:
            yield doc.problem("source.no-file")
            continue
        path = directory / name
        if not path.is_file():
            yield doc.problem("source.text-missing", ("file",), name=name, folder=directory)
            continue
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != doc.data["sha256"]:
            yield doc.problem("source.sha256-mismatch", ("sha256",), name=name, digest=digest)
            continue
        texts[doc.data["id"]] = _squeeze(raw.decode("utf-8", errors="replace"))
    for doc in index.evidence_docs():
        for path, item in evidence(doc.data):
            text = texts.get(item["source"])
            if text is not None and _squeeze(item["quote"]) not in text:
                yield doc.problem("evidence.quote-not-found", path + ("quote",))
