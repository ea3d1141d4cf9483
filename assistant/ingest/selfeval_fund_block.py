"""The fund block of a 项目支出绩效自评表 (年度资金总额 / 财政拨款 / 其他资金 rows under 年初预算数, 全年预算数,
全年执行数, 分值, 执行率, 得分): its rows read cell by cell, with the copies that lost their empty cells or ran
their figures together (each split proven or noted, never guessed). Moved out of `selfeval` unchanged.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.cycle import FundKind, FundLine
from assistant.domain.model import NoteLevel
from assistant.ingest.cells import label_key
from assistant.ingest.selfeval_cells import (
    BLANKS,
    FUND_HEADER,
    FUND_ROWS,
    INDICATOR_HEADER,
    SECTION,
    TEXTS,
    State,
    cell_key,
    header_row,
    is_figure,
    number_in,
)
from assistant.ingest.selfeval_fund_align import short_row
from assistant.ingest.selfeval_glued import figure_run, glued_note, split_glued
from assistant.ingest.web_cells import WebCell

_UNIT_CELL = re.compile(r"^[（(]万元[)）]$")
_RUN_FIGURES = re.compile(r"^[\d.,%—\-/]+$")  # 202010100.00%10: 20 | 20 | 10 | 100.00% | 10 run together
# The labels of a self-evaluation's blocks, by which a run-together copy is cut (`selfeval_run`).
RUN_LABELS = (
    *FUND_HEADER,
    *FUND_ROWS,
    *(k for k in INDICATOR_HEADER if k != "完成率"),  # a word many indicator names end in: no edge in a run
    *TEXTS,
    "项目名称",
    "主管部门",
    "主管部门及代码",  # 宁夏 (原州): the unit's name with its budget code run after it
    "主管部门及编码",
    "实施单位",
    "项目类别",  # 项目类别 / 项目属性 / 项目类型: the template's tick boxes after the units
    "项目属性",
    "项目类型",
    "项目负责人及电话",
    "资金情况(万元)",
    "项目资金(万元)",
    "年度总体目标",
    "年初设定目标",
    "年度总体目标完成情况综述",
    "预期目标",
    "实际完成情况",
    "绩效指标",
    "本年财政拨款",
    "未完成原因及拟采取的改进措施",
    "总分",
    "转移支付(项目)名称",
    "中央主管部门",
    "地方主管部门",
    "资金使用单位",
    "专项资金名称",  # 衡山: 专项资金名称县级储备粮负责人及电话…县级主管部门衡山县商务和粮食局
    "转移(项目)名称",
    "负责人及电话",
    "县级主管部门",
    "市级主管部门",
    "省级主管部门",
    "自治区主管部门",  # 宁夏's template: 自治区主管部门 / 专项实施期 / 市县财政部门 / 市县主管部门
    "市县主管部门",
    "市县财政部门",
    "专项实施期",
    "项目实施期",
    "实施单位/项目负责人",  # one label for two fields, its value ``某区农技中心/张某``
)
BLOCK_LABELS = frozenset(label_key(label) for label in RUN_LABELS)


def figures_before_rows(state: State, columns: list[str]) -> list[FundLine]:
    """A PDF's text where the fund block's figures came before its row labels (普陀: ``年初预算数 全年预算数 … 得分
    250000.00 250000.00 215,457.6 10 8.62 … 年度资金总额``): the template's first row is 年度资金总额 and its first two
    columns 年初预算数 and 全年预算数, so the first two figures are read as those; the other figures, whose columns
    the order does not show, are not read (noted). Nothing where the header does not start so."""
    run: list[WebCell] = []
    k = state.i
    while k < len(state.tokens) and (token := state.tokens[k]) is not None and is_figure(token.text):
        run.append(token)
        k += 1
    if len(run) < 2 or columns[:2] != ["initial_budget", "full_year_budget"] or k >= len(state.tokens):
        return []
    state.i = k
    initial, full_year = (number_in(cell, state) for cell in run[:2])
    state.note(
        "selfeval.fund_order",
        f"PDF 文字中资金数字与栏目名称分开（{' '.join(c.text for c in run)}）：按表样顺序把前两个数读作年度资金总额的"
        "年初预算数和全年预算数，其余数字分不出所属栏目和行，未读取；请对照原表补录",
        run[0],
    )
    return [FundLine(kind=FundKind.TOTAL, initial_budget=initial, full_year_budget=full_year)]


def read_funds(state: State, first: WebCell, *, wan: bool) -> list[FundLine]:
    columns = header_row(state, first, FUND_HEADER)
    lines: list[FundLine] = figures_before_rows(state, columns) if state.lossy else []
    while state.i < len(state.tokens):
        token = state.tokens[state.i]
        if token is None or not token.text:
            state.i += 1
            continue
        kind = FUND_ROWS.get(cell_key(token.text))
        if kind is None and not lines and _UNIT_CELL.match(cell_key(token.text)):
            state.i += 1  # 项目资金 / (万元): the block's label wrapped, its unit at the start of the first row
            state.unit = "万元"
            continue
        if kind is None:
            break
        state.i += 1
        short = short_row(state, columns, token.text)  # figures fewer than the columns, or on a line of their own
        values: dict[str, Decimal | None] = short or {}
        for column in columns if short is None else []:
            nxt = state.tokens[state.i] if state.i < len(state.tokens) else None
            if nxt is None or (nxt.text and (cell_key(nxt.text) in FUND_ROWS or SECTION.match(nxt.text))):
                break
            if nxt.text and not is_figure(nxt.text) and cell_key(nxt.text) in BLOCK_LABELS:
                break  # a row whose empty cells the copy kept fewer of than its header's columns (廊坊's 其他资金)
            # a run-together copy: one piece of digits where several figures stood
            glued = state.ran and len(columns) > 1 and bool(re.search(r"\d", nxt.text))
            if glued or (state.lossy and nxt.text and not is_figure(nxt.text) and nxt.text not in BLANKS):
                run, rest = figure_run(nxt.text) if state.ran else (nxt.text, "")
                if not values and (proven := split_glued(run, columns, wan=wan)):
                    values.update(proven)
                    state.notes.append(glued_note(token.text, run, nxt.line, proven, rest, tuple(columns)))
                    state.i += 1
                elif glued or _RUN_FIGURES.match(nxt.text):
                    state.note(
                        "selfeval.fund_unsplit",
                        f"「{token.text}」的各栏数字连在了一起（{nxt.text}），分不出年初预算数、全年预算数和执行数，"
                        "未读取（不猜测）；请对照原表补录",
                        nxt,
                    )
                    state.i += 1
                break  # a copy without its empty cells: the row's figures end at the first word
            state.i += 1
            if column == "reason":
                if nxt.text:
                    state.note("selfeval.fund_reason", "资金执行原因说明已保留在提示中", nxt, NoteLevel.INFO)
                continue
            values[column] = number_in(nxt, state)
        label = token.text if cell_key(token.text) != kind.value else None
        lines.append(FundLine(kind=kind, label=label, **values))
    return lines
