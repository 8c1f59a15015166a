"""The source archive: texts found in a folder or fetched from an archive URL, and every quote checked."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from parkwatch.validation.pipeline import validate
from parkwatch.validation.sources import Squeezed, nearest

from .test_download import server  # noqa: F401 - the local web server fixture

SOURCE = Path("annotations/sources/test-source.yaml")
TEXT = Path("texts/test-source.txt")


def _codes(report) -> list[tuple[str, str]]:
    return [(p.code, p.severity.value) for p in report.problems]


def test_texts_folder_in_the_project_is_found_without_a_flag(project: Path) -> None:
    park = project / "annotations/parks/demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("quote: 园区占地634亩", "quote: 园区占地634亩。"),
                    encoding="utf-8")
    assert _codes(validate(project)) == [("evidence.quote-not-found", "error")]


def test_without_texts_one_note_counts_every_unchecked_quote(project: Path) -> None:
    shutil.rmtree(project / "texts")
    report = validate(project)
    assert _codes(report) == [("evidence.quotes-unchecked", "warning")]
    assert report.valid and dict(report.problems[0].params) == {"count": "10", "total": "10"}
    strict = validate(project, require_sources=True)
    assert _codes(strict) == [("evidence.quotes-unchecked", "error")] and not strict.valid


def test_the_note_is_the_same_from_the_cache(project: Path) -> None:
    shutil.rmtree(project / "texts")
    first = validate(project, cached=True)
    second = validate(project, cached=True)  # from the per-file summaries this time
    assert [p.as_dict() for p in first.problems] == [p.as_dict() for p in second.problems]
    assert second.index is None and len(second.problems) == 1


def test_the_note_stays_when_one_file_is_named(project: Path) -> None:
    shutil.rmtree(project / "texts")
    report = validate(project, paths=[project / "annotations/parks/demo-park.yaml"])
    assert _codes(report) == [("evidence.quotes-unchecked", "warning")]


def test_environment_names_the_archive_folder(project: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "archive"
    shutil.move(project / "texts", elsewhere)
    monkeypatch.setenv("PARKWATCH_SOURCES", str(elsewhere))
    assert _codes(validate(project)) == []
    (elsewhere / "test-source.txt").unlink()
    assert _codes(validate(project)) == [("evidence.quotes-unchecked", "warning"), ("source.text-missing", "error")]


@pytest.fixture
def served(server: tuple[str, Path]) -> tuple[str, Path]:  # noqa: F811 - the fixture imported above
    """test_download's local web server: (base URL, folder it serves)."""
    url, folder = server
    return url.rsplit("/", 1)[0], folder


def _archive_url(project: Path, url: str) -> None:
    path = project / SOURCE
    path.write_text(path.read_text(encoding="utf-8").replace("file: test-source.txt\n", f"archive_url: {url}\n"),
                    encoding="utf-8")


def test_archive_url_is_fetched_once_and_checked(project: Path, served, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    base, web = served
    monkeypatch.setenv("PARKWATCH_CACHE_DIR", str(tmp_path / "cache"))
    shutil.move(project / TEXT, web / "text.txt")
    _archive_url(project, f"{base}/text.txt")
    assert _codes(validate(project)) == []
    (web / "text.txt").unlink()  # the cached copy serves from now on
    assert _codes(validate(project)) == []
    assert list((tmp_path / "cache" / "sources").iterdir())


def test_archive_url_with_other_bytes_is_refused(project: Path, served, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    base, web = served
    monkeypatch.setenv("PARKWATCH_CACHE_DIR", str(tmp_path / "cache"))
    (web / "text.txt").write_bytes((project / TEXT).read_bytes() + b"tampered")
    shutil.rmtree(project / "texts")
    _archive_url(project, f"{base}/text.txt")
    assert _codes(validate(project)) == [("evidence.quotes-unchecked", "warning"), ("source.archive-hash", "error")]
    assert not any(p.suffix == ".txt" for p in (tmp_path / "cache").rglob("*"))  # nothing unverified is kept


def test_unreachable_archive_url_leaves_quotes_unchecked(project: Path, served, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    base, _ = served
    monkeypatch.setenv("PARKWATCH_CACHE_DIR", str(tmp_path / "cache"))
    shutil.rmtree(project / "texts")
    _archive_url(project, f"{base}/missing.txt")
    report = validate(project)
    assert _codes(report) == [("evidence.quotes-unchecked", "warning"), ("source.fetch-failed", "warning")]
    assert report.problems[1].location.line == 7


def test_nearest_passage_names_the_first_difference() -> None:
    source = Squeezed.of("开头。\n重点实现电子信息、智能制造领域的\n技术研发及产业化。")
    near = nearest("重点实现电子信息，智能制造领域", source)
    assert near == {"line": 2, "passage": "重点实现电子信息、智能制造领域", "at": 9, "quote_has": "，智能制",
                    "source_has": "、智能制"}
    end = nearest("重点实现电子消息、智能制造领域的技术研发", source)  # the end agrees
    assert (end["line"], end["at"], end["quote_has"], end["source_has"]) == (2, 7, "现电子消", "现电子信")
    assert nearest("完全无关的句子", source) is None


def test_quote_not_found_hint_shows_the_passage(project: Path) -> None:
    park = project / "annotations/parks/demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("quote: 位于长沙市岳麓区", "quote: 位于长沙市，岳麓区"),
                    encoding="utf-8")
    [found] = validate(project).problems
    assert found.code == "evidence.quote-not-found"
    assert "line 2" in found.hint and "«位于长沙市岳麓区" in found.hint and "'，岳麓区'" in found.hint
    assert len(found.hint) < 200


def test_sha256_of_the_text_is_the_registered_one(project: Path) -> None:
    raw = (project / TEXT).read_bytes()
    assert hashlib.sha256(raw).hexdigest() in (project / SOURCE).read_text(encoding="utf-8")


def test_quotes_of_unknown_sources_are_not_counted_and_the_cache_agrees(project: Path) -> None:
    shutil.rmtree(project / "texts")
    park = project / "annotations/parks/demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("{source: test-source, quote: 简称示范园}",
                                                             "{source: no-such-source, quote: 简称示范园}"),
                    encoding="utf-8")
    full = validate(project)
    validate(project, cached=True)
    cached = validate(project, cached=True)
    notes = [dict(p.params) for r in (full, cached) for p in r.problems if p.code == "evidence.quotes-unchecked"]
    assert notes == [{"count": "9", "total": "9"}] * 2


def test_a_text_no_source_names_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What nothing reads: a text in the archive folder that no source registers is a warning."""
    from .conftest import make_project

    project = make_project(tmp_path / "p")
    (project / "texts" / "other-article.txt").write_text("另一篇文章。\n", encoding="utf-8")
    (project / "texts" / "README.md").write_text("About these texts.\n", encoding="utf-8")  # notes are no text
    monkeypatch.chdir(project)
    report = validate(Path("."), sources=Path("texts"))
    assert report.valid
    assert [(p.code, p.location.file, p.severity.value) for p in report.problems] == [
        ("source.text-unregistered", "texts/other-article.txt", "warning")]


@pytest.mark.parametrize("text", ["0x1F", "017", "0b101", "1_000", "1:30", "+0x1F"])
def test_yaml_11_number_forms_are_refused_with_their_value(text: str) -> None:
    from parkwatch.validation.parse import load_text

    data, problems = load_text(f"value: {text}\n", "x.yaml")
    assert data is None and [p.code for p in problems] == ["yaml.number-form"]
    assert (problems[0].location.line, problems[0].location.column) == (1, 8)


@pytest.mark.parametrize(("text", "value"), [("31", 31), ("-7", -7), ("0", 0), ("'0x1F'", "0x1F")])
def test_plain_numbers_and_quoted_text_are_read_as_written(text: str, value) -> None:
    from parkwatch.validation.parse import load_text

    assert load_text(f"value: {text}\n", "x.yaml") == ({"value": value}, [])
