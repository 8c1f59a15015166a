"""Schema problems: a value that is not of the form the JSON Schema asks for."""

from __future__ import annotations

from .entry import ASCII_COLON, NO_IDEOGRAPHIC_SPACE, SUGGEST, Entry, T

ENTRIES: tuple[Entry, ...] = (
    # Schema
    Entry("schema.required", T("Missing key", "缺少必填键"), T("missing required key '{key_name}'", "缺少必填键 '{key_name}'"),
          T("{description}", "{description}"),
          T("Every record needs certain keys; the schema in schemas/ lists them.",
            "每类记录都有必填键，见 schemas/ 中的模式。"),
          "level: {id: national}", "level:\n  id: national\n  evidence: {source: …, quote: …}"),
    Entry("schema.unknown-key", T("Unknown key", "未知的键"), T("unknown key '{key_name}'", "未知的键 '{key_name}'"),
          T("Allowed keys: {allowed}", "允许的键：{allowed}"),
          T("Keys outside the schema are refused, so a typo cannot pass silently.", "模式之外的键会被拒绝，以免拼写错误被忽略。"),
          "nmae:\n  zh: 示范园", "name:\n  zh: 示范园",
          hints={"suggest": SUGGEST, "ideographic-space": NO_IDEOGRAPHIC_SPACE, "colon": ASCII_COLON}),
    Entry("schema.type", T("Wrong type", "类型错误"), T("{value} is not of type {expected}", "{value} 的类型不是 {expected}"),
          T("{description}", "{description}"),
          example="deadline: 20241231", fix='deadline: "2024-12-31"',
          hints={"date": T("Write a date as 2021, 2021-12 or 2021-12-22.", "日期请写成 2021、2021-12 或 2021-12-22。")}),
    Entry("schema.pattern", T("Wrong form", "格式错误"), T("{value} is not in the expected form", "{value} 的格式不对"),
          T("{description}", "{description}"), example='deadline: "2024年底"', fix='deadline: "2024"'),
    Entry("schema.enum", T("Value not allowed", "不允许的值"), T("{value} is not one of {allowed}", "{value} 不是 {allowed} 之一"),
          T("{description}", "{description}")),
    Entry("schema.too-short", T("Too short", "过短"), T("{value} is too short", "{value} 过短"), T("{description}", "{description}")),
    Entry("schema.too-long", T("Too long", "过长"), T("{value} is too long", "{value} 过长"), T("{description}", "{description}")),
    Entry("schema.too-few", T("Too few items", "条目过少"), T("{value} has too few items", "{value} 的条目过少"),
          T("{description}", "{description}")),
    Entry("schema.one-of", T("Exactly one of", "只能选其一"),
          T("a party names exactly one of 'park', 'division' or 'organisation'", "合作方须且只能写 park、division、organisation 之一"),
          T("Write one of park: <park-id>, division: {{code, name, as_of}} or organisation: <id>.",
            "请只写其中之一：park: <园区编号>、division: {{code, name, as_of}} 或 organisation: <机构编号>。")),
    Entry("schema.invalid", T("Not valid", "不符合模式"), T("{detail}", "不符合模式：{detail}"), T("{description}", "{description}")),
)
