"""Rendering a report: text for people, JSON for programs, GitHub annotations for pull requests."""

from __future__ import annotations

import json
import os
from typing import Callable

from ..base.escapes import UNSAFE_IN_JSON, visible
from ..base.problems import Problem, Report

JSON_FORMAT = "parkwatch-problems/1"
_COLORS = {"error": "31", "warning": "33"}


def default_language(environ: dict[str, str] | None = None) -> str:
    """'zh' when the locale asks for Chinese (LC_ALL, then LC_MESSAGES, then LANG), else 'en'."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def resolve_format(name: str, environ: dict[str, str] | None = None) -> str:
    """`auto` is github inside GitHub Actions, text elsewhere."""
    env = os.environ if environ is None else environ
    if name == "auto":
        return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def _summary_line(report: Report, lang: str) -> str:
    counts = report.counts()
    if not report.problems:
        return "没有发现问题" if lang == "zh" else "no problems found"
    if lang == "zh":
        return f"{counts['error']} 个错误，{counts['warning']} 个警告"
    return f"{counts['error']} error(s), {counts['warning']} warning(s)"


def text(report: Report, *, color: bool = False, lang: str = "en") -> str:
    """`path:line:col: severity [code] message (at /pointer)`, a hint line below, and a summary line."""
    lines = []
    for p in report.problems:
        severity = p.severity.value
        if color:
            severity = f"\033[{_COLORS[severity]}m{severity}\033[0m"
        where = f" (at {visible(p.location.pointer)})" if p.location.pointer else ""
        lines.append(f"{visible(str(p.location))}: {severity} [{p.code}] {visible(p.message_in(lang))}{where}")
        hint = p.hint_in(lang)
        if hint:
            lines.append(f"    {'提示' if lang == 'zh' else 'hint'}: {visible(hint)}")
    lines.append(_summary_line(report, lang))
    return "\n".join(lines) + "\n"


def as_json(report: Report, *, lang: str = "en") -> str:
    """The shape documented in docs/problems.md; `format` names its version."""
    payload = {
        "format": JSON_FORMAT,
        "valid": report.valid,
        "counts": report.counts(),
        "problems": [p.as_dict(lang) for p in report.problems],
    }
    # json escapes C0 controls itself; DEL, C1, the separators and bidi controls it leaves as they are.
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    return UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _escape_data(value: str) -> str:
    """GitHub's own escapes for %, CR and LF; every other control written visibly (see escapes.visible)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(value)


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _github_line(p: Problem, lang: str) -> str:
    props = [f"file={_escape_property(p.location.file)}"]
    if p.location.line is not None:
        props.append(f"line={p.location.line}")
        if p.location.column is not None:
            props.append(f"col={p.location.column}")
    props.append(f"title={_escape_property(p.code)}")
    hint = p.hint_in(lang)
    message = p.message_in(lang) + (f"\n{hint}" if hint else "")
    return f"::{p.severity.value} {','.join(props)}::{_escape_data(message)}"


def github(report: Report, *, lang: str = "en") -> str:
    """GitHub workflow commands, one annotation per problem, then the summary line."""
    return "".join(_github_line(p, lang) + "\n" for p in report.problems) + _summary_line(report, lang) + "\n"


def _cell(value: str) -> str:
    return visible(value.replace("|", "\\|").replace("\n", " "))


def markdown(report: Report, *, lang: str = "en") -> str:
    """Every problem as a Markdown table, for a step summary (GitHub shows only ten annotations)."""
    head = "## parkwatch validate\n\n" + _summary_line(report, lang) + "\n"
    if not report.problems:
        return head
    rows = ["", "| location | severity | code | message |", "|---|---|---|---|"]
    for p in report.problems:
        hint = p.hint_in(lang)
        message = p.message_in(lang) + (f" — {hint}" if hint else "")
        rows.append(f"| `{_cell(str(p.location))}` | {p.severity.value} | `{p.code}` | {_cell(message)} |")
    return head + "\n".join(rows) + "\n"


def write_step_summary(report: Report, *, lang: str = "en", environ: dict[str, str] | None = None) -> None:
    """Append the full list to $GITHUB_STEP_SUMMARY when the variable is set."""
    env = os.environ if environ is None else environ
    path = env.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(markdown(report, lang=lang))


RENDERERS: dict[str, Callable[..., str]] = {"text": text, "json": as_json, "github": github}
