"""Released versions: download from a local HTTP server, verify, cache, refuse what does not match."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import Iterator

import pandas as pd
import pytest

import parkwatch
from parkwatch.published.download import DownloadError, archive_name, fetch
from parkwatch.published.read import VerificationError

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "datapackage"
VERSION = "9.8.7"


def make_archive(path: Path, *, top: str = "", replace: dict[str, bytes] | None = None,
                 extra: dict[str, bytes] | None = None) -> Path:
    """A release archive of the repository's package, optionally in a top folder, with files replaced."""
    replace = replace or {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(PACKAGE.rglob("*")):
            if file.is_file():
                name = file.relative_to(PACKAGE).as_posix()
                archive.writestr(top + name, replace.get(name, file.read_bytes()))
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return path


def publish(root: Path, version: str, archive: Path, *, sums: bool = True) -> None:
    """Lay out a release as a web server would serve it: <root>/<version>/{zip, SHA256SUMS}."""
    folder = root / version
    folder.mkdir(parents=True)
    target = folder / archive_name(version)
    target.write_bytes(archive.read_bytes())
    if sums:
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
        (folder / "SHA256SUMS").write_text(f"{digest}  {target.name}\n", encoding="utf-8")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A static HTTP server on the loopback interface, serving a fresh folder."""
    root = tmp_path / "www"
    root.mkdir()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/{{version}}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("PARKWATCH_CACHE_DIR", str(path))
    return path


def test_download_verifies_caches_and_then_works_offline(server, cache: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    url, root = server
    publish(root, VERSION, make_archive(tmp_path / "a.zip", top=f"parkwatch-data-{VERSION}/"))
    monkeypatch.setenv("PARKWATCH_DATA_URL", url)
    tables = parkwatch.read_package(version=VERSION)
    assert (cache / VERSION / "datapackage.json").is_file()
    pd.testing.assert_frame_equal(tables["targets"], parkwatch.read_table("targets", PACKAGE))
    monkeypatch.setenv("PARKWATCH_DATA_URL", "http://127.0.0.1:9/{version}")  # nothing listens there
    assert parkwatch.read_table("parks", version=VERSION).shape == tables["parks"].shape


def test_archive_with_the_package_at_its_root(server, cache: Path, tmp_path: Path) -> None:
    url, root = server
    publish(root, VERSION, make_archive(tmp_path / "a.zip"), sums=False)
    assert fetch(VERSION, base_url=url) == cache / VERSION


def test_a_corrupted_archive_is_refused_and_not_cached(server, cache: Path, tmp_path: Path) -> None:
    url, root = server
    parquet = bytearray((PACKAGE / "data" / "targets.parquet").read_bytes())
    parquet[100] ^= 0xFF
    publish(root, VERSION, make_archive(tmp_path / "a.zip", replace={"data/targets.parquet": bytes(parquet)}))
    with pytest.raises(VerificationError, match=r"targets.parquet: \[verify.hash\]"):
        fetch(VERSION, base_url=url)
    assert not (cache / VERSION).exists()
    assert [p.name for p in cache.iterdir()] == []  # no half-unpacked leftovers either


def test_an_archive_that_differs_from_its_sha256sums_is_refused(server, cache: Path, tmp_path: Path) -> None:
    url, root = server
    publish(root, VERSION, make_archive(tmp_path / "a.zip"))
    (root / VERSION / archive_name(VERSION)).write_bytes(make_archive(tmp_path / "b.zip", top="x/").read_bytes())
    with pytest.raises(VerificationError, match=r"\[verify.archive-hash\]"):
        fetch(VERSION, base_url=url)


def test_the_sha256sums_inside_the_archive_is_checked(server, cache: Path, tmp_path: Path) -> None:
    url, root = server
    top = f"parkwatch-data-{VERSION}/"
    right = hashlib.sha256((PACKAGE / "datapackage.json").read_bytes()).hexdigest()
    sums = f"{right}  {top}datapackage.json\n"
    publish(root, VERSION, make_archive(tmp_path / "a.zip", top=top, extra={top + "SHA256SUMS": sums.encode()}))
    assert fetch(VERSION, base_url=url) == cache / VERSION
    sums = "0" * 64 + "  datapackage.json\n"
    publish(root, "9.9.9", make_archive(tmp_path / "b.zip", extra={"SHA256SUMS": sums.encode()}))
    with pytest.raises(VerificationError, match=r"datapackage.json: \[verify.hash\]"):
        fetch("9.9.9", base_url=url)


def test_unsafe_paths_are_refused(server, cache: Path, tmp_path: Path) -> None:
    url, root = server
    publish(root, VERSION, make_archive(tmp_path / "a.zip", extra={"../escape.txt": b"x"}))
    with pytest.raises(VerificationError, match=r"\[verify.bad-path\]"):
        fetch(VERSION, base_url=url)
    assert not (tmp_path / "escape.txt").exists()


def test_a_damaged_cache_is_fetched_again(server, cache: Path, tmp_path: Path) -> None:
    url, root = server
    publish(root, VERSION, make_archive(tmp_path / "a.zip"))
    folder = fetch(VERSION, base_url=url)
    (folder / "data" / "parks.csv").write_text("tampered", encoding="utf-8")
    assert fetch(VERSION, base_url=url) == folder
    assert (folder / "data" / "parks.csv").read_bytes() == (PACKAGE / "data" / "parks.csv").read_bytes()


def test_missing_release_and_unreachable_server(server, cache: Path) -> None:
    url, _ = server
    with pytest.raises(DownloadError, match=r"\[download.not-found\]"):
        fetch(VERSION, base_url=url)
    with pytest.raises(DownloadError, match=r"\[download.failed\]"):
        fetch(VERSION, base_url="http://127.0.0.1:9/{version}", timeout=5)
    with pytest.raises(ValueError, match="not a version"):
        fetch("../etc", base_url=url)


def cli(*args: str, url: str, cache: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PARKWATCH_DATA_URL": url, "PARKWATCH_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "parkwatch", "download", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_exit_codes(server, tmp_path: Path) -> None:
    url, root = server
    cache = tmp_path / "cache"
    publish(root, VERSION, make_archive(tmp_path / "a.zip"))
    bad = bytearray((PACKAGE / "data" / "parks.csv").read_bytes())
    bad[-2] ^= 0x01
    publish(root, "6.6.6", make_archive(tmp_path / "b.zip", replace={"data/parks.csv": bytes(bad)}))

    ok = cli("--version", VERSION, "--to", "out", url=url, cache=cache, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    copied = tmp_path / "out" / "data" / "parks.parquet"
    assert copied.read_bytes() == (PACKAGE / "data" / "parks.parquet").read_bytes()
    refused = cli("--version", "6.6.6", url=url, cache=cache, cwd=tmp_path)
    assert refused.returncode == 1 and "verify.hash" in refused.stderr and "parks.csv" in refused.stderr
    assert cli("--version", "../x", url=url, cache=cache, cwd=tmp_path).returncode == 2
    assert cli("--version", VERSION, "--to", "out", url=url, cache=cache, cwd=tmp_path).returncode == 2
    bundled = json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))["version"]
    publish(root, bundled, make_archive(tmp_path / "c.zip"))
    default = cli(url=url, cache=cache, cwd=tmp_path)  # no --version: the version this tool ships
    assert default.returncode == 0 and str(cache / bundled) in default.stdout
    missing = cli("--version", "1.2.3", url=url, cache=cache, cwd=tmp_path)
    assert missing.returncode == 3 and "404" in missing.stderr
    assert "Traceback" not in refused.stderr + missing.stderr


def test_no_release_location_is_a_clear_error(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parkwatch.published.download import DownloadError, download

    monkeypatch.delenv("PARKWATCH_DATA_URL", raising=False)
    with pytest.raises(DownloadError, match=r"\[download.no-location\].*PARKWATCH_DATA_URL"):
        download("1.0.0")


def test_the_release_location_in_package_yaml_comes_before_the_environment(
        server, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parkwatch.published import download as module

    url, root = server
    publish(root, VERSION, make_archive(tmp_path / "a.zip"))
    bundled = tmp_path / "bundled"
    shutil.copytree(PACKAGE, bundled)
    meta = json.loads((bundled / "datapackage.json").read_text(encoding="utf-8"))
    meta["parkwatch:release-url"] = url
    (bundled / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    monkeypatch.setattr(module, "bundled_package", lambda: bundled)
    monkeypatch.setenv("PARKWATCH_DATA_URL", "http://127.0.0.1:9/{version}")  # nothing listens there
    assert fetch(VERSION) == cache / VERSION


def test_package_yaml_release_location_reaches_the_descriptor(project: Path) -> None:
    from parkwatch.building.build import build

    meta = project / "package.yaml"
    template = "https://example.org/releases/data-v{version}"
    meta.write_text(meta.read_text(encoding="utf-8") + f"release_url: {template}\n", encoding="utf-8")
    assert build(project).written
    descriptor = json.loads((project / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["parkwatch:release-url"] == template
    assert "parkwatch:release-url" not in json.loads((PACKAGE / "datapackage.json").read_text(encoding="utf-8"))


def test_zenodo_metadata_agrees_with_package_yaml() -> None:
    import yaml

    zenodo = json.loads((REPO / ".zenodo.json").read_text(encoding="utf-8"))
    meta = yaml.safe_load((REPO / "package.yaml").read_text(encoding="utf-8"))
    assert (zenodo["title"], zenodo["description"], zenodo["keywords"]) == (
        meta["title"], meta["description"], meta["keywords"])
    assert zenodo["license"] == meta["licenses"][0]["name"].lower() and zenodo["upload_type"] == "dataset"
