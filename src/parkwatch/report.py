"""Rendering a report for people (text), programs (json) and pull requests (github)."""

from __future__ import annotations

import json
from typing import Callable

from .problems import Problem
from .validate import Report

FORMATS = ("text", "json", "github")


def text(report: Report, *, color: bool = False) -> str:
    """`path:line:col: severity [code] message`, a hint line below, and a summary line."""
    def paint(s: str, code: str) -> str:
        return f"\033[{code}m{s}\033[0m" if color else s

    lines = []
    for p in report.problems:
        severity = paint(p.severity.value, "31" if p.severity.value == "error" else "33")
        where = f" (at {p.location.pointer})" if p.location.pointer else ""
        lines.append(f"{p.location}: {severity} [{p.code}] {p.message}{where}")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    counts = report.counts()
    if report.problems:
        lines.append(f"{counts['error']} error(s), {counts['warning']} warning(s)")
    else:
        lines.append("no problems found")
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    """{"valid": bool, "counts": {...}, "problems": [{code, severity, message, file, line, column, pointer, hint}]}"""
    payload = {"valid": report.valid, "counts": report.counts(), "problems": [p.as_dict() for p in report.problems]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def _github_line(p: Problem) -> str:
    props = [f"file={_escape(p.location.file, property_value=True)}"]
    if p.location.line is not None:
        props.append(f"line={p.location.line}")
        if p.location.column is not None:
            props.append(f"col={p.location.column}")
    props.append(f"title={_escape(p.code, property_value=True)}")
    message = p.message + (f" (hint: {p.hint})" if p.hint else "")
    return f"::{p.severity.value} {','.join(props)}::{_escape(message)}"


def github(report: Report) -> str:
    """GitHub workflow commands, one annotation per problem."""
    return "".join(_github_line(p) + "\n" for p in report.problems) + text(report).splitlines()[-1] + "\n"


RENDERERS: dict[str, Callable[[Report], str]] = {"text": text, "json": as_json, "github": github}
