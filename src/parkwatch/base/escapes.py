"""Characters that can hurt a consumer of a value or a reader of a report, and how to show them."""

from __future__ import annotations

import re

# C0 and C1 controls and DEL (NUL stops C and R readers, ESC drives terminals, CR forges lines),
# the line and paragraph separators, and the bidirectional controls that reorder what a reader sees.
_OTHERS = "\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
# In a value, a tab and a line feed are ordinary whitespace (folded notes, multi-line quotes).
UNSAFE_IN_VALUE = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHERS}]")
# In one report line, nothing invisible may stand as itself.
UNSAFE_IN_LINE = re.compile(f"[\x00-\x1f{_OTHERS}]")
# What a JSON writer leaves unescaped although it is invisible (it escapes C0 itself).
UNSAFE_IN_JSON = re.compile(f"[{_OTHERS}]")


def codepoint(char: str) -> str:
    """U+001B for ESC."""
    return f"U+{ord(char):04X}"


def visible(text: str) -> str:
    """`text` with every invisible control written as an escape (\\x1b, \\u2028), so it stays one harmless line."""
    return UNSAFE_IN_LINE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
