"""Every byte covered: tampered schemas, dictionary and licences, hostile archives, and loaders that fail cleanly.

`verify`, `read_package` and `download` read packages through one integrity module, so each
tampering below is refused by all of them with the same code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import parkwatch
from parkwatch.published import integrity
from parkwatch.published.download import fetch
from parkwatch.published.integrity import PackageError
from parkwatch.published.verify import verify
from parkwatch.releasing.archive import archive_bytes, release_files

from .test_cli import run

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "datapackage"
VERSION = "7.7.7"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    copy = tmp_path / "datapackage"
    shutil.copytree(PACKAGE, copy)
    return copy


@pytest.fixture
def release_folder(tmp_path: Path) -> Path:
    """The repository's release archive, unpacked as a user would: CHANGELOG, licences and CITATION beside it."""
    archive = tmp_path / "release.zip"
    archive.write_bytes(archive_bytes(release_files(REPO), f"parkwatch-data-{VERSION}"))
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path / "unzipped")
    return tmp_path / "unzipped" / f"parkwatch-data-{VERSION}"


def codes(problems) -> list[tuple[str, str]]:
    return [(p.code, p.location.file) for p in problems]


def refused_codes(call) -> list[str]:
    with pytest.raises(PackageError) as caught:
        call()
    return [p.code for p in caught.value.problems]


# A number retyped as a string, a changed dictionary: both pass every resource hash, and are caught now.
TAMPERING = {
    "schemas/targets.json": lambda b: b.replace(b'"type": "number"', b'"type": "string"', 1),
    "README.md": lambda b: b.replace(b"Data dictionary", b"Data dictionery", 1),
    "changes.json": lambda b: b.replace(b'"bump"', b'"bump" ', 1),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_a_tampered_schema_dictionary_or_changes_file_is_refused_everywhere(package: Path, name: str) -> None:
    path = package / name
    if not path.exists():
        pytest.skip(f"{name} is not in this package")
    changed = TAMPERING[name](path.read_bytes())
    assert changed != path.read_bytes()
    path.write_bytes(changed)
    assert ("verify.hash", name) in codes(verify(package))
    assert "verify.hash" in refused_codes(lambda: parkwatch.read_package(package))
    result = run("verify", str(package), "--format", "json", cwd=package.parent)
    assert result.returncode == 1
    assert {"code": "verify.hash", "file": name} in [{"code": p["code"], "file": p["file"]}
                                                    for p in json.loads(result.stdout)["problems"]]


def test_a_release_folder_verifies_and_its_licences_are_covered(release_folder: Path) -> None:
    assert {"CHANGELOG.md", "LICENSE", "LICENSE-DATA", "CITATION.cff", "SHA256SUMS"} <= {
        p.name for p in release_folder.iterdir()}
    assert verify(release_folder) == []
    assert parkwatch.read_table("parks", release_folder).shape[0] > 0
    licence = release_folder / "LICENSE-DATA"
    licence.write_bytes(licence.read_bytes() + b"\nAll rights reserved.\n")
    assert codes(verify(release_folder)) == [("verify.hash", "LICENSE-DATA")]
    assert "verify.hash" in refused_codes(lambda: parkwatch.read_package(release_folder))


def test_a_tampered_descriptor_in_a_release_folder_is_caught_by_its_sums(release_folder: Path) -> None:
    descriptor = release_folder / "datapackage.json"
    descriptor.write_bytes(descriptor.read_bytes().replace(b'"title"', b'"title" ', 1))
    assert codes(verify(release_folder)) == [("verify.hash", "datapackage.json")]


def test_files_listed_nowhere_are_refused(package: Path, release_folder: Path) -> None:
    (package / "data" / "extra.csv").write_bytes(b"a\n1\n")
    assert codes(verify(package)) == [("verify.stray-file", "data/extra.csv")]
    (release_folder / "NOTES.txt").write_text("unlisted\n")
    assert codes(verify(release_folder)) == [("verify.stray-file", "NOTES.txt")]


def test_a_symlink_in_a_package_folder_is_refused(package: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_bytes((package / "data" / "parks.csv").read_bytes())
    (package / "data" / "parks.csv").unlink()
    (package / "data" / "parks.csv").symlink_to(outside)
    assert ("verify.symlink", "data/parks.csv") in codes(verify(package))
    assert "verify.symlink" in refused_codes(lambda: parkwatch.read_package(package))


def _zip(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for info, content in entries:
            archive.writestr(info, content)
    return path


def _package_entries(top: str = "p/") -> list[tuple[zipfile.ZipInfo | str, bytes]]:
    return [(top + p.relative_to(PACKAGE).as_posix(), p.read_bytes()) for p in sorted(PACKAGE.rglob("*"))
            if p.is_file()]


def _symlink(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return info


HOSTILE = {
    "symlink": ([(_symlink("p/data/link.csv", "/etc/passwd"), b"/etc/passwd")], "verify.symlink"),
    "absolute": ([("/tmp/evil.csv", b"x")], "verify.bad-path"),
    "dotdot": ([("p/../../evil.csv", b"x")], "verify.bad-path"),
    "backslash": ([("p\\..\\evil.csv", b"x")], "verify.bad-path"),
    "unlisted": ([("p/data/unlisted.csv", b"x")], "verify.stray-file"),
    "duplicate": ([("p/data/parks.csv", b"a second parks.csv")], "verify.duplicate"),
    "outside-top": ([("other/file.txt", b"x")], "verify.no-descriptor"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_archives_are_refused_alike_by_verify_and_download(case: str, tmp_path: Path) -> None:
    extra, code = HOSTILE[case]
    with pytest.warns(UserWarning) if case == "duplicate" else _nothing():
        archive = _zip(tmp_path / "hostile.zip", _package_entries() + extra)
    assert code in [p.code for p in verify(archive)]
    www = tmp_path / "www" / VERSION
    www.mkdir(parents=True)
    shutil.copy(archive, www / f"parkwatch-data-{VERSION}.zip")
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    (www / "SHA256SUMS").write_text(f"{digest}  parkwatch-data-{VERSION}.zip\n")
    cache = tmp_path / "cache"
    assert code in refused_codes(lambda: fetch(VERSION, base_url=(tmp_path / "www").as_uri() + "/{version}",
                                                 cache_dir=cache))
    assert [p.name for p in cache.iterdir()] == []  # nothing half-unpacked, nothing kept
    assert not (tmp_path / "evil.csv").exists() and not Path("/tmp/evil.csv").exists()


def test_an_oversize_entry_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = _zip(tmp_path / "big.zip", _package_entries() + [("p/data/huge.csv", b"0" * 4096)])
    monkeypatch.setattr(integrity, "MAX_ENTRY_BYTES", 4000)
    assert ("verify.oversize", "p/data/huge.csv") in codes(verify(archive))


def test_not_a_zip_and_an_empty_file_are_located_problems(tmp_path: Path) -> None:
    for content in (b"", b"PK\x03\x04 garbage", os.urandom(300)):
        bad = tmp_path / "bad.zip"
        bad.write_bytes(content)
        assert [p.code for p in verify(bad)] == ["verify.not-zip"]


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


# Malformed packages that a loader must refuse with its own error, never a KeyError or an abort.
LOADER_SCRIPT = r"""
import json, os, shutil, sys, tempfile
from pathlib import Path
import parkwatch
from parkwatch.published.integrity import PackageError

source = Path(sys.argv[1])
def fresh():
    folder = Path(tempfile.mkdtemp()) / "p"
    shutil.copytree(source, folder)
    return folder

def descriptor(folder, change):
    path = folder / "datapackage.json"
    meta = json.loads(path.read_text())
    change(meta)
    path.write_text(json.dumps(meta))

cases = {
    "no resources key": lambda f: descriptor(f, lambda m: m.pop("resources")),
    "resources not a list": lambda f: descriptor(f, lambda m: m.update(resources={"a": 1})),
    "resource not an object": lambda f: descriptor(f, lambda m: m["resources"].append(7)),
    "descriptor a list": lambda f: (f / "datapackage.json").write_text("[]"),
    "descriptor not JSON": lambda f: (f / "datapackage.json").write_bytes(b"\xff\xfe{"),
    "descriptor a folder": lambda f: ((f / "datapackage.json").unlink(), (f / "datapackage.json").mkdir()),
    "parquet truncated": lambda f: (f / "data/parks.parquet").write_bytes((f / "data/parks.parquet").read_bytes()[:100]),
    "path escapes": lambda f: descriptor(f, lambda m: m["parkwatch:files"].update({"../x": {"bytes": 1, "hash": "sha256:00"}})),
    "hash not text": lambda f: descriptor(f, lambda m: m["parkwatch:files"]["README.md"].update(hash=12)),
}
outcomes = []
for name, damage in cases.items():
    folder = fresh()
    damage(folder)
    try:
        parkwatch.read_package(folder)
        outcomes.append(f"{name}: read")
    except PackageError as exc:
        outcomes.append(f"{name}: " + ",".join(sorted({p.code for p in exc.problems})))
print("\n".join(outcomes))
"""


def test_read_package_fails_cleanly_in_fresh_interpreters(tmp_path: Path) -> None:
    script = tmp_path / "load.py"
    script.write_text(LOADER_SCRIPT)
    outputs = set()
    for _ in range(8):  # the abort at exit was intermittent: repeat in fresh interpreters
        done = subprocess.run([sys.executable, str(script), str(PACKAGE)], capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr and "terminate" not in done.stderr
        outputs.add(done.stdout)
    [output] = outputs  # the same outcome every time
    lines = dict(line.split(": ", 1) for line in output.splitlines())
    assert "read" not in lines.values(), lines
    assert lines["descriptor a folder"] == "verify.no-descriptor"
    assert lines["parquet truncated"] == "verify.bytes,verify.hash"
    assert lines["path escapes"] == "verify.bad-path"
    assert lines["resource not an object"] == lines["no resources key"] == "verify.descriptor"
