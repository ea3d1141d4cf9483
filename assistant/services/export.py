"""Export as the shells use it: a declaration (found by `services.subjects`) written as Word, Excel or
JSON in the form's layout (`assistant.office` lays the forms out)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import assert_never

from assistant.domain.model import Declaration
from assistant.errors import InputError, describe_os_error
from assistant.office.export_docx import export_docx
from assistant.office.export_xlsx import export_xlsx
from assistant.services.scope import CorpusScope


class ExportService:
    def __init__(self, scope: CorpusScope) -> None:
        self.scope = scope

    def export(self, decl: Declaration, fmt: ExportFormat, path: Path) -> Path:
        """Write ``decl`` to ``path``; `InputError` (Chinese) when the folder is missing or the file cannot be written."""
        return export_declaration(decl, fmt, path)


class ExportFormat(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"
    JSON = "json"


def export_declaration(decl: Declaration, fmt: ExportFormat, path: Path) -> Path:
    """Write ``decl`` to ``path``; InputError (Chinese) when the folder is missing or the file cannot be written."""
    if not path.parent.exists():
        raise InputError(f"输出目录不存在：{path.parent}", hint="请先创建目录，或换一个输出路径")
    try:
        _write(decl, fmt, path)
    except OSError as exc:
        raise InputError(
            f"无法写入 {path}：{describe_os_error(exc)}", hint="请检查写入权限，并关闭在 Word/Excel 中打开的同名文件"
        ) from exc
    return path


def _write(decl: Declaration, fmt: ExportFormat, path: Path) -> None:
    match fmt:
        case ExportFormat.DOCX:
            export_docx(decl, path)
        case ExportFormat.XLSX:
            export_xlsx(decl, path)
        case ExportFormat.JSON:
            path.write_text(decl.model_dump_json(indent=2) + "\n", encoding="utf-8")
        case _:
            assert_never(fmt)
