"""What a problem code means and how to fix it: `parkwatch explain` and docs/problems.md."""

from __future__ import annotations

import difflib

from .catalogue import BY_CODE, ENTRIES, Entry

_HEADINGS = {
    "en": ("Meaning", "How to fix", "Example", "Corrected"),
    "zh": ("含义", "如何修正", "示例", "修正后"),
}


class UnknownCode(KeyError):
    """No problem has this code; `suggestions` are the closest codes."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code, self.suggestions = code, suggest(code)


def suggest(code: str) -> list[str]:
    """Codes that start with what was typed first (`yaml.dup`), then the closest spellings."""
    started = [c for c in BY_CODE if c.startswith(code)] if "." in code else []
    close = difflib.get_close_matches(code, list(BY_CODE), n=3, cutoff=0.5)
    return list(dict.fromkeys(started + close))[:3]


def _template(text: str) -> str:
    """A message template for reading: placeholders shown as ‹name›."""
    return text.replace("{{", "\0").replace("}}", "\1").replace("{", "‹").replace("}", "›") \
        .replace("\0", "{").replace("\1", "}")


def explain(code: str, lang: str = "en") -> str:
    """Plain-text explanation of one code; raises UnknownCode for a code the catalogue lacks."""
    if code not in BY_CODE:
        raise UnknownCode(code)
    entry = BY_CODE[code]
    meaning, how, example, fixed = _HEADINGS[lang]
    lines = [f"{entry.code} ({entry.severity}): {entry.title(lang)}", "",
             f"{meaning}: {_template(entry.message(lang))}"]
    if entry.explain:
        lines.append(entry.explain(lang))
    if entry.hint:
        lines += ["", f"{how}: {_template(entry.hint(lang))}"]
    for label, snippet in ((example, entry.example), (fixed, entry.fix)):
        if snippet:
            lines += ["", f"{label}:", *("    " + line for line in snippet.splitlines())]
    return "\n".join(lines) + "\n"


def _markdown_entry(entry: Entry) -> list[str]:
    out = [f"### `{entry.code}`", "", f"{entry.title('en')} / {entry.title('zh')} — {entry.severity}", "",
           f"- Message: {_template(entry.message('en'))}", f"- 信息：{_template(entry.message('zh'))}"]
    if entry.hint:
        out += [f"- Fix: {_template(entry.hint('en'))}", f"- 修正：{_template(entry.hint('zh'))}"]
    if entry.explain:
        out += ["", entry.explain("en"), "", entry.explain("zh")]
    if entry.example:
        out += ["", "```yaml", "# wrong / 错误", entry.example, "```"]
    if entry.fix:
        out += ["", "```yaml", "# right / 正确", entry.fix, "```"]
    return out + [""]


def problems_markdown() -> str:
    """docs/problems.md: every code, generated from the catalogue."""
    lines = [
        "# Problem codes / 问题代码",
        "",
        "Generated from `src/parkwatch/base/catalogue/` by `parkwatch explain --all --markdown`; do not edit by hand.",
        "`parkwatch explain CODE` prints one of these in the terminal.",
        "",
        "Every problem has a stable code, a severity, a message, a location (`file:line:col` and the path",
        "inside the document) and, where it helps, a hint. `--format json` gives them as:",
        "",
        "```json",
        '{"format": "parkwatch-problems/1", "valid": false, "counts": {"error": 1, "warning": 0},',
        ' "problems": [{"code": "ref.unknown-term", "severity": "error", "message": "...", "file": "...",',
        '               "line": 12, "column": 7, "pointer": "/kind", "hint": "..."}]}',
        "```",
        "",
        "Codes, fields and the `format` value stay stable; a change of shape gets a new `format` value.",
        "",
    ]
    family = None
    for entry in sorted(ENTRIES, key=lambda e: e.code):
        head = entry.code.split(".")[0]
        if head != family:
            family = head
            lines += [f"## {family}", ""]
        lines += _markdown_entry(entry)
    return "\n".join(lines).rstrip("\n") + "\n"


def explain_all(lang: str = "en") -> str:
    """Every code, explained, in code order."""
    return "\n".join(explain(code, lang) for code in sorted(BY_CODE))
