"""`parkwatch new park`, `explain` and `version`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import explain as explain_code
from .. import new_park as start_park
from .. import version as tool_version
from .options import (
    EXIT_OK,
    EXIT_USAGE,
    LANG_HELP,
    PROJECT_HELP,
    Lang,
    app,
    fail,
    language,
    new_app,
    project_root,
    say,
)


@app.command()
def explain(
    code: Annotated[Optional[str], typer.Argument(help="A problem code, e.g. yaml.duplicate-key.",
                                                  show_default=False)] = None,
    all_codes: Annotated[bool, typer.Option("--all", help="Every code.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="With --all: docs/problems.md.")] = False,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Explain a problem code: what it means, how to fix it, with an example."""
    from ..base.explain import UnknownCode

    if all_codes:
        typer.echo(explain_code(lang=language(lang), markdown=markdown), nl=False)
        raise typer.Exit(EXIT_OK)
    if code is None:
        raise fail("parkwatch explain: name a code, or use --all", EXIT_USAGE)
    try:
        typer.echo(explain_code(code, lang=language(lang)), nl=False)
    except UnknownCode as exc:
        close = exc.suggestions
        raise fail(f"parkwatch explain: unknown code '{code}'" + (f"; did you mean {', '.join(close)}?"
                                                                   if close else ""), EXIT_USAGE) from None


@new_app.command("park")
def new_park(
    park_id: Annotated[Optional[str], typer.Argument(
        metavar="ID", help="The park id: lowercase ASCII words joined by '-' (with --from-issue: default the "
        "form's).", show_default=False)] = None,
    project: Annotated[Path, typer.Option("--project", metavar="DIR", help=PROJECT_HELP, file_okay=False)]
    = Path("."),
    from_issue: Annotated[Optional[Path], typer.Option(
        "--from-issue", metavar="FILE", help="A filed issue form (its Markdown text): write what it says, "
        "and nothing else, for review.", exists=True, dir_okay=False, show_default=False)] = None,
) -> None:
    """Write annotations/parks/ID.yaml with every field, commented, or drafted from a filed issue form."""
    from ..authoring.new import NewFileError, valid_id

    if from_issue is None and (park_id is None or not valid_id(park_id)):
        raise fail(f"parkwatch new park: '{park_id or ''}' is not a valid id", EXIT_USAGE,
                   "lowercase ASCII words joined by '-', e.g. qingdao-high-tech-zone")
    try:
        target = start_park(park_id, project=project_root(project), from_issue=from_issue)
    except NewFileError as exc:
        raise fail(f"parkwatch new park: {exc}", EXIT_USAGE) from None
    say(f"wrote {target}: " + ("review it against the source, " if from_issue else "fill it in, ")
        + "then run parkwatch validate")


@app.command()
def version() -> None:
    """Print the tool's version."""
    typer.echo(tool_version())
