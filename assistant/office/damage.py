"""What is wrong with a Word/Excel/PDF file a reader library refused, in Chinese, for the error message; the
library's own (English) exception goes to the log, never to the user."""

from __future__ import annotations

import logging
import zipfile

from assistant.office.limits import too_large

_log = logging.getLogger(__name__)


def too_deep(name: str, exc: BaseException) -> None:
    """Raise the 过大 refusal when ``exc`` is the XML parser's nesting-depth limit (libxml2 stops at 256 levels:
    tables or content controls nested that deep); such a file is intact, only too deeply nested, so it is not
    called damaged. Any other exception returns without raising."""
    if "Excessive depth" in str(exc):
        _log.info("too deeply nested %s: %s", name, exc)
        raise too_large(name, "文件内部的表格或内容控件层层嵌套，超过 XML 解析 256 层的上限")


def damage(name: str, exc: BaseException) -> str:
    """A short Chinese phrase for why ``exc`` (raised while opening file ``name``) means the file cannot be read:
    a broken zip package, XML that is malformed or declares a document type (DTD), a missing part, a PDF or old
    Excel structure that cannot be parsed. The exception is logged with the file's name."""
    _log.info("cannot read %s: %s: %s", name, type(exc).__name__, exc)
    kind = type(exc).__name__
    module = type(exc).__module__ or ""
    if isinstance(exc, zipfile.BadZipFile | EOFError):
        return "文件不完整或不是有效的压缩包，可能只下载了一部分"
    if kind in ("XMLSyntaxError", "ParseError", "ExpatError") or "DTD" in kind or "Entities" in kind:
        return "文件内部的 XML 内容格式错误，或含有不允许的文档类型声明"
    if isinstance(exc, KeyError):
        return "文件缺少必需的组成部分"
    if module.startswith(("pdfminer", "pdfplumber")) or kind.startswith("PDF"):
        return "PDF 的内部结构无法解析"
    if kind in ("CompDocError", "XLRDError"):
        return "文件内部结构不是 Excel 97-2003 工作簿的格式"
    return "文件内容无法按该格式解析"
