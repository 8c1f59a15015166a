"""Before composing: which text may hold what the loader refuses, and the event scan that finds it.

Anchors, aliases, explicit tags, a second document and deep nesting are refused from the
event stream, before a node tree is built. Most files cannot hold any of them, and skip
the scan: the tests here are plain substring tests and anchored regular expressions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from ..base.problems import Location, Problem, problem

try:
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # libyaml missing: same rules, slower parser
    _BaseLoader = yaml.SafeLoader  # type: ignore[misc,assignment]

MAX_DEPTH = 40
# Only text containing these can hold an anchor, alias, tag, deep flow nesting or a second document;
# everything else skips the event scan. Plain substring tests: a multi-line regex costs ten times more.
_SUSPECT_CHARS = "&*![{"
_DEEP_START = re.compile(r"[ \t\-]{120}")
_DEEP_LINE = re.compile(r"\n[ \t\-]{120}")
_MARKERS = ("\n---", "\n...", "\r---", "\r...")


def _suspect(text: str) -> bool:
    """Whether the text may hold what the event scan refuses (a line-start '---'/'...', or 120+ indent)."""
    return (any(char in text for char in _SUSPECT_CHARS) or text.startswith(("---", "...")) or "\n---" in text
            or "\n..." in text or _DEEP_START.match(text) is not None or _DEEP_LINE.search(text) is not None)


def needs_scan(text: str) -> bool:
    """Whether the event scan may refuse the text: `_suspect`, less text whose only suspect is flow style.

    Flow collections (`{source: …, quote: …}`) nest no deeper than their number of brackets; block
    collections no deeper than twice the deepest line-start run of spaces, tabs, '-' and '?', plus
    two. When the two add up to at most MAX_DEPTH, the scan can find nothing.
    """
    if not _suspect(text):
        return False
    if any(char in text for char in "&*!") or text.startswith(("---", "...")) or any(m in text for m in _MARKERS):
        return True
    run = (MAX_DEPTH - 3 - text.count("{") - text.count("[")) // 2  # the deepest run that stays shallow
    return run < 1 or _deeper_than(run).search(text) is not None


@lru_cache(maxsize=None)
def _deeper_than(run: int) -> re.Pattern:
    return re.compile(r"(?:\A|[\r\n])[ \t?\-]{%d}" % (run + 1))


def _loc(display: str, mark: Any) -> Location:
    if mark is None:
        return Location(display)
    return Location(display, mark.line + 1, mark.column + 1)


def scan_events(text: str, display: str) -> list[Problem]:
    """Reject anchors, aliases, explicit tags, multiple documents and deep nesting, before composing."""
    depth = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    return [problem("yaml.multiple-documents", _loc(display, event.start_mark))]
            elif isinstance(event, yaml.AliasEvent):
                return [problem("yaml.alias", _loc(display, event.start_mark), name=event.anchor)]
            elif isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if event.anchor is not None:
                    return [problem("yaml.anchor", _loc(display, event.start_mark), name=event.anchor)]
                explicit = not event.implicit if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) \
                    else not any(event.implicit)
                if event.tag is not None and explicit and event.tag != "!":
                    return [problem("yaml.tag", _loc(display, event.start_mark), tag=event.tag)]
                if not isinstance(event, yaml.ScalarEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        return [problem("yaml.too-deep", _loc(display, event.start_mark), limit=MAX_DEPTH)]
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return []  # the full load reports syntax errors with their position
    return []
