"""Export as the shells use it: a declaration (found by `services.subjects`) written as Word, Excel or
JSON in the form's layout."""

from __future__ import annotations

from pathlib import Path

from assistant.domain.model import Declaration
from assistant.office.service import ExportFormat, export_declaration
from assistant.services.scope import CorpusScope


class ExportService:
    def __init__(self, scope: CorpusScope) -> None:
        self.scope = scope

    def export(self, decl: Declaration, fmt: ExportFormat, path: Path) -> Path:
        """Write ``decl`` to ``path``; `InputError` (Chinese) when the folder is missing or the file cannot be written."""
        return export_declaration(decl, fmt, path)
