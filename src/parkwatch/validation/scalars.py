"""Every scalar value of a YAML document with where it is written, for edits that keep the rest as it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

import yaml

from .parse import StrictLoader, load_text


@dataclass(frozen=True)
class Scalar:
    """A scalar value: its path, its text as loaded, how it is quoted, and its span in the document."""

    path: tuple
    value: str
    style: str  # "" plain, '"' or "'" quoted, "|" or ">" block
    start: int  # character offsets of the written value, quotes included
    end: int
    line: int  # 1-based
    column: int


def _walk(node: yaml.Node, path: tuple) -> Iterator[tuple[tuple, yaml.ScalarNode]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield from _walk(value, path + (key.value,))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _walk(item, path + (i,))
    elif isinstance(node, yaml.ScalarNode):
        yield path, node


def scalars(text: str, display: str = "", worth: Callable[[Any], bool] | None = None) -> list[Scalar] | None:
    """The document's scalar values; None when it is not YAML the project accepts (anchors, tags…), or when
    `worth`, asked about the loaded data, says the positions are not needed (composing costs a second parse)."""
    data, refused = load_text(text, display)
    if data is None or refused:  # loading first refuses aliases, so the walk below cannot explode
        return None
    if worth is not None and not worth(data):
        return None
    root = yaml.compose(text, Loader=StrictLoader)
    return [Scalar(path, node.value, node.style or "", node.start_mark.index, node.end_mark.index,
                   node.start_mark.line + 1, node.start_mark.column + 1) for path, node in _walk(root, ())]
