"""Problems are values: every stage returns them instead of raising.

A problem is a code, a location and the parameters of its message; the wording, in
English or Chinese, comes from the catalogue.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from .catalogue import BY_CODE


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a file, a 1-based line and column, and the path inside the document."""

    file: str = ""
    line: int | None = None
    column: int | None = None
    pointer: str = ""

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Problem:
    code: str
    location: Location = field(default_factory=Location)
    params: tuple[tuple[str, str], ...] = ()
    severity: Severity = Severity.ERROR
    hint_key: str | None = None  # None: the code's usual hint; "": none; else one of the code's alternatives

    def _format(self, template: str, lang: str) -> str:
        values = _Params(self.params)
        for key, value in self.params:  # `description_zh` serves `{description}` in Chinese
            if key.endswith("_" + lang):
                values[key[: -len(lang) - 1]] = value
        return template.format_map(values)

    def message_in(self, lang: str = "en") -> str:
        return self._format(BY_CODE[self.code].message(lang), lang)

    def hint_in(self, lang: str = "en") -> str:
        entry = BY_CODE[self.code]
        if self.hint_key == "":
            return ""
        text = entry.hints.get(self.hint_key) if self.hint_key else entry.hint
        return self._format(text(lang), lang).strip() if text else ""

    @property
    def message(self) -> str:
        return self.message_in("en")

    @property
    def hint(self) -> str:
        return self.hint_in("en")

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.file, loc.line or 0, loc.column or 0, self.code, self.params)

    def as_dict(self, lang: str = "en") -> dict:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message_in(lang),
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "pointer": loc.pointer,
            "hint": self.hint_in(lang) or None,
        }


def problem(code: str, location: Location, *, hint: str | None = None, severity: Severity | None = None,
            **params: Any) -> Problem:
    """A problem with its catalogue severity unless told otherwise."""
    if code not in BY_CODE:
        raise KeyError(f"problem code {code!r} is not in the catalogue")
    level = severity or Severity(BY_CODE[code].severity)
    return Problem(code, location, tuple((k, str(v)) for k, v in params.items()), level, hint)


def pointer(path: tuple | list) -> str:
    """JSON Pointer (RFC 6901) for a path of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


@dataclass
class Report:
    """The outcome of validation: every problem, and the index when the files could be read."""

    problems: list[Problem] = field(default_factory=list)
    index: Any = None  # the validation index, when the files could be read

    @property
    def valid(self) -> bool:
        return not has_errors(self.problems)

    def counts(self) -> dict[str, int]:
        return {s.value: sum(p.severity is s for p in self.problems) for s in Severity}
