"""Export and preview services behind ``assistant export`` and ``assistant import``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import assert_never

from assistant.corpus.store import Corpus
from assistant.domain.model import Declaration
from assistant.errors import InputError
from assistant.office.export_docx import export_docx
from assistant.office.export_xlsx import export_xlsx
from assistant.services.review import load_subjects


class ExportFormat(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"
    JSON = "json"


def resolve_declaration(source: str, corpus_dir: Path) -> Declaration:
    """``source`` is a file (corpus JSON, draft JSON, text export, .docx/.xlsx) or a corpus id such as 2023-003-01."""

    path = Path(source)
    if not path.is_file():
        if path.suffix or "/" in source:
            raise InputError(f"找不到文件：{source}", hint="请检查路径，或给出语料库中的申报表编号（见 assistant corpus list）")
        return Corpus.load(corpus_dir).get(source)
    found = load_subjects(path)
    if len(found) != 1:
        ids = "、".join(d.id for d in found)
        raise InputError(f"{path.name} 含有 {len(found)} 份申报表（{ids}），一次只能导出一份", hint="请先 assistant corpus build，再按编号导出")
    return found[0]


def export_declaration(decl: Declaration, fmt: ExportFormat, path: Path) -> Path:
    """Write ``decl`` to ``path``; InputError (Chinese) when the folder is missing or the file cannot be written."""
    if not path.parent.exists():
        raise InputError(f"输出目录不存在：{path.parent}", hint="请先创建目录，或换一个输出路径")
    try:
        _write(decl, fmt, path)
    except OSError as exc:
        raise InputError(f"无法写入 {path}：{exc.strerror}", hint="请检查写入权限，并关闭在 Word/Excel 中打开的同名文件") from exc
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
