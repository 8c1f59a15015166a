"""The mechanical repairs of `parkwatch fix`, on text: each returns the new text and what it changed.

Line-level edits keep every comment, blank line and quote as it was. Nothing inside a block
scalar (`quote: >-` and the like) is touched, nor any free text: only indentation, the colon
after a key, and the values of ids, dates, numbers and coded fields.
"""

from __future__ import annotations

import re
from typing import Callable

from ..base.dates import DATE_KEYS
from ..base.problems import Location, Problem, problem
from ..validation.index import VOCABULARY_FIELDS
from ..validation.labels import Labels, has_label, lookup
from ..validation.scalars import scalars
from ..validation.schema import FULLWIDTH_DIGITS
from ..validation.syntax import FULLWIDTH_KEY, structural_lines

_INDENT = re.compile(r"^[ \t\u3000]+")
_STARTS_ENTRY = re.compile(r"(?:- +)?[A-Za-z_][A-Za-z0-9_]*[ \t\u3000]*[:：]|- ")
_HAS_FULLWIDTH_DIGIT = re.compile("[０-９]")
# Values that are ids, dates or numbers: full-width digits there can only mean ASCII ones.
_PLAIN_KEYS = DATE_KEYS | {"id", "value", "code", "park", "source", "organisation"}
_PLAIN_VALUE = re.compile(r"""["']?[0-9A-Za-z._\-]+["']?""")

Edit = tuple[str, list[Problem]]


def bytes_to_text(raw: bytes, display: str) -> tuple[str, list[Problem]] | None:
    """Text without BOM and with LF line endings, or None when the bytes are not UTF-8 text."""
    changes = []
    if raw.startswith(b"\xef\xbb\xbf"):
        while raw.startswith(b"\xef\xbb\xbf"):  # a file saved twice by a BOM-writing editor has two
            raw = raw[3:]
        changes.append(problem("file.bom", Location(display, 1, 1)))
    crlf = raw.find(b"\r\n")
    if crlf >= 0:
        changes.append(problem("file.crlf", Location(display, raw.count(b"\n", 0, crlf) + 1)))
        raw = raw.replace(b"\r\n", b"\n")
    if b"\x00" in raw:
        return None
    try:
        return raw.decode("utf-8"), changes
    except UnicodeDecodeError:
        return None


def _edit_lines(text: str, repair: Callable[[int, str], tuple[str, Problem] | None]) -> Edit:
    lines = text.split("\n")
    changes = []
    for number, line in list(structural_lines(text)):
        done = repair(number, line)
        if done is not None:
            lines[number], change = done
            changes.append(change)
    return "\n".join(lines), changes


def indentation(text: str, display: str) -> Edit:
    """Tabs and ideographic spaces in the indentation before a key or list item, each made two spaces."""
    if "\t" not in text and "\u3000" not in text:
        return text, []
    def repair(number: int, line: str) -> tuple[str, Problem] | None:
        match = _INDENT.match(line)
        if not match or not ("\t" in match.group() or "\u3000" in match.group()):
            return None
        if not _STARTS_ENTRY.match(line, match.end()):
            return None
        first = next(i for i, c in enumerate(match.group()) if c in "\t\u3000")
        code = "yaml.tab" if match.group()[first] == "\t" else "yaml.ideographic-space"
        fixed = re.sub("[\t\u3000]", "  ", match.group()) + line[match.end():]
        return fixed, problem(code, Location(display, number + 1, first + 1))
    return _edit_lines(text, repair)


def colons(text: str, display: str) -> Edit:
    """`key：value` written as `key: value`."""
    if "：" not in text:
        return text, []
    def repair(number: int, line: str) -> tuple[str, Problem] | None:
        code_part = line.split(" #", 1)[0]
        match = FULLWIDTH_KEY.match(code_part)
        if not match or ":" in code_part[: match.end()]:
            return None
        rest = line[match.end():].lstrip(" \u3000")
        fixed = f"{match.group(1)}{match.group(2)}:" + (f" {rest}" if rest else "")
        return fixed, problem("yaml.fullwidth-colon", Location(display, number + 1, match.end()), key=match.group(2))
    return _edit_lines(text, repair)


# A line whose key is a coded field's (kind, metric, comparator…), and its value.
_CODED_KEYS = sorted({pattern[-1] for pattern, _ in VOCABULARY_FIELDS})
_CODED_LINE = re.compile(r"^[ \t]*(?:- +)?(?:%s):[ \t]*[\"']?([^\"'#\n]+?)[\"']?[ \t]*(?:#.*)?$"
                         % "|".join(_CODED_KEYS), re.M)


def _mentions_label(text: str, labels: Labels) -> bool:
    """Whether a coded field's line holds a label of some vocabulary (a quick test before parsing)."""
    return any(" ".join(m.group(1).split()).casefold() in labels.known for m in _CODED_LINE.finditer(text))


def values(text: str, display: str, labels: Labels | None) -> Edit:
    """Full-width digits in ids, dates and numbers made ASCII; with `labels`, vocabulary labels made ids."""
    digits = _HAS_FULLWIDTH_DIGIT.search(text) is not None
    if not digits and not (labels and _mentions_label(text, labels)):
        return text, []  # the common case, decided without parsing
    found = scalars(text, display, lambda data: digits or labels is not None and has_label(labels.tables, data))
    if not found:  # nothing to do, or not YAML (or YAML with anchors or tags): nothing is safe to rewrite
        return text, []
    edits: list[tuple[int, int, str, Problem]] = []
    for item in found:
        written = text[item.start:item.end]
        where = Location(display, item.line, item.column)
        key = next((step for step in reversed(item.path) if isinstance(step, str)), None)
        if labels is not None and item.style in ("", '"', "'") and "\n" not in written:
            label = lookup(labels.tables, item.path, item.value)
            if label:
                edits.append((item.start, item.end, label[1], problem(
                    "vocab.label", where, field=key, value=item.value, vocabulary=label[0], id=label[1])))
                continue
        if key in _PLAIN_KEYS and item.path[-1] == key and _HAS_FULLWIDTH_DIGIT.search(written):
            ascii_text = written.translate(FULLWIDTH_DIGITS)
            if _PLAIN_VALUE.fullmatch(ascii_text):
                column = next(i for i, c in enumerate(written) if "０" <= c <= "９")
                at = Location(display, item.line, item.column + column)
                edits.append((item.start, item.end, ascii_text, problem("text.fullwidth-digits", at, value=written,
                                                                        fixed=ascii_text)))
    for start, end, new, _ in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text, [change for *_, change in edits]
