"""Field lookups of named declarations: header fields (项目负责人, 联系电话, 起止日期…), and the rows of
项目构成 and 制度保障, listed, counted or one row by name.

A blank field is said to be blank (未填写), never filled from elsewhere; a checkbox field gives its ticked
options, or says that none is ticked or that the export lost the boxes. Where a layout has no such field
(项目类别 on a 2019 form), the nearest field it does have is given and named as such.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from assistant.domain.model import CheckboxField, CheckState, Declaration, SectionKind
from assistant.domain.refs import SourceRef, section_citation, yuan
from assistant.qa.models import HeaderField, Measure, Query, Result, Row, RowKind

UNFILLED = "（未填写）"
_COMPOSITION = SectionKind.COMPOSITION
# A field the layout lacks, answered from the one that holds the same thing there (2019 forms tick 项目类型).
_STAND_INS = {
    HeaderField.CATEGORY: HeaderField.PROJECT_TYPE,
    HeaderField.PROJECT_TYPE: HeaderField.NATURE,
    HeaderField.NATURE: HeaderField.PROJECT_TYPE,
}
STAND_INS = _STAND_INS  # read by qa/header_filter.py (a filter on a field reads the same stand-in)


def show_fields(query: Query, decls: list[Declaration]) -> Result:
    """Each asked header field of each declaration, with a citation of the form's header."""
    lines: list[str] = []
    rows: list[Row] = []
    for decl in decls:
        parts = []
        for field in query.header_fields:
            value, shown = field_value(decl, field)
            parts.append(f"{shown}：{value}")
            written = "" if value == UNFILLED else value
            rows.append(_row(decl, shown, value, _header_ref(decl, shown, quote=written)))
        lines.append(f"{_title(decl)} 的" + "；".join(parts) + f" {_header_ref(decl, '表头').label}")
    return Result(lines=[*_each_form(query, decls), *lines], rows=rows)


def _each_form(query: Query, decls: list[Declaration]) -> list[str]:
    """各项目负责人都是谁: said first, the field is each form's, with how many forms fill it in."""
    if len(decls) < 2:
        return []
    said = []
    for field in query.header_fields:
        values = [field_value(decl, field) for decl in decls]
        filled = sum(1 for value, _ in values if value != UNFILLED)
        said.append(f"{values[0][1]}：{filled} 份填写、{len(decls) - filled} 份未填写")
    return [f"以下为 {len(decls)} 份申报表各自所填（" + "；".join(said) + "）："]


def of_the_first(query: Query, ranked: Result, decls: list[Declaration]) -> Result:
    """钱最多的那个项目负责人是谁: the asked header fields of the ranking's first form, the ranking kept after them as
    the basis (forms tied for first: each one's); ``ranked`` unchanged where no field is asked or the ranking is not
    of forms (years, 项目构成 rows, 前三名)."""
    if not query.header_fields or query.top or query.by_year or query.rows is not None or not ranked.rows:
        return ranked
    if query.measure not in (Measure.FUNDING, Measure.INDICATORS):
        return ranked
    tied = {row.declaration_id for row in ranked.rows if row.amount == ranked.rows[0].amount}
    firsts = [d for d in decls if d.id in tied]
    if not firsts:
        return ranked
    shown = show_fields(query, firsts)  # a tie for first: each tied form's field
    split = next((i for i, line in enumerate(ranked.lines) if line.startswith("1. ")), len(ranked.lines))
    lines = [*ranked.lines[:split], *shown.lines, "完整排序：", *ranked.lines[split:]]
    return Result(lines=lines, rows=shown.rows, figure=ranked.figure, notes=ranked.notes)


def field_value(decl: Declaration, field: HeaderField) -> tuple[str, str]:
    """(value as the form holds it or 未填写, the label shown): a stand-in field is named in the label."""
    value = _raw(decl, field)
    stand_in = _STAND_INS.get(field)
    if value is None and stand_in is not None and (other := _raw(decl, stand_in)) is not None:
        return other, f"{field.label}（该表无此栏，取“{stand_in.label}”）"
    return (value if value is not None else UNFILLED), field.label


def _raw(decl: Declaration, field: HeaderField) -> str | None:
    value = getattr(decl.header, field.value)
    if value is None or value == "":
        return None
    if isinstance(value, CheckboxField):
        return _ticked(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _ticked(box: CheckboxField) -> str | None:
    if box.selected:
        return "、".join(box.selected)
    if all(option.state is CheckState.UNKNOWN for option in box.options):
        return "（导出时勾选状态丢失，无法判断勾选了哪项）"
    return None


def list_rows(query: Query, decls: list[Declaration]) -> Result:
    """The 项目构成 or 制度保障 rows of each declaration (only the row named, when one is)."""
    assert query.rows is not None
    lines: list[str] = []
    rows: list[Row] = []
    for decl in decls:
        found = _rows_of(decl, query.rows, query.row_name)
        if not found:
            continue
        lines.append(f"{_title(decl)} 的{query.rows.label}（{len(found)} 项）：")
        for row in found:
            lines.append(f"- {row.field}：{row.value} {row.citation.label}")
        rows += found
        if query.rows is RowKind.BUDGET_LINES and query.row_name is None:
            lines.append(_total_line(decl))
    amounts = [row.amount for row in rows if row.amount is not None]
    total = yuan(sum(amounts, Decimal(0))) if query.rows is RowKind.BUDGET_LINES and amounts else None
    return Result(lines=lines, rows=rows, figure=total)


def count_rows(query: Query, decls: list[Declaration]) -> Result:
    listed = list_rows(query.model_copy(update={"row_name": None}), decls)
    assert query.rows is not None
    figure = f"{len(listed.rows)} 项"
    return Result(lines=[f"{query.rows.label}共 {figure}。", *listed.lines], rows=listed.rows, figure=figure)


def budget_rows(decl: Declaration) -> list[Row]:
    return _rows_of(decl, RowKind.BUDGET_LINES, None)


def safeguard_rows(decl: Declaration) -> list[Row]:
    return _rows_of(decl, RowKind.SAFEGUARDS, None)


def _rows_of(decl: Declaration, kind: RowKind, name: str | None) -> list[Row]:
    if kind is RowKind.BUDGET_LINES:
        rows = [
            _row(
                decl,
                line.name,
                (yuan(line.amount) if line.amount is not None else UNFILLED)
                + (f"（{line.content}）" if line.content and line.content != line.name else ""),
                _composition_ref(decl),
                amount=line.amount,
            )
            for line in decl.budget_lines
        ]
    else:
        rows = [
            _row(decl, item.document, f"{item.category}；{item.measures}", _header_ref(decl, "制度保障"))
            for item in decl.safeguards
        ]
    return [row for row in rows if name is None or name in row.field]


def _total_line(decl: Declaration) -> str:
    amounts = [line.amount for line in decl.budget_lines if line.amount is not None]
    written = f"，表中金额合计 {yuan(decl.budget_lines_total)}" if decl.budget_lines_total is not None else ""
    return f"  各项合计 {yuan(sum(amounts, Decimal(0)))}{written}。" if amounts else ""


def _row(decl: Declaration, field: str, value: str, citation: SourceRef, amount: Decimal | None = None) -> Row:
    return Row(
        declaration_id=decl.id,
        project=decl.header.name,
        year=decl.header.year,
        field=field,
        value=value,
        amount=amount,
        citation=citation,
    )


def _header_ref(decl: Declaration, part: str, quote: str | None = None) -> SourceRef:
    """The form's header as a citation, quoting ``quote`` (the cited field's text as written; empty when the field is
    blank) or, when no field is named, the project's name."""
    shown = decl.header.name if quote is None else quote
    return SourceRef(ref=f"{decl.id}#header", project=decl.header.name, year=decl.header.year, part=part, quote=shown)


def _composition_ref(decl: Declaration) -> SourceRef:
    section = decl.section(_COMPOSITION)
    if section is not None and section.text.strip():
        return section_citation(decl, section, quote=decl.budget_lines[0].name if _quoted(decl) else "")
    return _header_ref(decl, "项目构成")


def _quoted(decl: Declaration) -> bool:
    section = decl.section(_COMPOSITION)
    return bool(decl.budget_lines) and section is not None and decl.budget_lines[0].name in section.text


def _title(decl: Declaration) -> str:
    return f"{decl.header.name}（{decl.header.year or '年度不详'}）"
