"""`parkwatch fix`: every golden case it can repair comes out valid, nothing else changes, writes are atomic."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from parkwatch import fix
from parkwatch.authoring import fix as fixing
from parkwatch.validation.pipeline import validate

from .test_cases import INVALID, expected, make_project, overlay
from .test_cli import run

# What fix repairs; every other problem is left for a person.
FIXED = {"file.bom", "file.crlf", "yaml.tab", "yaml.ideographic-space", "yaml.fullwidth-colon",
         "text.fullwidth-digits", "vocab.label"}


def _codes(case: Path) -> set[str]:
    return {line.split()[1] for line in expected(case)}


FIXABLE = [c for c in INVALID if _codes(c) & FIXED]


def _snapshot(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*"))
            if p.is_file() and not p.is_symlink() and ".parkwatch-cache" not in p.parts}


def _case_project(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, bytes]]:
    """The base project with a golden case laid over it, as the current folder, and its files' bytes."""
    project = make_project(tmp_path / "project")
    overlay(case, project)
    monkeypatch.chdir(project)
    return project, _snapshot(project)


def test_there_are_fixable_cases() -> None:
    assert len(FIXABLE) >= 9


@pytest.mark.parametrize("case", FIXABLE, ids=[c.name for c in FIXABLE])
def test_fixable_case_round_trip(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fix repairs what it claims, keeps every other line, and a second run finds nothing to do."""
    project, before = _case_project(case, tmp_path, monkeypatch)
    result = fix(Path("."))
    assert {c.code for c in result.changes} == _codes(case) & FIXED
    after = _snapshot(project)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == sorted({c.location.file for c in result.changes})
    for name in changed:  # same number of lines: only characters inside lines changed
        old, new = before[name].decode("utf-8-sig").replace("\r\n", "\n"), after[name].decode("utf-8")
        assert old.count("\n") == new.count("\n")
    left = {p.code for p in validate(Path("."), sources=Path("texts")).problems if p.severity.value == "error"}
    assert not left & FIXED
    assert left <= _codes(case) - FIXED  # a repaired label may also settle what followed from it
    assert fix(Path("."), check=True).changes == []


UNFIXABLE = [c for c in INVALID if not _codes(c) & FIXED]


@pytest.mark.parametrize("case", UNFIXABLE, ids=[c.name for c in UNFIXABLE])
def test_fix_leaves_other_cases_alone(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, before = _case_project(case, tmp_path, monkeypatch)
    assert fix(Path(".")).changes == []
    assert _snapshot(project) == before


def test_fix_keeps_comments_layout_and_quotes(project: Path) -> None:
    park = project / "annotations" / "parks" / "demo-park.yaml"
    text = park.read_text(encoding="utf-8")
    assert "comparator: exact" in text
    broken = (text.replace("comparator: exact", "comparator: 超   # as printed", 1)
              .replace("kind: industrial_park", "kind：industrial_park  # the kind")
              + "notes: >-\n  工业投资超过６亿元；\n  \tkind：这是正文\n")
    park.write_text(broken, encoding="utf-8")
    result = fix(project)
    fixed = park.read_text(encoding="utf-8")
    assert "comparator: more_than   # as printed" in fixed
    assert "kind: industrial_park  # the kind" in fixed
    assert "  工业投资超过６亿元；\n  \tkind：这是正文\n" in fixed  # inside a block scalar: text, untouched
    assert sorted(c.code for c in result.changes) == ["vocab.label", "yaml.fullwidth-colon"]


def test_fix_never_touches_a_quote(project: Path) -> None:
    park = project / "annotations" / "parks" / "demo-park.yaml"
    text = park.read_text(encoding="utf-8")
    park.write_text(text + "notes: 超\n", encoding="utf-8")
    source = project / "annotations" / "parks" / "demo-high-tech-zone.yaml"
    original = source.read_text(encoding="utf-8")
    quote_line = next(line for line in original.splitlines() if "quote:" in line)
    source.write_text(original.replace(quote_line, quote_line.rstrip() + "６"), encoding="utf-8")
    before = _snapshot(project)
    assert fix(project).changes == []
    assert _snapshot(project) == before


def test_fullwidth_digits_in_ids_dates_and_numbers(project: Path) -> None:
    park = project / "annotations" / "parks" / "demo-park.yaml"
    text = park.read_text(encoding="utf-8")
    targets = text.index("targets:")
    head, tail = text[:targets], text[targets:]
    tail = tail.replace("value: 6", "value: ６", 1).replace('deadline: "2024"', 'deadline: "２０２４"', 1)
    park.write_text(head + tail, encoding="utf-8")
    result = fix(project)
    assert [c.code for c in result.changes] == ["text.fullwidth-digits"] * 2
    assert park.read_text(encoding="utf-8") == text
    assert validate(project).valid


def test_check_writes_nothing_and_exits_1(project: Path) -> None:
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_bytes(park.read_bytes().replace(b"\n", b"\r\n"))
    before = _snapshot(project)
    result = run("fix", "--check", cwd=project)
    assert result.returncode == 1
    assert "annotations/parks/demo-park.yaml:1: would fix [file.crlf]" in result.stdout
    assert _snapshot(project) == before
    done = run("fix", cwd=project)
    assert done.returncode == 0 and "fixed [file.crlf]" in done.stdout
    assert run("fix", "--check", cwd=project).returncode == 0
    assert b"\r\n" not in park.read_bytes()


def test_fix_named_paths_only(chdir_project: Path) -> None:
    project = chdir_project
    for name in ("demo-park.yaml", "demo-high-tech-zone.yaml"):
        path = project / "annotations" / "parks" / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = fix(project, [project / "annotations" / "parks" / "demo-park.yaml"])
    assert [c.location.file for c in result.changes] == ["annotations/parks/demo-park.yaml"]
    assert (project / "annotations" / "parks" / "demo-high-tech-zone.yaml").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_failed_write_leaves_the_file_and_no_leftover(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_bytes(b"\xef\xbb\xbf" + park.read_bytes())
    before = _snapshot(project)

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fixing.os, "replace", refuse)
    result = fix(project)
    assert [p.code for p in result.problems] == ["fix.not-written"]
    assert result.written == []
    assert _snapshot(project) == before
    assert not list(park.parent.glob(".parkwatch-fix-*"))


def test_a_killed_fix_leaves_nothing_that_matters(project: Path) -> None:
    """A temporary file left by a killed run is ignored by validate and removed by the next fix."""
    park = project / "annotations" / "parks" / "demo-park.yaml"
    leftover = park.parent / ".parkwatch-fix-abc123"
    leftover.write_bytes(b"half written")
    recent = park.parent / ".parkwatch-fix-def456"  # another fix may be writing it right now
    recent.write_bytes(b"in progress")
    stale = time.time() - fixing.STALE_SECONDS - 60
    os.utime(leftover, (stale, stale))
    assert validate(project).valid
    park.write_bytes(b"\xef\xbb\xbf" + park.read_bytes())
    fix(project)
    assert not leftover.exists() and recent.exists()
    assert validate(project).valid


def test_killed_mid_run_then_rerun(project: Path) -> None:
    """SIGKILL at any point leaves each file old or new; a second run finishes the job."""
    parks = project / "annotations" / "parks"
    for i in range(60):
        (parks / f"extra-{i}.yaml").write_bytes(
            (parks / "demo-park.yaml").read_bytes().replace(b"id: demo-park", f"id: extra-{i}".encode())
            .replace(b"\n", b"\r\n"))
    originals = {p.name: p.read_bytes() for p in parks.iterdir()}
    process = subprocess.Popen([sys.executable, "-m", "parkwatch", "fix"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=0.8)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for path in parks.glob("*.yaml"):
        content = path.read_bytes()
        assert content in (originals[path.name], originals[path.name].replace(b"\r\n", b"\n"))
    assert run("fix", cwd=project).returncode == 0
    assert run("fix", "--check", cwd=project).returncode == 0
    assert validate(project).valid  # a temporary file the kill left behind is a dotfile, skipped by every command


def test_two_fixes_at_once(project: Path) -> None:
    park = project / "annotations" / "parks" / "demo-park.yaml"
    clean = park.read_bytes()
    park.write_bytes(b"\xef\xbb\xbf" + clean.replace(b"\n", b"\r\n"))
    env = {**os.environ, "NO_COLOR": "1"}
    both = [subprocess.Popen([sys.executable, "-m", "parkwatch", "fix"], cwd=project, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    assert [p.wait(timeout=120) for p in both] == [0, 0]
    assert park.read_bytes() == clean
    assert not list(park.parent.glob(".parkwatch-fix-*"))


def test_hostile_files_are_left_alone(chdir_project: Path) -> None:
    project = chdir_project
    parks = project / "annotations" / "parks"
    (parks / "binary.yaml").write_bytes(b"id: x\x00\xff\r\n")
    (parks / "gbk.yaml").write_bytes("id: 园区\r\n".encode("gbk"))
    (parks / "bomb.yaml").write_text("a: &a [x, x]\nb: [*a, *a]\nc:\t１\n", encoding="utf-8")
    (parks / "huge.yaml").write_text("id: huge\nvalue: ９" * 1 + "９" * 4000 + "\n", encoding="utf-8")
    outside = project.parent / "outside.yaml"
    outside.write_bytes(b"\xef\xbb\xbfid: outside\n")
    (parks / "link.yaml").symlink_to(outside)
    before = {p.name: p.read_bytes() for p in parks.iterdir() if not p.is_symlink()}
    result = fix(project)
    assert {c.location.file for c in result.changes} <= {"annotations/parks/huge.yaml"}
    for name in ("binary.yaml", "gbk.yaml", "bomb.yaml"):
        assert (parks / name).read_bytes() == before[name]
    assert outside.read_bytes() == b"\xef\xbb\xbfid: outside\n"


def test_unquoted_years_are_dates_like_unquoted_days(project: Path) -> None:
    park = project / "annotations" / "parks" / "demo-park.yaml"
    text = park.read_text(encoding="utf-8")
    park.write_text(text.replace('deadline: "2024"', "deadline: 2024", 1), encoding="utf-8")
    report = validate(project)
    assert report.valid, [p.code for p in report.problems]
    assert report.index.parks["demo-park"].data["targets"][0]["deadline"] == "2024"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from parkwatch.authoring.fix import repaired  # noqa: E402
from parkwatch.validation.parse import load_text  # noqa: E402

_PIECES = st.sampled_from(["a", "kind", "zh", "value", "deadline", ":", "：", " ", "  ", "\t", "\u3000", "\n", "\r\n",
                           "- ", "#", '"', "'", "“", "”", "６", "2024", "超", "[", "]", "{", "}", ",", "|", ">-", "&x",
                           "*x", "!", "\\", "\ufeff", "\x1b", "９" * 30])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_hostile_text_never_raises_and_fix_is_safe(text: str) -> None:
    """Any text: loading gives located problems or data; fix never raises, never breaks a readable file,
    and a second fix finds nothing more to do."""
    data, problems = load_text(text, "f.yaml")
    lines = text.count("\n") + 1
    assert all(p.location.line is None or 1 <= p.location.line <= lines for p in problems)
    raw = text.encode("utf-8")
    fixed, changes = repaired(raw, "f.yaml", None)
    if not changes:
        assert fixed == raw
        return
    before, _ = load_text(raw.decode("utf-8-sig"), "f.yaml")
    after, after_problems = load_text(fixed.decode("utf-8"), "f.yaml")
    if before is not None:
        assert after is not None, after_problems
    again, more = repaired(fixed, "f.yaml", None)
    assert more == [] and again == fixed
