"""Collects what the parser noticed, in Chinese, with the line it concerns."""

from __future__ import annotations

from assistant.domain.model import NoteLevel, ParseNote


class NoteSink:
    def __init__(self) -> None:
        self.notes: list[ParseNote] = []

    def add(
        self,
        level: NoteLevel,
        code: str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        fragment: str | None = None,
    ) -> None:
        self.notes.append(ParseNote(level=level, code=code, message=message, line=line, field=field, fragment=fragment))

    def info(self, code: str, message: str, **where: str | int | None) -> None:
        self.add(NoteLevel.INFO, code, message, **where)  # type: ignore[arg-type]

    def warn(self, code: str, message: str, **where: str | int | None) -> None:
        self.add(NoteLevel.WARNING, code, message, **where)  # type: ignore[arg-type]

    def error(self, code: str, message: str, **where: str | int | None) -> None:
        self.add(NoteLevel.ERROR, code, message, **where)  # type: ignore[arg-type]

    def unplaced(self, text: str, line: int, why: str) -> None:
        self.warn(
            "unplaced.cell",
            f"无法归入任何字段的内容（{why}），已原样保留在解析提示中，请人工核对",
            line=line,
            fragment=text,
        )
