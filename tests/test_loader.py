"""The safe YAML loader: exact numbers, string dates, and refusals, each located."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from parkwatch.validation import parse as loader


def load(text: str):
    return loader.load_text(text, "f.yaml")


def codes(text: str) -> list[tuple[str, int | None]]:
    return [(p.code, p.location.line) for p in load(text)[1]]


def test_dates_stay_strings_and_floats_stay_exact() -> None:
    data, problems = load("a: 2021-12-22\nb: 5.339\nc: 6\nd: '2021'\n")
    assert problems == []
    assert data == {"a": "2021-12-22", "b": Decimal("5.339"), "c": 6, "d": "2021"}
    assert isinstance(data["b"], Decimal)


def test_infinite_floats_are_left_as_text_for_the_schema_to_refuse() -> None:
    data, _ = load("a: .inf\nb: .nan\n")
    assert data == {"a": ".inf", "b": ".nan"}


@pytest.mark.parametrize("text, expected", [
    ("a: 1\nb: 2\na: 3\n", [("yaml.duplicate-key", 3)]),
    ("a:\n  x: 1\n  x: 2\n", [("yaml.duplicate-key", 3)]),
    ("a: &x 1\n", [("yaml.anchor", 1)]),
    ("a: 1\nb: *x\n", [("yaml.alias", 2)]),
    ("a: !!python/object/apply:os.system ['true']\n", [("yaml.tag", 1)]),
    ("a: !custom 1\n", [("yaml.tag", 1)]),
    ("a: 1\n---\na: 2\n", [("yaml.multiple-documents", 2)]),
    ("1: a\n", [("yaml.key-type", 1)]),
    ("a: [1, 2\n", [("yaml.unclosed-bracket", 1)]),
    ("a: " + "[" * 60 + "]" * 60 + "\n", [("yaml.too-deep", 1)]),
])
def test_refusals_are_located(text: str, expected: list) -> None:
    assert codes(text) == expected


def test_alias_bomb_is_refused_before_expansion() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]
    data, problems = load("\n".join(lines) + "\n")
    assert data is None
    assert [p.code for p in problems] == ["yaml.anchor"]


def test_merge_keys_are_refused() -> None:
    assert codes("a: {b: 1}\nc:\n  <<: {b: 2}\n") == [("yaml.key-type", 3)]


def test_tab_indentation_gets_a_hint() -> None:
    _, problems = load("a:\n\tb: 1\n")
    assert problems[0].code == "yaml.tab"
    assert "tab" in problems[0].hint


@pytest.mark.parametrize("raw, code, line", [
    (b"a: 1\nb: \x00\n", "file.binary", 2),
    (b"a: 1\nb: " + "园区".encode("gbk") + b"\n", "file.encoding", 2),
    (b"", "file.empty", 1),
    (b"# only a comment\n", "file.empty", 1),
])
def test_bad_files(tmp_path: Path, raw: bytes, code: str, line: int) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    loaded = loader.load_file(path, "x.yaml")
    assert loaded.data is None
    assert [(p.code, p.location.line) for p in loaded.problems] == [(code, line)]


def test_huge_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: " + b"x" * (loader.MAX_BYTES + 1) + b"\n")
    assert [p.code for p in loader.load_file(path, "x.yaml").problems] == ["file.too-large"]


def test_bom_and_crlf_are_refused_but_the_file_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\nb: \xe5\x9b\xad\r\nc: 2\r\n")
    loaded = loader.load_file(path, "x.yaml")
    assert [(p.code, p.location.line) for p in loaded.problems] == [("file.bom", 1), ("file.crlf", 2)]
    assert loaded.data == {"a": 1, "b": "园", "c": 2}  # later checks still run on the content


def test_locator_finds_values_and_keys() -> None:
    text = "a: 1\nb:\n  - x: 1\n    y: [1, 2]\n"
    locator = loader.Locator(text)
    assert locator.position(("b", 0, "y", 1)) == (4, 12)
    assert locator.position(("b", 0), key="y") == (4, 5)
    assert locator.position(("b", 5, "z")) == (3, 3)  # nearest existing ancestor
