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


MAX_NOTES_PER_CODE = 50  # notes of one kind listed one by one; the rest are counted in one summarising note


def summarised(notes: list[ParseNote], per_code: int = MAX_NOTES_PER_CODE) -> list[ParseNote]:
    """``notes`` with at most ``per_code`` of each ``code`` kept (the first ones, in order), and for each code past
    that one more note at the level of its worst dropped note saying how many were left out.

    A crafted file can make one note per cell (tens of thousands); a person reads the first few and the count.
    """
    seen: dict[str, int] = {}
    kept: list[ParseNote] = []
    worst: dict[str, NoteLevel] = {}
    order = [NoteLevel.INFO, NoteLevel.WARNING, NoteLevel.ERROR]
    for note in notes:
        seen[note.code] = seen.get(note.code, 0) + 1
        if seen[note.code] <= per_code:
            kept.append(note)
        elif order.index(note.level) >= order.index(worst.get(note.code, NoteLevel.INFO)):
            worst[note.code] = note.level
    for code, level in worst.items():
        left = seen[code] - per_code
        kept.append(
            ParseNote(
                level=level,
                code=code,
                message=f"另有 {left} 条同类解析提示（共 {seen[code]} 条，{code}）未逐条列出，只列出了前 {per_code} 条；"
                "这么多同类提示通常说明文件中有大量不属于申报表的内容，请核对原文件",
            )
        )
    return kept
