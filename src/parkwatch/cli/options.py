"""What every command shares: the typer app, exit codes, option types and rendering of reports."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path

import typer

from ..base.layout import find_project
from ..base.problems import Report
from .render import (
    RENDERERS,
    default_language,
    resolve_format,
    text,
    write_step_summary,
)

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_TOOL = 0, 1, 2, 3

app = typer.Typer(
    help="Validate and publish ParkWatch annotations of Chinese industrial parks.\n\n"
         "Exit codes: 0 clean, 1 data problems, 2 usage error, 3 the tool cannot run.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
new_app = typer.Typer(help="Start a new annotation file from a commented template.", no_args_is_help=True)
app.add_typer(new_app, name="new")


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"
    auto = "auto"


class Lang(str, enum.Enum):
    en = "en"
    zh = "zh"


FORMAT_HELP = "Output: text, json, github (workflow annotations), or auto (github inside GitHub Actions)."
LANG_HELP = "Language of messages and hints (default: from the locale)."
PROJECT_HELP = "Project folder (holds annotations/)."


def fail(message: str, code: int, hint: str = "") -> typer.Exit:
    """Say what went wrong on stderr; the exit to raise."""
    typer.echo(message, err=True)
    if hint:
        typer.echo(f"    hint: {hint}", err=True)
    return typer.Exit(code)


def project_root(start: Path) -> Path:
    """The project at or above `start`, or a usage error."""
    project = find_project(start if start.is_dir() else start.parent)
    if project is None:
        raise fail(f"parkwatch: no annotations/ folder at or above {start}", EXIT_USAGE,
                   "run parkwatch in the project folder, or name a path inside it.")
    return project


def language(lang: Lang | None) -> str:
    return lang.value if lang else default_language()


def render(report: Report, fmt: Format, lang: Lang | None) -> None:
    """A report in the chosen format on stdout (and the step summary inside GitHub Actions)."""
    chosen = language(lang)
    name = resolve_format(fmt.value)
    if name == "text":
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(text(report, color=color, lang=chosen))
    else:
        sys.stdout.write(RENDERERS[name](report, lang=chosen))
    if name == "github":
        write_step_summary(report, lang=chosen)
