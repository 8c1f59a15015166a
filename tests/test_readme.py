"""The README's two commands are what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)[:2]


def test_readme_starts_with_build_and_test_commands() -> None:
    build, test = commands()
    assert build.endswith("parkwatch build")
    assert test.endswith("pytest")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.index(build) < readme.index("## ")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands()[1] in ci
