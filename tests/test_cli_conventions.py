"""CLI conventions: -h/--help, --version, the shared options on every command, metavars, progress and colour."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .test_cli import break_park, run
from .test_layout import _commands

COMMANDS = [typed for typed, _ in _commands()]
SHARED = ("--project", "--lang", "--quiet", "--verbose", "-h, --help")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_the_shared_options(command: str, tmp_path: Path) -> None:
    for flag in ("-h", "--help"):
        result = run(*command.split(), flag, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Usage: ")
        for option in SHARED:
            assert option in result.stdout, (command, option)
        options = [line for line in result.stdout.splitlines() if line.lstrip().startswith("-")]
        assert options and not any("<" in line.split("  ")[1 if line.startswith("  ") else 0] for line in options), \
            result.stdout


def test_version_and_short_help(tmp_path: Path) -> None:
    from parkwatch import version

    assert run("--version", cwd=tmp_path).stdout == version() + "\n"
    assert run("-h", cwd=tmp_path).returncode == 0
    assert run("--no-such-flag", cwd=tmp_path).returncode == 2


def test_project_option_works_from_anywhere(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    break_park(project)
    validate = run("validate", "--project", str(project), cwd=elsewhere)
    assert validate.returncode == 1 and "[ref.unknown-term]" in validate.stdout
    assert run("fix", "--check", "--project", str(project), cwd=elsewhere).returncode == 0
    assert run("build", "--check", "--project", str(project), cwd=elsewhere).returncode == 1  # refuses invalid data
    outside = run("validate", cwd=elsewhere)
    assert outside.returncode == 2


def test_lang_works_the_same_everywhere(project: Path) -> None:
    break_park(project)
    assert "不在" in run("validate", "--lang", "zh", cwd=project).stdout or \
        "词表" in run("validate", "--lang", "zh", cwd=project).stdout
    park = project / "annotations" / "parks" / "demo-park.yaml"
    park.write_bytes(park.read_bytes().replace(b"\n", b"\r\n"))
    assert "将修复 [file.crlf] 文件使用 CRLF" in run("fix", "--check", "--lang", "zh", cwd=project).stdout
    assert run("explain", "yaml.tab", "--lang", "zh", cwd=project).stdout.startswith("yaml.tab (error): 缩进中有制表符")
    assert run("version", "--lang", "zh", cwd=project).returncode == 0


def test_quiet_and_verbose(project: Path) -> None:
    quiet = run("validate", "--quiet", cwd=project)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert run("fix", "-q", cwd=project).stdout == ""
    break_park(project)
    problems = run("validate", "-q", cwd=project)
    assert problems.returncode == 1 and "[ref.unknown-term]" in problems.stdout  # problems are never silenced
    verbose = run("validate", "--verbose", cwd=project)
    assert verbose.stderr.startswith("parkwatch: ") and verbose.stderr.rstrip().endswith(" s")


def _in_pty(args: list[str], cwd: Path, **env: str) -> tuple[int, str]:
    """Run the CLI with stdout and stderr on a pseudo-terminal; its exit code and everything it wrote."""
    master, slave = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI", "GITHUB_ACTIONS")}
    environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", **env})
    process = subprocess.Popen([sys.executable, "-m", "parkwatch", *args], cwd=cwd, stdin=slave, stdout=slave,
                               stderr=slave, env=environ, close_fds=True)
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    os.close(master)
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_only(project: Path) -> None:
    break_park(project)
    code, output = _in_pty(["validate"], project)
    assert code == 1 and "\033[31merror\033[0m" in output
    code, output = _in_pty(["validate"], project, NO_COLOR="1")
    assert code == 1 and "\033[31m" not in output
    assert "\033[" not in run("validate", cwd=project).stdout


def test_progress_on_a_terminal_after_the_delay(project: Path) -> None:
    code, output = _in_pty(["validate"], project, PARKWATCH_PROGRESS_DELAY="0")
    assert code == 0 and "validating" in output and "no problems found" in output
    code, quick = _in_pty(["validate"], project)  # a quick run stays silent
    assert code == 0 and "validating" not in quick
    code, quiet = _in_pty(["validate", "--quiet"], project, PARKWATCH_PROGRESS_DELAY="0")
    assert code == 0 and "validating" not in quiet
    piped = run("validate", cwd=project, PARKWATCH_PROGRESS_DELAY="0")
    assert (piped.stdout, piped.stderr) == ("no problems found\n", "")
