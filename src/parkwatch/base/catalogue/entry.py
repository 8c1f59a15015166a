"""A catalogue entry: a code's title, message, hints and explanation, in English and Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class Text:
    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Entry:
    code: str
    title: Text
    message: Text
    hint: Text | None = None
    explain: Text | None = None
    example: str = ""  # a YAML excerpt that causes the problem
    fix: str = ""  # the same excerpt, corrected
    hints: dict[str, Text] = field(default_factory=dict)  # alternative hints, chosen per problem
    severity: str = "error"


def T(en: str, zh: str) -> Text:  # noqa: N802 - reads as a constructor in the table below
    return Text(en, zh)


SUGGEST = T("Did you mean '{suggestion}'?", "是否应为 '{suggestion}'？")
SPACES_NOT_TABS = T("Indent with spaces, not tabs.", "请用空格缩进，不要用制表符。")
NO_IDEOGRAPHIC_SPACE = T("Indent with ASCII spaces, not the ideographic space U+3000.",
                          "请用半角空格缩进，不要用全角空格（U+3000）。")
ASCII_COLON = T("Use an ASCII colon ':' after a key, not the full-width '：'.", "键后请用半角冒号“:”，不要用全角“：”。")
