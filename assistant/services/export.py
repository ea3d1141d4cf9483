"""Export as the shells use it: a declaration (found by `services.subjects`) written as Word, Excel or
JSON in the form's layout (`assistant.office` lays the forms out)."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import assert_never

from assistant.domain.model import Declaration
from assistant.errors import InputError
from assistant.office.export_docx import export_docx
from assistant.office.export_xlsx import export_xlsx
from assistant.outfile import write_whole
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
    """Write ``decl`` to ``path``, all or nothing; InputError (Chinese) when the folder is missing or the file cannot be
    written (the previous file of that name is then unchanged, no partial file left)."""
    if not path.parent.exists():
        raise InputError(f"输出目录不存在：{path.parent}", hint="请先创建目录，或换一个输出路径")
    _write(decl, fmt, path)  # all or nothing (`assistant.outfile`): a failure leaves the previous file as it was
    return path


def _write(decl: Declaration, fmt: ExportFormat, path: Path) -> None:
    match fmt:
        case ExportFormat.DOCX:
            export_docx(decl, path)
        case ExportFormat.XLSX:
            export_xlsx(decl, path)
        case ExportFormat.JSON:
            write_whole(path, decl.model_dump_json(indent=2) + "\n")
        case _:
            assert_never(fmt)


# What a file name may not hold: path separators, Windows' reserved characters, control and direction characters.
_NOT_IN_NAMES = re.compile(r"[\\/:*?\"<>|\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
STEM_BYTES = 120  # a name's part of a file name, in UTF-8 bytes: room for what is added, under 255 with any suffix


def file_stem(text: str, *, default: str = "申报表") -> str:
    """``text`` (a project name, a declaration id read from a file) as one file name in the folder it is written to:
    separators and reserved characters dropped, no leading dot (``..``, ``.bashrc``), cut to `STEM_BYTES` bytes on a
    character boundary (a 200-character Chinese name is 600 bytes; a file name may have 255); ``default`` if nothing
    is left."""
    stem = _NOT_IN_NAMES.sub("", text).strip().lstrip(".").strip()
    stem = stem.encode("utf-8")[:STEM_BYTES].decode("utf-8", errors="ignore").strip()
    return stem or default
