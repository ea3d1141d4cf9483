"""Checks before a Word/Excel file is opened: the right kind of file, not encrypted, not a zip bomb.

Every refusal is an :class:`InputError` in Chinese that names the file and says what to do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from assistant.errors import InputError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_DOCUMENT_XML_BYTES = 20 * 1024 * 1024  # python-docx parses the whole body at once; a declaration's is < 1 MB
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK\x03\x04"
_ZIP_END = b"PK\x05\x06"  # end-of-central-directory record
_ZIP_END_SPAN = 22 + 65535  # the record plus the longest archive comment
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_OLD_WORD = {".doc", ".wps", ".wpt", ".dot", ".rtf"}
_OLD_EXCEL = {".xls", ".et", ".ett", ".xlt"}
WORD = ".docx"
EXCEL = ".xlsx"
_MAIN_PART = {WORD: "word/document.xml", EXCEL: "xl/workbook.xml"}
_APP = {WORD: "Word 或 WPS 文字", EXCEL: "Excel 或 WPS 表格"}


def office_kind(path: Path) -> str | None:
    """``.docx`` / ``.xlsx`` for the files this package reads (macro-enabled variants included), else None."""
    suffix = path.suffix.lower()
    if suffix in {".docx", ".docm"}:
        return WORD
    if suffix in {".xlsx", ".xlsm"}:
        return EXCEL
    return None


def refuse_old_format(path: Path) -> None:
    """.doc/.wps/.xls/.et: binary formats the libraries cannot read; the user saves them in the new format."""
    suffix = path.suffix.lower()
    if suffix in _OLD_WORD:
        raise InputError(
            f"文件 {path.name} 是旧版 Word/WPS 格式（{suffix}），无法直接读取",
            hint="请用 Word 或 WPS 打开，选择“另存为”→“Word 文档（*.docx）”后再导入",
        )
    if suffix in _OLD_EXCEL:
        raise InputError(
            f"文件 {path.name} 是旧版 Excel/WPS 表格格式（{suffix}），无法直接读取",
            hint="请用 Excel 或 WPS 打开，选择“另存为”→“Excel 工作簿（*.xlsx）”后再导入",
        )


def check_office_file(path: Path, kind: str) -> bytes:
    """The file's bytes once it is known to be a readable, unencrypted ``kind`` file of bounded size."""
    data = read_bounded(
        path,
        MAX_FILE_BYTES,
        f"超过申报表的合理大小（{MAX_FILE_BYTES // 1024 // 1024} MB）",
        "请删除与申报表无关的内容（如图片、其他工作表）后另存再导入",
    )
    if data.startswith(_OLE_MAGIC):
        _refuse_ole(path, data, kind)
    _refuse_truncated(path, data, kind)
    _check_zip(path, kind)
    return data


def _refuse_truncated(path: Path, data: bytes, kind: str) -> None:
    """A .docx/.xlsx is a zip archive whose directory is its last record: a file that starts like one but has
    no directory at its end was cut short (an interrupted download or copy). Nothing in it can be trusted
    to be complete, so it is refused, saying where it ends, rather than read in part."""
    if not data.startswith(_ZIP_MAGIC) or _ZIP_END in data[-_ZIP_END_SPAN:]:
        return
    raise InputError(
        f"文件 {path.name} 似乎被截断：文件在第 {len(data):,} 字节（约 {len(data) / 1024:,.0f} KB）处就结束了，"
        f"缺少 {kind} 文件末尾应有的目录部分，申报表内容不完整",
        hint=f"请重新下载或复制完整的文件（可与原件比较文件大小），或用{_APP[kind]}打开原件另存后再导入",
    )


def _refuse_ole(path: Path, data: bytes, kind: str) -> None:
    if _ENCRYPTED in data:
        raise InputError(
            f"文件 {path.name} 设置了打开密码（已加密），无法读取",
            hint=f"请用{_APP[kind]}打开，在“文件→信息→保护文档/工作簿”中删除密码并保存后再导入",
        )
    raise InputError(
        f"文件 {path.name} 的扩展名是 {path.suffix}，内容却是旧版 Office 二进制格式（.doc/.xls/.wps）",
        hint=f"请用{_APP[kind]}打开，另存为 {kind} 格式后再导入",
    )


def _check_zip(path: Path, kind: str) -> None:
    damaged = InputError(
        f"文件 {path.name} 已损坏或不完整，不是有效的 {kind} 文件",
        hint=f"请确认文件已完整下载或复制；可用{_APP[kind]}打开后重新另存为 {kind} 再导入",
    )
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            body = archive.getinfo(_MAIN_PART[WORD]).file_size if kind == WORD and _MAIN_PART[WORD] in names else 0
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise damaged from exc
    if _MAIN_PART[kind] not in names:
        other = EXCEL if kind == WORD else WORD
        if _MAIN_PART[other] in names:
            raise InputError(
                f"文件 {path.name} 的扩展名是 {path.suffix}，内容却是 {other} 文件",
                hint=f"请把扩展名改为 {other} 后再导入",
            )
        raise damaged
    if unpacked > MAX_UNPACKED_BYTES or body > MAX_DOCUMENT_XML_BYTES:
        raise _too_large(path, f"解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB")
    _check_inflated(path, kind, damaged)


MAX_TABLES = 300  # tables in a Word body (a declaration has a few, nested ones included)
MAX_TEXT_RUN = 1024 * 1024  # bytes of text between two tags (one cell's text; lxml refuses 10 MB)
_TABLE_OPEN = (b"<w:tbl>", b"<w:tbl ")


def read_bounded(path: Path, limit: int, too_large: str, hint: str) -> bytes:
    """``path``'s bytes, refused before reading when over ``limit`` bytes (``too_large`` says of what, ``hint`` what
    to do); an unreadable file is an `InputError` naming it."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"文件 {path.name} 有 {size / 1024 / 1024:.1f} MB，{too_large}", hint=hint)
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 {path}：{exc.strerror}", hint="请检查路径和读取权限") from exc


def _too_large(path: Path, what: str) -> InputError:
    return InputError(
        f"文件 {path.name} 过大：{what}，远超申报表的合理大小（文件格式完好，只是内容太多）",
        hint="请只保留申报表内容（删去多余的表格、图片或超长的文字），另存后再导入",
    )


def _check_inflated(path: Path, kind: str, damaged: InputError) -> None:
    """Inflate every part as a reader would, counting the bytes that actually come out (a directory may lie about
    sizes), the Word body's tables and the longest text between two tags; stop at the first limit passed."""
    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                scan = _XmlScan(body=kind == WORD and info.filename == _MAIN_PART[WORD])
                with archive.open(info) as member:
                    while chunk := member.read(1 << 20):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise _too_large(path, f"解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB")
                        if info.filename.endswith(".xml"):
                            scan.feed(chunk, path)
    except InputError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise damaged from exc


class _XmlScan:
    """Counts, across chunks, a part's bytes (the body's limit), its tables and its longest run of text."""

    def __init__(self, *, body: bool) -> None:
        self.body, self.size, self.tables, self.run, self.tail = body, 0, 0, 0, b""

    def feed(self, chunk: bytes, path: Path) -> None:
        self.size += len(chunk)
        if self.body and self.size > MAX_DOCUMENT_XML_BYTES:
            raise _too_large(path, f"正文超过 {MAX_DOCUMENT_XML_BYTES // 1024 // 1024} MB")
        if self.body:
            joined = self.tail + chunk
            self.tables += sum(joined.count(tag) for tag in _TABLE_OPEN) - sum(self.tail.count(t) for t in _TABLE_OPEN)
            self.tail = joined[-8:]
            if self.tables > MAX_TABLES:
                raise _too_large(path, f"含有超过 {MAX_TABLES} 个表格")
        last = chunk.rfind(b"<")
        if last < 0:
            self.run += len(chunk)
        else:
            first = chunk.find(b"<")
            longest = max((len(p) for p in chunk[first:last].split(b"<")), default=0)
            self.run = max(self.run + first, longest)
            if self.run > MAX_TEXT_RUN:
                raise _too_large(path, f"有一段文字超过 {MAX_TEXT_RUN // 1024} KB")
            self.run = len(chunk) - last
        if self.run > MAX_TEXT_RUN:
            raise _too_large(path, f"有一段文字超过 {MAX_TEXT_RUN // 1024} KB")
