"""The problem catalogue: complete, bilingual, documented, and every code shown on a real case."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from parkwatch.base.catalogue import BY_CODE, ENTRIES
from parkwatch.base.explain import problems_markdown
from parkwatch.validation import parse as loader
from parkwatch.validation.pipeline import validate

from .test_cases import INVALID, make_project, overlay

REPO = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def test_docs_problems_md_is_generated_from_the_catalogue() -> None:
    """Regenerate with: parkwatch explain --all --markdown > docs/problems.md"""
    assert (REPO / "docs" / "problems.md").read_text(encoding="utf-8") == problems_markdown()


def test_codes_are_unique_and_well_formed() -> None:
    assert len(BY_CODE) == len(ENTRIES)
    for entry in ENTRIES:
        assert re.fullmatch(r"[a-z]+\.[a-z0-9-]+", entry.code)
        assert entry.severity in ("error", "warning")


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.code for e in ENTRIES])
def test_every_entry_speaks_both_languages(entry) -> None:
    for text in filter(None, (entry.title, entry.message, entry.hint, entry.explain, *entry.hints.values())):
        assert text.en and text.zh, entry.code
        assert HAN.search(text.zh) or text.zh == text.en and PLACEHOLDER.fullmatch(text.zh), entry.code


def test_every_code_in_the_source_is_in_the_catalogue() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "src" / "parkwatch").rglob("*.py"))
    used = set(re.findall(r'problem\(\s*"([a-z]+\.[a-z0-9-]+)"', source))
    used |= set(re.findall(r'"(ref\.unknown-[a-z]+)"', source))
    used |= set(re.findall(r'fault\(\s*"([a-z]+\.[a-z0-9-]+)"', source))
    assert used and used <= set(BY_CODE)


# Codes shown by a unit test here rather than by a golden case folder.
UNIT_TESTED = {"file.unreadable", "layout.no-annotations", "source.no-file", "target.no-deadline", "schema.invalid",
               "text.whitespace", "text.formula-like", "evidence.quotes-unchecked", "source.fetch-failed",
               "source.archive-hash", "fix.not-written", "source.text-unregistered"}


def test_every_error_code_has_a_golden_case() -> None:
    shown = {line.split()[1] for case in INVALID
             for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines() if line.strip()}
    validation_codes = {c for c in BY_CODE
                        if not c.startswith(("release.", "verify.", "build.", "diff.", "download.", "browse."))}
    assert validation_codes - shown == UNIT_TESTED


def test_every_golden_problem_renders_fully_in_both_languages(tmp_path: Path, monkeypatch) -> None:
    for case in INVALID:
        project = make_project(tmp_path / case.name)
        overlay(case, project)
        monkeypatch.chdir(project)
        for p in validate(Path("."), sources=Path("texts")).problems:
            for lang in ("en", "zh"):
                rendered = p.message_in(lang) + p.hint_in(lang)
                assert not PLACEHOLDER.search(rendered), (case.name, p.code, lang, rendered)


def test_unreadable_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert [p.code for p in loader.load_file(path, "x.yaml").problems] == ["file.unreadable"]


def test_no_annotations_folder(tmp_path: Path) -> None:
    assert [p.code for p in validate(tmp_path).problems] == ["layout.no-annotations"]


def test_warnings_do_not_fail_validation(project: Path, monkeypatch) -> None:
    source = project / "annotations" / "sources" / "test-source.yaml"
    source.write_text(re.sub(r"file: .*\n", "", source.read_text(encoding="utf-8")), encoding="utf-8")
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("    status: forecast\n", "    status: target\n")
                    .replace('    deadline: "2024"\n', "", 1), encoding="utf-8")
    monkeypatch.chdir(project)
    report = validate(Path("."), sources=Path("texts"))
    assert sorted(p.code for p in report.problems) == ["evidence.quotes-unchecked", "source.no-file", "source.text-unregistered",
                                                         "target.no-deadline"]  # its text is now named by nothing
    assert report.valid


def test_schema_fallback_code_for_other_keywords() -> None:
    import jsonschema

    from parkwatch.validation.schema import _explain

    error = next(jsonschema.Draft202012Validator({"minimum": 3}).iter_errors(1))
    (explained,) = _explain(error)
    assert explained.code == "schema.invalid"


def test_explain_command() -> None:
    result = subprocess.run([sys.executable, "-m", "parkwatch", "explain", "yaml.duplicate-key", "--lang", "en"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("yaml.duplicate-key (error): Duplicate key")
    assert "kind: htz\n    kind: etdz" in result.stdout
    unknown = subprocess.run([sys.executable, "-m", "parkwatch", "explain", "yaml.dup"], capture_output=True,
                             text=True, timeout=60)
    assert unknown.returncode == 2 and "yaml.duplicate-key" in unknown.stderr
