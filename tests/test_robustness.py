"""Hostile input and interruption: validate never crashes, and build never leaves a half-written package."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkwatch.base.catalogue import BY_CODE
from parkwatch.published.integrity import read_tree
from parkwatch.validation.pipeline import validate

from .conftest import CASES, make_project

BASE_PARK = (CASES / "base" / "annotations" / "parks" / "demo-park.yaml").read_text(encoding="utf-8")
# Problems about a whole file or folder, which have no line to point at.
FILE_LEVEL = {"layout.missing-file", "layout.missing-folder", "layout.unexpected-folder", "layout.file-extension",
              "file.too-large", "file.symlink-outside", "file.unreadable", "vocab.missing", "yaml.too-deep"}
PALETTE = list(":-\t\u3000：&*!|>[]{},#'\"\\\n 0123456789.%园区亿元") + ["---\n", "? ", "<<: ", "!!python/object ",
                                                                        "&a ", "*a", "\r\n", "\ufeff", "\x00"]

texts = st.lists(st.sampled_from(PALETTE), max_size=6).map("".join)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**40, 10**40), st.text(max_size=8),
                    st.sampled_from(["2021-02-30", "2024", "亿元", "demo-park", "test-source", ".inf"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                      max_leaves=8)


@st.composite
def text_mutation(draw) -> str:
    """Splice random YAML-significant characters into the park file."""
    text = BASE_PARK
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 6))
        text = text[:at] + draw(texts) + text[at + cut:]
    return text


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


@st.composite
def data_mutation(draw) -> str:
    """Replace or delete one node of the park's data with a random value."""
    data = yaml.safe_load(BASE_PARK)
    paths = [p for p in _paths(data) if p]
    path = draw(st.sampled_from(paths))
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(values)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def assert_well_reported(project: Path) -> None:
    report = validate(project)
    for p in report.problems:
        assert p.code in BY_CODE
        assert p.location.file
        assert p.location.line is not None or p.code in FILE_LEVEL, p
        p.message_in("zh"), p.hint_in("zh")  # renders in both languages
        p.message_in("en"), p.hint_in("en")


@settings(max_examples=int(os.environ.get("PARKWATCH_FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(text=st.one_of(text_mutation(), data_mutation()))
def test_validate_never_crashes_on_mutated_annotations(text: str, tmp_path_factory) -> None:
    project = make_project(tmp_path_factory.mktemp("fuzz"))
    (project / "annotations" / "parks" / "demo-park.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    assert_well_reported(project)


# A build run in a child process that kills itself with SIGKILL at a chosen point.
KILLER = """
import os, signal, sys
from pathlib import Path
from parkwatch.building import build, output as package
point, n = sys.argv[1], int(sys.argv[2])
calls = {"fsync": 0}
real_fsync, real_exchange = package.os.fsync, package._exchange
def fsync(fd):
    calls["fsync"] += 1
    if point == "fsync" and calls["fsync"] == n:
        os.kill(os.getpid(), signal.SIGKILL)
    real_fsync(fd)
def exchange(a, b):
    if point == "before-swap":
        os.kill(os.getpid(), signal.SIGKILL)
    done = real_exchange(a, b)
    if point == "after-swap":
        os.kill(os.getpid(), signal.SIGKILL)
    return done
package.os.fsync, package._exchange = fsync, exchange
build.build(Path(sys.argv[3]))
"""


def verified(folder: Path) -> dict[str, bytes]:
    """The package's files, after checking every file's size and hash against the descriptor."""
    files = read_tree(folder)
    descriptor = json.loads(files["datapackage.json"])
    listed = descriptor["parkwatch:files"]
    assert sorted(listed) == sorted(name for name in files if name != "datapackage.json")
    for name, spec in listed.items():
        assert spec["bytes"] == len(files[name])
        assert spec["hash"] == "sha256:" + hashlib.sha256(files[name]).hexdigest()
    for resource in descriptor["resources"]:
        assert resource["path"] in listed
    return files


@pytest.mark.parametrize("point, n", [("fsync", 1), ("fsync", 17), ("fsync", 60), ("before-swap", 0),
                                      ("after-swap", 0)])
def test_sigkill_during_build_leaves_a_complete_package(project: Path, point: str, n: int) -> None:
    from parkwatch.building.build import build

    assert build(project).written
    before = verified(project / "datapackage")
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_text(park.read_text(encoding="utf-8").replace("Demonstration Industrial Park", "Demo Park"),
                    encoding="utf-8")
    child = subprocess.run([sys.executable, "-c", KILLER, point, str(n), str(project)], capture_output=True,
                           timeout=120)
    assert child.returncode == -signal.SIGKILL
    after = verified(project / "datapackage")
    if point == "after-swap":
        assert after != before  # the new package, complete
        assert b"Demo Park" in after["data/parks.csv"]
    else:
        assert after == before
    assert build(project).written  # the next build clears what the killed one left behind
    assert not list(project.glob(".datapackage.*"))
    assert b"Demo Park" in verified(project / "datapackage")["data/parks.csv"]
