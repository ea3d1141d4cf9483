"""Parse notes of a Word/Excel import: the same :class:`ParseNote` as the text parser, located by cell."""

from __future__ import annotations

from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.notes import NoteSink
from assistant.office.grid import GridCell


class OfficeNotes(NoteSink):
    def at(self, level: NoteLevel, code: str, message: str, cell: GridCell, *, field: str | None = None) -> None:
        self.notes.append(
            ParseNote(
                level=level,
                code=code,
                message=message,
                line=cell.row + 1,
                field=field,
                fragment=cell.text.strip() or None,
                cell=cell.where,
            )
        )

    def info_at(self, code: str, message: str, cell: GridCell) -> None:
        self.at(NoteLevel.INFO, code, message, cell)

    def warn_at(self, code: str, message: str, cell: GridCell) -> None:
        self.at(NoteLevel.WARNING, code, message, cell)

    def error_at(self, code: str, message: str, cell: GridCell) -> None:
        self.at(NoteLevel.ERROR, code, message, cell)

    def unplaced_cell(self, cell: GridCell, why: str) -> None:
        self.unplaced_text(cell.text, cell, why)

    def unplaced_text(self, text: str, cell: GridCell, why: str) -> None:
        note = ParseNote(
            level=NoteLevel.WARNING,
            code="unplaced.cell",
            message=f"无法归入任何字段的内容（{why}），已原样保留在解析提示中，请人工核对",
            line=cell.row + 1,
            fragment=text.strip(),
            cell=cell.where,
        )
        self.notes.append(note)
