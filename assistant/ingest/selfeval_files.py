"""Published 项目支出绩效自评表 in any file a department publishes them in: a page copied as text or saved as
.html, an Excel workbook (.xlsx, or a legacy .xls), a Word file and a text PDF (issue 25 item 4).

Each file's grid (the same readers the declarations use: ``read_xlsx``, ``legacy``, ``read_docx``, ``read_pdf``)
becomes rows of cells for the one 自评表 reader (``selfeval.read_self_evaluation_cells``), so a page and a
workbook of the same table give the same model. Inside a row, columns a cell does not fill are empty cells
(the reader places a 自评表's cells by position); a merged cell arrives once, at its left edge.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from assistant.domain.cycle import SelfEvaluation, SourceRef
from assistant.domain.model import NoteLevel, ParseNote
from assistant.errors import InputError, NotADeclarationError
from assistant.ingest.selfeval import (
    read_self_evaluation_cells,
    read_self_evaluation_text,
    read_self_evaluations_text,
)
from assistant.ingest.web_cells import WebCell
from assistant.office.grid import GridRow, cleaned_notes, cut_notes

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
GRID_SUFFIXES = {".xlsx", ".xls", ".docx", ".pdf"}
MAX_BYTES = 20 * 1024 * 1024


def read_self_evaluation_file(path: Path) -> tuple[SelfEvaluation, list[ParseNote]]:
    """The 自评表 in the file at ``path`` and notes on what could not be placed. `InputError` (in Chinese) for a
    file that cannot be read or holds no 自评表; `NotADeclarationError` (an `InputError`) for the latter."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | GRID_SUFFIXES:
        raise InputError(
            f"{path.name} 不是能读取的自评表文件",
            hint="支持网页复制的文本（.txt）、网页（.html）、Excel（.xlsx/.xls）、Word（.docx）和文字版 PDF",
        )
    data = _checked(path) if suffix in {".xlsx", ".docx"} else _read(path)
    if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        return read_self_evaluation_text(_text(data, path.name, html=suffix in HTML_SUFFIXES), path.name)
    rows, left = _grid(data, path.name, suffix)
    source = SourceRef(file=path.name, sha256=hashlib.sha256(data).hexdigest())
    evaluation, notes = read_self_evaluation_cells(grid_cells(rows), source)
    return evaluation, [*cut_notes(rows), *cleaned_notes(rows), *left, *notes]


def read_self_evaluation_forms(path: Path) -> list[tuple[SelfEvaluation, list[ParseNote]]]:
    """Every 自评表 in the file at ``path``, in order, each with its notes: a page copied as text or saved as .html
    may hold several (`read_self_evaluations_text`); a workbook, Word file or PDF is read as one. Errors as
    `read_self_evaluation_file`."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        return read_self_evaluations_text(_text(_read(path), path.name, html=suffix in HTML_SUFFIXES), path.name)
    return [read_self_evaluation_file(path)]


def importable_forms(path: Path) -> list[tuple[SelfEvaluation, list[ParseNote]]]:
    """The forms of `read_self_evaluation_forms` that are worth storing: one read empty (no indicator row and no
    figure) is left out with a note, and a file of only empty forms is refused (`NotADeclarationError`)."""
    return usable(read_self_evaluation_forms(path), path.name)


Read = tuple[SelfEvaluation, list[ParseNote]]


def is_empty(form: SelfEvaluation) -> bool:
    """True when a 自评表 was read with no indicator row and no figure in any 项目资金 row (an empty form)."""
    figures = (
        (line.initial_budget, line.full_year_budget, line.executed, line.rate, line.score) for line in form.funds
    )
    return not form.rows and not any(value is not None for line in figures for value in line)


def usable(forms: list[Read], name: str) -> list[Read]:
    """``forms`` without those read empty (`is_empty`): each one left out is named in a note on the first kept. A
    file whose every form is empty raises `NotADeclarationError` saying what was read, where, why and what to do —
    never an empty form stored as if it were the page (a page whose cells ran together, 海淀 学院路)."""
    kept = [(form, notes) for form, notes in forms if not is_empty(form)]
    empty = [form for form, _ in forms if is_empty(form)]
    if not kept:
        form, notes = forms[0]
        told = [n for n in notes if n.level is not NoteLevel.INFO and n.code != "selfeval.run_together"]
        told.sort(key=lambda n: n.code != "selfeval.table_unread")  # what happened to the table first
        why = told[0].message if told else ""
        ran = any(n.code == "selfeval.run_together" for n in notes)
        raise NotADeclarationError(
            f"文件 {name}：读到自评表「{form.project_name or '（未读到名称）'}」，但没有读到任何指标行，"
            f"也没有读到预算数、执行数等资金数字，未导入（不存空表）"
            + ("：网页复制时表格的单元格连在了一起，各栏的分界无法确定" if ran else "")
            + (f"。读取提示：{why[:120]}" if why else ""),
            hint="请在原网页中选中表格重新复制（或把网页另存为 .html、下载原 Word/Excel/PDF 文件）后再导入；"
            "也可以用 assistant selfeval create 新建自评表后逐项填写",
        )
    if empty:
        names = "、".join(f"「{form.project_name or '（未读到名称）'}」" for form in empty)
        note = ParseNote(level=NoteLevel.WARNING, code="selfeval.empty_form", message=_EMPTY.format(names))
        kept[0] = (kept[0][0], [*kept[0][1], note])
    return kept


_EMPTY = "本页的自评表 {} 没有读到任何指标行和资金数字（表格可能在复制时打乱），未导入；请对照原页面核对"


def grid_cells(rows: list[GridRow]) -> list[list[WebCell]]:
    """Each grid row as cells in column order, an empty cell for each column between two filled ones."""
    out: list[list[WebCell]] = []
    for number, row in enumerate(rows, start=1):
        cells: list[WebCell] = []
        col = None
        for cell in sorted(row.filled, key=lambda c: c.col):
            if col is not None:
                cells.extend(WebCell("", number) for _ in range(max(0, cell.col - col)))
            cells.append(WebCell(" ".join(cell.text.split()), number))
            col = cell.col + max(cell.span, 1)
        if cells:
            out.append(cells)
    return out


def _checked(path: Path) -> bytes:
    """A Word/Excel file's bytes after the checks the declaration importer makes (a zip, not truncated, not an
    old format renamed, not a zip bomb): `InputError` saying which."""
    from assistant.office.guard import check_office_file, office_kind

    kind = office_kind(path)
    if kind is None:
        raise InputError(f"文件 {path.name} 不是 Word（.docx）或 Excel（.xlsx）文件", hint="请提供 .docx 或 .xlsx 文件")
    return check_office_file(path, kind)


def _read(path: Path) -> bytes:
    from assistant.office.guard import read_bounded

    return read_bounded(path, MAX_BYTES, "超过自评表文件的合理大小，未读取", "请只保存自评表本身")


def _text(data: bytes, name: str, *, html: bool) -> str:
    from assistant.ingest.html_page import html_text
    from assistant.ingest.notes import NoteSink
    from assistant.ingest.text_export import decode

    return html_text(data, name) if html else decode(data, name, NoteSink())


def _grid(data: bytes, name: str, suffix: str) -> tuple[list[GridRow], list[ParseNote]]:
    """The file's grid rows and the reader's notes on cells it left unread."""
    if suffix == ".xlsx":
        from assistant.office.read_xlsx import xlsx_rows

        workbook = xlsx_rows(data, name)
        return workbook.rows, workbook.notes
    if suffix == ".xls":
        from assistant.office.legacy import xls_rows

        book = xls_rows(data, name)
        return book.rows, book.notes
    if suffix == ".docx":
        from assistant.office.read_docx import docx_rows

        return docx_rows(data, name), []
    from assistant.office.read_pdf import pdf_rows

    return pdf_rows(data, name).rows, []
