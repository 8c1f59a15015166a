"""`parkwatch fix`: rewrite what is mechanical and safe, and say what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import fix as fix_files
from ..base.problems import Problem, Report
from .options import EXIT_DATA, EXIT_OK, EXIT_TOOL, EXIT_USAGE, app, fail, language, project_root, say
from .progress import progress
from .render import text

_DONE = {"en": ("fixed", "would fix", "{n} change(s) in {files} file(s)", "nothing to fix"),
         "zh": ("已修复", "将修复", "{files} 个文件中 {n} 处修改", "没有需要修复的内容")}


def _line(change: Problem, verb: str, lang: str) -> str:
    hint = change.hint_in(lang)
    return f"{change.location}: {verb} [{change.code}] {change.message_in(lang)}" + (f"\n    {hint}" if hint else "")


@app.command()
def fix(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        metavar="PATHS", help="Files or folders to fix (default: every annotation file of the project).",
        show_default=False)] = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if something would change.")]
    = False,
) -> None:
    """Rewrite what is mechanical and safe: BOM, CRLF, tabs and full-width spaces in indentation,
    full-width colons and digits, vocabulary labels into ids. Comments, layout and quotes are kept."""
    paths = paths or []
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise fail(f"parkwatch: {missing[0]} does not exist", EXIT_USAGE)
    lang = language()
    with progress("fixing"):
        result = fix_files(project_root(), paths, check=check)
    done, would, summary, nothing = _DONE[lang]
    for change in result.changes:
        typer.echo(_line(change, would if check else done, lang))
    if result.problems:
        typer.echo(text(Report(result.problems), lang=lang), nl=False, err=True)
        raise typer.Exit(EXIT_TOOL)
    if result.changes:
        say(summary.format(n=len(result.changes), files=len(result.changed_files)))
    else:
        say(nothing)
    raise typer.Exit(EXIT_DATA if check and result.changes else EXIT_OK)
