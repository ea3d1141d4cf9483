"""A 自评表 on a document-mirror page (batch 9: 稷山's .xlsx turned into one line of cells separated by spaces): the
fund block's labels (年初预算数 (万元) 年度资金总额 其中:当年财政拨款 实施单位 全年预算数 …) are interleaved with other
cells, so no run of column names gives the figures' columns.

`funds_by_rate` reads what the figures prove themselves: the first two figures followed (within two cells) by a
rate that equals the second over the first (``65.66 65.07 10 99%``: 65.07 / 65.66 = 99%) are the 年度资金总额 line's
全年预算数 and 全年执行数, since the 执行率 is 全年执行数 / 全年预算数 on every template. Nothing is read where no rate
proves a pair; a note says what was read and that the rest is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from assistant.domain import framework
from assistant.domain.cycle import FundKind, FundLine, SelfEvalRow
from assistant.ingest.selfeval_cells import FUND_HEADER, State, cell_key, is_figure
from assistant.ingest.selfeval_region import Make, is_numbered
from assistant.ingest.selfeval_words import without_numbering
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term

_SMALL = re.compile(r"^\d{1,3}$")

_LOOK = 200  # cells after the first fund column name where its figures may stand
_SLACK = Decimal(1)  # a rate is written rounded to a whole percent (99% for 99.1%)


def funds_by_rate(state: State) -> list[FundLine]:
    """The 年度资金总额 line proven by its rate (see the module's docstring), noted; [] where none is proven."""
    tokens = state.tokens
    start = next((k for k, t in enumerate(tokens) if t is not None and cell_key(t.text) in FUND_HEADER), None)
    if start is None:
        return []
    cells = [t for t in tokens[start : start + _LOOK] if t is not None and t.text.strip()]
    for k in range(len(cells) - 2):
        budget, executed = _number(cells[k]), _number(cells[k + 1])
        if budget is None or executed is None or budget <= 0 or cells[k].text.endswith("%"):
            continue
        for rate_cell in cells[k + 2 : k + 4]:
            rate = _number(rate_cell) if rate_cell.text.strip().endswith("%") else None
            if rate is not None and abs(executed / budget * 100 - rate) <= _SLACK:
                state.note(
                    "selfeval.fund_by_rate",
                    f"资金栏目与数字在复制中分开：「{cells[k].text} {cells[k + 1].text}」之后的执行率「{rate_cell.text}」"
                    "正是二者之比，读作年度资金总额的全年预算数和全年执行数；其余数字分不出栏目，未读取；请对照原表核对",
                    cells[k],
                )
                return [FundLine(kind=FundKind.TOTAL, full_year_budget=budget, executed=executed, rate=rate)]
    return []


def _number(cell: WebCell) -> Decimal | None:
    text = cell.text.strip().replace(",", "")
    if not is_figure(text):
        return None
    try:
        return Decimal(text.removesuffix("%"))
    except InvalidOperation:
        return None


_STANDARD = ("target", "actual", "weight", "score")  # 年度指标值 | 实际完成值 | 分值 | 得分: the template's order
_WORDS = ("指标值", "完成值", "分值", "得分")
_TAIL = 4  # the end of a name its cell wrapped (保统筹, 入) is at most this long


def mirror_rows(state: State, rest: list[str], make: Make, stop: Callable[[str], bool]) -> list[SelfEvalRow] | None:
    """The rows of a document mirror's indicator table whose header lost its value columns (``rest`` is only the
    三级指标: the columns' names stand later, among the rows): a numbered name (``指标1:资金是否全部纳入医``, its
    wrapped end ``保统筹`` joined) followed right away by four cells ending in two whole numbers is read in the
    template's order (年度指标值, 实际完成值, 分值, 得分), which the page's column names confirm; the other rows, whose
    values the mirror put elsewhere, are named in one note and not read. None where the table is not of this kind."""
    if not state.lossy or rest != ["name"]:
        return None
    end = state.i
    while end < len(state.tokens):
        token = state.tokens[end]
        if token is not None and token.text and stop(cell_key(token.text)):
            break
        end += 1
    page = [cell_key(t.text) for t in state.tokens[state.i : end] if t is not None and t.text]
    if not _in_order(page, _WORDS):
        return None
    cells = [t for t in state.tokens[state.i : end] if t is not None and t.text.strip()]
    rows: list[SelfEvalRow] = []
    unread: list[str] = []
    levels: dict[str, str] = {}
    k = 0
    while k < len(cells):
        cell = cells[k]
        term = level_term(cell.text)
        if term is not None:
            one = framework.is_level1_term(term) and ("level1" not in levels or "level2" in levels)
            levels = {"level1": term} if one else {**levels, "level2": term}
        elif is_numbered(cell.text):
            read = _values(cells, k)
            if read is not None:
                name, values, k = read
                rows.append(make({"name": name, **dict(zip(_STANDARD, values, strict=True))}, levels, cell, state))
            else:
                unread.append(without_numbering(cell.text))
        k += 1
    state.i = end
    if unread:
        state.note(
            "selfeval.mirror_rows_unread",
            f"文档转成网页时表格压成了一行：{len(rows)} 行指标的数值紧跟在名称后，按表样顺序读取；"
            f"{'、'.join(unread)} 的数值不在名称旁边，分不出归属，未读取（不猜测）；请对照原表补录",
            None,
        )
    return rows


def _in_order(keys: list[str], words: tuple[str, ...]) -> bool:
    at = 0
    for key in keys:
        if at < len(words) and words[at] in key:
            at += 1
    return at == len(words)


def _values(cells: list[WebCell], k: int) -> tuple[str, list[str], int] | None:
    """(name, its four values, index of the last) for the numbered name at ``cells[k]`` when four cells ending in two
    whole numbers follow it, or follow its wrapped end (a short word: ``保统筹``, ``入``); None otherwise."""
    name = without_numbering(cells[k].text)
    for tail in (0, 1):
        values = [c.text for c in cells[k + 1 + tail : k + 5 + tail]]
        if len(values) == 4 and all(_SMALL.match(v) for v in values[2:]) and not any(map(is_numbered, values)):
            if tail and not _tail(cells[k + 1].text):
                return None
            return name + (cells[k + 1].text if tail else ""), values, k + 4 + tail
    return None


def _tail(text: str) -> bool:
    """``text`` can be the end of a name its cell wrapped: short, not a figure, category or numbered name."""
    return (
        1 <= len(text) <= _TAIL
        and level_term(text) is None
        and not is_figure(text)
        and not is_numbered(text)
        and not any(t.startswith(text) for t in framework.level_terms())
    )
