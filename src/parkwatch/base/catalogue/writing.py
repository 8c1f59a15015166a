"""How a contributor wrote it: YAML syntax in plain words, typographic characters, labels for ids.

These are the mistakes a person makes typing YAML in a Chinese editor or copying from the
template; `parkwatch fix` rewrites those that have one meaning only.
"""

from __future__ import annotations

from .entry import ASCII_COLON, NO_IDEOGRAPHIC_SPACE, SPACES_NOT_TABS, Entry, T

ENTRIES: tuple[Entry, ...] = (
    # YAML syntax, each cause in plain words
    Entry("yaml.tab", T("Tab in indentation", "缩进中有制表符"),
          T("a tab character is used for indentation; YAML allows only spaces there",
            "缩进中用了制表符；YAML 的缩进只能用空格"),
          SPACES_NOT_TABS,
          T("YAML reads indentation as structure and refuses tabs in it. `parkwatch fix` replaces each "
            "leading tab with two spaces.", "YAML 以缩进表示结构，缩进中不允许制表符。`parkwatch fix` 会把行首的每个制表符换成两个空格。"),
          "level:\n\tid: unknown", "level:\n  id: unknown"),
    Entry("yaml.ideographic-space", T("Full-width space in indentation", "缩进中有全角空格"),
          T("a full-width space (U+3000) is used for indentation", "缩进中用了全角空格（U+3000）"),
          NO_IDEOGRAPHIC_SPACE,
          T("Chinese input methods type U+3000 for a space. YAML does not count it as indentation. "
            "`parkwatch fix` replaces each one at the start of a line with two ASCII spaces.",
            "中文输入法常打出全角空格 U+3000，YAML 不把它当作缩进。`parkwatch fix` 会把行首的每个全角空格换成两个半角空格。"),
          "level:\n\u3000\u3000id: unknown", "level:\n  id: unknown"),
    Entry("yaml.fullwidth-colon", T("Full-width colon after a key", "键后用了全角冒号"),
          T("'{key}' is followed by the full-width colon '：', so YAML does not see a key here",
            "“{key}”后面是全角冒号“：”，YAML 因此认不出这是一个键"),
          ASCII_COLON,
          T("YAML separates a key from its value with an ASCII colon and a space. `parkwatch fix` rewrites "
            "'key：value' as 'key: value'.", "YAML 用半角冒号加空格分隔键和值。`parkwatch fix` 会把“键：值”改为“键: 值”。"),
          "kind：industrial_park", "kind: industrial_park"),
    Entry("yaml.missing-colon", T("Key without a colon", "键后缺少冒号"),
          T("this line is neither 'key: value' nor a list item '- …'", "此行既不是“键: 值”，也不是列表项“- …”"),
          T("Write the key, a colon and a space, then the value: 'kind: industrial_park'.",
            "请写成键、冒号、空格、值：“kind: industrial_park”。"),
          example="name:\n  zh 示范园", fix="name:\n  zh: 示范园"),
    Entry("yaml.colon-in-value", T("Colon inside a value, or a key too deep", "值中有冒号，或键缩进过深"),
          T("a ': ' appears where YAML expects only a value", "在只应有值的地方出现了“: ”"),
          T("If the value contains ': ', put it in double quotes; if it is a new key, line it up with the keys "
            "above.", "如果值里含有“: ”，请给值加双引号；如果这是新的键，请与上面的键对齐。"),
          example='note: 注意: 预计', fix='note: "注意: 预计"'),
    Entry("yaml.unclosed-quote", T("Quote not closed", "引号未闭合"),
          T("a quoted text starts here and is never closed", "此处开始的引号文本没有闭合"),
          T("Add the closing quote (the same kind as the opening one, ASCII '\"' or \"'\").",
            "请补上结尾的引号（与开头的引号相同，半角“\"”或“'”）。"),
          example='deadline: "2024', fix='deadline: "2024"'),
    Entry("yaml.unclosed-bracket", T("Bracket not closed", "括号未闭合"),
          T("a '{{' or '[' list is not closed, or its items are not separated by ', '",
            "“{{”或“[”没有闭合，或其中各项没有用“, ”分隔"),
          T("Close it with '}}' or ']' on the same entry, and separate items with ', '.",
            "请用“}}”或“]”闭合，并用“, ”分隔各项。"),
          example="evidence: {source: s, quote: 开园", fix="evidence: {source: s, quote: 开园}"),
    Entry("yaml.indentation", T("Indentation does not line up", "缩进没有对齐"),
          T("this line's indentation does not match the lines above it", "此行的缩进与上面的行不一致"),
          T("Keys of the same record start in the same column; indent a nested record by two spaces.",
            "同一记录的键应从同一列开始；嵌套的记录再缩进两个空格。"),
          T("YAML reads structure from indentation. The position is where the parser noticed; the line that "
            "is out of step is this one or the one before.", "YAML 依靠缩进表示结构。所报位置是解析器发现问题之处，缩进不对的是此行或上一行。"),
          "name:\n  zh: 示范园\n en: Demo Park", "name:\n  zh: 示范园\n  en: Demo Park"),
    # Typographic characters where ASCII belongs
    Entry("text.fullwidth-digits", T("Full-width digits", "全角数字"),
          T("{value} has full-width digits", "{value} 中有全角数字"),
          T("Write ASCII digits: {fixed}.", "请改用半角数字：{fixed}。"),
          T("Numbers, dates and ids are read as ASCII. `parkwatch fix` rewrites full-width digits in ids, dates "
            "and numbers (never in a quote).", "数字、日期和编号只认半角字符。`parkwatch fix` 会改写编号、日期和数值中的全角数字（引语除外）。"),
          "value: ６", "value: 6"),
    Entry("text.curly-quotes", T("Curly or corner quotes", "弯引号或直角引号"),
          T("{value} has curly or corner quotes; YAML does not read them as quotes", "{value} 中有弯引号或直角引号，YAML 不把它们当作引号"),
          T("Quote with ASCII double quotes: {fixed}.", "请用半角双引号：{fixed}。"),
          example="deadline: “2024”", fix='deadline: "2024"'),
    Entry("text.fullwidth-dash", T("Full-width dash", "全角连字符"),
          T("{value} has a full-width dash or a long dash", "{value} 中有全角连字符或长破折号"),
          T("Write the ASCII hyphen '-': {fixed}.", "请改用半角连字符“-”：{fixed}。"),
          example='date: "2021－12"', fix='date: "2021-12"'),
    Entry("text.fullwidth-space", T("Full-width space", "全角空格"),
          T("{value} has a full-width space (U+3000)", "{value} 中有全角空格（U+3000）"),
          T("Remove it: {fixed}.", "请删除它：{fixed}。"),
          example="kind: industrial_park\u3000", fix="kind: industrial_park"),
    # A label written where the id belongs
    Entry("vocab.label", T("Label instead of id", "写了名称而不是编号"),
          T("{field} {value} is how the {vocabulary} vocabulary names a term, not its id",
            "{field} {value} 是 {vocabulary} 词表中词条的名称，不是编号"),
          T("{field} {value} → write `{id}`", "{field} {value} → 请写 `{id}`"),
          T("Coded fields take the term's id from annotations/vocabularies/; the Chinese and English labels "
            "there are for reading. `parkwatch fix` writes the id when a label names exactly one term.",
            "编码字段要写 annotations/vocabularies/ 中词条的编号；其中的中英文名称只供阅读。名称只对应一个词条时，`parkwatch fix` 会改写为编号。"),
          "comparator: 超", "comparator: more_than"),
    # parkwatch fix
    Entry("fix.not-written", T("File not rewritten", "文件未能改写"),
          T("parkwatch fix cannot write the file: {reason}; it is unchanged", "parkwatch fix 无法写入该文件：{reason}；文件保持原样"),
          T("Check that the file and its folder are writable, then run parkwatch fix again.",
            "请确认文件及其目录可写，然后重新运行 parkwatch fix。")),
)
