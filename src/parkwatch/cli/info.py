"""`parkwatch new park`, `new source`, `explain` and `version`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import explain as explain_code
from .. import new_park as start_park
from .. import new_source as register_source
from .. import version as tool_version
from .options import (
    EXIT_OK,
    EXIT_TOOL,
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


@new_app.command("source")
def new_source(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="The source id: lowercase ASCII words joined by '-'.")],
    text: Annotated[Path, typer.Argument(metavar="TEXT", help="The source's text, a UTF-8 file.", exists=True,
                                         dir_okay=False)],
    url: Annotated[Optional[str], typer.Option("--url", help="Where the source is published.")] = None,
    publisher: Annotated[Optional[str], typer.Option("--publisher", help="The publisher, as printed.")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Publication date, as precise as known: "
                                                "YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    kind: Annotated[Optional[str], typer.Option("--type", help="newspaper_page, news_article, "
                                                "government_document, web_page or other.")] = None,
    sources: Annotated[Optional[Path], typer.Option("--sources", help="Source archive folder (default: "
                                                    "$PARKWATCH_SOURCES, else texts/).", file_okay=False)] = None,
    project: Annotated[Path, typer.Option("--project", help=PROJECT_HELP, file_okay=False)] = Path("."),
) -> None:
    """Register a source: its text into the source archive, and annotations/sources/ID.yaml with what is known."""
    from ..authoring.new import NewFileError

    try:
        done = register_source(source_id, text, project=project_root(project), url=url, publisher=publisher,
                               date=date, kind=kind, archive=sources)
    except NewFileError as exc:
        raise fail(f"parkwatch new source: {exc}", EXIT_USAGE) from None
    except OSError as exc:  # a read-only or full disk: nothing was left behind (see authoring/source.py)
        raise fail(f"parkwatch new source: cannot write {exc.filename or ''}: {exc.strerror}; nothing written",
                   EXIT_TOOL) from None
    typer.echo(f"wrote {done.entry} and {done.text} (sha256 {done.sha256}): fill in the entry, "
               "then run parkwatch validate")


@app.command()
def version() -> None:
    """Print the tool's version."""
    typer.echo(tool_version())
