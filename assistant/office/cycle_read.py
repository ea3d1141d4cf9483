"""Read a 绩效运行监控表 or 项目支出绩效自评表 back from .docx/.xlsx (ours, or one laid out the same common way).

Cells are found by their labels, never by fixed positions: the 项目资金 and 绩效指标 header rows give each column
its role, a data row's cell is matched to the header cell whose columns it covers, and 一级/二级 cells merged down
their rows are inherited from the row above. Nothing is invented: a blank cell stays ``None``; an amount or
score that is not a number is a Chinese `InputError` naming its cell.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from assistant.domain.amounts import figure_problem
from assistant.domain.cycle import (
    Band,
    BudgetExecution,
    Deviation,
    DeviationCause,
    FundKind,
    FundLine,
    IndicatorLink,
    MonitoringRow,
    MonitoringTable,
    Possibility,
    SelfEvalRow,
    SelfEvaluation,
    SourceRef,
)
from assistant.domain.framework import Level1, Level2
from assistant.domain.values import parse_value
from assistant.errors import InputError
from assistant.office.cycle_layout import (
    BUDGET_HEADER,
    FUND_HEADER,
    MONITOR_HEADER,
    NOTE_HEADER,
    SELFEVAL_HEADER,
)
from assistant.office.grid import GridCell, GridRow

_FUND_KINDS = {"年度资金总额": FundKind.TOTAL, "当年财政拨款": FundKind.FISCAL, "上年结转": FundKind.CARRYOVER}
_AS_OF = re.compile(r"截至\s*(\d{4})-(\d{1,2})-(\d{1,2})|截至\s*(\d{4})年(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(\d{4})\s*年度")


def read_rows(path: Path) -> list[GridRow]:
    """A form file's rows (Word tables or Excel sheets); Chinese errors for what cannot be read."""
    from assistant.office.read_docx import docx_rows
    from assistant.office.read_xlsx import xlsx_rows

    if not path.is_file():
        raise InputError(f"找不到文件：{path}", hint="请检查路径")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return docx_rows(data, path.name)
    if suffix == ".xlsx":
        return xlsx_rows(data, path.name).rows
    raise InputError(f"{path.name} 不是 .docx 或 .xlsx 文件", hint="请提供 Word（.docx）或 Excel（.xlsx）格式的表")


def _source(path: Path) -> SourceRef:
    return SourceRef(file=path.name, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def _texts(row: GridRow) -> list[str]:
    return [c.text.strip() for c in row.filled]


def _after(row: GridRow, label: str) -> str | None:
    cells = row.filled
    for i, cell in enumerate(cells):
        if cell.text.strip() == label and i + 1 < len(cells) and not _is_label(cells[i + 1].text):
            return cells[i + 1].text.strip()
    return None


_LABELS = {"项目名称", "主管部门", "实施单位"}


def _is_label(text: str) -> bool:
    return text.strip() in _LABELS


def _columns(row: GridRow, names: tuple[str, ...]) -> dict[str, GridCell]:
    found: dict[str, GridCell] = {}
    for cell in row.cells:
        text = re.sub(r"\s+", "", cell.text)
        for name in names:
            if name not in found and (text == name or (name in text and len(text) <= len(name) + 6)):
                found[name] = cell
                break
    return found


def _at(row: GridRow, header: GridCell) -> str | None:
    for cell in row.cells:
        if cell.covers(header.col) or header.covers(cell.col):
            text = cell.text.strip()
            return text or None
    return None


class FigureError(InputError):
    """A figure cell of a form in this layout that cannot be read (``#DIV/0!``, ``约五十万``, ``NaN``, ``1e300``):
    the file *is* a form of the kind its title says, so it is refused naming the cell, never read as another kind."""


def _decimal(text: str | None, where: str) -> Decimal | None:
    """The figure in a cell (``1,200``, ``53.29%`` → 53.29); None for a blank. Raises `FigureError` naming
    ``where`` for text that is not a number or one `figure_problem` refuses (negatives are kept: review flags them)."""
    if text is None or not text.strip():
        return None
    cleaned = text.replace(",", "").replace("，", "").rstrip("%").strip()
    try:
        value: Decimal | None = Decimal(cleaned)
    except InvalidOperation:
        value = None
    problem = "无法读取为数字" if value is None else figure_problem(value, negative_ok=True)
    if problem is not None:
        raise FigureError(
            f"{where} 的“{text if len(text) <= 40 else text[:40] + '…'}”{problem}",
            hint="请在该单元格填写数字（金额、分值、得分、执行率；公式出错时填写计算结果或留空）后重新导入",
        )
    return value


def _where(row: GridRow, column: GridCell, name: str) -> str:
    """``Sheet1!D7（执行数）`` or ``表3 第7行第4列（执行数）``: the cell of ``row`` under header ``column``."""
    cell = next((c for c in row.cells if c.covers(column.col) or column.covers(c.col)), None)
    return f"{cell.where if cell is not None else f'{row.grid} 第{row.index + 1}行'}（{name}）"


def _figures(row: GridRow, columns: dict[str, GridCell]) -> dict[str, Decimal | None]:
    """{column name: figure} of ``row`` under each header cell of ``columns`` (`_decimal` on each)."""
    return {n: _decimal(_at(row, c), _where(row, c, n)) for n, c in columns.items()}


@dataclass
class _Header:
    name: str = ""
    department: str | None = None
    implementer: str | None = None
    title: str = ""
    lines: list[str] = field(default_factory=list)


def _header(rows: list[GridRow]) -> _Header:
    found = _Header()
    for row in rows:
        texts = _texts(row)
        if len(texts) == 1 and not found.title and ("自评表" in texts[0] or "监控表" in texts[0]):
            found.title = texts[0]
        elif len(texts) == 1:
            found.lines.append(texts[0])
        found.name = found.name or (_after(row, "项目名称") or "")
        found.department = found.department or _after(row, "主管部门")
        found.implementer = found.implementer or _after(row, "实施单位")
    if not found.name:
        raise InputError("表中没有找到“项目名称”", hint="请确认这是绩效自评表或运行监控表，并填写了项目名称")
    return found


def _year(header: _Header) -> int | None:
    for line in [header.title, *header.lines]:
        m = _YEAR.search(line)
        if m:
            return int(m.group(1))
    return None


def _link(level1: str | None, level2: str | None, name: str) -> IndicatorLink:
    return IndicatorLink(
        level1_written=level1,
        level2_written=level2,
        level1=next((x for x in Level1 if x.value == level1), None),
        level2=next((x for x in Level2 if x.value == level2), None),
        name=name,
    )


def _indicator_rows(
    rows: list[GridRow], names: tuple[str, ...], stop: str | None
) -> tuple[dict[str, GridCell], list[tuple[GridRow, dict[str, str | None]]]]:
    """Rows under the indicator header, as {column name: text}; 一级/二级 inherited down merged cells."""
    out: list[tuple[GridRow, dict[str, str | None]]] = []
    columns: dict[str, GridCell] | None = None
    level1 = level2 = None
    for row in rows:
        if columns is None:
            found = _columns(row, names)
            if "三级指标" in found and len(found) >= len(names) - 2:
                columns = found
            continue
        texts = _texts(row)
        if not texts or (stop and texts[0] == stop) or (len(texts) == 1 and row.cells[0].span > 3):
            break
        values = {n: _at(row, c) for n, c in columns.items()}
        if not values.get("三级指标"):
            break
        level1 = values.get("一级指标") or level1
        level2 = values.get("二级指标") or level2
        values["一级指标"], values["二级指标"] = level1, level2
        out.append((row, values))
    if columns is None:
        raise InputError("表中没有找到绩效指标表头（一级指标、二级指标、三级指标……）", hint="请确认表头未被删改")
    return columns, out


def read_selfeval(path: Path, *, form_id: str = "imported") -> SelfEvaluation:
    rows = read_rows(path)
    header = _header(rows)
    funds = _funds(rows)
    goal_planned, goal_achieved = _goals(rows)
    notes = _notes(rows)
    items = []
    columns, indicator_rows = _indicator_rows(rows, SELFEVAL_HEADER, "总分")
    for n, (row, v) in enumerate(indicator_rows, start=1):
        band_text, evidence = notes.get(n, (None, None))
        target = v.get("年度指标值") or ""
        items.append(
            SelfEvalRow(
                link=_link(v["一级指标"], v["二级指标"], v["三级指标"] or ""),
                target=target,
                target_value=parse_value(target),
                actual=v.get("实际完成值"),
                weight=_decimal(v.get("分值"), _where(row, columns["分值"], "分值") if "分值" in columns else ""),
                score=_decimal(v.get("得分"), _where(row, columns["得分"], "得分") if "得分" in columns else ""),
                deviation=v.get("偏差原因分析及改进措施"),
                band=next((b for b in Band if b.value == band_text), None),
                evidence=evidence,
            )
        )
    closing = {label: _after_label(rows, label) for label in ("评价结论", "存在问题", "改进措施")}
    return SelfEvaluation(
        id=form_id,
        project_name=header.name,
        department=header.department,
        implementer=header.implementer,
        year=_year(header),
        amount_unit="万元" if any("万元" in t for r in rows for t in _texts(r) if "项目资金" in t) else "元",
        funds=funds,
        goal_planned=goal_planned,
        goal_achieved=goal_achieved,
        rows=items,
        total_score=_total(rows, columns.get("得分")),
        conclusion=closing["评价结论"],
        problems=closing["存在问题"],
        improvements=closing["改进措施"],
        source=_source(path),
    )


def _funds(rows: list[GridRow]) -> list[FundLine]:
    columns: dict[str, GridCell] | None = None
    out: list[FundLine] = []
    for row in rows:
        if columns is None:
            found = _columns(row, FUND_HEADER)
            if len(found) >= 4:
                columns = found
            continue
        label = next((t for t in _texts(row)), "")
        kind = next((k for key, k in _FUND_KINDS.items() if key in label), None)
        if kind is None and "其他资金" in label:
            kind = FundKind.OTHER
        if kind is None:
            break
        v = _figures(row, columns)
        line = FundLine(
            kind=kind,
            initial_budget=v.get("年初预算数"),
            full_year_budget=v.get("全年预算数"),
            executed=v.get("全年执行数"),
            weight=v.get("分值"),
            rate=v.get("执行率"),
            score=v.get("得分"),
        )
        if kind is FundKind.TOTAL or any(
            x is not None for x in (line.initial_budget, line.full_year_budget, line.executed)
        ):
            out.append(line)
    return out


def _goals(rows: list[GridRow]) -> tuple[str | None, str | None]:
    for i, row in enumerate(rows):
        columns = _columns(row, ("预期目标", "实际完成情况"))
        if len(columns) == 2 and i + 1 < len(rows):
            below = rows[i + 1]
            return _at(below, columns["预期目标"]), _at(below, columns["实际完成情况"])
    return None, None


def _notes(rows: list[GridRow]) -> dict[int, tuple[str | None, str | None]]:
    """(档次, 数据来源) of the 评分说明 table by the 绩效指标 row they explain (from 1): its 绩效指标行号 column, or in
    files exported before that column existed, its 序号."""
    out: dict[int, tuple[str | None, str | None]] = {}
    columns: dict[str, GridCell] | None = None
    for row in rows:
        if columns is None:
            found = _columns(row, NOTE_HEADER)
            if {"序号", "三级指标", "档次", "数据来源"} <= found.keys():
                columns = found
            continue
        number = _at(row, columns.get("绩效指标行号") or columns["序号"])
        if not number or not number.isdigit():
            break
        out[int(number)] = (_at(row, columns["档次"]), _at(row, columns["数据来源"]))
    return out


def _total(rows: list[GridRow], score: GridCell | None) -> Decimal | None:
    """总分: the cell of the 总分 row under the indicator table's 得分 column."""
    for row in rows:
        texts = _texts(row)
        if texts and texts[0] == "总分" and score is not None:
            return _decimal(_at(row, score), _where(row, score, "总分"))
    return None


def _after_label(rows: list[GridRow], label: str) -> str | None:
    for row in rows:
        texts = _texts(row)
        if len(texts) >= 2 and texts[0] == label:
            return texts[1]
    return None


def read_monitoring(path: Path, *, form_id: str = "imported") -> MonitoringTable:
    rows = read_rows(path)
    header = _header(rows)
    as_of = _as_of(header)
    budget = _budget(rows, as_of)
    items = []
    for _row, v in _indicator_rows(rows, MONITOR_HEADER, None)[1]:
        target = v.get("年度指标值") or ""
        causes = [c for c in DeviationCause if c.value in (v.get("偏差原因") or "")]
        items.append(
            MonitoringRow(
                link=_link(v["一级指标"], v["二级指标"], v["三级指标"] or ""),
                target=target,
                target_value=parse_value(target),
                actual_to_date=v.get("执行情况"),
                expected_full_year=v.get("全年预计完成情况"),
                possibility=next((p for p in Possibility if p.value == v.get("完成目标可能性")), None),
                deviation=Deviation(causes=causes, text=v.get("偏差原因说明")),
                corrective_measures=v.get("纠偏措施"),
            )
        )
    return MonitoringTable(
        id=form_id,
        project_name=header.name,
        department=header.department,
        implementer=header.implementer,
        year=_year(header),
        as_of=as_of,
        amount_unit="万元" if any("万元" in t for r in rows for t in _texts(r) if "预算执行" in t) else "元",
        goal=_after_label(rows, "年度绩效目标"),
        goal_progress=_after_label(rows, "目标执行情况"),
        budget=budget,
        rows=items,
        source=_source(path),
    )


def _as_of(header: _Header) -> date:
    for line in [header.title, *header.lines]:
        m = _AS_OF.search(line)
        if m:
            parts = [int(x) for x in m.groups() if x]
            return date(parts[0], parts[1], parts[2])
    year = _year(header)
    if year is None:
        raise InputError(
            "监控表没有写明数据截止日期（如 数据截至 2025-07-31）", hint="请在标题下写明截止日期后重新导入"
        )
    return date(year, 7, 31)


def _budget(rows: list[GridRow], as_of: date) -> BudgetExecution:
    for i, row in enumerate(rows):
        columns = _columns(row, BUDGET_HEADER)
        if len(columns) >= 4 and i + 1 < len(rows):
            v = _figures(rows[i + 1], {n: c for n, c in columns.items() if n != "序时进度"})
            return BudgetExecution(
                initial_budget=v.get("年初预算"),
                adjusted_budget=v.get("调整后预算"),
                executed=v.get("执行数"),
                rate=v.get("执行率"),
                expected_full_year=v.get("全年预计执行数"),
                as_of=as_of,
            )
    return BudgetExecution(as_of=as_of)


def form_kind(path: Path) -> str:
    """``selfeval`` or ``monitoring`` from the form's title."""
    header = _header(read_rows(path))
    text = " ".join([header.title, *header.lines])
    if "监控" in text:
        return "monitoring"
    if "自评" in text:
        return "selfeval"
    raise InputError(f"{path.name} 的标题既不是绩效自评表也不是运行监控表", hint="请确认选择了正确的文件")
