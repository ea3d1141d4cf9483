"""Import a Word (.docx) or Excel (.xlsx) declaration: a typed :class:`Declaration` plus parse notes with cells.

Refusals (old .doc/.wps/.xls, encrypted, damaged, oversized, empty) are :class:`InputError` in Chinese
naming the file and what to do. A file holds one declaration, or several one after another (a workbook
with one project per sheet), each starting with its title.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from assistant.domain.model import Declaration, Funding, Indicator, Layout, LineSpan, NoteLevel, ParseNote, Provenance
from assistant.errors import InputError, NotADeclarationError
from assistant.ingest.assemble import declaration_id
from assistant.ingest.completeness import EMPTY_HINT, empty_message, is_empty
from assistant.ingest.funding import fill_blank_total
from assistant.ingest.notes import summarised
from assistant.ingest.text_export import ParseResult
from assistant.office.amount_columns import merge_amounts, read_amount_columns
from assistant.office.form_labels import is_legacy, is_title_text, layout_of_title, names_project
from assistant.office.grid import GridCell, GridRow, cleaned_notes, cut_notes
from assistant.office.guard import EXCEL, MAX_FILE_BYTES, WORD, check_office_file, office_kind, read_bounded
from assistant.office.legacy import OLD_EXCEL, OLD_WORD, convert_with_soffice, is_ole, xls_rows
from assistant.office.limits import check_indicators
from assistant.office.notes import OfficeNotes
from assistant.office.read_docx import docx_rows
from assistant.office.read_pdf import pdf_rows
from assistant.office.read_xlsx import xlsx_rows
from assistant.office.reader import FormReader
from assistant.office.sentence_rows import take_sentence_rows
from assistant.office.sheet_copies import copy_note, differences, is_copy


def is_office_file(path: Path) -> bool:
    """Files this package answers for, the old binary formats included (they get a "save as" message)."""
    return office_kind(path) is not None or path.suffix.lower() in {
        ".pdf",
        ".doc",
        ".wps",
        ".xls",
        ".et",
        ".dot",
        ".wpt",
        ".xlt",
        ".ett",
    }


def import_office(path: Path) -> ParseResult:
    """Every declaration in the file: a title after a 项目名称 starts the next one (one project per sheet);
    sheets of one project (申报书 and 目标表) are read as one declaration."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return import_pdf(path)
    if suffix in OLD_EXCEL | OLD_WORD:
        return _import_legacy(path)
    kind = office_kind(path)
    if kind is None:
        raise InputError(f"文件 {path.name} 不是 Word（.docx）或 Excel（.xlsx）文件", hint="请提供 .docx 或 .xlsx 文件")
    data = check_office_file(path, kind)
    sheet_notes, formulas, rows = _rows(data, path.name, kind)
    return _read_rows(path.name, hashlib.sha256(data).hexdigest(), rows, sheet_notes, formulas)


def _import_legacy(path: Path) -> ParseResult:
    """.xls through xlrd (.et and a .xls xlrd cannot read through LibreOffice); .doc/.wps through LibreOffice."""
    data = _read_bytes(path)
    sha256 = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in OLD_EXCEL:
        if suffix == ".xls" and is_ole(data):
            rows, empty, left, hidden = xls_rows(data, path.name, format_units=True)
            notes = OfficeNotes()
            for sheet in empty:
                notes.info("sheet.empty", f"工作表「{sheet}」为空，已跳过")
            _note_hidden(notes, hidden)
            notes.info("legacy.xls", "旧版 Excel（.xls）工作簿，已直接读取")
            return _read_rows(path.name, sha256, rows, [*notes.notes, *left], [])
        converted = convert_with_soffice(path, "xlsx")
        book = xlsx_rows(converted, path.name, format_units=True)
        first_notes = [_converted_note(path), *book.notes]
        return _read_rows(path.name, sha256, book.rows, first_notes, book.formulas_without_value)
    converted = convert_with_soffice(path, "docx")
    return _read_rows(path.name, sha256, docx_rows(converted, path.name), [_converted_note(path)], [])


def _converted_note(path: Path) -> ParseNote:
    return ParseNote(
        level=NoteLevel.INFO,
        code="legacy.converted",
        message=f"旧版格式（{path.suffix}）已由 LibreOffice 转换后读取；请核对表格是否完整",
    )


def _read_bytes(path: Path) -> bytes:
    return read_bounded(
        path,
        MAX_FILE_BYTES,
        f"超过申报表的合理大小（{MAX_FILE_BYTES // 1024 // 1024} MB）",
        "请删除与申报表无关的内容后另存再导入",
    )


def import_pdf(path: Path) -> ParseResult:
    """Every 绩效目标表 in a text PDF; each declaration's notes say on which pages it stands."""
    data = _read_bytes(path)
    found = pdf_rows(data, path.name)
    return _read_rows(
        path.name, hashlib.sha256(data).hexdigest(), found.rows, [], [], pages=found.pages, joined=found.joined
    )


def _pages_notes(segment: list[GridRow], pages: dict[str, int], joined: dict[str, int]) -> list[ParseNote]:
    """Which pages the declaration stands on, and each row a page break cut and the reader joined."""
    numbers = sorted({pages[row.grid] for row in segment if row.grid in pages})
    where = (
        f"第 {numbers[0]}–{numbers[-1]} 页"
        if len(numbers) > 1
        else f"第 {numbers[0]} 页"
        if numbers
        else "（页码不明）"
    )
    notes = [ParseNote(level=NoteLevel.INFO, code="pdf.pages", message=f"此申报表位于 PDF {where}")]
    for row in segment:
        for cell in row.filled:
            if cell.where in joined:
                notes.append(
                    ParseNote(
                        level=NoteLevel.INFO,
                        code="pdf.row_across_pages",
                        message=f"这一行被分页截断，第 {joined[cell.where]} 页开头的续行已接在后面，请核对",
                        line=cell.row + 1,
                        fragment=cell.text,
                        cell=cell.where,
                    )
                )
    return notes


def _read_rows(
    name: str,
    sha256: str,
    rows: list[GridRow],
    sheet_notes: list[ParseNote],
    formulas: list[GridCell],
    *,
    pages: dict[str, int] | None = None,
    joined: dict[str, int] | None = None,
) -> ParseResult:
    declarations = []
    for index, (segment, copies) in enumerate(merge_same_project(split_declarations(rows)), start=1):
        notes = OfficeNotes()
        if pages is not None:
            notes.notes += _pages_notes(segment, pages, joined or {})
        notes.notes += sheet_notes
        notes.notes += cut_notes(segment) + cleaned_notes(segment)
        inside = {c.where for row in segment for c in row.cells}
        for cell in formulas:
            if cell.where in inside:
                notes.warn_at("cell.formula_without_value", _FORMULA_MESSAGE.format(formula=cell.text), cell)
        decl = read_declaration(segment, source_file=name, sha256=sha256, notes=notes, index=index)
        declarations.append(_with_copy_notes(decl, segment, copies, name, sha256))
    return ParseResult(source_file=name, declarations=_drop_empty(declarations, name))


def _drop_empty(declarations: list[Declaration], name: str) -> list[Declaration]:
    """A title with nothing filled under it is no declaration: refused when it is all the file holds, else left
    out with a note on the first one kept (the others keep their position numbers, so their ids)."""
    kept = [d for d in declarations if not is_empty(d)]
    if not kept:
        raise NotADeclarationError(empty_message(name), hint=EMPTY_HINT)
    skipped = [
        ParseNote(
            level=NoteLevel.WARNING, code="declaration.empty", message=f"{empty_message(name, f'第 {n} 份')}，已跳过"
        )
        for n, d in enumerate(declarations, start=1)
        if is_empty(d)
    ]
    if skipped:
        kept[0] = kept[0].model_copy(update={"parse_notes": [*skipped, *kept[0].parse_notes]})
    return kept


_FORMULA_MESSAGE = (
    "单元格是公式（{formula}），文件中没有保存计算结果，按空白处理；请在 Excel 或 WPS 中打开并保存后再导入"
)


def _rows(data: bytes, name: str, kind: str) -> tuple[list[ParseNote], list[GridCell], list[GridRow]]:
    """(notes on empty sheets, formula cells saved without a value, the rows)."""
    if kind == WORD:
        return [], [], docx_rows(data, name)
    assert kind == EXCEL
    book = xlsx_rows(data, name, format_units=True)
    empty = OfficeNotes()
    for sheet in book.empty_sheets:
        empty.info("sheet.empty", f"工作表「{sheet}」为空，已跳过")
    _note_hidden(empty, book.hidden)
    return [*empty.notes, *book.notes], book.formulas_without_value, book.rows


def _note_hidden(notes: OfficeNotes, hidden: list[tuple[str, GridCell]]) -> None:
    for what, cell in hidden:
        notes.warn_at(
            "sheet.hidden",
            f"{what}在 Excel 中被隐藏（内容：{cell.text.strip()[:60]}），打开文件时看不到，已按正常内容读取；"
            "若它不是申报内容，请删除后再导入",
            cell,
        )


def split_declarations(rows: list[GridRow]) -> list[list[GridRow]]:
    segments: list[list[GridRow]] = [[]]
    named = False
    for row in rows:
        if named and any(is_title_text(c.text) for c in row.filled):
            segments.append([])
            named = False
        segments[-1].append(row)
        named = named or any(names_project(c.text) for c in row.filled)
    return segments


def merge_same_project(segments: list[list[GridRow]]) -> list[tuple[list[GridRow], list[list[GridRow]]]]:
    """A workbook's 申报书 sheet and 目标表 sheet of one project (the same 项目名称 on another sheet) are one
    declaration; a sheet of the same project that is a copy of one of its sheets (`sheet_copies.is_copy`) is
    not added to it but kept aside: (the declaration's rows, the copies' rows)."""
    merged: list[tuple[list[GridRow], list[list[GridRow]]]] = []
    for segment in segments:
        name = _project_name(segment)
        if merged and segment and merged[-1][0] and segment[0].grid != merged[-1][0][-1].grid:
            rows, copies = merged[-1]
            if name is not None and name == _project_name(rows):
                if any(is_copy(part, segment) for part in _sheets(rows)):
                    copies.append(segment)
                else:
                    merged[-1] = (rows + segment, copies)
                continue
        merged.append((segment, []))
    return merged


def _sheets(rows: list[GridRow]) -> list[list[GridRow]]:
    """``rows`` split where the sheet (or table) changes."""
    parts: list[list[GridRow]] = []
    for row in rows:
        if not parts or parts[-1][-1].grid != row.grid:
            parts.append([])
        parts[-1].append(row)
    return parts


def _with_copy_notes(
    decl: Declaration, rows: list[GridRow], copies: list[list[GridRow]], name: str, sha256: str
) -> Declaration:
    """``decl`` with a note for each copied sheet: which one it copies and every value in which the two differ."""
    notes = []
    for copy in copies:
        try:
            other = read_declaration(copy, source_file=name, sha256=sha256, notes=OfficeNotes())
            found = differences(decl, other)
        except InputError:
            found = ["副本无法单独读取"]
        kept = next((part[0].grid for part in _sheets(rows) if is_copy(part, copy)), rows[0].grid)
        notes.append(copy_note(kept, copy[0].grid, found))
    return decl.model_copy(update={"parse_notes": [*decl.parse_notes, *notes]}) if notes else decl


def _project_name(rows: list[GridRow]) -> str | None:
    for row in rows:
        cells = row.filled
        for k, cell in enumerate(cells):
            if names_project(cell.text):
                inline = cell.text.split("：", 1) if "：" in cell.text else cell.text.split(":", 1)
                if len(inline) == 2 and inline[1].strip():
                    return inline[1].strip()
                return cells[k + 1].text.strip() if k + 1 < len(cells) else None
    return None


def read_declaration(
    rows: list[GridRow], *, source_file: str, sha256: str, notes: OfficeNotes, index: int = 1
) -> Declaration:
    layout = _layout(rows)
    reader = FormReader(layout, notes)
    columns = read_amount_columns(rows, notes)
    rows_left, sentences = take_sentence_rows(rows, notes)
    for row in rows_left:
        if id(row) not in columns.consumed:
            reader.feed(row)
    reader.finish()
    if sentences is not None:
        reader.indicators.append(sentences)
    indicators = _indicators(reader)
    check_indicators(len(indicators), source_file)
    if is_legacy([i.level1_written for i in indicators]) and layout is Layout.MUNICIPAL_2021:
        layout = Layout.MUNICIPAL_2019
        notes.info("layout.legacy_framework", "指标使用 2019/2020 年旧框架（产出目标、效果目标等），按旧框架版式读取")
    header = reader.header()
    _check_found(header.name, indicators, reader, source_file)
    header = _fill_year(header, notes)
    amounts, filled = fill_blank_total(merge_amounts(reader.state.amounts, columns, notes))
    if filled is not None:
        notes.notes.append(filled)
    return Declaration(
        id=declaration_id(header.year, source_file, index),
        layout=layout,
        header=header,
        funding=Funding(**amounts),
        sections=reader.state.sections,
        indicators=indicators,
        budget_lines=reader.budget.lines if reader.budget else [],
        budget_lines_total=reader.budget.total if reader.budget else None,
        safeguards=reader.safeguards.rows if reader.safeguards else [],
        provenance=Provenance(source_file=source_file, source_sha256=sha256, index_in_file=index, span=_span(rows)),
        parse_notes=summarised(notes.notes),
    )


def _span(rows: list[GridRow]) -> LineSpan:
    """Row numbers of the first and last row, each within its own table or sheet."""
    return LineSpan(start=rows[0].index + 1, end=rows[-1].index + 1) if rows else LineSpan(start=1, end=1)


def _layout(rows: list[GridRow]) -> Layout:
    probe = FormReader(Layout.MUNICIPAL_2021, OfficeNotes())
    for row in rows[:40]:
        for cell in row.filled:
            probe._title_or_year(cell)
            if probe.state.title:
                return layout_of_title(probe.state.title)
    return Layout.MUNICIPAL_2021


def _indicators(reader: FormReader) -> list[Indicator]:
    rows = [i for table in reader.indicators for i in table.rows]
    return [i.model_copy(update={"position": n}) for n, i in enumerate(rows, start=1)]


def _check_found(name: str, indicators: list[Indicator], reader: FormReader, source_file: str) -> None:
    if name:
        return
    if not indicators and not reader.state.sections:
        raise NotADeclarationError(
            f"文件 {source_file} 中没有找到绩效目标申报表：既没有「项目名称」栏，也没有指标表（一级/二级/三级指标或指标名称/指标值）",
            hint="请确认文件是申报表；若表头用词不同，请把项目名称一栏写作「项目名称」，指标表表头写作「三级指标」「指标值」",
        )
    reader.notes.add(NoteLevel.ERROR, "header.name_missing", "未找到项目名称（「项目名称」栏）", field="header.name")


def _fill_year(header, notes: OfficeNotes):
    if header.year is not None or header.start_date is None:
        return header
    notes.info("header.year_from_start_date", f"表头未写年度，按计划开始日期取 {header.start_date.year} 年")
    return header.model_copy(update={"year": header.start_date.year})
