"""Evidence: source texts in the archive, and what quotes say against the values they support."""

from __future__ import annotations

from .entry import Entry, T

ENTRIES: tuple[Entry, ...] = (
    Entry("evidence.quotes-unchecked", T("Quotes not checked", "引语未核对"),
          T("{count} of {total} quotes could not be checked against their source texts",
            "{total} 条引语中有 {count} 条无法与来源文本核对"),
          T("Put the texts in texts/ (or set PARKWATCH_SOURCES, or pass --sources DIR) and run again; "
            "--require-sources makes this an error.",
            "请把来源文本放在 texts/ 中（或设置 PARKWATCH_SOURCES，或使用 --sources DIR）后重新运行；"
            "--require-sources 会把此项视为错误。"),
          T("Every quote must be found verbatim in its source's text. The texts are not committed: each source "
            "records the sha256 of its text and its file name in the source archive folder, or an archive URL "
            "that is fetched into the cache and checked against the sha256.",
            "每条引语都必须能在来源文本中逐字找到。文本不提交到仓库：每个来源登记其文本的 sha256 和在来源存档目录中的文件名，"
            "或一个存档网址（下载到缓存并按 sha256 核对）。"),
          severity="warning"),
    Entry("source.fetch-failed", T("Source text not fetched", "无法下载来源文本"),
          T("the text at {url} could not be fetched ({detail}), so its quotes are not checked",
            "无法下载 {url} 的文本（{detail}），其引语未核对"),
          T("Check the network and the URL, or put the text in the source archive folder.",
            "请检查网络和网址，或把文本放入来源存档目录。"), severity="warning"),
    Entry("source.insecure-url", T("Archive URL not fetched", "存档网址未下载"),
          T("{url} is not an https address, so it is not fetched", "{url} 不是 https 地址，因此不下载"),
          T("Give the archive's https address, or put the text in the source archive folder.",
            "请写存档的 https 地址，或把文本放入来源存档目录。"),
          T("Archive URLs are fetched wherever validate runs, CI included: only https (or http on this "
            "machine) is fetched, so a file cannot point a run at a plain-text address on another network.",
            "存档网址会在运行 validate 的任何地方（包括 CI）下载：只下载 https（或本机的 http），"
            "以免文件让一次运行访问其他网络上的明文地址。")),
    Entry("source.text-unregistered", T("Source text not registered", "来源文本未登记"),
          T("{name} is in the source archive, but no source names it", "来源存档中有 {name}，但没有来源登记它"),
          T("Register it with `parkwatch new source`, or remove it from the archive.",
            "请用 `parkwatch new source` 登记，或将其从存档中移除。"),
          T("A text that no source names is never used to check a quote.", "未被任何来源登记的文本不会用于核对引语。"),
          severity="warning"),
    Entry("source.archive-hash", T("Archived text differs", "存档文本不符"),
          T("the text at {url} is not the one registered: {detail}", "{url} 的文本与登记的不同：{detail}"),
          T("The archive changed or the sha256 is wrong: compare the texts, then correct the registry.",
            "存档已变或 sha256 有误：请比对文本后更正登记。")),
    Entry("source.text-not-utf8", T("Source text not UTF-8", "来源文本不是 UTF-8"),
          T("{name} is not UTF-8 (byte {offset})", "{name} 不是 UTF-8 编码（第 {offset} 字节）"),
          T("Convert the text to UTF-8 (e.g. iconv -f GB18030 -t UTF-8) and register its new sha256.",
            "请把文本转换为 UTF-8（如 iconv -f GB18030 -t UTF-8），并登记新的 sha256。")),
    Entry("evidence.date-mismatch", T("Date disagrees with the quote", "日期与引语不符"),
          T("{value} disagrees with the quote, which gives {stated} ({reading})",
            "{value} 与引语不符：引语写的是 {stated}（{reading}）"),
          T("Write the date the quote gives, to the precision it gives (a month and day take the source's year).",
            "请按引语写日期及其精度（只写月日时，年份取自来源）。"),
          T("Dates in quotes are read as news writes them: 2021年12月22日, 12月22日 (the source's year), "
            "2021年12月, 2020年年初 or 上半年. The recorded date must lie within the quote's, or contain it.",
            "引语中的日期按新闻写法读取：2021年12月22日、12月22日（来源年份）、2021年12月、2020年年初、上半年等。"
            "记录的日期须在引语日期之内，或包含它。"),
          'date: "2021-11-22"\nevidence: {…, quote: 12月22日，示范园区开园}', 'date: "2021-12-22"'),
    Entry("evidence.deadline-mismatch", T("Deadline disagrees with the quote", "截止期与引语不符"),
          T("deadline {value} disagrees with the quote, which gives {stated} ({reading})",
            "截止期 {value} 与引语不符：引语写的是 {stated}（{reading}）"),
          T("Write the deadline the quote gives: 到2024年底 is deadline: \"2024\".",
            "请按引语写截止期：到2024年底即 deadline: \"2024\"。"),
          example='deadline: "2026"\nevidence: {…, quote: 到2025年底，累计完成投资6亿元}', fix='deadline: "2025"'),
    Entry("evidence.deadline-not-recorded", T("Deadline in the quote not recorded", "引语中的截止期未记录"),
          T("the quote gives the deadline {stated} ({reading}), but the target has none",
            "引语写明截止期 {stated}（{reading}），但目标没有 deadline"),
          T("Add deadline: as the quote gives it.", "请按引语添加 deadline:。")),
    Entry("evidence.comparator-mismatch", T("Comparator disagrees with the quote", "修饰语与引语不符"),
          T("comparator {value} disagrees with the quote", "修饰语 {value} 与引语不符"),
          T("Write the comparator the quote's words give.", "请按引语的用词填写 comparator。"),
          T("The words around a number qualify it: 超/超过/逾/突破/以上 more_than, 约/左右 about, 近/将近 nearly, "
            "余/多 over, 不少于/至少 at_least, 不超过/最多 up_to, 有望达 expected_to_reach, 达/达到 exact. "
            "A number with none of them is exact.",
            "数字前后的词限定其含义：超/超过/逾/突破/以上 为 more_than，约/左右 为 about，近/将近 为 nearly，"
            "余/多 为 over，不少于/至少 为 at_least，不超过/最多 为 up_to，有望达 为 expected_to_reach，达/达到 为 exact。"
            "没有这些词的数字为 exact。"),
          "comparator: exact\nevidence: {…, quote: 扶持资金超3亿元}", "comparator: more_than",
          hints={"word": T("The quote says '{word}': write comparator: {expected}.",
                           "引语写的是“{word}”：请写 comparator: {expected}。"),
                 "none": T("The quote states the number with no qualifying word: write comparator: exact, or quote "
                           "the words that qualify it.", "引语中的数字没有限定词：请写 comparator: exact，或引用限定它的原文。")}),
    Entry("evidence.status-mismatch", T("Status disagrees with the quote", "状态与引语不符"),
          T("status {value} disagrees with the quote, which says '{word}'", "状态 {value} 与引语不符：引语写的是“{word}”"),
          T("A number the source expects (预计, 有望) is status: forecast.", "来源预计（预计、有望）的数字请写 status: forecast。")),
    Entry("evidence.name-not-quoted", T("Name not in its quote", "引语中没有该名称"),
          T("the quote does not name {name}", "引语中没有名称 {name}"),
          T("Quote the words that name it, as printed, or correct the name.", "请引用写出该名称的原文，或更正名称。"),
          T("A name whose only evidence is its quote must be read in it: as printed, shortened as running text "
            "shortens a division (贵阳 for 贵阳市), or sharing its head with a list (贵安南明、贵安花溪合作产业园区).",
            "仅以引语为依据的名称必须能在引语中读到：原样、行政区划的简称（贵阳之于贵阳市），"
            "或与并列项共用中心词（贵安南明、贵安花溪合作产业园区）。")),
)
