"""The package diff: schema changes, row changes matched by key, the bump they need, and the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from parkwatch.building.descriptor import render
from parkwatch.published import changes
from parkwatch.published.diff import Change, PackageDiff, diff, schema_changes
from parkwatch.published.snapshot import Snapshot
from parkwatch.validation.pipeline import validate

from .test_cli import run

PARK = Path("annotations") / "parks" / "demo-park.yaml"


def snapshot(project: Path, label: str = "new") -> Snapshot:
    report = validate(project)
    assert report.valid, [p.as_dict() for p in report.problems]
    return Snapshot(label, render(report.index))


def edit(project: Path, old: str, new: str) -> None:
    path = project / PARK
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def kinds(changes_: list) -> list[tuple[str, str, str, str]]:
    return [(c.kind, c.table, c.field, c.bump) for c in changes_]


def field(name: str, type_: str = "string", **constraints: object) -> dict:
    out: dict = {"name": name, "type": type_}
    if constraints:
        out["constraints"] = constraints
    return out


def test_identical_packages_need_no_bump(project: Path) -> None:
    result = diff(snapshot(project, "old"), snapshot(project))
    assert (result.bump, result.changes, result.tables) == ("none", [], [])


def test_corrected_value_is_a_patch_with_old_and_new_values(project: Path) -> None:
    shutil.rmtree(project / "texts")  # the corrected quote is not in the test text; only the diff is tested here
    old = snapshot(project, "old")
    edit(project, "value: 6\n", "value: 7\n")
    edit(project, "累计完成工业投资6亿元", "累计完成工业投资7亿元")
    result = diff(old, snapshot(project))
    assert result.bump == "patch"
    # the derived table follows the table it is derived from, with the same bump
    assert kinds(result.changes) == [("rows-changed", "analysis_targets", "", "patch"),
                                     ("rows-changed", "targets", "", "patch")]
    [row] = result.tables[1].changed
    assert row.key == {"park_id": "demo-park", "target_id": "industrial-investment-2024"}
    assert row.values["value_stated"] == ("6", "7")
    assert row.values["value"] == ("600000000", "700000000")
    assert "示范产业园 (demo-park) / industrial-investment-2024: value_stated 6 → 7" in changes.text(result)


def test_added_rows_are_minor(project: Path) -> None:
    old = snapshot(project, "old")
    edit(project, "observations:\n", "observations:\n  - id: land-area-again\n    metric: land_area\n"
         "    value: 634\n    unit: 亩\n    comparator: exact\n    aggregation: level\n"
         "    as_of: \"2021-12-20\"\n    evidence: {source: test-source, quote: 园区占地634亩}\n")
    result = diff(old, snapshot(project))
    assert kinds(result.changes) == [("rows-added", "analysis_observations", "", "minor"),
                                     ("rows-added", "observations", "", "minor")]
    assert result.tables[0].added == [{"park_id": "demo-park", "observation_id": "land-area-again"}]


def test_removed_target_is_a_patch_but_removed_park_is_major(project: Path) -> None:
    old = snapshot(project, "old")
    (project / PARK).unlink()
    result = diff(old, snapshot(project))
    found = {(c.kind, c.table): c.bump for c in result.changes}
    assert found[("rows-removed", "parks")] == "major"  # other tables reference parks
    assert found[("rows-removed", "targets")] == "patch"  # nothing references a target
    assert found[("rows-removed", "analysis_targets")] == "patch"
    assert result.bump == "major"


def test_removed_and_added_tables(project: Path) -> None:
    full = snapshot(project)
    descriptor = full.descriptor()
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "kinds"]
    fewer = Snapshot("fewer", {**full.files, "datapackage.json": json.dumps(descriptor).encode()})
    assert kinds(diff(full, fewer).changes) == [("table-removed", "kinds", "", "major")]
    assert [(c.kind, c.bump) for c in diff(fewer, full).changes] == [("table-added", "minor")]


def test_descriptions_are_a_patch(project: Path) -> None:
    old = snapshot(project)
    descriptor = old.descriptor()
    descriptor["resources"][0]["title"] = "Another title"
    descriptor["description"] = "Another description"
    new = Snapshot("new", {**old.files, "datapackage.json": json.dumps(descriptor).encode()})
    result = diff(old, new)
    assert kinds(result.changes) == [("metadata-changed", "", "description", "patch"),
                                     ("table-described", descriptor["resources"][0]["name"], "", "patch")]


def test_renamed_field_is_same_position_and_type_with_another_name() -> None:
    old = {"fields": [field("a"), field("b", "integer"), field("c")], "primaryKey": ["a"]}
    new = {"fields": [field("a"), field("bb", "integer"), field("d", "number")], "primaryKey": ["a"]}
    found, renames = schema_changes("t", old, new)
    assert renames == {"bb": "b"}
    assert kinds(found) == [("field-renamed", "t", "bb", "major"), ("field-removed", "t", "c", "major"),
                            ("field-added", "t", "d", "minor")]


def test_retyped_reordered_and_key_changes_are_major() -> None:
    old = {"fields": [field("a"), field("b"), field("c")], "primaryKey": ["a"]}
    new = {"fields": [field("a"), field("c"), field("b", "integer")], "primaryKey": ["a", "b"]}
    found, _ = schema_changes("t", old, new)
    assert sorted(kinds(found)) == [("field-retyped", "t", "b", "major"), ("fields-reordered", "t", "", "major"),
                                    ("primary-key-changed", "t", "", "major")]


@pytest.mark.parametrize(("before", "after", "expected"), [
    ({"enum": ["x", "y"]}, {"enum": ["x"]}, [("enum-tightened", "major")]),
    ({"enum": ["x"]}, {"enum": ["x", "y"]}, [("enum-loosened", "minor")]),
    ({"enum": ["x", "y"]}, {"enum": ["x", "z"]}, [("enum-tightened", "major"), ("enum-loosened", "minor")]),
    ({}, {"required": True}, [("constraint-tightened", "major")]),
    ({"required": True}, {}, [("constraint-loosened", "minor")]),
    ({}, {"pattern": "^a$"}, [("constraint-tightened", "major")]),
    ({"pattern": "^a$"}, {}, [("constraint-loosened", "minor")]),
    ({"pattern": "^a$"}, {"pattern": "^b$"}, [("constraint-changed", "major")]),
])
def test_constraints_tightened_or_loosened(before: dict, after: dict, expected: list) -> None:
    found, _ = schema_changes("t", {"fields": [field("a", **before)]}, {"fields": [field("a", **after)]})
    assert [(c.kind, c.bump) for c in found] == expected


def test_markdown_and_json_carry_the_same_diff(project: Path) -> None:
    old = snapshot(project, "old")
    edit(project, "Demonstration Industrial Park", "Demo Industrial Park")
    result = diff(old, snapshot(project))
    data = json.loads(changes.as_json(result))
    assert data["bump"] == "patch"
    assert data["tables"]["parks"]["changed"] == [
        {"key": {"park_id": "demo-park"},
         "values": {"name_en": {"old": "Demonstration Industrial Park", "new": "Demo Industrial Park"}}}]
    md = changes.markdown(result)
    assert md.startswith("### Data changes:")
    assert "- `parks`: 1 row changed (**patch**)" in md
    assert "name\\_en Demonstration Industrial Park → Demo Industrial Park" in md


def test_cli_diff_folders_formats_and_fail_on(project: Path, tmp_path: Path) -> None:
    assert run("build", cwd=project).returncode == 0
    old = tmp_path / "old"
    (project / "datapackage").rename(old)
    (project / PARK).unlink()
    assert run("build", cwd=project).returncode == 0
    result = run("diff", str(old), "datapackage", "--format", "json", cwd=project)
    assert result.returncode == 0
    assert json.loads(result.stdout)["bump"] == "major"
    guarded = run("diff", str(old), "datapackage", "--fail-on", "major", cwd=project)
    assert guarded.returncode == 1
    assert "[diff.unannounced]" in guarded.stderr
    missing = run("diff", "no-such-revision", cwd=project)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_cli_diff_without_a_release_passes(project: Path) -> None:
    result = run("diff", "--fail-on", "major", cwd=project)
    assert result.returncode == 0
    assert "no data release yet" in result.stdout


@pytest.mark.parametrize(("old", "new", "bump", "level", "fails"), [
    ("1.0.0", "1.0.0", "major", "major", True),
    ("1.0.0", "1.3.0", "major", "major", True),
    ("1.0.0", "2.0.0", "major", "major", False),
    ("1.0.0", "1.0.0", "minor", "major", False),
    ("1.0.0", "1.0.0", "minor", "minor", True),
    ("1.0.0", "1.1.0", "minor", "minor", False),
])
def test_guard_needs_the_version_to_declare_the_bump(old: str, new: str, bump: str, level: str,
                                                     fails: bool) -> None:
    result = PackageDiff(old, new, [Change("x", "t", "", bump)])
    assert (changes.undeclared_break(result, level) is not None) == fails


def test_diff_json_output_is_the_library_result(project: Path, tmp_path: Path) -> None:
    import parkwatch

    assert run("build", cwd=project).returncode == 0
    old = tmp_path / "old"
    shutil.copytree(project / "datapackage", old)
    (project / PARK).unlink()
    assert run("build", cwd=project).returncode == 0
    result = run("diff", str(old), "datapackage", "--format", "json", cwd=project)
    assert result.returncode == 0
    library = parkwatch.diff(str(old), str(project / "datapackage"), project=project)
    assert json.loads(result.stdout) == changes.as_dict(library.diff)


def rename_demo_park(project: Path, redirect: bool) -> None:
    """Move demo-park to a new id; with `redirect`, leave the old file as a redirect."""
    parks = project / "annotations" / "parks"
    text = (parks / "demo-park.yaml").read_text(encoding="utf-8")
    (parks / "demo-industrial-park.yaml").write_text(text.replace("id: demo-park", "id: demo-industrial-park"),
                                                     encoding="utf-8")
    if redirect:
        (parks / "demo-park.yaml").write_text("id: demo-park\nreplaced_by: demo-industrial-park\n"
                                               "reason: Renamed.\n", encoding="utf-8")
    else:
        (parks / "demo-park.yaml").unlink()


def test_redirected_park_id_is_a_rename_not_a_removal(project: Path) -> None:
    old = snapshot(project, "old")
    rename_demo_park(project, redirect=True)
    result = diff(old, snapshot(project))
    assert ("id-redirected", "parks", "park_id", "minor") in kinds(result.changes)
    assert not [c for c in result.changes if c.kind == "rows-removed"]  # every row of the park is matched
    assert result.bump == "minor"  # the redirects table is new; no row lost
    redirects = next(t for t in result.tables if t.name == "redirects")
    assert redirects.added == [{"record_type": "park", "old_id": "demo-park"}]


def test_park_id_gone_without_redirect_is_still_a_removal(project: Path) -> None:
    old = snapshot(project, "old")
    rename_demo_park(project, redirect=False)
    result = diff(old, snapshot(project))
    assert ("rows-removed", "parks", "", "major") in kinds(result.changes)
    assert "id-redirected" not in {c.kind for c in result.changes}


def test_retired_id_that_comes_back_is_major(project: Path) -> None:
    rename_demo_park(project, redirect=True)
    old = snapshot(project, "old")
    parks = project / "annotations" / "parks"
    (parks / "demo-park.yaml").write_text((parks / "demo-industrial-park.yaml").read_text(encoding="utf-8")
                                          .replace("id: demo-industrial-park", "id: demo-park"), encoding="utf-8")
    result = diff(old, snapshot(project))
    assert ("id-reused", "parks", "park_id", "major") in kinds(result.changes)
