"""The command line: exit codes, output formats, and no tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from parkwatch import cli
from parkwatch.published import integrity as package
from parkwatch.validation.pipeline import validate

from .test_cases import INVALID, make_project, overlay


def run(*args: str, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "LC_ALL", "LC_MESSAGES")}
    env.update({"NO_COLOR": "1", "LANG": "C.UTF-8", **extra_env})
    return subprocess.run([sys.executable, "-m", "parkwatch", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=120)


def break_park(project: Path) -> None:
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("kind: industrial_park", "kind: industrial_prak"),
                    encoding="utf-8")


def test_validate_clean(project: Path) -> None:
    result = run("validate", "--sources", "texts", cwd=project)
    assert (result.returncode, result.stdout) == (0, "no problems found\n")


def test_validate_reports_file_line_column_code(project: Path) -> None:
    break_park(project)
    result = run("validate", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "annotations/parks/demo-park.yaml:12:7: error [ref.unknown-term] "
        "'industrial_prak' is not in the kinds vocabulary (at /kind)")
    assert "hint: Did you mean 'industrial_park'?" in result.stdout


def test_validate_named_file_reports_only_that_file(project: Path) -> None:
    break_park(project)
    other = run("validate", "annotations/parks/demo-high-tech-zone.yaml", cwd=project)
    assert (other.returncode, other.stdout) == (0, "no problems found\n")
    broken = run("validate", "annotations/parks/demo-park.yaml", cwd=project)
    assert broken.returncode == 1


def test_json_output_is_the_library_report(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    break_park(project)
    result = run("validate", "--format", "json", cwd=project)
    payload = json.loads(result.stdout)
    monkeypatch.chdir(project)
    report = validate(Path("."))
    assert payload == {"format": "parkwatch-problems/1", "valid": False, "counts": report.counts(),
                       "problems": [p.as_dict() for p in report.problems]}


def test_github_output_escapes(project: Path) -> None:
    break_park(project)
    result = run("validate", "--format", "github", cwd=project)
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=annotations/parks/demo-park.yaml,line=12,col=7,title=ref.unknown-term::")
    assert "\n" not in first


def test_chinese_messages_from_flag_and_locale(project: Path) -> None:
    break_park(project)
    by_flag = run("validate", "--lang", "zh", cwd=project)
    by_locale = run("validate", cwd=project, LANG="zh_CN.UTF-8")
    assert by_flag.stdout == by_locale.stdout
    assert "'industrial_prak' 不在 kinds 词表中" in by_flag.stdout
    assert "提示: 是否应为 'industrial_park'？" in by_flag.stdout
    assert by_flag.stdout.splitlines()[-1] == "1 个错误，0 个警告"


def test_auto_format_inside_github_actions_writes_the_step_summary(project: Path, tmp_path: Path) -> None:
    break_park(project)
    summary = tmp_path / "summary.md"
    result = run("validate", cwd=project, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.stdout.startswith("::error file=annotations/parks/demo-park.yaml,line=12,col=7,")
    table = summary.read_text(encoding="utf-8")
    assert "| `annotations/parks/demo-park.yaml:12:7` | error | `ref.unknown-term` |" in table


def test_color_only_on_a_terminal(project: Path) -> None:
    break_park(project)
    assert "\033[" not in run("validate", cwd=project).stdout


def test_build_and_check(project: Path) -> None:
    assert run("build", cwd=project).returncode == 0
    assert run("build", "--check", cwd=project).returncode == 0
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("Demonstration Industrial", "Demo"), encoding="utf-8")
    stale = run("build", "--check", cwd=project)
    assert stale.returncode == 1
    assert "datapackage/: differs: data/parks.csv" in stale.stdout


def test_build_refuses_invalid_annotations(project: Path) -> None:
    assert run("build", cwd=project).returncode == 0
    before = package.read_tree(project / "datapackage")
    break_park(project)
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert "[ref.unknown-term]" in result.stdout
    assert package.read_tree(project / "datapackage") == before


@pytest.mark.parametrize("args, code", [
    (("validate", "--no-such-option"), 2),
    (("validate", "no/such/path.yaml"), 2),
    (("no-such-command",), 2),
    (("validate", "--format", "xml"), 2),
])
def test_usage_errors_exit_2(project: Path, args: tuple, code: int) -> None:
    result = run(*args, cwd=project)
    assert result.returncode == code
    assert "Traceback" not in result.stderr + result.stdout


def test_outside_a_project_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "no annotations/ folder" in result.stderr


def test_tool_failure_exits_3_without_traceback(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture) -> None:
    def broken(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("parkwatch.cli.check.build_package", broken)
    monkeypatch.chdir(project)
    monkeypatch.setattr(sys, "argv", ["parkwatch", "build"])
    monkeypatch.delenv("PARKWATCH_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "cannot run: OSError" in err and "Traceback" not in err


@pytest.mark.parametrize("case", INVALID[::6], ids=[c.name for c in INVALID[::6]])
def test_invalid_cases_through_the_cli(case: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    overlay(case, project)
    result = run("validate", "--sources", "texts", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "error [" in result.stdout


def test_symlink_outside_the_repository(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("id: secret\n")
    (project / "annotations" / "parks" / "secret.yaml").symlink_to(outside)
    result = run("validate", cwd=project)
    assert result.returncode == 1
    assert "annotations/parks/secret.yaml: error [file.symlink-outside]" in result.stdout


def test_help_documents_exit_codes(project: Path) -> None:
    result = run("--help", cwd=project)
    assert result.returncode == 0
    assert "3 the tool cannot run" in result.stdout


def test_github_escaping() -> None:
    from parkwatch.base.problems import Location, Report, problem
    from parkwatch.cli.render import github

    p = problem("evidence.number-mismatch", Location("a,b:c.yaml", 3, 4), value="50%\r\nx")
    line = github(Report([p])).splitlines()[0]
    assert line.startswith("::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=evidence.number-mismatch::")
    assert "50%25%0D%0Ax" in line


def test_new_park_template(project: Path) -> None:
    import yaml

    from parkwatch.validation.schema import load_schema

    result = run("new", "park", "fresh-park", cwd=project)
    assert result.returncode == 0
    path = project / "annotations" / "parks" / "fresh-park.yaml"
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["id"] == "fresh-park"
    schema = load_schema("parks")

    def keys(node):
        if isinstance(node, dict):
            yield from node.get("properties", {})
            for value in node.values():
                yield from keys(value)
        elif isinstance(node, list):
            for item in node:
                yield from keys(item)

    missing = {k for k in keys(schema) if not re.search(rf"^\s*#?\s*(- )?{k}:", text, re.M) and f"{k}: " not in text}
    assert missing == set()
    # The placeholders fail validation and say what to fill in; nothing else is wrong.
    check = run("validate", "annotations/parks/fresh-park.yaml", cwd=project)
    assert check.returncode == 1
    assert {line.split("[")[1].split("]")[0] for line in check.stdout.splitlines() if "error [" in line} == \
        {"ref.unknown-source"}
    assert run("new", "park", "fresh-park", cwd=project).returncode == 2  # never overwrites
    assert run("new", "park", "Bad_Id", cwd=project).returncode == 2


def test_library_calls_mirror_the_commands(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """parkwatch.validate() and parkwatch.build() stay functions after every module is imported."""
    import parkwatch
    import parkwatch.building.build  # noqa: F401 - imports the whole validation stack
    import parkwatch.validation.pipeline  # noqa: F401

    assert callable(parkwatch.validate) and callable(parkwatch.build)
    monkeypatch.chdir(project)
    report = parkwatch.validate(Path("."))
    cli_json = json.loads(run("validate", "--format", "json", cwd=project).stdout)
    assert cli_json["problems"] == [p.as_dict() for p in report.problems]
    assert parkwatch.build(Path("."), check=True).report.valid
