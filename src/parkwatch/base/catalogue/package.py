"""Releases and package verification."""

from __future__ import annotations

from .entry import Entry, T

ENTRIES: tuple[Entry, ...] = (
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
