"""The printed form as a format-neutral grid: the one place that lays out a declaration for Word and Excel.

Layout of the current Shanghai municipal 财政项目支出绩效目标申报表 (primer §2): a title and a year line,
then one six-column table (header fields three pairs a row, the 项目资金（元） block, text sections, the
项目绩效目标 block with 项目总目标 / 年度总体目标, the 绩效指标 table with 一级/二级 merged down their
rows), then the 项目构成 budget table and the 制度保障 table where the declaration has them. The 2019 and
2020 variants keep their own title so that an import reads them back in their own framework.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import groupby

from assistant.domain.model import (
    BudgetLine,
    CheckboxField,
    CheckState,
    Declaration,
    Indicator,
    Layout,
    SafeguardRow,
    SectionKind,
    TextSection,
)

WIDTH = 6
TITLES = {
    Layout.MUNICIPAL_2021: "财政项目支出绩效目标申报表",
    Layout.MUNICIPAL_2019: "上海市财政支出项目绩效目标申报表",
    Layout.DISTRICT_2020: "财政项目支出绩效目标申报表（项目总体情况）",
}
CHECK_MARKS = {CheckState.CHECKED: "☑", CheckState.UNCHECKED: "☐", CheckState.UNKNOWN: ""}
STAGE_MARKS = {True: "√", False: "×", None: ""}
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "年度（/项目）指标值")
BUDGET_HEADER = ("项目名称", "项目内容", "项目明细", "明细金额", "单价", "依据", "数量", "依据", "备注")
_BUDGET_AMOUNTS = {3, 4, 6}
SAFEGUARD_HEADER = ("制度保障", "文件名称", "具体措施")


# What XML 1.0 cannot hold (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF; lone surrogates).
# A .docx and a .xlsx are XML: python-docx and openpyxl refuse such a character, so a draft holding one (a JSON
# passed on, an ESC typed into a section) could not be exported. A control is written as its symbol (ESC → ␛).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML cannot hold shown as a visible one."""
    return _NOT_XML.sub(lambda m: chr(0x2400 + ord(m[0])) if m[0] < " " else "\ufffd", text)


@dataclass(frozen=True)
class FormCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    label: bool = False  # printed bold and shaded as form wording
    amount: bool = False  # yuan: a number cell in Excel
    number: bool = False  # a score or a rate written ``97.84%``: a number cell in Excel (a rate as a percentage)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", xml_text(self.text))  # every cell of both formats passes here


@dataclass
class FormTable:
    """Rows of cells; a cell covered by a span above is simply absent from its row."""

    width: int
    rows: list[list[FormCell]] = field(default_factory=list)


@dataclass(frozen=True)
class FormDocument:
    title: str
    year_line: str
    tables: list[FormTable]


def amount_text(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:,}"


def date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


def checkbox_text(box: CheckboxField) -> str:
    return "  ".join(f"{CHECK_MARKS[o.state]}{o.label}" for o in box.options)


def layout_form(decl: Declaration) -> FormDocument:
    main = FormTable(WIDTH)
    main.rows += _header_rows(decl)
    main.rows += _funding_rows(decl)
    main.rows += _section_rows(decl)
    main.rows += _indicator_rows(decl.indicators)
    tables = [main]
    if decl.budget_lines or decl.budget_lines_total is not None:
        tables.append(_budget_table(decl.budget_lines, decl.budget_lines_total))
    if decl.safeguards:
        tables.append(_safeguard_table(decl.safeguards))
    year = f"（{decl.header.year}年度）" if decl.header.year else ""
    return FormDocument(title=TITLES[decl.layout], year_line=year, tables=tables)


def _pairs_rows(pairs: list[tuple[str, str]], *, per_row: int, first: FormCell | None = None) -> list[list[FormCell]]:
    """Label/value pairs packed ``per_row`` to a row; the last value stretches to the table's edge."""
    offset = 1 if first is not None else 0
    rows = []
    for start in range(0, len(pairs), per_row):
        chunk = pairs[start : start + per_row]
        row = [first] if first is not None and start == 0 else []
        for n, (label, value) in enumerate(chunk):
            used = offset + 2 * n + 1
            span = WIDTH - used if n == len(chunk) - 1 else 1
            row += [FormCell(label, label=True), FormCell(value, colspan=span)]
        rows.append(row)
    return rows


def _header_rows(decl: Declaration) -> list[list[FormCell]]:
    h = decl.header
    current = decl.layout is Layout.MUNICIPAL_2021
    pairs: list[tuple[str, str | None]] = [
        ("项目名称", h.name),
        ("项目性质", h.nature),
        ("项目类别", h.category if current else None),
        ("主管部门", h.department),
        ("实施单位", h.implementer),
        ("申报单位", h.applicant),
        ("项目负责人", h.manager),
        ("联系人", h.contact),
        ("联系电话", h.phone),
        ("计划开始日期", date_text(h.start_date) or None),
        ("计划完成日期", date_text(h.end_date) or None),
        ("项目期", h.period),
        ("填报单位负责人", h.unit_head),
        ("填表人", h.preparer),
        ("填报日期", h.filled_on),
    ]
    always = {"项目名称", "主管部门", "实施单位", "计划开始日期", "计划完成日期"} | (
        {"项目性质", "项目类别"} if current else set()
    )
    kept = [(label, value or "") for label, value in pairs if value is not None or label in always]
    rows = _pairs_rows(kept, per_row=3)
    for label, box in (("项目类型", h.project_type), ("资金用途", h.fund_use)):
        if box is not None:
            rows.append([FormCell(label, label=True), FormCell(checkbox_text(box), colspan=WIDTH - 1)])
    return rows


def _funding_rows(decl: Declaration) -> list[list[FormCell]]:
    f = decl.funding
    other_left = ("其他资金", amount_text(f.other_total)) if decl.layout is Layout.MUNICIPAL_2021 else ("", "")
    grid = [
        [("项目资金总额", amount_text(f.total)), ("年度资金申请总额", amount_text(f.annual))],
        [("其中：财政资金", amount_text(f.fiscal_total)), ("其中：当年财政拨款", amount_text(f.fiscal_annual))],
        [("", ""), ("上年结转资金", amount_text(f.carryover))],
        [other_left, ("其他资金", amount_text(f.other_annual))],
    ]
    extras = [
        (label, amount_text(value))
        for label, value in (
            ("上级财政拨款", f.fiscal_upper),
            ("本级财政安排", f.fiscal_same_level),
            ("下级财政配套", f.fiscal_lower),
            ("同名项目上年预算额（元）", f.previous_budget),
            ("同名项目上年预算执行数（元）", f.previous_spent),
        )
        if value is not None
    ]
    grid += [extras[i : i + 2] for i in range(0, len(extras), 2)]
    rows = []
    for n, pairs in enumerate(grid):
        row = [FormCell("项目资金（元）", rowspan=len(grid), label=True)] if n == 0 else []
        for i, (label, value) in enumerate(pairs):
            span = WIDTH - 4 if i == 1 else 1
            row += [FormCell(label, label=bool(label)), FormCell(value, colspan=span, amount=True)]
        if len(pairs) == 1:
            row[-1] = FormCell(pairs[0][1], colspan=WIDTH - 2, amount=True)
        rows.append(row)
    return rows


def _section_rows(decl: Declaration) -> list[list[FormCell]]:
    sections = decl.sections
    kinds = [s.kind for s in sections]
    goals = decl.layout is Layout.MUNICIPAL_2021 and _adjacent_goals(kinds)
    rows: list[list[FormCell]] = []
    skip = set()
    for n, section in enumerate(sections):
        if n in skip:
            continue
        if goals and section.kind is SectionKind.GOAL_TOTAL:
            rows += _goal_block(section, sections[n + 1])
            skip.add(n + 1)
            continue
        rows.append([FormCell(section.title, label=True), FormCell(section.text, colspan=WIDTH - 1)])
    return rows


def _adjacent_goals(kinds: list[SectionKind]) -> bool:
    pairs = itertools.pairwise(kinds)
    return any(a is SectionKind.GOAL_TOTAL and b is SectionKind.GOAL_ANNUAL for a, b in pairs)


def _goal_block(total: TextSection, annual: TextSection) -> list[list[FormCell]]:
    group = FormCell("项目绩效目标", rowspan=2, label=True)
    return [
        [group, FormCell(total.title, colspan=3, label=True), FormCell(annual.title, colspan=2, label=True)],
        [FormCell(total.text, colspan=3), FormCell(annual.text, colspan=2)],
    ]


def _indicator_rows(indicators: list[Indicator]) -> list[list[FormCell]]:
    has_remark = any(i.remark for i in indicators)
    value_span = 1 if has_remark else 2
    header = [FormCell("绩效指标", rowspan=len(indicators) + 1, label=True)]
    header += [FormCell(t, label=True) for t in INDICATOR_HEADER[:3]]
    header.append(FormCell(INDICATOR_HEADER[3], colspan=value_span, label=True))
    if has_remark:
        header.append(FormCell("备注", label=True))
    rows = [header]
    level1_runs = _run_lengths([i.level1_written for i in indicators])
    level2_runs = _run_lengths([(i.level1_written, i.level2_written) for i in indicators])
    for n, ind in enumerate(indicators):
        row = []
        if n in level1_runs:
            row.append(FormCell(ind.level1_written or "", rowspan=level1_runs[n]))
        if n in level2_runs:
            row.append(FormCell(ind.level2_written or "", rowspan=level2_runs[n]))
        row += [FormCell(ind.name_written), FormCell(ind.value.raw, colspan=value_span)]
        if has_remark:
            row.append(FormCell(ind.remark or ""))
        rows.append(row)
    return rows


def _run_lengths(keys: list[object]) -> dict[int, int]:
    """Start index → length of each run of equal keys (the rows one merged cell covers)."""
    runs, start = {}, 0
    for _, group in groupby(keys):
        length = len(list(group))
        runs[start] = length
        start += length
    return runs


def _budget_table(lines: list[BudgetLine], total: Decimal | None) -> FormTable:
    table = FormTable(len(BUDGET_HEADER))
    table.rows.append([FormCell(t, label=True) for t in BUDGET_HEADER])
    for line in lines:
        values = (
            line.name,
            line.content or "",
            line.detail or "",
            amount_text(line.amount),
            amount_text(line.unit_price),
            line.price_basis or "",
            amount_text(line.quantity),
            line.quantity_basis or "",
            line.remark or "",
        )
        table.rows.append([FormCell(v, amount=n in _BUDGET_AMOUNTS) for n, v in enumerate(values)])
    total_cell = FormCell(amount_text(_budget_total(lines, total)), colspan=len(BUDGET_HEADER) - 3, amount=True)
    table.rows.append([FormCell("金额合计", colspan=3, label=True), total_cell])
    return table


def _budget_total(lines: list[BudgetLine], written: Decimal | None) -> Decimal | None:
    """The 金额合计 as written; where the source left it blank, the exact sum of the rows when every row
    carries an amount (a row without one would make any sum a guess, so the cell stays blank)."""
    if written is not None or not lines or any(line.amount is None for line in lines):
        return written
    return sum((line.amount for line in lines if line.amount is not None), Decimal(0))


def _safeguard_table(rows: list[SafeguardRow]) -> FormTable:
    """The 制度保障 table: 制度保障｜文件名称｜具体措施, then a 保障阶段 column per stage where any row has stages
    (a draft's rows, written as 制度类别｜文件名称｜具体措施, have none: no 保障阶段 column, no empty span)."""
    stages = max(len(r.stages) for r in rows)
    table = FormTable(3 + stages)
    header = [FormCell(t, label=True) for t in SAFEGUARD_HEADER]
    if stages:
        header.append(FormCell("保障阶段", colspan=stages, label=True))
    table.rows.append(header)
    for row in rows:
        cells = [FormCell(row.category), FormCell(row.document), FormCell(row.measures)]
        cells += [FormCell(f"{s.stage}{STAGE_MARKS[s.applies]}") for s in row.stages]
        if len(row.stages) < stages:
            cells += [FormCell("")] * (stages - len(row.stages))
        table.rows.append(cells)
    return table


@dataclass(frozen=True)
class Placed:
    row: int
    col: int
    cell: FormCell


def place(table: FormTable) -> list[Placed]:
    """Grid positions of the cells, skipping positions a span from above or the left already covers."""
    covered: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(table.rows):
        col = 0
        for cell in row:
            while (r, col) in covered:
                col += 1
            placed.append(Placed(r, col, cell))
            covered |= {(r + dr, col + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            col += cell.colspan
    return placed
