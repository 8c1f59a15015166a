"""The quick test for text that needs the full YAML event scan answers as the regular expressions it replaced."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from parkwatch.validation.parse import _suspect, load_text

_SUSPECT = re.compile(r"[&*!\[{]|^(?:---|\.\.\.)", re.M)
_DEEP_INDENT = re.compile(r"^[ \t\-]{120,}", re.M)


def _reference(text: str) -> bool:
    return bool(_SUSPECT.search(text) or _DEEP_INDENT.search(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t-\n\r.&*![{ax:", max_size=60), st.integers(0, 130), st.sampled_from(" \t-"))
def test_prescan_matches_the_regular_expressions(text: str, indent: int, char: str) -> None:
    for candidate in (text, char * indent + text, text + "\n" + char * indent + "x", "a\r" + "-" * 3 + text):
        assert _suspect(candidate) == _reference(candidate)


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(70)) + " " * 140 + "leaf: 1\n"
    data, problems = load_text(text, "deep.yaml")
    assert data is None and [p.code for p in problems] == ["yaml.too-deep"]
