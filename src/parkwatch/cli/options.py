"""What every command shares: the typer app, exit codes, the options of every command, and rendering."""

from __future__ import annotations

import enum
import functools
import inspect
import os
import sys
import types
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Callable, Optional, Union, get_args, get_origin, get_type_hints

import typer
from typer.models import OptionInfo

from ..base.layout import find_project
from ..base.problems import Report
from ..base.versions import tool_version
from .render import (
    RENDERERS,
    default_language,
    resolve_format,
    text,
    write_step_summary,
)

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_TOOL = 0, 1, 2, 3
CONTEXT = {"help_option_names": ["-h", "--help"]}


@dataclass
class Settings:
    """The options every command takes, as the running command was given them."""

    project: Path | None = None
    lang: str | None = None
    quiet: bool = False
    verbose: bool = False


SETTINGS = Settings()


class App(typer.Typer):
    """A typer app whose every command also takes the shared options (see `with_shared_options`)."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable], Callable]:
        register = super().command(*args, **kwargs)

        def decorator(func: Callable) -> Callable:
            register(with_shared_options(func))
            return func
        return decorator


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"
    auto = "auto"


class Lang(str, enum.Enum):
    en = "en"
    zh = "zh"


FORMAT_HELP = "Output: text, json, github (workflow annotations), or auto (github inside GitHub Actions)."
LANG_HELP = "Language of messages and hints: en or zh (default: from the locale)."
PROJECT_HELP = "Project folder, the one holding annotations/ (default: the one at or above the current folder)."

# The options every command takes, the same way everywhere. A command that declares one itself
# (`project`, `lang`) receives it; the others only record it in SETTINGS.
SHARED: dict[str, tuple[Any, Any]] = {
    "project": (Annotated[Optional[Path], typer.Option("--project", metavar="DIR", help=PROJECT_HELP, file_okay=False,
                                                       show_default=False)], None),
    "lang": (Annotated[Optional[Lang], typer.Option("--lang", metavar="[en|zh]", help=LANG_HELP,
                                                    show_default=False)], None),
    "quiet": (Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems and errors: no progress, "
                                           "no summary.")], False),
    "verbose": (Annotated[bool, typer.Option("--verbose", "-v", help="Also say how long the command took, and "
                                             "show the traceback if the tool fails.")], False),
}


def _metavar(name: str, kind: Any, info: Any) -> str:
    """A readable metavar: an enum's choices, DIR, FILE or PATH for paths, else the option's name in capitals."""
    if get_origin(kind) is Union or isinstance(kind, types.UnionType):
        kind = next(arg for arg in get_args(kind) if arg is not type(None))
    if get_origin(kind) is list:
        kind = get_args(kind)[0]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return "[" + "|".join(str(member.value) for member in kind) + "]"
    if kind is Path:
        return "DIR" if info.file_okay is False else "FILE" if info.dir_okay is False else "PATH"
    # In Annotated form typer keeps the first flag as `default`, the others as `param_decls`.
    declared = [info.default, *(info.param_decls or ())]
    flags = [d for d in declared if isinstance(d, str) and d.startswith("--")]
    return (flags[0][2:] if flags else name).upper().replace("-", "_")


def _named(name: str, annotation: Any) -> Any:
    """The annotation, with a readable metavar for an option that has none (typer would show <str>)."""
    if get_origin(annotation) is not Annotated:
        return annotation
    kind, *extras = get_args(annotation)
    named = []
    for extra in extras:
        if isinstance(extra, OptionInfo) and extra.metavar is None and kind is not bool:
            extra = copy(extra)
            extra.metavar = _metavar(name, kind, extra)
        named.append(extra)
    return Annotated[(kind, *named)]


def with_shared_options(func: Callable) -> Callable:
    """`func` with the shared options added to its signature; their values go to SETTINGS."""
    signature = inspect.signature(func, eval_str=True)
    hints = get_type_hints(func, include_extras=True)
    own = [p.replace(annotation=_named(name, hints.get(name, p.annotation))) for name, p in signature.parameters.items()]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)
             for name, (annotation, default) in SHARED.items() if name not in signature.parameters]

    @functools.wraps(func)
    def run(**values: Any) -> Any:
        lang = values.get("lang")
        SETTINGS.project = values.get("project")
        SETTINGS.lang = lang.value if isinstance(lang, Lang) else lang
        SETTINGS.quiet, SETTINGS.verbose = bool(values.get("quiet")), bool(values.get("verbose"))
        for parameter in added:
            values.pop(parameter.name, None)
        return func(**values)

    run.__signature__ = signature.replace(parameters=own + added)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in own + added}
    return run


def _print_version(value: bool) -> None:
    if value:
        typer.echo(tool_version())
        raise typer.Exit(EXIT_OK)


app = App(
    help="Validate and publish ParkWatch annotations of Chinese industrial parks.\n\n"
         "Exit codes: 0 clean, 1 data problems, 2 usage error, 3 the tool cannot run.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None,
    context_settings=CONTEXT,
)
new_app = App(help="Start a new annotation file from a commented template.", no_args_is_help=True,
              rich_markup_mode=None, context_settings=CONTEXT)
app.add_typer(new_app, name="new")


@app.callback()
def _tool_options(
    version: Annotated[bool, typer.Option("--version", help="Print the tool's version and exit.", is_eager=True,
                                          callback=_print_version)] = False,
) -> None:
    """Options of the tool itself, before any command."""


def fail(message: str, code: int, hint: str = "") -> typer.Exit:
    """Say what went wrong on stderr; the exit to raise."""
    typer.echo(message, err=True)
    if hint:
        typer.echo(f"    hint: {hint}", err=True)
    return typer.Exit(code)


def project_root(start: Path | None = None) -> Path:
    """The project at or above `start` (default: --project, else the current folder), or a usage error."""
    start = start or SETTINGS.project or Path(".")
    project = find_project(start if start.is_dir() else start.parent)
    if project is None:
        raise fail(f"parkwatch: no annotations/ folder at or above {start}", EXIT_USAGE,
                   "run parkwatch in the project folder, or name a path inside it.")
    return project


def language(lang: Lang | None = None) -> str:
    """The language asked for on the command line, else the locale's."""
    if lang:
        return lang.value
    return SETTINGS.lang or default_language()


def say(message: str) -> None:
    """A line of news on stdout, which --quiet silences (problems and errors are never silenced)."""
    if not SETTINGS.quiet:
        typer.echo(message)


def render(report: Report, fmt: Format, lang: Lang | None) -> None:
    """A report in the chosen format on stdout (and the step summary inside GitHub Actions)."""
    chosen = language(lang)
    name = resolve_format(fmt.value)
    if SETTINGS.quiet and not report.problems and name == "text":
        return
    if name == "text":
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(text(report, color=color, lang=chosen))
    else:
        sys.stdout.write(RENDERERS[name](report, lang=chosen))
    if name == "github":
        write_step_summary(report, lang=chosen)
