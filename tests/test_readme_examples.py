"""The README's examples run, answer with rows, and join without clashing column names."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import parkwatch

REPO = Path(__file__).resolve().parents[1]
SECTIONS = ("### Questions the tables answer", "### Browsing, and one SQLite file")


def _examples() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = []
    for heading in SECTIONS:
        section = readme.split(heading, 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
        blocks += re.findall(r"```python\n(.*?)```", section, flags=re.S)
    return blocks


EXAMPLES = _examples()


def test_the_sections_hold_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder like a checkout after `parkwatch sqlite`: datapackage/ and dist/parkwatch-<version>.sqlite."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "datapackage").symlink_to(REPO / "datapackage")
    version = json.loads((REPO / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))["version"]
    parkwatch.sqlite(folder / "dist" / f"parkwatch-{version}.sqlite", package=REPO / "datapackage")
    return folder


@pytest.mark.parametrize("code", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_example_answers_without_clashing_columns(code: str, workdir: Path, monkeypatch) -> None:
    monkeypatch.chdir(workdir)
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 - the README's own example
    answer = scope["answer"]
    assert len(answer) > 0
    if isinstance(answer, pd.DataFrame):
        clashes = [c for c in answer.columns if re.search(r"_[xy]$", str(c))]
        assert clashes == []
        assert not answer.isna().all().any(), "a column of the answer is empty"


def test_the_two_commands_lead_to_a_park_page_that_exists() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split(SECTIONS[1], 1)[1]
    commands = re.search(r"```sh\n(.*?)```", section, flags=re.S).group(1).strip().splitlines()
    assert len(commands) == 2 and commands[1].startswith(".venv/bin/parkwatch serve")
    park = re.search(r"http://127\.0\.0\.1:8001/parkwatch/parks/([a-z0-9-]+)", commands[1]).group(1)
    assert park in {row["park_id"] for row in parkwatch.read_table("parks", REPO / "datapackage").to_dict("records")}
