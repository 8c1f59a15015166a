"""Releases: version and date, changelog, changes.json, archives, and tagged releases rebuilt byte for byte."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

import parkwatch
from parkwatch.base.problems import Report
from parkwatch.building.build import build
from parkwatch.cli.render import as_json
from parkwatch.published.integrity import read_tree
from parkwatch.published.records import last_release
from parkwatch.published.snapshot import from_git
from parkwatch.published.verify import verify
from parkwatch.releasing.archive import archive_bytes
from parkwatch.releasing.release import release, with_release_lines, with_release_notes

from .conftest import make_project
from .test_cli import run
from .test_diff import edit
from .test_frictionless import errors as frictionless_errors

REPO = Path(__file__).resolve().parents[1]
PARK_PATH = Path("annotations") / "parks" / "demo-park.yaml"


def git(project: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=ParkWatch", "-c", "user.email=data@example.org", "-c", "tag.gpgSign=false",
               "-c", "commit.gpgSign=false", *args]
    return subprocess.run(command, cwd=project, check=True, capture_output=True, text=True).stdout


def commit_and_tag(project: Path, tag: str | None = None) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "data")
    if tag:
        git(project, "tag", tag)


@pytest.fixture
def repo(project: Path) -> Path:
    shutil.copy(REPO / "README.md", project / "README.md")
    shutil.copy(REPO / "LICENSE", project / "LICENSE")
    shutil.copy(REPO / "CHANGELOG.md", project / "CHANGELOG.md")
    (project / ".gitignore").write_text("dist/\n", encoding="utf-8")
    git(project, "init", "-q")
    assert build(project).written
    commit_and_tag(project)
    return project


def test_package_yaml_keeps_its_comments_and_layout() -> None:
    text = (REPO / "package.yaml").read_text(encoding="utf-8")
    new = with_release_lines(text, "1.2.0", "2026-12-01")
    assert new is not None
    changed = [(a, b) for a, b in zip(text.splitlines(), new.splitlines()) if a != b]
    assert [b for _, b in changed] == ["version: 1.2.0", 'created: "2026-12-01"']
    assert len(new.splitlines()) == len(text.splitlines())


def test_citation_file_gets_the_version_and_release_date() -> None:
    from parkwatch.releasing.release import with_citation_lines

    text = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    once = with_citation_lines(text, "1.0.0", "2026-12-01")
    assert yaml.safe_load(once)["version"] == "1.0.0"
    assert yaml.safe_load(once)["date-released"] == "2026-12-01"
    again = with_citation_lines(once, "1.1.0", "2027-01-05")
    assert (yaml.safe_load(again)["version"], yaml.safe_load(again)["date-released"]) == ("1.1.0", "2027-01-05")
    assert len(again.splitlines()) == len(once.splitlines()) == len(text.splitlines()) + (
        0 if "date-released:" in text else 1)


def test_changelog_notes_move_under_the_version() -> None:
    text = "# Changelog\n\nIntro.\n\n## Unreleased\n\n- Fixed a date.\n\n## 1.0.0 - 2026-01-01\n\n- First.\n"
    new = with_release_notes(text, "1.0.1", "2026-02-01", ["- `targets`: 1 row changed (**patch**)"], "1.0.0")
    assert new == ("# Changelog\n\nIntro.\n\n## Unreleased\n\n## 1.0.1 - 2026-02-01\n\n- Fixed a date.\n\n"
                   "### Data changes since 1.0.0\n\n- `targets`: 1 row changed (**patch**)\n\n"
                   "## 1.0.0 - 2026-01-01\n\n- First.\n")


def test_release_cycle_and_a_tagged_release_rebuilds_byte_identical(repo: Path, tmp_path: Path) -> None:
    first = release(repo, date="2026-12-01")
    assert first.problems == [] and first.version == "1.0.0"
    descriptor = json.loads((repo / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["version"], descriptor["created"]) == ("1.0.0", "2026-12-01T00:00:00Z")
    assert "## 1.0.0 - 2026-12-01" in (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    shipped = (repo / "datapackage" / "changes.json").read_bytes()
    assert shipped == (repo / "releases" / "1.0.0" / "changes.json").read_bytes()
    assert json.loads(shipped)["to"] == "1.0.0"
    first_zip = (repo / "dist" / "parkwatch-data-1.0.0.zip").read_bytes()
    database = (repo / "dist" / "parkwatch-1.0.0.sqlite").read_bytes()  # attached beside the archive
    assert (repo / "dist" / "SHA256SUMS").read_text() == \
        f"{hashlib.sha256(database).hexdigest()}  parkwatch-1.0.0.sqlite\n" \
        f"{hashlib.sha256(first_zip).hexdigest()}  parkwatch-data-1.0.0.zip\n"
    assert sqlite3.connect(repo / "dist" / "parkwatch-1.0.0.sqlite").execute(
        "SELECT count(*) FROM parks").fetchone()[0] == len(list((repo / "annotations" / "parks").glob("*.yaml")))
    assert verify(repo / "dist" / "parkwatch-data-1.0.0.zip") == []
    assert frictionless_errors(repo / "datapackage" / "datapackage.json") == []  # changes.json included
    commit_and_tag(repo, "data-v1.0.0")

    # A smaller bump than the change needs is refused, and nothing is written.
    (repo / PARK_PATH).unlink()
    assert [p.code for p in release(repo, date="2026-12-10").problems] == ["release.dirty"]  # uncommitted data
    commit_and_tag(repo)
    before = read_tree(repo)
    dry = run("release", "--date", "2026-12-10", "--dry-run", cwd=repo)
    assert dry.returncode == 0 and dry.stdout.startswith("would release data 2.0.0\n")
    refused = release(repo, date="2026-12-10", bump="minor")
    assert [p.code for p in refused.problems] == ["release.bump-too-small"]
    assert read_tree(repo) == before
    second = release(repo, date="2026-12-10")
    assert (second.problems, second.version, second.previous) == ([], "2.0.0", "1.0.0")
    assert json.loads((repo / "datapackage" / "changes.json").read_bytes())["bump"] == "major"
    assert "### Data changes since 1.0.0" in (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    commit_and_tag(repo, "data-v2.0.0")
    zips = run("diff", "dist/parkwatch-data-1.0.0.zip", "dist/parkwatch-data-2.0.0.zip", "--format", "json", cwd=repo)
    assert json.loads(zips.stdout)["bump"] == "major"

    # The annotations as tagged build the package as tagged, and the archive as released.
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    tar = subprocess.run(["git", "archive", "--format=tar", "data-v1.0.0"], cwd=repo, check=True,
                         capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(checkout)], input=tar, check=True)
    shutil.rmtree(checkout / "datapackage")
    assert build(checkout).written
    assert read_tree(checkout / "datapackage") == from_git(repo, "data-v1.0.0").files
    assert run("archive", cwd=checkout).returncode == 0
    assert (checkout / "dist" / "parkwatch-data-1.0.0.zip").read_bytes() == first_zip

    # diff reads both sides out of git, and the CI guard accepts a declared major version.
    result = run("diff", "data-v1.0.0", "data-v2.0.0", "--format", "json", "--fail-on", "major", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["to"] == "2.0.0"



def test_ci_guard_fails_a_breaking_change_without_a_major_version(repo: Path) -> None:
    assert release(repo, date="2026-12-01").problems == []
    commit_and_tag(repo, "data-v1.0.0")
    (repo / PARK_PATH).unlink()
    assert build(repo).written
    guarded = run("diff", "--fail-on", "major", "--format", "markdown", cwd=repo)
    assert guarded.returncode == 1
    assert "`parks`: 1 row removed, which other tables reference (**major**)" in guarded.stdout
    edit_version = (repo / "package.yaml").read_text(encoding="utf-8").replace("version: 1.0.0", "version: 2.0.0")
    (repo / "package.yaml").write_text(edit_version, encoding="utf-8")
    assert build(repo).written
    assert run("diff", "--fail-on", "major", cwd=repo).returncode == 0
    commit_and_tag(repo)
    assert release(repo, date="2026-12-10").version == "2.0.0"  # the version package.yaml announced


def test_git_revisions_of_a_project_below_the_repository_root(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    project = make_project(root / "data")
    assert build(project).written
    git(root, "init", "-q")
    commit_and_tag(root, "data-v0.1.0")
    assert last_release(project) == "data-v0.1.0"
    assert from_git(project, "data-v0.1.0").files == read_tree(project / "datapackage")
    assert parkwatch.diff_packages("HEAD", project / "datapackage", project=project).bump == "none"


def test_release_refuses_when_nothing_changed_tagged_or_not(repo: Path) -> None:
    assert release(repo, date="2026-12-01").problems == []
    assert [p.code for p in release(repo, date="2026-12-02").problems] == ["release.no-changes"]  # no tag needed
    commit_and_tag(repo, "data-v1.0.0")
    assert [p.code for p in release(repo, date="2026-12-02").problems] == ["release.no-changes"]
    assert [p.code for p in release(repo, date="2026-13-01").problems] == ["release.bad-date"]


def test_release_cli_reports_problems_without_writing(repo: Path) -> None:
    edit(repo, "kind: industrial_park", "kind: nonsense")
    result = run("release", "--date", "2026-12-01", cwd=repo)
    assert result.returncode == 1
    assert "[ref.unknown-term]" in result.stdout
    assert not (repo / "dist").exists() and not (repo / "releases").exists()
    assert run("release", "--date", "2026-02-30", cwd=repo).returncode == 2


def test_archive_bytes_are_fixed() -> None:
    files = {"b.csv": b"x\n", "a/datapackage.json": b"{}\n"}
    content = archive_bytes(files, "root")
    assert content == archive_bytes(dict(reversed(list(files.items()))), "root")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == ["root/a/datapackage.json", "root/b.csv"]
    assert {(i.date_time, i.external_attr >> 16, i.compress_type) for i in infos} == {
        ((1980, 1, 1, 0, 0, 0), 0o100644, zipfile.ZIP_STORED)}


def test_a_release_lives_in_the_tree_and_a_fresh_clone_without_tags_rebuilds_it(repo: Path, tmp_path: Path) -> None:
    first = parkwatch.release(repo, date="2026-12-01", commit=True)
    assert first.problems == [] and first.commit
    assert git(repo, "status", "--porcelain") == ""  # the one commit holds every file the release changed
    changed = set(git(repo, "show", "--name-only", "--format=", "HEAD").split())
    assert {"package.yaml", "CHANGELOG.md", "releases/1.0.0/changes.json", "releases/1.0.0/datapackage.json",
            "releases/1.0.0/release.json", "datapackage/datapackage.json"} <= changed
    record = json.loads((repo / "releases" / "1.0.0" / "release.json").read_text(encoding="utf-8"))
    released = (repo / "dist" / "parkwatch-data-1.0.0.zip").read_bytes()
    assert record["sha256"] == hashlib.sha256(released).hexdigest()
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--no-tags", str(repo), str(clone)], check=True)
    assert git(clone, "tag", "--list") == ""
    assert run("archive", cwd=clone).returncode == 0
    assert (clone / "dist" / "parkwatch-data-1.0.0.zip").read_bytes() == released
    assert last_release(clone) == "1.0.0"  # known from releases/, with no tag
    (clone / PARK_PATH).unlink()
    assert build(clone).written
    guarded = run("diff", "--fail-on", "major", cwd=clone)
    assert guarded.returncode == 1 and "[diff.unannounced]" in guarded.stderr
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "remove a park")
    second = release(clone, date="2026-12-10")
    assert (second.problems, second.version, second.previous) == ([], "2.0.0", "1.0.0")
    filled = json.loads((clone / "releases" / "1.0.0" / "release.json").read_text(encoding="utf-8"))
    assert filled["commit"] == first.commit  # the previous release's commit, once known, is recorded


def test_an_unzipped_release_is_valid_for_frictionless(repo: Path, tmp_path: Path) -> None:
    assert release(repo, date="2026-12-01").problems == []
    with zipfile.ZipFile(repo / "dist" / "parkwatch-data-1.0.0.zip") as archive:
        archive.extractall(tmp_path / "unzipped")
    folder = tmp_path / "unzipped" / "parkwatch-data-1.0.0"
    assert frictionless_errors(folder / "datapackage.json") == []
    done = subprocess.run([str(Path(sys.executable).parent / "frictionless"), "validate",
                           str(folder / "datapackage.json")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:]
    assert verify(folder) == []


def test_a_tag_that_disagrees_with_the_record_is_refused(repo: Path) -> None:
    assert parkwatch.release(repo, date="2026-12-01", commit=True).problems == []
    git(repo, "tag", "data-v1.0.0", "HEAD~1")  # the tag on the commit before the release
    (repo / PARK_PATH).unlink()
    commit_and_tag(repo)
    assert [p.code for p in release(repo, date="2026-12-10").problems] == ["release.previous-unreadable"]


def test_release_refuses_uncommitted_data_and_names_the_files(repo: Path) -> None:
    edit(repo, "Demonstration Industrial Park", "Demo Park")
    (repo / "notes.txt").write_text("scratch\n", encoding="utf-8")
    before = read_tree(repo)
    result = release(repo, date="2026-12-01")
    assert sorted((p.code, p.location.file) for p in result.problems) == [
        ("release.dirty", "annotations/parks/demo-park.yaml"), ("release.dirty", "notes.txt")]
    assert read_tree(repo) == before


def test_release_json_output_is_the_library_result(repo: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    shutil.copytree(repo, twin)
    by_cli = run("release", "--date", "2026-12-01", "--format", "json", cwd=repo)
    assert by_cli.returncode == 0, by_cli.stderr
    assert json.loads(by_cli.stdout) == release(twin, date="2026-12-01").as_dict()
    refused = run("release", "--date", "2026-12-02", "--format", "json", cwd=repo)
    assert refused.returncode == 1
    expected = as_json(Report(release(twin, date="2026-12-02").problems))
    assert json.loads(refused.stdout) == json.loads(expected)


def test_a_release_is_one_at_a_time(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parkwatch.building.output import project_lock

    monkeypatch.setenv("PARKWATCH_LOCK_WAIT", "0")
    with project_lock(repo):
        result = release(repo, date="2026-12-01")
        assert [p.code for p in result.problems] == ["build.busy"] and result.refused
        cli = run("release", "--date", "2026-12-01", cwd=repo, PARKWATCH_LOCK_WAIT="0")
        assert cli.returncode == 3 and "another build is running" in cli.stdout
    assert not (repo / "releases").exists()


def test_a_tampered_release_database_is_noticed_beside_its_archive(repo: Path) -> None:
    """`verify` checks every file SHA256SUMS lists beside the archive: the database too."""
    assert release(repo, date="2026-12-01").problems == []
    archive = repo / "dist" / "parkwatch-data-1.0.0.zip"
    assert verify(archive) == []
    database = repo / "dist" / "parkwatch-1.0.0.sqlite"
    database.write_bytes(database.read_bytes()[:-1] + b"\x00")
    assert [(p.code, p.location.file) for p in verify(archive)] == [("verify.archive-hash", "parkwatch-1.0.0.sqlite")]
    database.unlink()  # not downloaded: nothing to check
    assert verify(archive) == []
