"""Browsing: the SQLite database and the Datasette server."""

from __future__ import annotations

from .entry import Entry, T

ENTRIES: tuple[Entry, ...] = (
    Entry("browse.package", T("Package cannot be turned into a database", "数据包无法转为数据库"),
          T("{detail}", "数据包无法转为数据库：{detail}"),
          T("Check it with `parkwatch verify {package}`, or rebuild it with `parkwatch build`.",
            "请用 `parkwatch verify {package}` 检查，或用 `parkwatch build` 重新构建。"),
          T("The database is made from a built package whose files match their sizes and sha256; nothing is "
            "written when the package is incomplete, changed or inconsistent.",
            "数据库由已构建、且各文件大小与 sha256 相符的数据包生成；数据包不完整、被改动或不一致时不写任何文件。")),
    Entry("browse.write", T("Database cannot be written", "无法写入数据库"),
          T("{detail}", "无法写入数据库：{detail}"),
          T("Choose a folder you can write to, e.g. `parkwatch sqlite parkwatch.sqlite`.",
            "请选择可写的文件夹，例如 `parkwatch sqlite parkwatch.sqlite`。"),
          T("The database is staged beside its final name and renamed into place, so a failed run leaves the "
            "old file as it was.", "数据库先写在目标文件旁，完成后再改名替换，失败时旧文件保持原样。")),
    Entry("browse.serve", T("Datasette cannot start", "Datasette 无法启动"),
          T("{detail}", "Datasette 无法启动：{detail}"),
          T("Try another port with --port, or stop what is using it.", "请用 --port 换一个端口，或停止占用该端口的程序。"),
          T("`parkwatch serve` runs Datasette on a loopback address by default; the port must be free.",
            "`parkwatch serve` 默认在本机回环地址上运行 Datasette；端口必须空闲。")),
)
