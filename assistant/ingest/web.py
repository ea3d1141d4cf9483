"""Declarations published on web pages and copied as text (部门预算/决算公开 pages).

``read_web_text`` rebuilds the page's grid (``web_cells`` → ``web_table``) and reads each declaration on
it with the Word/Excel reader, so a page and an .xlsx of the same form give the same declaration. The
text-export parser stays the first reader of .txt files; this one is used when that one finds no
declaration or fewer indicator rows (see ``text_export.parse_text_bytes``).
"""

from __future__ import annotations

from assistant.domain.model import Declaration, NoteLevel, ParseNote
from assistant.errors import InputError
from assistant.ingest.assemble import declaration_id
from assistant.ingest.web_cells import source_address, web_rows
from assistant.ingest.web_table import build_segments
from assistant.office.notes import OfficeNotes


def read_web_text(lines: list[str], name: str, sha256: str) -> list[Declaration]:
    """Every declaration the page's ``lines`` hold, in order; [] when none is found (never raises for
    content: what does not fit is a parse note)."""
    shape, rows = web_rows(lines)
    address = source_address(lines)
    declarations: list[Declaration] = []
    from assistant.office.importer import read_declaration  # the office importer imports the text parser

    for segment in build_segments(shape, rows):
        notes = OfficeNotes()
        if address:
            notes.info("web.source", f"网页来源：{address}")
        notes.notes += segment.notes
        notes.info("web.shape", _SHAPES[shape.value])
        try:
            decl = read_declaration(
                segment.rows, source_file=name, sha256=sha256, notes=notes, index=len(declarations) + 1
            )
        except InputError:
            continue
        if decl.header.name or decl.indicators:
            declarations.append(_sorted_notes(_page_year(decl, declarations)))
    return declarations


def _page_year(decl: Declaration, before: list[Declaration]) -> Declaration:
    """A later project of a list under one title has no year of its own: the page's year, noted."""
    year = next((d.header.year for d in before if d.header.year), None)
    if decl.header.year is not None or year is None:
        return decl
    note = ParseNote(
        level=NoteLevel.INFO, code="header.year_from_page", message=f"本项目未单独写年度，按页面标题取 {year} 年"
    )
    return decl.model_copy(
        update={
            "id": declaration_id(year, decl.provenance.source_file, decl.provenance.index_in_file),
            "header": decl.header.model_copy(update={"year": year}),
            "parse_notes": [note, *decl.parse_notes],
        }
    )


_SHAPES = {
    "stream": "按网页表格复制的文本读取（每行一个单元格，以“|”结尾）；请核对各栏是否对齐",
    "pipes": "按网页表格复制的文本读取（一行一个表格行，单元格以“|”分隔）；请核对各栏是否对齐",
    "lines": "按网页表格复制的文本读取（每行一个单元格）；请核对各栏是否对齐",
    "plain": "按网页复制的文本读取（单元格以空格分隔，空白单元格在复制中丢失）；请核对各栏是否对齐",
}


def _sorted_notes(decl: Declaration) -> Declaration:
    notes = sorted(decl.parse_notes, key=lambda n: n.line or 0)
    return decl.model_copy(update={"parse_notes": notes})


def score(declarations: list[Declaration]) -> tuple[int, int, int]:
    """(declarations with a name and indicators, indicator rows less errors, amounts found): which reading of a
    file found more."""
    complete = sum(1 for d in declarations if d.header.name and d.indicators)
    errors = sum(1 for d in declarations for n in d.parse_notes if n.level is NoteLevel.ERROR)
    amounts = sum(1 for d in declarations for v in d.funding.model_dump().values() if v is not None)
    return complete, sum(len(d.indicators) for d in declarations) - errors, amounts


__all__ = ["ParseNote", "read_web_text", "score"]
