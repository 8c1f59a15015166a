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
    Entry("source.archive-hash", T("Archived text differs", "存档文本不符"),
          T("the text at {url} is not the one registered: {detail}", "{url} 的文本与登记的不同：{detail}"),
          T("The archive changed or the sha256 is wrong: compare the texts, then correct the registry.",
            "存档已变或 sha256 有误：请比对文本后更正登记。")),
    Entry("source.text-not-utf8", T("Source text not UTF-8", "来源文本不是 UTF-8"),
          T("{name} is not UTF-8 (byte {offset})", "{name} 不是 UTF-8 编码（第 {offset} 字节）"),
          T("Convert the text to UTF-8 (e.g. iconv -f GB18030 -t UTF-8) and register its new sha256.",
            "请把文本转换为 UTF-8（如 iconv -f GB18030 -t UTF-8），并登记新的 sha256。")),
)
