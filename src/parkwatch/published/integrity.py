"""Integrity: every file of a package or release, its size and sha256, checked the same way everywhere.

`verify`, `read_package`, `download` and `diff` all read a package through `open_tree`: a folder or
a zip archive, entry by entry, refusing symbolic links, duplicate names, absolute or '..' paths,
oversize entries, and files that neither the descriptor nor the release's SHA256SUMS lists.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from ..base.layout import DESCRIPTOR, FILES_KEY, OUTPUT, SUMS
from ..base.problems import Location, Problem, problem

MAX_ENTRY_BYTES = 512 * 1024**2  # one file of a release is a few megabytes; refuse zip bombs
MAX_TOTAL_BYTES = 2 * 1024**3
_CHUNK = 1 << 20


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def safe_name(name: str) -> bool:
    """A relative path inside a package or archive: not absolute, no '..', no backslash, no drive."""
    path = PurePosixPath(name)
    return (bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name
            and ":" not in path.parts[0] and "\x00" not in name)


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` by relative POSIX path, sorted; empty when there is no folder."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Refusal(Exception):
    """Something was refused; `problems` says why, with catalogue codes."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.location}: [{p.code}] {p.message}" + (f" ({p.hint})" if p.hint else "")
                                   for p in problems))


class PackageError(Refusal):
    """The package cannot be read or is not what it says."""


class VerificationError(PackageError):
    """A file's size or sha256 is not the one the descriptor (or a checksum list) states."""


def printable(value: object) -> str:
    """Text from a package or archive, control characters escaped: never a terminal escape or a fake line."""
    text = str(value)
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def fault(code: str, where: str, **params: object) -> Problem:
    """A problem found in a package; names and reasons in it come from the package, so are escaped."""
    return problem(code, Location(printable(where)), **{k: printable(v) for k, v in params.items()})


@dataclass
class Tree:
    """The files of one package (folder or archive): name → size and a way to open it."""

    label: str
    sizes: dict[str, int] = field(default_factory=dict)
    opener: Callable[[str], object] | None = None
    problems: list[Problem] = field(default_factory=list)  # refused before any file is read

    def read(self, name: str) -> bytes:
        with self.opener(name) as handle:  # type: ignore[misc]
            return handle.read(MAX_ENTRY_BYTES + 1)

    def digest(self, name: str) -> str:
        """A file's sha256, read in chunks: bounded memory whatever its size."""
        digest = hashlib.sha256()
        with self.opener(name) as handle:  # type: ignore[misc]
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()


def _folder_tree(folder: Path) -> Tree:
    tree = Tree(str(folder), opener=lambda name: open(folder / name, "rb"))
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                tree.problems.append(fault("verify.symlink", rel, path=rel))
            elif stat.S_ISREG(info.st_mode):
                tree.sizes[rel] = info.st_size
            elif not stat.S_ISDIR(info.st_mode):
                tree.problems.append(fault("verify.bad-path", rel, path=rel))
        dirs[:] = [d for d in dirs if not (Path(root) / d).is_symlink()]
    return tree


def _zip_root(names: Iterable[str]) -> str | None:
    """Where datapackage.json sits in an archive: '' at its root, or its one top folder."""
    names = list(names)
    if DESCRIPTOR in names:
        return ""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and f"{next(iter(tops))}/{DESCRIPTOR}" in names:
        return next(iter(tops)) + "/"
    return None


def _zip_tree(path: Path) -> Tree:
    tree = Tree(str(path))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        tree.problems.append(fault("verify.not-zip", str(path), path=path.name, reason=exc))
        return tree
    infos = archive.infolist()
    counts = Counter(i.filename for i in infos)
    total = 0
    for info in infos:
        name = info.filename
        if not safe_name(name.rstrip("/")):
            tree.problems.append(fault("verify.bad-path", name, path=repr(name)))
        elif counts[name] > 1:
            tree.problems.append(fault("verify.duplicate", name, path=name, count=counts[name]))
            counts[name] = 0  # once per name
        elif stat.S_ISLNK(info.external_attr >> 16):
            tree.problems.append(fault("verify.symlink", name, path=name))
        elif info.file_size > MAX_ENTRY_BYTES or total + info.file_size > MAX_TOTAL_BYTES:
            tree.problems.append(fault("verify.oversize", name, path=name, size=info.file_size,
                                       limit=MAX_ENTRY_BYTES))
        total += info.file_size
    files = [i for i in infos if not i.is_dir()]
    root = _zip_root(i.filename for i in files)
    if root is None:
        tree.problems.append(fault("verify.no-descriptor", str(path), path=path.name))
        return tree
    by_name = {i.filename[len(root):]: i for i in files}
    for info in files:  # anything outside the one top folder is listed nowhere
        if not info.filename.startswith(root):
            tree.problems.append(fault("verify.stray-file", info.filename, path=info.filename))
    tree.sizes = {name: info.file_size for name, info in by_name.items() if name}
    tree.opener = lambda name: archive.open(by_name[name])
    return tree


def open_tree(path: Path) -> Tree:
    """A package folder (or a project holding datapackage/), or a release archive."""
    if path.is_dir():
        if not (path / DESCRIPTOR).exists() and (path / OUTPUT / DESCRIPTOR).is_file():
            path = path / OUTPUT
        tree = _folder_tree(path)
        if DESCRIPTOR not in tree.sizes:
            tree.problems.append(fault("verify.no-descriptor", str(path), path=path))
        return tree
    if not path.exists():
        return Tree(str(path), problems=[fault("verify.no-descriptor", str(path), path=path)])
    return _zip_tree(path)


def parse_sums(text: str) -> dict[str, str]:
    """A `sha256sum` listing: `<hex>  <name>` (or `<hex> *<name>`) per line → {name: hex}."""
    out = {}
    for line in text.splitlines():
        digest, _, name = line.strip().partition(" ")
        name = name.lstrip(" *")
        if len(digest) == 64 and all(c in "0123456789abcdefABCDEF" for c in digest) and name:
            out[name] = digest.lower()
    return out


def listed(meta: dict) -> dict[str, tuple[int | None, str | None]]:
    """Every file the descriptor vouches for → (bytes, sha256 hex): its resources and its file list."""
    out: dict[str, tuple[int | None, str | None]] = {}
    entries = meta.get(FILES_KEY)
    for name, spec in (entries.items() if isinstance(entries, dict) else ()):
        spec = spec if isinstance(spec, dict) else {}
        out[str(name)] = (spec.get("bytes"), _hex(spec.get("hash")))
    for resource in meta.get("resources") or ():
        if not isinstance(resource, dict):
            continue
        for key in ("path", "schema"):
            name = resource.get(key)
            if isinstance(name, str) and name not in out:
                out[name] = (resource.get("bytes"), _hex(resource.get("hash"))) if key == "path" else (None, None)
    return out


def _hex(value: object) -> str | None:
    algorithm, _, digest = str(value or "").partition(":")
    return digest.lower() if algorithm == "sha256" and digest else None


def descriptor_of(tree: Tree) -> tuple[dict | None, list[Problem]]:
    """The tree's datapackage.json, parsed, or the problem that stops it."""
    try:
        meta = json.loads(tree.read(DESCRIPTOR).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, zipfile.BadZipFile) as exc:
        return None, [fault("verify.descriptor", DESCRIPTOR, reason=exc)]
    if not isinstance(meta, dict) or not isinstance(meta.get("resources"), list) \
            or not all(isinstance(r, dict) for r in meta["resources"]):
        return None, [fault("verify.descriptor", DESCRIPTOR, reason="no list of resources")]
    if not isinstance(meta.get(FILES_KEY, {}), dict):
        return None, [fault("verify.descriptor", DESCRIPTOR, reason=f"{FILES_KEY} is not an object")]
    return meta, []


def check_tree(tree: Tree, only: Callable[[dict], set[str]] | None = None) -> tuple[dict | None, list[Problem]]:
    """The descriptor and every problem with the tree's files: each listed, present, its size and sha256.

    With `only`, the sizes and hashes of just the files it picks from the descriptor are checked.
    """
    if tree.problems:
        return None, list(tree.problems)
    meta, problems = descriptor_of(tree)
    if meta is None:
        return None, problems
    expected = {name: (size, digest, DESCRIPTOR) for name, (size, digest) in listed(meta).items()}
    if SUMS in tree.sizes:  # an unpacked release: the project files it carries, listed by its SHA256SUMS
        try:
            sums = parse_sums(tree.read(SUMS).decode("utf-8", errors="replace"))
        except (OSError, zipfile.BadZipFile) as exc:
            return meta, [fault("verify.unreadable", SUMS, path=SUMS, reason=exc)]
        for name, digest in sums.items():
            head, _, rest = name.partition("/")
            if name not in tree.sizes and rest in tree.sizes:  # listed from the archive's root, top folder too
                name = rest
            expected.setdefault(name, (None, digest, SUMS))
    picked = only(meta) if only is not None else set(expected)
    for name, (size, digest, source) in sorted(expected.items()):
        if name not in picked:
            continue
        if not safe_name(name):
            problems.append(fault("verify.bad-path", DESCRIPTOR, path=repr(name)))
        elif name not in tree.sizes:
            problems.append(fault("verify.missing-file", name, path=name, listed_in=source))
        elif digest is None:
            problems.append(fault("verify.no-hash", name, path=name))
        else:
            if size is not None and size != tree.sizes[name]:
                problems.append(fault("verify.bytes", name, path=name, actual=tree.sizes[name], expected=size,
                                      listed_in=source))
            try:
                actual = tree.digest(name)
            except (OSError, zipfile.BadZipFile, EOFError) as exc:
                problems.append(fault("verify.unreadable", name, path=name, reason=exc))
                continue
            if actual != digest:
                problems.append(fault("verify.hash", name, path=name, actual=actual, expected=digest,
                                      listed_in=source))
    problems += [fault("verify.stray-file", name, path=name) for name in sorted(tree.sizes)
                 if name not in expected and name not in (DESCRIPTOR, SUMS)]
    return meta, problems


def verified(path: Path, only: Callable[[dict], set[str]] | None = None) -> tuple[Tree, dict]:
    """The package at `path` with its descriptor, once every file (or those `only` picks) checks out."""
    try:
        tree = open_tree(path)
        meta, problems = check_tree(tree, only)
    except OSError as exc:
        raise PackageError([fault("verify.unreadable", str(path), path=path, reason=exc)]) from None
    if problems or meta is None:
        raise VerificationError(problems)
    return tree, meta


def bundled_package() -> Path:
    """The package shipped in the wheel, or the repository's datapackage/ in a source checkout."""
    packaged = resources.files("parkwatch") / OUTPUT
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / OUTPUT


def descriptor(package: Path) -> dict:
    """The package's datapackage.json, parsed (unchecked: for its version and metadata)."""
    tree = Tree(str(package), {DESCRIPTOR: 0}, opener=lambda name: open(package / name, "rb"))
    try:
        meta, problems = descriptor_of(tree)
    except OSError as exc:
        raise PackageError([fault("verify.descriptor", str(package), reason=exc)]) from None
    if meta is None:
        raise PackageError(problems)
    return meta
