"""The registries and the richer format: redirects, entries of a park file, count words."""

from __future__ import annotations

from .entry import Entry, T

ENTRIES: tuple[Entry, ...] = (
    Entry("schema.exclusive", T("Keys that exclude each other", "互斥的键"),
          T("'{key_name}' cannot be given here: {description_en}", "此处不能写 '{key_name}'：{description_zh}"),
          T("Remove '{key_name}', or the key it conflicts with.", "请删除 '{key_name}'，或与之冲突的键。"),
          example="value: 60\nunit: 个\ncount_word: several", fix="count_word: several"),
    Entry("ref.redirected", T("Refers to a retired id", "引用了已停用的编号"),
          T("'{value}' was renamed or merged into '{replaced_by}'", "'{value}' 已改名或并入 '{replaced_by}'"),
          T("Write {replaced_by} instead.", "请改写为 {replaced_by}。"),
          T("A released id is never reused: a renamed or merged park or organisation keeps a redirect file "
            "(replaced_by), and new references use the id it points to.",
            "已发布的编号永不重用：改名或合并的园区或机构保留一个重定向文件（replaced_by），新的引用请使用它指向的编号。"),
          "parent: {park: nanxiang-park, …}", "parent: {park: nanning-nanxiang-electronic-information-industrial-park, …}"),
    Entry("ref.redirect-unresolved", T("Redirect leads nowhere", "重定向无法解析"),
          T("replaced_by '{value}' does not lead to a record ({chain})", "replaced_by '{value}' 没有指向任何记录（{chain}）"),
          T("Point replaced_by at an existing file of the same folder.", "请让 replaced_by 指向同一目录中已有的文件。"),
          T("Following redirects must end at a live park or organisation, never in a loop.",
            "沿重定向查找必须止于一个现存的园区或机构，不能循环。")),
    Entry("ref.unknown-entry", T("Unknown entry", "未知条目"),
          T("'{value}' is not an id under {listed} in this file", "'{value}' 不是本文件 {listed} 中的编号"),
          T("List it under {listed}: with that id, or correct the id.", "请在 {listed}: 下以该编号列出，或更正编号。"),
          example="targets:\n  - {…, policy: new-nine}", fix="policies:\n  - {id: new-nine, …}"),
    Entry("evidence.count-word-mismatch", T("Quote does not state the count word", "引语中没有该量词"),
          T("the quote does not contain '{value}'", "引语中没有“{value}”"),
          T("Quote the words with the count word, or choose the count word the quote uses.",
            "请引用含该量词的原文，或选用引语中的量词。"),
          T("A count word (若干个, 一批) stands in for a number and, like a number, must be readable in its quote.",
            "量词（若干个、一批）代替数字，和数字一样必须能在引语中读到。")),
)
