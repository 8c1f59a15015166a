"""Safe YAML loading: libyaml, no anchors, aliases, tags or duplicate keys, bounded size and depth.

A file is parsed once. Positions are looked up again only when a problem must be
reported (see `locate`), so the common, clean case stays as fast as bare parsing.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from ..base.dates import DATE_KEYS
from ..base.problems import Location, Problem, problem
from .prescan import MAX_DEPTH, _BaseLoader, _loc, _suspect, needs_scan, scan_events  # noqa: F401 - _suspect: tests
from .syntax import ideographic_indent, syntax_problem

MAX_BYTES = 1_000_000
MAX_LINE = 5_000
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_YEAR = re.compile(r"[0-9]{4}")


class _DuplicateKey(Exception):
    def __init__(self, key: str, mark: Any, first: Any):
        self.key, self.mark, self.first = key, mark, first


class _NumberForm(Exception):
    """An integer written in a YAML 1.1 form that reads as another number than it shows (0x1F, 017, 1:30)."""

    def __init__(self, text: str, value: int, mark: Any):
        self.text, self.value, self.mark = text, value, mark


class _BadKey(Exception):
    def __init__(self, key: Any, mark: Any):
        self.key, self.mark = key, mark


class StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps dates as strings, numbers exact, and rejects duplicate keys."""

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML hook
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)
        # Keys first, all of them, so a duplicate is reported before any value is constructed.
        keys: list[str] = []
        seen: dict[str, Any] = {}
        for key_node, _ in node.value:
            if key_node.tag == _STR_TAG and isinstance(key_node, yaml.ScalarNode):
                # What constructing a plain string key gives, without the call; interned, since the same few
                # keys recur in every file: one string each, so less to send between processes and to keep.
                key = sys.intern(key_node.value)
            else:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _BadKey("<<", key_node.start_mark)
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    raise _BadKey(key, key_node.start_mark)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark, seen[key])
            seen[key] = key_node.start_mark
            keys.append(key)
        construct = self._construct
        return {key: _year_text(key, value_node) or construct(value_node, deep)
                for key, (_, value_node) in zip(keys, node.value)}

    def construct_sequence(self, node, deep=False):  # noqa: D102 - PyYAML hook
        if not isinstance(node, yaml.SequenceNode):
            return super().construct_sequence(node, deep=deep)
        construct = self._construct
        return [construct(child, deep) for child in node.value]

    def _construct(self, node: yaml.Node, deep: bool) -> Any:
        """construct_object, without its bookkeeping for a plain string: what it would give, quicker.

        The bookkeeping serves aliases, which never get this far (see prescan.py).
        """
        if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
            return node.value
        return self.construct_object(node, deep=deep)

    def resolve(self, kind, value, implicit):  # noqa: D102 - PyYAML hook, called for every node
        # BaseResolver.resolve without path resolvers (this loader has none), its resolvers looked up once.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


def _year_text(key: str, node: yaml.Node) -> str | None:
    """An unquoted year under a date key, kept as the text typed, as an unquoted `2021-12-22` is.

    YAML reads `deadline: 2024` as a number and `date: 2021-12-22` as a date; a contributor means
    the same by both, so a date field keeps either as text and needs no quotes.
    """
    if key in DATE_KEYS and node.tag == _INT_TAG and not node.style and _YEAR.fullmatch(node.value):
        return node.value
    return None


def _construct_str(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return loader.construct_scalar(node)  # type: ignore[return-value]


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal | str:
    text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text  # .inf / .nan stay strings, so the schema rejects them as non-numbers
    return value if value.is_finite() else text


_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")


def _construct_int(loader: yaml.SafeLoader, node: yaml.Node) -> int | Decimal | str:
    """An integer of any length: Python refuses to convert more than 4,300 digits, Decimal does not.

    Only plain decimal digits are a number: YAML 1.1 also reads 0x1F, 0o17, 017, 0b101, 1_000 and
    1:30 (base 60) as integers, which a contributor rarely means; those are refused with their value.
    """
    text = str(node.value)
    if not _PLAIN_INT.fullmatch(text):
        try:
            value = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
        except ValueError:
            value = None
        if isinstance(value, int):
            raise _NumberForm(text, value, node.start_mark)
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        text = str(loader.construct_scalar(node)).replace("_", "")  # type: ignore[arg-type]
        try:
            return Decimal(text)
        except InvalidOperation:
            return text  # the schema then says it is not a number


StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_str)
StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
assert not StrictLoader.yaml_path_resolvers  # resolve() above relies on it
_WILDCARD = tuple(StrictLoader.yaml_implicit_resolvers.get(None, []))
_IMPLICIT = {first: tuple(found) + _WILDCARD for first, found in StrictLoader.yaml_implicit_resolvers.items()
             if first is not None}


@dataclass
class Loaded:
    """One parsed file: its data (None when it could not be loaded), its text, and problems."""

    path: Path | str  # a string for a file re-validation did not read: making Paths for thousands adds up
    display: str
    text: str | None
    data: Any
    problems: list[Problem]




def decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text, or a located problem for binary, oversized or non-UTF-8 input."""
    if len(raw) > MAX_BYTES:
        return None, [problem("file.too-large", Location(display), size=f"{len(raw):,}", limit=f"{MAX_BYTES:,}")]
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return None, [problem("file.binary", Location(display, line))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # position of the first bad byte
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [problem("file.encoding", Location(display, line, col))]
    problems = []
    if len(text) > MAX_LINE:  # a shorter file cannot hold a longer line
        lengths = list(map(len, text.split("\n")))
        if max(lengths) > MAX_LINE:
            number = next(i for i, length in enumerate(lengths, start=1) if length > MAX_LINE)
            problems.append(problem("file.long-line", Location(display, number), length=f"{lengths[number - 1]:,}",
                                    limit=f"{MAX_LINE:,}"))
            return None, problems
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(problem("file.bom", Location(display, 1, 1)))
    crlf = raw.find(b"\r\n")
    if crlf >= 0:
        problems.append(problem("file.crlf", Location(display, raw.count(b"\n", 0, crlf) + 1)))
    return text, problems


def load_text(text: str, display: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text under the project's rules."""
    if needs_scan(text):
        problems = scan_events(text, display)
        if problems:
            return None, problems
    try:
        data = yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a safe loader
    except _DuplicateKey as exc:
        return None, [problem("yaml.duplicate-key", _loc(display, exc.mark), key=exc.key,
                              first_line=exc.first.line + 1)]
    except _NumberForm as exc:
        return None, [problem("yaml.number-form", _loc(display, exc.mark), text=exc.text[:40], value=exc.value)]
    except _BadKey as exc:
        return None, [problem("yaml.key-type", _loc(display, exc.mark), key=repr(exc.key))]
    except yaml.constructor.ConstructorError as exc:
        return None, [problem("yaml.tag", _loc(display, exc.problem_mark), tag=exc.problem)]
    except yaml.YAMLError as exc:
        return None, [syntax_problem(text, display, exc)]
    except RecursionError:
        return None, [problem("yaml.too-deep", Location(display), limit=MAX_DEPTH)]
    indented = ideographic_indent(text, display)
    return (None, [indented]) if indented else (data, [])


def decode_text(raw: bytes) -> str:
    """raw.decode("utf-8-sig") for bytes known to decode, without that codec's slower Python wrapper."""
    return raw[len(codecs.BOM_UTF8):].decode() if raw.startswith(codecs.BOM_UTF8) else raw.decode()


def read_file(path: Path, display: str) -> bytes | Loaded:
    """A file's bytes, or a Loaded that says why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        return Loaded(path, display, None, None,
                      [problem("file.unreadable", Location(display), reason=exc.strerror)])


def load_file(path: Path, display: str) -> Loaded:
    """Read and parse one annotation file."""
    raw = read_file(path, display)
    return raw if isinstance(raw, Loaded) else load_bytes(path, display, raw)


def load_bytes(path: Path, display: str, raw: bytes) -> Loaded:
    """Parse the bytes of one annotation file."""
    text, problems = decode(raw, display)
    if text is None:
        return Loaded(path, display, None, None, problems)
    if not text.strip():
        return Loaded(path, display, text, None, [*problems, problem("file.empty", Location(display, 1, 1))])
    data, more = load_text(text, display)
    if data is None and not more:
        more = [problem("file.empty", Location(display, 1, 1))]
    return Loaded(path, display, text, data, problems + more)


class Locator:
    """Finds the line and column of a path inside a document, composing it only when first asked."""

    def __init__(self, text: str):
        self._text = text
        self._root: yaml.Node | None = None
        self._composed = False

    def _node(self, path: tuple | list) -> tuple[yaml.Node | None, bool]:
        """The node at `path` (or its nearest ancestor) and whether the whole path was found."""
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self._text, Loader=_BaseLoader)
            except yaml.YAMLError:
                self._root = None
        node = self._root
        if node is None:
            return None, False
        for step in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                child = node.value[step]
            if child is None:
                return node, False
            node = child
        return node, True

    def position(self, path: tuple | list, key: str | None = None, char: str | None = None) -> tuple[int, int] | None:
        """1-based (line, column) of the value at `path`, or of the key `key` inside the mapping there,
        or of the first `char` inside that value."""
        node, found = self._node(path)
        if node is None:
            return None
        if char is not None and found:
            return self._char_position(node, char)
        if key is not None and found and isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if key_node.value == key:
                    node = key_node
                    break
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _char_position(self, node: yaml.Node, char: str) -> tuple[int, int]:
        """Where `char` first appears in the node's text, or the node's start when it is escaped there."""
        start, end = node.start_mark.index, node.end_mark.index
        at = self._text.find(char, start, end)
        if at < 0:
            return node.start_mark.line + 1, node.start_mark.column + 1
        line_start = self._text.rfind("\n", 0, at) + 1
        return self._text.count("\n", 0, at) + 1, at - line_start + 1
