"""Export as the shells use it: a corpus declaration (by id, from the current corpus snapshot) or any
file `assistant check` reads, written as Word, Excel or JSON in the form's layout."""

from __future__ import annotations

from pathlib import Path

from assistant.domain.model import Declaration
from assistant.errors import InputError
from assistant.office.service import ExportFormat, export_declaration
from assistant.services.review import load_subjects
from assistant.services.scope import CorpusScope


class ExportService:
    def __init__(self, scope: CorpusScope) -> None:
        self.scope = scope

    def resolve(self, source: str) -> Declaration:
        """``source`` is a file (corpus JSON, draft JSON, text export, .docx/.xlsx) or a corpus id such as 2023-003-01."""
        path = Path(source)
        if not path.is_file():
            if path.suffix or "/" in source:
                raise InputError(f"找不到文件：{source}", hint="请检查路径，或给出语料库中的申报表编号（见 assistant corpus list）")
            return self.scope.current().corpus.get(source)
        found = load_subjects(path)
        if len(found) != 1:
            ids = "、".join(d.id for d in found)
            raise InputError(f"{path.name} 含有 {len(found)} 份申报表（{ids}），一次只能导出一份", hint="请先 assistant corpus build，再按编号导出")
        return found[0]

    def export(self, decl: Declaration, fmt: ExportFormat, path: Path) -> Path:
        """Write ``decl`` to ``path``; `InputError` (Chinese) when the folder is missing or the file cannot be written."""
        return export_declaration(decl, fmt, path)
