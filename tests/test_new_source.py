"""`parkwatch new source`: a text into the archive and a registry entry with what is known, or nothing at all."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from parkwatch import new_source
from parkwatch.authoring import source as authoring
from parkwatch.authoring.new import NewFileError
from parkwatch.validation.parse import load_text

from .conftest import make_project
from .test_cli import run

TEXT = "12月20日，示范产业园开园。\n".encode("utf-8")


@pytest.fixture
def text(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_bytes(TEXT)
    return path


def _state(project: Path) -> list[tuple[str, bytes]]:
    return sorted((p.relative_to(project).as_posix(), p.read_bytes()) for p in project.rglob("*") if p.is_file())


def test_registers_what_is_given_and_nothing_else(project: Path, text: Path) -> None:
    done = new_source("xinhua-2022-01", text, project=project, url="https://example.org/a", publisher="新华社",
                      date="2022-01")
    assert done.text == project / "texts" / "xinhua-2022-01.txt" and done.text.read_bytes() == TEXT
    assert done.sha256 == hashlib.sha256(TEXT).hexdigest()
    data, problems = load_text(done.entry.read_text(encoding="utf-8"), "x.yaml")
    assert problems == []
    assert data == {"id": "xinhua-2022-01", "publisher": {"zh": "新华社"}, "published": "2022-01",
                    "url": "https://example.org/a", "file": "xinhua-2022-01.txt", "sha256": done.sha256}


def test_without_options_only_the_text_is_recorded(project: Path, text: Path) -> None:
    done = new_source("plain-page", text, project=project)
    data, _ = load_text(done.entry.read_text(encoding="utf-8"), "x.yaml")
    assert set(data) == {"id", "file", "sha256"}  # no publisher, date or type is guessed


def test_refuses_a_duplicate_id_or_text(project: Path, text: Path, tmp_path: Path) -> None:
    before = _state(project)
    with pytest.raises(NewFileError, match="already exists"):
        new_source("test-source", text, project=project)
    original = project / "texts" / "test-source.txt"
    with pytest.raises(NewFileError, match="already registered"):
        new_source("another-id", original, project=project)
    assert _state(project) == before


@pytest.mark.parametrize("options, match", [
    ({"url": "ftp://example.org"}, "--url"), ({"date": "2021-13"}, "--date"), ({"date": "Dec 2021"}, "--date"),
    ({"publisher": "新华\x1b社"}, "--publisher"), ({"publisher": " 新华社"}, "--publisher"),
    ({"kind": "blog"}, "--type")])
def test_refuses_bad_options_and_writes_nothing(project: Path, text: Path, options: dict, match: str) -> None:
    before = _state(project)
    with pytest.raises(NewFileError, match=match):
        new_source("new-page", text, project=project, **options)
    assert _state(project) == before


@pytest.mark.parametrize("raw, match", [("测试".encode("gb18030"), "not UTF-8"), (b" \n", "empty")])
def test_refuses_texts_it_cannot_check_quotes_against(project: Path, tmp_path: Path, raw: bytes, match: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(NewFileError, match=match):
        new_source("new-page", path, project=project)


def test_a_failed_registry_write_takes_its_text_back(project: Path, text: Path, monkeypatch) -> None:
    real = authoring._link_new

    def failing(data: bytes, target: Path) -> None:
        if target.suffix == ".yaml":
            raise OSError(28, "No space left on device")
        real(data, target)

    monkeypatch.setattr(authoring, "_link_new", failing)
    before = _state(project)
    with pytest.raises(OSError):
        new_source("new-page", text, project=project)
    assert _state(project) == before


def _registered_at_once(project: Path, text: Path, runs: int) -> list[object]:
    """What each of `runs` registrations of the same id and text, started together, ended with."""
    results: list[object] = []

    def attempt() -> None:
        try:
            results.append(new_source("same-page", text, project=project))
        except NewFileError as exc:
            results.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_at_once_register_one(project: Path, text: Path) -> None:
    results = _registered_at_once(project, text, 4)
    assert sum(not isinstance(r, NewFileError) for r in results) == 1
    assert not [p for p in project.rglob(".new-source-*")]
    assert (project / "texts" / "same-page.txt").read_bytes() == text.read_bytes(), "the winner's text is kept"


def test_many_at_once_keep_the_registered_text(tmp_path: Path, text: Path) -> None:
    """Whichever run registers the id, its text is there afterwards, and no run fails but by refusing."""
    for attempt in range(8):
        project = make_project(tmp_path / f"project-{attempt}")
        results = _registered_at_once(project, text, 6)
        assert len(results) == 6, "every run ended with a result or a refusal"
        assert sum(not isinstance(r, NewFileError) for r in results) == 1
        assert (project / "texts" / "same-page.txt").read_bytes() == text.read_bytes()


def test_cli_registers_and_refuses(project: Path, text: Path) -> None:
    ok = run("new", "source", "cli-page", str(text), "--publisher", "测试日报", "--date", "2021-12", cwd=project)
    assert ok.returncode == 0 and "cli-page.yaml" in ok.stdout
    again = run("new", "source", "cli-page", str(text), cwd=project)
    assert again.returncode == 2 and "already exists" in again.stderr and "Traceback" not in again.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_cli_read_only_registry_is_a_clean_failure(project: Path, text: Path) -> None:
    registry = project / "annotations" / "sources"
    registry.chmod(0o555)
    try:
        result = run("new", "source", "ro-page", str(text), cwd=project)
    finally:
        registry.chmod(0o755)
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert not (project / "texts" / "ro-page.txt").exists()
