"""Strings and numbers that cannot hurt a consumer, and reports that cannot be forged."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from parkwatch.base.problems import Location, Report, problem
from parkwatch.base.quantities import decimal_text
from parkwatch.cli import render
from parkwatch.validation.checks.values import publishable, shown
from parkwatch.validation.pipeline import validate

PARK = Path("annotations/parks/demo-park.yaml")


def _edit(project: Path, old: str, new: str) -> None:
    path = project / PARK
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _codes(project: Path) -> list[tuple[str, str, str]]:
    report = validate(project, sources=project / "texts")
    return [(p.code, p.severity.value, p.location.pointer) for p in report.problems]


@pytest.mark.parametrize("written", ["'  Demonstration Industrial Park'", "'Demonstration Industrial Park\\t'",
                                     '"Demonstration Industrial Park\\n"'])
def test_surrounding_whitespace_is_a_warning(project: Path, written: str) -> None:
    _edit(project, "en: Demonstration Industrial Park", f"en: {written}".replace("'", '"'))
    assert _codes(project) == [("text.whitespace", "warning", "/name/en")]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_text_that_starts_like_a_formula_is_a_warning(project: Path, start: str) -> None:
    _edit(project, "en: Demonstration Industrial Park", f'en: "{start}SUM(A1:A9)"')
    assert _codes(project) == [("text.formula-like", "warning", "/name/en")]
    report = validate(project, sources=project / "texts")
    assert report.valid and f"'{start}'" in report.problems[0].message


def test_tab_and_line_feed_inside_free_text_are_ordinary(project: Path) -> None:
    _edit(project, "observations:", 'notes: "first line\\n\\tsecond line"\nobservations:')
    assert _codes(project) == []


def test_long_values_are_exact() -> None:
    assert decimal_text(Decimal("12345678901234567890123456789.5")) == "12345678901234567890123456789.5"
    assert decimal_text(Decimal("0.1234567890123456789012345678901")) == "0.1234567890123456789012345678901"
    assert decimal_text(Decimal("6E+8")) == "600000000"


@pytest.mark.parametrize("value, factor, fits", [
    ("999999999999999999999999999999", "1", True), ("1000000000000000000000000000000", "1", False),
    ("99999999999999999999", "100000000", True), ("1E+999999999", "1", False), ("1E-999999999", None, False),
    ("0.000001", "2000/3", True), ("0.0000001", None, False)])
def test_publishable_values(value: str, factor: str | None, fits: bool) -> None:
    assert publishable(Decimal(value), factor) is fits


def test_a_huge_value_is_shown_short() -> None:
    text = shown(Decimal("9" * 4400))
    assert len(text) < 60 and "4400 digits" in text
    assert shown(Decimal("1E+999999999")) == "1E+999999999"


HOSTILE = "\x1b[2J\rannotations/x.yaml:1:1: error [forged] \u202e\x85\x00\x7f"


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_reports_show_control_characters_escaped(fmt: str) -> None:
    report = Report([problem("ref.unknown-term", Location("annotations/parks/a.yaml", 3, 7, "/kind"),
                             value=HOSTILE, vocabulary="kinds")])
    out = render.RENDERERS[fmt](report)
    assert out.count("\n") == (3 if fmt == "text" else 2)  # problem, hint (text), summary
    for char in "\x1b\r\u202e\x85\x00\x7f":
        assert char not in out
    assert "\\x1b[2J" in out


def test_json_report_escapes_every_invisible_character() -> None:
    report = Report([problem("ref.unknown-term", Location("a.yaml", 1, 1), value=HOSTILE, vocabulary="kinds")])
    out = render.as_json(report)
    for char in "\x1b\r\u202e\x85\x00\x7f":
        assert char not in out
    assert HOSTILE in json.loads(out)["problems"][0]["message"]  # escaped, not lost


def test_markdown_summary_escapes_control_characters() -> None:
    report = Report([problem("ref.unknown-term", Location("a.yaml", 1, 1), value=HOSTILE, vocabulary="kinds")])
    out = render.markdown(report)
    assert "\x1b" not in out and "\r" not in out and "\\x1b" in out
