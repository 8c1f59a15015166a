"""The contributor's way in: syntax errors in plain words, the issue form, and the pre-commit hooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from parkwatch.authoring.issue import FIELDS, answers
from parkwatch.validation.parse import load_text
from parkwatch.validation.pipeline import validate

from .test_cli import run

REPO = Path(__file__).resolve().parents[1]
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "park.yml"
LIBYAML_WORDS = re.compile(r"\b(while|scanning|expected|found|mapping|block|stream|token|simple key)\b")

SYNTAX = [
    ("a:\n\tb: 1\n", "yaml.tab", (2, 1)),
    ("a:\n  \tb: 1\n", "yaml.tab", (2, 3)),
    ("quote: |\n  \tfoo\n", "yaml.tab", (2, 3)),
    ("quote: |\n  text\n  \tmore\nb: [1\n\tc: 2\n", "yaml.tab", (5, 1)),
    ("level:\n\u3000\u3000id: unknown\n", "yaml.ideographic-space", (2, 1)),
    ("id: x\nkind：industrial_park\nlevel: {id: unknown}\n", "yaml.fullwidth-colon", (2, 5)),
    ("name:\n  zh 示范园\n  en: x\n", "yaml.missing-colon", (2, 3)),
    ("note: 注意: 预计\n", "yaml.colon-in-value", (1, 9)),
    ('deadline: "2024\nx: 1\n', "yaml.unclosed-quote", (1, 11)),
    ("a: [1, 2\n", "yaml.unclosed-bracket", (1, 4)),
    ("a: {b: 1\nc: 2\n", "yaml.unclosed-bracket", (1, 4)),
    ("name:\n  zh: 示范园\n en: Demo\n", "yaml.indentation", (3, 2)),
    ('a: "C:\\q"\n', "yaml.syntax", (1, 7)),  # the backslash
]


@pytest.mark.parametrize("text, code, where", SYNTAX, ids=[c for _, c, _ in SYNTAX])
def test_syntax_errors_in_plain_words(text: str, code: str, where: tuple[int, int]) -> None:
    data, problems = load_text(text, "f.yaml")
    assert data is None
    assert [(p.code, (p.location.line, p.location.column)) for p in problems] == [(code, where)]
    (found,) = problems
    zh = found.message_in("zh") + found.hint_in("zh")
    assert not LIBYAML_WORDS.search(zh), zh
    assert re.search(r"[\u4e00-\u9fff]", zh)
    assert not LIBYAML_WORDS.search(found.message_in("en")), found.message_in("en")
    assert found.hint_in("en") and found.hint_in("zh")


def test_a_full_width_colon_inside_text_is_not_a_mistake() -> None:
    data, problems = load_text("notes: 说明：见原文\nname:\n  zh: 园区：一期\n", "f.yaml")
    assert problems == [] and data["notes"] == "说明：见原文"


def test_a_paragraph_indent_inside_a_block_is_text() -> None:
    data, problems = load_text("quote: >-\n  \u3000\u3000园区开园\n", "f.yaml")
    assert problems == [] and data["quote"].startswith("\u3000\u3000")


def test_unquoted_years_and_days_are_text_numbers_stay_numbers() -> None:
    data, _ = load_text("deadline: 2024\ndate: 2021-12-22\nas_of: 2021-12\nvalue: 2024\npublished: '2021'\n", "f")
    assert data == {"deadline": "2024", "date": "2021-12-22", "as_of": "2021-12", "value": 2024, "published": "2021"}
    data, _ = load_text("deadline: 20241231\n", "f")
    assert data == {"deadline": 20241231}  # not a year: refused by the schema with the date hint


def test_the_issue_form_and_the_parser_share_their_fields() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    fields = {item["id"]: item["attributes"]["label"] for item in form["body"] if "id" in item}
    assert fields == FIELDS
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required")}
    assert {"name_zh", "quote", "source"} <= required


def _filed(**values: str) -> str:
    """The Markdown GitHub files for a form with these answers (the others: no response)."""
    return "\n\n".join(f"### {label}\n\n{values.get(field, '_No response_')}" for field, label in FIELDS.items())


def test_new_park_from_an_issue(project: Path, tmp_path: Path) -> None:
    issue = tmp_path / "issue.md"
    issue.write_text(_filed(proposal="New park / 新园区", park_id="demo-new-park", name_zh="示范产业园",
                            name_en="Demonstration Industrial Park", kind="industrial_park", quote="示范产业园开园",
                            source_id="test-source", source="Test source, 2021-12",
                            facts='国家级 — "国家级示范园区"'), encoding="utf-8")
    result = run("new", "park", "--from-issue", str(issue), cwd=project)
    assert result.returncode == 0, result.stderr
    written = project / "annotations" / "parks" / "demo-new-park.yaml"
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data == {"id": "demo-new-park", "name": {"zh": "示范产业园", "en": "Demonstration Industrial Park",
                                                     "evidence": {"source": "test-source", "quote": "示范产业园开园"}},
                    "kind": "industrial_park", "level": {"id": "unknown"}}  # the stated level stays a comment
    assert "#   国家级 — \"国家级示范园区\"" in written.read_text(encoding="utf-8")
    report = validate(project, sources=project / "texts")
    assert [p.code for p in report.problems] == []
    again = run("new", "park", "--from-issue", str(issue), cwd=project)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_from_issue_guesses_nothing_and_stays_data(project: Path, tmp_path: Path) -> None:
    issue = tmp_path / "issue.md"
    hostile = 'x"\nkind: evil # \x1b[31m'
    issue.write_text(_filed(name_zh=hostile, quote="示范产业园开园", source="somewhere"), encoding="utf-8")
    refused = run("new", "park", "--from-issue", str(issue), cwd=project)
    assert refused.returncode == 2 and "no park id" in refused.stderr
    assert run("new", "park", "demo-hostile", "--from-issue", str(issue), cwd=project).returncode == 0
    data = yaml.safe_load((project / "annotations" / "parks" / "demo-hostile.yaml").read_text(encoding="utf-8"))
    assert data["name"]["zh"] == 'x" kind: evil # [31m'
    assert "kind" not in data and "en" not in data["name"]
    assert data["name"]["evidence"]["source"] == "your-source-id"


def test_from_issue_refuses_what_is_not_a_form(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("### Something\n\nelse\n", encoding="utf-8")
    result = run("new", "park", "x-park", "--from-issue", str(other), cwd=project)
    assert result.returncode == 2 and "not a filed park form" in result.stderr
    assert answers("### Chinese name, as printed / 中文名称（照原文）\n\n_No response_\n") == {}


def _git(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "user.email=c@example.org", "-c", "user.name=c", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_contributing_pre_commit_path(project: Path, tmp_path: Path) -> None:
    """CONTRIBUTING's path: pre-commit install, then a bad commit is refused and a good one passes."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "pre-commit install" in guide
    shutil.copy(REPO / ".pre-commit-config.yaml", project / ".pre-commit-config.yaml")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"), "NO_COLOR": "1", "LANG": "C.UTF-8",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("GITHUB_ACTIONS", None)
    assert _git("init", "-q", cwd=project, env=env).returncode == 0
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project, env=env,
                             capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stdout + install.stderr
    _git("add", "-A", cwd=project, env=env)
    good = _git("commit", "-q", "-m", "Add the project", cwd=project, env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("comparator: nearly", "comparator: 近", 1)
                    + "# checked against the source\n", encoding="utf-8")
    _git("add", "-A", cwd=project, env=env)
    bad = _git("commit", "-q", "-m", "Break it", cwd=project, env=env)
    assert bad.returncode != 0
    assert "would fix [vocab.label]" in bad.stdout + bad.stderr
    assert run("fix", cwd=project).returncode == 0
    _git("add", "-A", cwd=project, env=env)
    fixed = _git("commit", "-q", "-m", "Fixed", cwd=project, env=env)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
