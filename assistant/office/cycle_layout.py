"""The 绩效运行监控表 and the 项目支出绩效自评表 laid out as format-neutral grids (`FormTable`), written as .docx or
.xlsx with the declaration's writers (cycle.md: the common 财预〔2020〕10号 layout).

自评表 (9 columns): 项目名称 / 主管部门 · 实施单位 / 项目资金 block (年初预算数 全年预算数 全年执行数 分值 执行率 得分;
rows 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金) / 年度总体目标 (预期目标 | 实际完成情况) / 绩效指标
(一级 二级 三级 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施) / 总分, then 评价结论 · 存在问题 · 改进措施 where
filled, and an appended 评分说明 table (档次, 数据来源) where a row has one, so the form reads back whole.
监控表 (11 columns): header, 项目预算执行情况 block, 年度绩效目标, then per indicator 年度指标值, 执行情况,
全年预计完成情况, 完成目标可能性, 偏差原因 (categories), 偏差原因说明, 纠偏措施.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby
from pathlib import Path

from assistant.cycle.monitoring import MonitoringReport, monitor
from assistant.cycle.numbers import fmt
from assistant.domain.cycle import FundKind, FundLine, IndicatorLink, MonitoringTable, SelfEvaluation
from assistant.errors import InputError, describe_os_error
from assistant.office.form import FormCell, FormDocument, FormTable, amount_text
from assistant.office.xlsx_memory import in_memory
from assistant.outfile import save_whole

SELFEVAL_TITLE = "项目支出绩效自评表"
MONITORING_TITLE = "项目支出绩效运行监控表"
FUND_HEADER = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
FUND_LABELS = {
    FundKind.TOTAL: "年度资金总额",
    FundKind.FISCAL: "其中：当年财政拨款",
    FundKind.CARRYOVER: "上年结转资金",
    FundKind.OTHER: "其他资金",
}
SELFEVAL_HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
# The 评分说明 table numbers its own rows (序号) and names the 绩效指标 row each explains (绩效指标行号, from 1).
NOTE_HEADER = ("序号", "绩效指标行号", "三级指标", "档次", "数据来源")
BUDGET_HEADER = ("年初预算", "调整后预算", "执行数", "执行率", "序时进度", "全年预计执行数")
MONITOR_HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "执行情况",
    "全年预计完成情况",
    "完成目标可能性",
    "偏差原因",
    "偏差原因说明",
    "纠偏措施",
)
CLOSING = (("conclusion", "评价结论"), ("problems", "存在问题"), ("improvements", "改进措施"))


def _label(text: str, *, colspan: int = 1, rowspan: int = 1) -> FormCell:
    return FormCell(text, colspan=colspan, rowspan=rowspan, label=True)


def _cell(text: str | None, *, colspan: int = 1, rowspan: int = 1) -> FormCell:
    return FormCell(text or "", colspan=colspan, rowspan=rowspan)


def _num(value: Decimal | None) -> FormCell:
    return FormCell(amount_text(value), amount=value is not None)


def _rate(value: Decimal | None) -> FormCell:
    return FormCell("" if value is None else f"{value}%", number=value is not None)


def _score(value: Decimal | None) -> FormCell:
    """A 分值 or 得分: a number in Excel, as the self-evaluation writes it (``10``, ``9.78``)."""
    return FormCell("" if value is None else fmt(value), number=value is not None)


def _header_rows(name: str, department: str | None, implementer: str | None, width: int) -> list[list[FormCell]]:
    half = (width - 2) // 2
    return [
        [_label("项目名称"), _cell(name, colspan=width - 1)],
        [
            _label("主管部门"),
            _cell(department, colspan=half),
            _label("实施单位"),
            _cell(implementer, colspan=width - 2 - half),
        ],
    ]


def _category_rows(links: list[IndicatorLink], cells: list[list[FormCell]]) -> list[list[FormCell]]:
    """Indicator rows with 一级/二级 merged down runs of equal values (as the declaration's form does)."""
    out = [list(c) for c in cells]
    for level1, group in groupby(range(len(links)), key=lambda i: links[i].level1_written or ""):
        members = list(group)
        out[members[0]].insert(0, _cell(level1, rowspan=len(members)))
        for level2, sub in groupby(members, key=lambda i: links[i].level2_written or ""):
            subs = list(sub)
            out[subs[0]].insert(1 if subs[0] == members[0] else 0, _cell(level2, rowspan=len(subs)))
    return out


def selfeval_layout(ev: SelfEvaluation) -> FormDocument:
    width = 9
    table = FormTable(width=width)
    table.rows += _header_rows(ev.project_name, ev.department, ev.implementer, width)
    funds: list[FundLine] = [ev.fund(k) or FundLine(kind=k) for k in FundKind]
    table.rows.append(
        [_label(f"项目资金（{ev.amount_unit}）", rowspan=5), _cell("", colspan=2), *map(_label, FUND_HEADER)]
    )
    for line in funds:
        table.rows.append(
            [
                _label(line.label or FUND_LABELS[line.kind], colspan=2),
                _num(line.initial_budget),
                _num(line.full_year_budget),
                _num(line.executed),
                _score(line.weight),
                _rate(line.rate),
                _score(line.score),
            ]
        )
    table.rows.append(
        [_label("年度总体目标", rowspan=2), _label("预期目标", colspan=4), _label("实际完成情况", colspan=4)]
    )
    table.rows.append([_cell(ev.goal_planned, colspan=4), _cell(ev.goal_achieved, colspan=4)])
    table.rows.append([_label("绩效指标", rowspan=len(ev.rows) + 1), *map(_label, SELFEVAL_HEADER)])
    cells = [
        [
            _cell(r.link.name),
            _cell(r.target),
            _cell(r.actual),
            _score(r.weight),
            _score(r.score),
            _cell(r.deviation),
        ]
        for r in ev.rows
    ]
    table.rows += _category_rows([r.link for r in ev.rows], cells)
    weights = [r.weight for r in ev.rows] + [funds[0].weight]
    points = sum((w for w in weights if w is not None), Decimal(0)) if any(w is not None for w in weights) else None
    table.rows.append(
        [
            _label("总分", colspan=6),
            _score(points),
            _score(ev.total_score),
            _cell(""),
        ]
    )
    for attr, label in CLOSING:
        text = getattr(ev, attr)
        if text:
            table.rows.append([_label(label), _cell(text, colspan=width - 1)])
    tables = [table]
    noted = [(i, r) for i, r in enumerate(ev.rows, start=1) if r.band is not None or r.evidence]
    if noted:
        extra = FormTable(width=len(NOTE_HEADER))
        extra.rows.append([_label(h) for h in NOTE_HEADER])
        extra.rows += [
            [_cell(str(k)), _cell(str(i)), _cell(r.link.name), _cell(r.band.value if r.band else ""), _cell(r.evidence)]
            for k, (i, r) in enumerate(noted, start=1)
        ]
        tables.append(extra)
    year = f"（{ev.year}年度）" if ev.year else ""
    return FormDocument(title=SELFEVAL_TITLE, year_line=year, tables=tables)


def monitoring_layout(table_: MonitoringTable, report: MonitoringReport | None = None) -> FormDocument:
    """The 运行监控表 in the official layout; 执行率 and 序时进度 are the ones ``report`` (`monitor`, the same
    function `monitor show` uses, with its today) computed, and 调整后预算 the budget that rate was taken on (the
    年初预算 when no adjustment was written)."""
    report = report or monitor(table_)
    width = 11
    table = FormTable(width=width)
    table.rows += _header_rows(table_.project_name, table_.department, table_.implementer, width)
    b = table_.budget
    table.rows.append(
        [_label(f"项目预算执行情况（{table_.amount_unit}）", rowspan=2), *map(_label, BUDGET_HEADER[:-1])]
    )
    table.rows[-1].append(_label(BUDGET_HEADER[-1], colspan=width - 6))
    table.rows.append(
        [
            _num(b.initial_budget),
            _num(b.adjusted_budget if b.adjusted_budget is not None else b.initial_budget),
            _num(b.executed),
            _rate(report.budget.rate),
            _rate(report.elapsed),
            FormCell(amount_text(b.expected_full_year), colspan=width - 6, amount=b.expected_full_year is not None),
        ]
    )
    table.rows.append([_label("年度绩效目标"), _cell(table_.goal, colspan=width - 1)])
    table.rows.append([_label("目标执行情况"), _cell(table_.goal_progress, colspan=width - 1)])
    cells = [
        [
            _cell(r.link.name),
            _cell(r.target),
            _cell(r.actual_to_date),
            _cell(r.expected_full_year),
            _cell(r.possibility.value if r.possibility else ""),
            _cell("、".join(c.value for c in r.deviation.causes)),
            _cell(r.deviation.text),
            _cell(r.corrective_measures),
        ]
        for r in table_.rows
    ]
    table.rows.append([_label("绩效指标", rowspan=len(table_.rows) + 1), *map(_label, MONITOR_HEADER)])
    table.rows += _category_rows([r.link for r in table_.rows], cells)
    line = f"（{table_.year or table_.as_of.year}年度，数据截至 {table_.as_of.isoformat()}）"
    if "按今天" in report.budget.text:  # a cut-off still to come: say what the 序时进度 was counted to
        line += f"（截止日期未到，序时进度 {report.elapsed}% 按今天计）"
    return FormDocument(title=MONITORING_TITLE, year_line=line, tables=[table])


def write_form(document: FormDocument, fmt_: str, path: Path) -> Path:
    """Write a laid-out cycle form as ``docx`` or ``xlsx``; a Chinese `InputError` when it cannot be written."""
    if not path.parent.exists():
        raise InputError(f"输出目录不存在：{path.parent}", hint="请先创建目录，或换一个输出路径")
    try:
        if fmt_ == "docx":
            _docx(document, path)
        else:
            _xlsx(document, path)
    except OSError as exc:
        raise InputError(
            f"无法写入 {path}：{describe_os_error(exc)}", hint="请检查写入权限，并关闭在 Word/Excel 中打开的同名文件"
        ) from exc
    return path


def _docx(document: FormDocument, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT

    from assistant.office.export_docx import _heading, _set_default_font, _table

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    _set_default_font(doc)
    _heading(doc.add_paragraph(), document.title, size=16)
    if document.year_line:
        _heading(doc.add_paragraph(), document.year_line, size=12)
    for table in document.tables:
        _table(doc, table)
        doc.add_paragraph()
    save_whole(doc, path)


def _xlsx(document: FormDocument, path: Path) -> None:
    from openpyxl import Workbook

    from assistant.office.export_xlsx import _table, _title

    book = Workbook()
    sheet = book.active
    sheet.title = document.title[:31]
    width = max(t.width for t in document.tables)
    _title(sheet, 1, document.title, width, size=16)
    _title(sheet, 2, document.year_line or "", width, size=12)
    row = 3
    for table in document.tables:
        row = _table(sheet, table, row + 1) + 1
    for n in range(width):
        sheet.column_dimensions[chr(ord("A") + n)].width = COLUMN_CHARS
    _row_heights(sheet)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide: the title stays above its table
    save_whole(in_memory(book), path)


COLUMN_CHARS = 16  # Excel width units per column; a CJK character takes about two


def _row_heights(sheet) -> None:
    """Rows tall enough for their wrapped text (Excel and LibreOffice do not grow rows written by openpyxl)."""
    spans = {(r.min_row, r.min_col): r.max_col - r.min_col + 1 for r in sheet.merged_cells.ranges}
    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if cell.value is None or cell.row <= 2:
                continue
            per_line = max(COLUMN_CHARS * spans.get((cell.row, cell.column), 1) // 2 - 1, 1)
            text = str(cell.value)
            needed = sum(-(-max(len(part), 1) // per_line) for part in text.split("\n"))
            lines = max(lines, needed)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = 15 * lines
