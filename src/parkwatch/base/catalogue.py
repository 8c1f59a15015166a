"""Every problem code: its messages and hints in English and Chinese, and what it means.

This is the one place problem wording lives. `parkwatch explain CODE` and
docs/problems.md are generated from it.
"""

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


_SUGGEST = T("Did you mean '{suggestion}'?", "是否应为 '{suggestion}'？")
_SPACES_NOT_TABS = T("Indent with spaces, not tabs.", "请用空格缩进，不要用制表符。")
_NO_IDEOGRAPHIC_SPACE = T("Indent with ASCII spaces, not the ideographic space U+3000.",
                          "请用半角空格缩进，不要用全角空格（U+3000）。")
_ASCII_COLON = T("Use an ASCII colon ':' after a key, not the full-width '：'.", "键后请用半角冒号“:”，不要用全角“：”。")

ENTRIES: tuple[Entry, ...] = (
    # Files and layout
    Entry("file.unreadable", T("File cannot be read", "文件无法读取"),
          T("cannot read the file: {reason}", "无法读取文件：{reason}"),
          T("Check the file's permissions.", "请检查文件权限。")),
    Entry("file.too-large", T("File too large", "文件过大"),
          T("the file is {size} bytes; the limit is {limit}", "文件有 {size} 字节，上限为 {limit}"),
          T("Split the content; a park file is a few kilobytes.", "请拆分内容；一个园区文件通常只有几 KB。"),
          T("Annotation files are small. A very large file is refused before parsing, so a mistake or an "
            "attack cannot exhaust memory.", "标注文件都很小。过大的文件在解析前即被拒绝，以免耗尽内存。")),
    Entry("file.long-line", T("Line too long", "行过长"),
          T("the line is {length} characters long; the limit is {limit}", "该行有 {length} 个字符，上限为 {limit}"),
          T("Break long text over several lines with '>-' folding.", "长文本请用“>-”折叠写成多行。")),
    Entry("file.binary", T("Binary file", "二进制文件"),
          T("the file contains NUL bytes: it is not a text file", "文件含有 NUL 字节，不是文本文件"),
          T("Save the file as UTF-8 text.", "请将文件保存为 UTF-8 文本。")),
    Entry("file.encoding", T("Not UTF-8", "不是 UTF-8 编码"),
          T("the file is not valid UTF-8", "文件不是有效的 UTF-8 编码"),
          T("Save the file as UTF-8 (not GBK or GB2312).", "请以 UTF-8 编码保存文件（不要用 GBK 或 GB2312）。"),
          T("Annotation files are UTF-8 without a byte-order mark. Editors on Chinese Windows often save GBK; "
            "choose UTF-8 when saving.", "标注文件须为无 BOM 的 UTF-8。中文 Windows 上的编辑器常默认 GBK，保存时请选 UTF-8。")),
    Entry("file.bom", T("Byte-order mark", "字节顺序标记（BOM）"),
          T("the file starts with a byte-order mark (BOM)", "文件以字节顺序标记（BOM）开头"),
          T("Save as UTF-8 without BOM.", "请保存为不带 BOM 的 UTF-8。")),
    Entry("file.crlf", T("CRLF line endings", "CRLF 换行符"),
          T("the file uses CRLF (Windows) line endings", "文件使用 CRLF（Windows）换行符"),
          T("Save with LF line endings; .gitattributes keeps them in a checkout.",
            "请使用 LF 换行符保存；仓库的 .gitattributes 会在检出时保持 LF。")),
    Entry("file.empty", T("Empty file", "空文件"),
          T("the file holds no data", "文件没有内容"),
          T("Write the record, or delete the file.", "请填写记录，或删除该文件。")),
    Entry("file.symlink-outside", T("Link outside the repository", "指向仓库外的链接"),
          T("the file is a symbolic link to a place outside the project", "文件是指向项目之外的符号链接"),
          T("Copy the content into the repository instead.", "请把内容复制进仓库，不要用链接。"),
          T("Links that leave the project could read files a reviewer never sees, so they are refused.",
            "指向项目之外的链接可能读取审阅者看不到的文件，因此不被接受。")),
    Entry("layout.no-annotations", T("No annotations folder", "没有 annotations 目录"),
          T("{folder} is not a folder", "{folder} 不是目录"),
          T("Run parkwatch in the project folder, the one that holds annotations/.",
            "请在包含 annotations/ 的项目目录中运行 parkwatch。")),
    Entry("layout.missing-file", T("Missing file", "缺少文件"), T("{name} is missing", "缺少 {name}"),
          T("Add package.yaml with the package's name, title, version and licences.",
            "请添加 package.yaml，写明数据包名称、标题、版本和许可。")),
    Entry("layout.missing-folder", T("Missing folder", "缺少目录"), T("folder {kind}/ is missing", "缺少目录 {kind}/"),
          T("Create annotations/{kind}/ with the {kind} files.", "请创建 annotations/{kind}/ 并放入相应文件。")),
    Entry("layout.unexpected-folder", T("Unexpected folder", "多余的目录"),
          T("unexpected folder inside {kind}/", "{kind}/ 中不应有子目录"),
          T("Put {kind} files directly in annotations/{kind}/.", "请把文件直接放在 annotations/{kind}/ 下。")),
    Entry("layout.file-extension", T("Wrong file extension", "文件扩展名错误"),
          T("'{name}' does not end in .yaml", "'{name}' 的扩展名不是 .yaml"),
          T("Rename it to end in .yaml.", "请将扩展名改为 .yaml。")),
    # YAML
    Entry("yaml.syntax", T("YAML syntax error", "YAML 语法错误"), T("{detail}", "YAML 语法错误：{detail}"),
          T("Check the indentation and quoting near this line.", "请检查此行附近的缩进和引号。"),
          T("The file is not valid YAML. The position is where the parser gave up; the mistake is often on "
            "the line before.", "文件不是有效的 YAML。所报位置是解析器停下的地方，错误常在上一行。"),
          "level:\n\tid: unknown", "level:\n  id: unknown",
          hints={"tab": _SPACES_NOT_TABS, "ideographic-space": _NO_IDEOGRAPHIC_SPACE, "colon": _ASCII_COLON}),
    Entry("yaml.duplicate-key", T("Duplicate key", "重复的键"),
          T("key '{key}' appears twice (first at line {first_line})", "键 '{key}' 出现了两次（第一次在第 {first_line} 行）"),
          T("Remove or merge one of the two entries.", "请删除或合并其中一项。"),
          T("YAML parsers silently keep the last of two equal keys, so the first value would be lost without "
            "a word.", "YAML 解析器会悄悄保留两个同名键中的后一个，前一个值会无声丢失。"),
          "kind: htz\nkind: etdz", "kind: htz"),
    Entry("yaml.anchor", T("Anchor", "锚点"), T("anchor &{name} is not allowed", "不允许使用锚点 &{name}"),
          T("Remove the '&' anchor; annotations do not share values.", "请删除“&”锚点；标注之间不共享值。"),
          T("Anchors and aliases make a value stand for another; they hide what a file says and allow "
            "'billion laughs' expansion attacks.", "锚点和别名让一个值代表另一个值，既掩盖文件内容，也可能被用于“十亿笑声”膨胀攻击。"),
          "source: &s kjrb-2021-12-industrial-parks", "source: kjrb-2021-12-industrial-parks"),
    Entry("yaml.alias", T("Alias", "别名引用"), T("alias *{name} is not allowed", "不允许使用别名 *{name}"),
          T("Write the value out in full instead of referring to an anchor.", "请完整写出该值，不要引用锚点。"),
          example="source: *s", fix="source: kjrb-2021-12-industrial-parks"),
    Entry("yaml.tag", T("Tag", "标签"), T("tag {tag} is not allowed", "不允许使用标签 {tag}"),
          T("Remove the '!' tag; write plain values (quote strings if needed).", "请删除“!”标签，直接写值（必要时加引号）。"),
          T("Tags can ask a loader to build objects or run code. Annotations are plain data.",
            "标签可以让加载器构造对象甚至执行代码。标注只是纯数据。"),
          "notes: !!python/object/apply:os.system ['ls']", "notes: plain text"),
    Entry("yaml.multiple-documents", T("Several documents", "多个文档"),
          T("the file holds more than one YAML document", "文件包含多个 YAML 文档"),
          T("Keep one record per file and remove the '---' separator.", "每个文件只写一条记录，请删除“---”分隔符。")),
    Entry("yaml.key-type", T("Key is not a string", "键不是字符串"),
          T("keys must be strings, not {key}", "键必须是字符串，不能是 {key}"),
          T("Write keys as plain words, e.g. 'name:'.", "键请写成普通单词，如“name:”。")),
    Entry("yaml.too-deep", T("Nesting too deep", "嵌套过深"),
          T("nesting is deeper than {limit} levels", "嵌套超过 {limit} 层"),
          T("Annotations are a few levels deep; check the brackets and indentation.", "标注只有几层嵌套；请检查括号和缩进。")),
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
          hints={"suggest": _SUGGEST, "ideographic-space": _NO_IDEOGRAPHIC_SPACE, "colon": _ASCII_COLON}),
    Entry("schema.type", T("Wrong type", "类型错误"), T("{value} is not of type {expected}", "{value} 的类型不是 {expected}"),
          T("{description}", "{description}"),
          example="deadline: 2024", fix='deadline: "2024"',
          hints={"date": T("Quote dates so they stay text: '2021' or '2021-12'.", "日期请加引号，保持为文本：'2021' 或 '2021-12'。")}),
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
    # Ids and references
    Entry("id.file-name", T("File name differs from id", "文件名与编号不一致"),
          T("{key_name} '{value}' differs from the file name '{stem}.yaml'", "{key_name} '{value}' 与文件名 '{stem}.yaml' 不一致"),
          T("Rename the file to {value}.yaml, or set {key_name}: {stem}.", "请将文件改名为 {value}.yaml，或设置 {key_name}: {stem}。"),
          T("A record's file is named after its id, so ids stay unique and easy to find.",
            "记录的文件名即其编号，这样编号唯一、易于查找。")),
    Entry("id.duplicate", T("Duplicate id", "编号重复"), T("{key_name} '{value}' is already used by {other}", "{key_name} '{value}' 已被 {other} 使用"),
          T("Ids are unique: choose another or merge the two files.", "编号必须唯一：请换一个，或合并两个文件。")),
    Entry("id.duplicate-item", T("Duplicate id in a file", "文件内编号重复"),
          T("id '{value}' is used twice in this file", "编号 '{value}' 在本文件中出现了两次"),
          T("Give each entry its own id.", "请为每一项使用不同的编号。")),
    Entry("id.duplicate-entry", T("Entry listed twice", "条目重复"),
          T("this {what} is listed twice: {value}", "此{what_zh}重复列出：{value}"),
          T("Keep one entry; combine their evidence into the clearest quote.", "请只保留一项，选用最清楚的引语。")),
    Entry("vocab.missing", T("Missing vocabulary", "缺少词表"), T("vocabulary '{name}' is missing", "缺少词表 '{name}'"),
          T("Add annotations/vocabularies/{name}.yaml.", "请添加 annotations/vocabularies/{name}.yaml。")),
    Entry("ref.unknown-term", T("Unknown vocabulary term", "词表中没有该术语"),
          T("'{value}' is not in the {vocabulary} vocabulary", "'{value}' 不在 {vocabulary} 词表中"),
          T("Use an id from annotations/vocabularies/{vocabulary}.yaml, or add one there.",
            "请使用 annotations/vocabularies/{vocabulary}.yaml 中的编号，或在其中添加。"),
          T("Coded values (kind, level, roles, comparators…) come from the vocabularies, which are data and "
            "grow with contributions.", "编码值（类型、级别、角色、修饰语等）来自词表；词表是数据，可随贡献扩充。"),
          "kind: industrial_prak", "kind: industrial_park", hints={"suggest": _SUGGEST}),
    Entry("ref.unknown-metric", T("Unknown metric", "未知指标"),
          T("'{value}' is not in the metrics vocabulary", "'{value}' 不在指标词表中"),
          T("Use an id from annotations/vocabularies/metrics.yaml, or add the metric there with its dimension "
            "and unit.", "请使用 metrics.yaml 中的指标，或在其中添加新指标及其量纲和单位。"),
          hints={"suggest": _SUGGEST}),
    Entry("ref.unknown-unit", T("Unknown unit", "未知单位"), T("'{value}' is not in the units vocabulary", "'{value}' 不在单位词表中"),
          T("Use a unit from annotations/vocabularies/units.yaml, or add it with its exact factor.",
            "请使用 units.yaml 中的单位，或添加该单位及其精确换算系数。"), hints={"suggest": _SUGGEST}),
    Entry("ref.unknown-dimension", T("Unknown dimension", "未知量纲"),
          T("'{value}' is not in the dimensions vocabulary", "'{value}' 不在量纲词表中"),
          T("Use money, area, count or ratio, or add a dimension.", "请使用 money、area、count 或 ratio，或添加新量纲。"),
          hints={"suggest": _SUGGEST}),
    Entry("ref.self", T("Refers to itself", "引用自身"), T("a park cannot refer to itself here", "园区不能在此引用自身"),
          T("Name another park, or remove the entry.", "请填写另一个园区，或删除该项。")),
    Entry("ref.unknown-park", T("Unknown park", "未知园区"), T("no park has the id '{value}'", "没有编号为 '{value}' 的园区"),
          T("Add annotations/parks/{value}.yaml, or correct the id.", "请添加 annotations/parks/{value}.yaml，或更正编号。"),
          example="parent: {park: qingdao-hightech-zone, …}", fix="parent: {park: qingdao-high-tech-zone, …}",
          hints={"suggest": _SUGGEST}),
    Entry("ref.unknown-organisation", T("Unknown organisation", "未知机构"),
          T("organisation '{value}' is not listed in this file", "机构 '{value}' 未在本文件中列出"),
          T("List it under organisations: with its names and role.", "请在 organisations: 下列出它的名称和角色。")),
    Entry("ref.unknown-source", T("Unknown source", "未知来源"), T("no source has the id '{value}'", "没有编号为 '{value}' 的来源"),
          T("Add annotations/sources/{value}.yaml.", "请添加 annotations/sources/{value}.yaml。"), hints={"suggest": _SUGGEST}),
    Entry("ref.parent-cycle", T("Parent cycle", "上级园区循环"), T("parent links form a cycle: {chain}", "上级园区形成循环：{chain}"),
          T("A park's parent chain must end at a park with no parent.", "上级链条必须止于一个没有上级的园区。")),
    Entry("ref.organisation-names", T("Organisation names disagree", "机构名称不一致"),
          T("organisation '{value}' is named {names} here but {other_names} in {other}",
            "机构 '{value}' 在此名为 {names}，但在 {other} 中名为 {other_names}"),
          T("Use the same zh and en names everywhere.", "请在各处使用相同的中英文名称。")),
    # Values, dates, places
    Entry("date.impossible", T("Impossible date", "不存在的日期"), T("{value} is not a real date", "{value} 不是真实存在的日期"),
          T("Check the month and day.", "请检查月份和日期。"), example='date: "2021-02-30"', fix='date: "2021-02"'),
    Entry("date.deadline-before-announcement", T("Deadline before announcement", "截止期早于发布"),
          T("deadline {deadline} is before the announcement ({announced})", "截止期 {deadline} 早于发布日期（{announced}）"),
          T("A target's deadline lies after it was announced.", "目标的截止期应晚于其发布日期。")),
    Entry("division.unknown-code", T("Unknown division code", "未知的行政区划代码"),
          T("{value} is not an administrative division code", "{value} 不是行政区划代码"),
          T("Look the code up in the areacodes table (1981–2024).", "请在行政区划代码表（1981–2024）中查找。")),
    Entry("division.not-in-use", T("Code not in use at the date", "该日期代码未启用"),
          T("{value} was not in use in {year} ({spans})", "{value} 在 {year} 年未使用（{spans}）"),
          T("Use the code valid at the date, or correct the date.", "请使用该日期有效的代码，或更正日期。"),
          T("Division codes are retired and reused, so a code means something only at a date.",
            "行政区划代码会被撤销和重用，只有结合日期才有意义。")),
    Entry("division.name-mismatch", T("Name disagrees with code", "名称与代码不符"),
          T("{value} was {actual} in {year}, not {name}", "{value} 在 {year} 年是 {actual}，不是 {name}"),
          T("Write name: {actual}, or correct the code.", "请写 name: {actual}，或更正代码。"),
          example='{code: "430104", name: 岳麓区}  # as_of 1990', fix='{code: "430104", name: 西区}  # as_of 1990'),
    Entry("unit.dimension", T("Unit does not fit metric", "单位与指标不符"),
          T("unit {unit} measures {unit_dimension}, but metric {metric} measures {metric_dimension}",
            "单位 {unit} 计量 {unit_dimension}，但指标 {metric} 计量 {metric_dimension}"),
          T("Check the metric and the unit against the quote.", "请对照引语检查指标和单位。"),
          example="metric: land_area\nunit: 亿元", fix="metric: land_area\nunit: 亩"),
    Entry("value.out-of-range", T("Value cannot be published", "数值无法发布"),
          T("{value} has more than {scale} decimal places or is too large to publish", "{value} 的小数超过 {scale} 位或数值过大"),
          T("Write the value as the source states it, e.g. 5.339.", "请按来源写数值，如 5.339。")),
    Entry("evidence.number-mismatch", T("Quote does not state the value", "引语中没有该数值"),
          T("the quote does not state the value {value}", "引语中没有数值 {value}"),
          T("Quote the words that give the number, or correct the value.", "请引用给出该数字的原文，或更正数值。"),
          T("Every number must be readable in its quote, after folding whitespace and full-width forms.",
            "每个数字都必须能在引语中读到（忽略空白，全角视同半角）。"),
          "value: 7\nunit: 亿元\nevidence: {…, quote: 累计完成工业投资6亿元}", "value: 6\nunit: 亿元"),
    Entry("evidence.unit-mismatch", T("Quote states another unit", "引语单位不同"),
          T("the quote states {value} but not in {unit}", "引语中有 {value}，但单位不是 {unit}"),
          T("Write the unit as the quote does (亿元, 万元, 亩…).", "请按引语书写单位（亿元、万元、亩等）。")),
    Entry("evidence.quote-not-found", T("Quote not in source", "来源中找不到引语"),
          T("the quote is not in the source text", "来源文本中找不到该引语"),
          T("Copy the words exactly as printed; only whitespace may differ.", "请逐字复制原文；只有空白可以不同。")),
    Entry("source.no-file", T("Source text not named", "未写来源文本"),
          T("the source names no text file, so its quotes cannot be checked", "来源未写文本文件，无法核对引语"),
          T("Add file: <name of the text in the sources folder>.", "请添加 file: <来源目录中的文本文件名>。"), severity="warning"),
    Entry("source.text-missing", T("Source text missing", "找不到来源文本"),
          T("{name} is not in {folder}", "{folder} 中没有 {name}"),
          T("Check the file name, or the --sources folder.", "请检查文件名或 --sources 目录。")),
    Entry("source.sha256-mismatch", T("Source text changed", "来源文本已改变"),
          T("{name} has sha256 {digest}, not the registered one", "{name} 的 sha256 为 {digest}，与登记的不同"),
          T("The text changed: check it, then record its new sha256.", "文本已改变：请核对后登记新的 sha256。")),
    Entry("target.no-deadline", T("Target without deadline", "目标没有截止期"),
          T("this target has no deadline", "该目标没有截止期"),
          T("Add deadline: when the source gives one; otherwise leave it out.", "来源写明截止期时请添加 deadline:，否则留空。"),
          severity="warning"),
    # Releases and package verification: the message carries the specifics.
    *(Entry(code, T(title_en, title_zh), T("{detail}", title_zh + "：{detail}"), hint, severity="error")
      for code, title_en, title_zh, hint in (
          ("release.previous-version", "Previous release has no valid version", "上一版本号无效", None),
          ("release.version-not-newer", "Version not newer", "版本号没有提高", None),
          ("release.bump-too-small", "Version bump too small", "版本升级幅度不足",
           T("Use --bump {required} (or auto); see `parkwatch diff`.", "请使用 --bump {required}（或 auto）；参见 `parkwatch diff`。")),
          ("release.bad-date", "Bad release date", "发布日期无效", T("Write the date as YYYY-MM-DD.", "日期请写成 YYYY-MM-DD。")),
          ("release.bad-argument", "Bad release argument", "发布参数无效", None),
          ("release.previous-unreadable", "Previous release cannot be read", "无法读取上一版本", None),
          ("release.untagged", "Release not tagged", "发布尚未打标签",
           T("Commit it and run `git tag {tag}` first.", "请先提交并运行 `git tag {tag}`。")),
          ("release.no-changes", "Nothing changed", "数据没有变化", None),
          ("release.exists", "Already released", "该版本已发布", None),
          ("release.metadata-lines", "package.yaml cannot be updated", "无法更新 package.yaml", None),
          ("release.build", "Package cannot be built", "无法构建数据包", None),
          ("verify.csv-header", "CSV header differs from the schema", "CSV 表头与模式不符", None),
          ("verify.csv-unreadable", "CSV does not fit its schema", "CSV 不符合其模式", None),
          ("verify.parquet-unreadable", "Parquet file unreadable", "无法读取 Parquet 文件", None),
          ("verify.parquet-columns", "Parquet columns differ from the schema", "Parquet 列与模式不符", None),
          ("verify.csv-parquet-mismatch", "CSV and Parquet differ", "CSV 与 Parquet 内容不一致", None),
          ("verify.bad-path", "Unsafe resource path", "资源路径不安全", None),
          ("verify.missing-file", "File missing", "缺少文件", None),
          ("verify.bytes", "Size differs", "文件大小不符", T("The file was changed after the build.", "文件在构建后被改动过。")),
          ("verify.hash", "sha256 differs", "sha256 不符", T("The file was changed after the build.", "文件在构建后被改动过。")),
          ("verify.descriptor", "Descriptor unreadable", "无法读取 datapackage.json", None),
          ("verify.stray-file", "File not in the descriptor", "文件未在描述文件中列出", None),
          ("verify.schema", "Table Schema unreadable", "无法读取表模式", None),
          ("verify.archive-hash", "Archive differs from SHA256SUMS", "压缩包与 SHA256SUMS 不符", None),
          ("verify.unreadable", "Package unreadable", "无法读取数据包", None),
      )),
)

BY_CODE: dict[str, Entry] = {entry.code: entry for entry in ENTRIES}
