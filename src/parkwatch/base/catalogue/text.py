"""Strings and numbers that every consumer can read: the checks on any value of any file."""

from __future__ import annotations

from .entry import Entry, T

ENTRIES: tuple[Entry, ...] = (
    Entry("text.control-character", T("Control character", "控制字符"),
          T("this text holds the control character {char} at position {position}",
            "该文本第 {position} 个字符是控制字符 {char}"),
          T("Delete it: write the text as printed, with no escapes such as \\0, \\e or \\x1b.",
            "请删除该字符：按原文书写，不要用 \\0、\\e、\\x1b 等转义。"),
          T("NUL, ESC, BEL, CR, the line separators and the bidirectional overrides stop or mislead the "
            "programs that read the data (R refuses a NUL; a terminal obeys an ESC). Tabs and line feeds are "
            "allowed.", "NUL、ESC、BEL、CR、行分隔符和双向控制符会使读取数据的程序出错或误导读者（R 遇 NUL 即拒绝读取，"
            "终端会执行 ESC）。制表符和换行可以使用。"),
          'notes: "see\\0 above"', "notes: see above"),
    Entry("text.empty", T("Empty text", "空文本"), T("this value is empty", "该值为空"),
          T("Leave the key out when there is nothing to say.", "没有内容时请删去该键。"),
          T("An empty string is published as an empty CSV cell, which readers take for a missing value, "
            "while Parquet keeps ''; the two copies of the table would disagree.",
            "空字符串在 CSV 中是空单元格，读取时被当作缺失值，而 Parquet 保留 ''，两份表格会不一致。"),
          'notes: ""', "# (no notes key)"),
    Entry("text.whitespace", T("Leading or trailing whitespace", "首尾有空白"),
          T("this value starts or ends with whitespace", "该值首尾有空白"),
          T("Remove the spaces or line breaks around it (a block scalar wants '>-' or '|-').",
            "请删去首尾的空格或换行（块标量请用 '>-' 或 '|-'）。"), severity="warning"),
    Entry("text.formula-like", T("Text starts like a formula", "文本以公式符号开头"),
          T("this value starts with '{start}', which spreadsheets run as a formula",
            "该值以“{start}”开头，电子表格会把它当作公式执行"),
          T("Check that the text is as printed; it is published verbatim, and the data dictionary tells "
            "spreadsheet users to import CSV cells as text.",
            "请确认文本与原文一致；它将原样发布，数据字典提醒电子表格用户以文本方式导入 CSV。"),
          severity="warning"),
    Entry("vocab.factor-out-of-range", T("Unit factor too long", "单位换算系数过长"),
          T("the factor of {unit} has more than {digits} digits", "{unit} 的换算系数超过 {digits} 位"),
          T("Write the exact factor to the canonical unit, e.g. 100000000 for 亿元 or 2000/3 for 亩.",
            "请写出换算为规范单位的精确系数，如亿元为 100000000，亩为 2000/3。")),
)
