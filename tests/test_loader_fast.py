"""The loader's shortcuts give what PyYAML's general code gives: the same tags, data and refusals."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from parkwatch.validation import parse
from parkwatch.validation.prescan import _suspect, needs_scan, scan_events

from .conftest import REPO
from .test_parallel_cache import generate


class _Reference(parse.StrictLoader):
    """The project's loader with PyYAML's own resolve and construct_object for every node."""

    def resolve(self, kind, value, implicit):
        return yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)

    def _construct(self, node, deep):
        return self.construct_object(node, deep=deep)


_SCALARS = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", "~", "null", "yes", "No", "on", "0", "-1", "+2.5", ".5", "1e3", "0x1F", "2021-02-30", "2021-02", "<<", "=",
     ".inf", "-.NaN", "1_000", "12:30", "0o17", "True", "FALSE"]))


@settings(max_examples=500, deadline=None)
@given(_SCALARS, st.booleans(), st.booleans())
def test_resolve_matches_pyyaml(value: str, plain: bool, quoted: bool) -> None:
    loader = parse.StrictLoader("")
    for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode):
        assert loader.resolve(kind, value, (plain, quoted)) == _Reference("").resolve(kind, value, (plain, quoted))


def _loaded(text: str, loader: type) -> object:
    try:
        return ("data", yaml.load(text, Loader=loader))  # noqa: S506 - both are the project's safe loader
    except Exception as exc:  # the same refusal either way
        return ("refused", type(exc).__name__)


def test_the_same_data_from_every_annotation_file(tmp_path: Path) -> None:
    generate.generate(20, tmp_path / "generated")
    files = [*REPO.glob("annotations/**/*.yaml"), *REPO.glob("tests/cases/**/*.yaml"),
             *(tmp_path / "generated").rglob("*.yaml")]
    assert len(files) > 100
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert _loaded(text, parse.StrictLoader) == _loaded(text, _Reference), path


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.sampled_from(["a: ", "- ", "? ", "b:", "- - ", "{c: ", "[", "]", "}",
                                                               "d, ", "e"])), max_size=40))
def test_text_that_skips_the_scan_is_never_refused_by_it(lines: list[tuple[int, str]]) -> None:
    text = "".join(" " * indent + piece + "\n" for indent, piece in lines)
    if _suspect(text) and not needs_scan(text):
        assert scan_events(text, "x.yaml") == []
    assert needs_scan(text) <= _suspect(text)


def test_deep_flow_nesting_is_still_scanned() -> None:
    for text in ("a: " + "[" * 39 + "]" * 39 + "\n", "k:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 20))
                 + " " * 20 + "v: {a: 1}\n", "a: {b: 1}\n--- \nc: 2\n", "a: &x {b: 1}\n"):
        assert needs_scan(text)
    assert not needs_scan("evidence: {source: s, quote: 6亿元}\n")
