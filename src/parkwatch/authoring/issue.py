"""A park proposed through the issue form (.github/ISSUE_TEMPLATE/park.yml), as a park file to review.

GitHub renders a filed form as Markdown: one `### label` heading per field, then the answer,
or `_No response_`. Only what the form says goes into the file; what a park file needs and the
form leaves out stays out, so `parkwatch validate` names it for the reviewer. Facts given in
free text (level, dates, targets…) become comments, to be entered with their evidence.
"""

from __future__ import annotations

import json
import re

# The form's fields: id → label, as in .github/ISSUE_TEMPLATE/park.yml (a test keeps the two equal).
FIELDS = {
    "proposal": "Proposal / 提议类型",
    "park_id": "Park id / 园区编号",
    "name_zh": "Chinese name, as printed / 中文名称（照原文）",
    "name_en": "English name / 英文名称",
    "kind": "Kind / 园区类型",
    "quote": "Quote naming the park / 包含园区名称的原文引语",
    "source_id": "Source id, if registered / 已登记的来源编号",
    "source": "Source / 来源",
    "facts": "Other facts, each with its quote / 其他事实（各附原文引语）",
    "correction": "For a correction, what is wrong / 更正：哪里有误",
}
_BY_LABEL = {label: field for field, label in FIELDS.items()}
_HEADING = re.compile(r"^###\s+(.+?)\s*$")
_NO_RESPONSE = "_No response_"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


class IssueError(ValueError):
    """The text is not a filed park form, or lacks what a park file cannot do without."""


def answers(markdown: str) -> dict[str, str]:
    """Each answered field of a filed form, by field id; unanswered and unknown headings are left out."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    for line in markdown.replace("\r\n", "\n").split("\n"):
        heading = _HEADING.match(line)
        if heading:
            current = _BY_LABEL.get(heading.group(1))
            if current is not None:
                found[current] = []
            continue
        if current is not None:
            found[current].append(line)
    out = {}
    for name, lines in found.items():
        value = _CONTROL.sub("", "\n".join(lines).strip())
        if value and value != _NO_RESPONSE:
            out[name] = value
    return out


def _text(value: str) -> str:
    """A YAML scalar for free text: JSON's double-quoted string, which YAML reads as the same text."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def _comment(title: str, value: str | None) -> list[str]:
    if not value:
        return []
    return [f"# {title}:"] + [f"#   {line}".rstrip() for line in value.split("\n")]


def park_from_issue(markdown: str, park_id: str | None) -> tuple[str, str]:
    """(park id, park file text) for a filed form; `park_id` overrides the form's."""
    given = answers(markdown)
    if "name_zh" not in given or "quote" not in given:
        raise IssueError("the text is not a filed park form: it has no Chinese name or no quote")
    park_id = park_id or given.get("park_id", "").strip()
    if not park_id:
        raise IssueError("the form gives no park id: name one, e.g. parkwatch new park ID --from-issue FILE")
    lines = ["# Drafted from a filed issue form: check every line against the source before committing.",
             "# Fields the form did not give are left out; parkwatch validate lists what is still needed."]
    lines += _comment("Source, as given in the issue (register it in annotations/sources/)", given.get("source"))
    lines += _comment("Other facts, as given in the issue (enter each with its evidence)", given.get("facts"))
    lines += _comment("Correction asked for", given.get("correction"))
    lines += ["", f"id: {park_id}", "", "name:", f"  zh: {_text(given['name_zh'])}"]
    if "name_en" in given:
        lines.append(f"  en: {_text(given['name_en'])}  # our translation unless the issue says it is official")
    lines += ["  evidence:", f"    source: {_text(given.get('source_id', 'your-source-id'))}",
              f"    quote: {_text(given['quote'])}"]
    if "kind" in given:
        lines += ["", f"kind: {_text(given['kind'])}"]
    lines += ["", "level:", "  id: unknown  # unless the source states the level; then add its evidence", ""]
    return park_id, "\n".join(lines)
