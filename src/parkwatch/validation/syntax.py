"""YAML syntax errors in plain words: the cause a person can act on, at the character that caused it.

libyaml says where it gave up ("could not find expected ':'"), which is often a line after the
mistake and in its own English. Here the usual causes are looked for in the text itself, and
the parser's complaint is only used to choose among the rest.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

import yaml

from ..base.problems import Location, Problem, problem

# A key typed with the full-width colon, at the start of a line or of a list item: `kind：x`, `- zh：x`.
FULLWIDTH_KEY = re.compile(r"^([ \t\u3000]*(?:- +)?)([A-Za-z_][A-Za-z0-9_]*)[ \t\u3000]*：")
# U+3000 in the indentation before a key: a structural mistake (inside text it may be a paragraph indent).
_IDEOGRAPHIC_KEY = re.compile(r"^( *)\u3000[ \t\u3000]*(?:- +)?[A-Za-z_][A-Za-z0-9_]*[ \t]*[:：]")
_TAB_INDENT = re.compile(r"^( *)\t")
_BLOCK_START = re.compile(r"[:\-]\s*[|>][-+0-9]*\s*(?:#.*)?$")

# libyaml's complaint → our code, and whether its context mark (where the construct began) is the culprit.
_BY_PROBLEM: tuple[tuple[str, str, bool], ...] = (
    ("found a tab character", "yaml.tab", False),
    ("found character '\\t'", "yaml.tab", False),
    ("could not find expected ':'", "yaml.missing-colon", True),
    ("mapping values are not allowed", "yaml.colon-in-value", False),
    ("expected ',' or '}'", "yaml.unclosed-bracket", True),
    ("expected ',' or ']'", "yaml.unclosed-bracket", True),
    ("expected <block end>", "yaml.indentation", False),
    ("did not find expected key", "yaml.indentation", False),
    ("did not find expected '-' indicator", "yaml.indentation", False),
    ("block sequence entries are not allowed", "yaml.indentation", False),
)


def structural_lines(text: str) -> Iterator[tuple[int, str]]:
    """(index, line) of every line that is not the content of a block scalar."""
    block: int | None = None
    for number, line in enumerate(text.split("\n")):
        indent = len(line) - len(line.lstrip(" \t\u3000"))
        if block is not None:
            if not line.strip() or indent > block:
                continue
            block = None
        yield number, line
        if _BLOCK_START.search(line.split(" #", 1)[0]):
            block = indent


def typing_mistake(text: str, display: str, upto: int | None = None) -> Problem | None:
    """The tab, full-width space or full-width colon that breaks the structure nearest above line `upto`."""
    lines = [(number + 1, line) for number, line in structural_lines(text) if upto is None or number < upto]
    for number, line in reversed(lines):  # the nearest one above where the parser stopped
        found = _line_mistake(line, display, number)
        if found is not None:
            return found
    return None


def _line_mistake(line: str, display: str, number: int) -> Problem | None:
    code_part = line.split("#", 1)[0]
    match = _TAB_INDENT.match(code_part)
    if match and code_part.strip():
        return problem("yaml.tab", Location(display, number, match.end()))
    match = _IDEOGRAPHIC_KEY.match(code_part)
    if match:
        return problem("yaml.ideographic-space", Location(display, number, match.end(1) + 1))
    match = FULLWIDTH_KEY.match(code_part)
    if match and ":" not in code_part[: match.end()]:
        return problem("yaml.fullwidth-colon", Location(display, number, match.end()),
                       key=match.group(2))
    return None


def ideographic_indent(text: str, display: str) -> Problem | None:
    """A key indented with U+3000, which YAML reads as part of the key rather than as indentation."""
    if "\u3000" not in text:
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        match = _IDEOGRAPHIC_KEY.match(line)
        if match:
            return problem("yaml.ideographic-space", Location(display, number, match.end(1) + 1))
    return None


def _bare_line_above(text: str, index: int) -> tuple[int, int] | None:
    """The 1-based line and column of the line above line `index` (0-based) when it has words and no colon.

    `zh 示范园` followed by `en: x` makes libyaml complain about the second line's colon; the
    mistake is the first line's missing one.
    """
    lines = text.split("\n")
    above = next((n for n in range(index - 1, -1, -1) if lines[n].strip() and not lines[n].lstrip().startswith("#")),
                 None)
    if above is None:
        return None
    line = lines[above].split("#", 1)[0].strip()
    if ":" in line or line.startswith(("-", '"', "'", "[", "{")) or " " not in line:
        return None
    return above + 1, len(lines[above]) - len(lines[above].lstrip()) + 1


def _mark_location(display: str, mark: Any, text: str = "") -> Location:
    """A parser mark as a location; a mark past the end of the text (an unfinished file) is its last character."""
    if mark is None:
        return Location(display)
    if text and mark.index >= len(text.rstrip("\n")):
        lines = text.rstrip("\n").split("\n")
        return Location(display, len(lines), max(len(lines[-1]), 1))
    return Location(display, mark.line + 1, mark.column + 1)


def _unclosed_bracket(text: str) -> tuple[int, int] | None:
    """1-based (line, column) of the last '[' or '{' never closed, ignoring quoted text and comments."""
    opened: list[int] = []
    quote = ""
    for at, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and (at == 0 or text[at - 1] in " \t[{,:"):
            quote = char
        elif char == "#" and (at == 0 or text[at - 1] in " \t\n"):
            quote = "\n"  # a comment runs to the end of the line
        elif char in "[{":
            opened.append(at)
        elif char in "]}" and opened:
            opened.pop()
    if not opened:
        return None
    at = opened[-1]
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def syntax_problem(text: str, display: str, exc: yaml.YAMLError) -> Problem:
    """One located problem, in the catalogue's words, for a YAML syntax error."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    mistake = typing_mistake(text, display, mark.line + 1 if mark is not None else None)
    if mistake is not None:
        return mistake
    said = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
    if "flow" in said and mark is not None and mark.index >= len(text.rstrip("\n")):
        bracket = _unclosed_bracket(text)
        if bracket is not None:
            return problem("yaml.unclosed-bracket", Location(display, *bracket))
    if "quoted scalar" in said and "end of stream" in said:
        return problem("yaml.unclosed-quote", _mark_location(display, getattr(exc, "context_mark", None) or mark, text))
    if "mapping values are not allowed" in said and mark is not None:
        bare = _bare_line_above(text, mark.line)
        if bare is not None:
            return problem("yaml.missing-colon", Location(display, *bare))
    for phrase, code, at_context in _BY_PROBLEM:
        if phrase in said:
            where = getattr(exc, "context_mark", None) if at_context else None
            return problem(code, _mark_location(display, where or mark, text))
    position = getattr(exc, "position", None)  # a ReaderError: a character YAML does not accept
    if mark is None and isinstance(position, int) and 0 <= position <= len(text):
        line_start = text.rfind("\n", 0, position) + 1
        return problem("yaml.syntax", Location(display, text.count("\n", 0, position) + 1, position - line_start + 1))
    return problem("yaml.syntax", _mark_location(display, mark, text))
