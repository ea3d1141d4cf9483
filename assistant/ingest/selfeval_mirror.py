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
from assistant.ingest.selfeval_mirror_order import Orphan, assign, is_value
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
        budget, executed = _number(cells[k], state, glued=state.ran), _number(cells[k + 1], state)
        if budget is None or executed is None or budget <= 0 or cells[k].text.endswith("%"):
            continue
        for rate_cell in cells[k + 2 : k + 4]:
            rate = _rate(rate_cell, state)
            if rate is not None and abs(executed / budget * 100 - rate) <= _SLACK:
                state.note(
                    "selfeval.fund_by_rate",
                    f"资金栏目与数字在复制中分开：「{cells[k].text} {cells[k + 1].text}」之后的执行率「{rate_cell.text}」"
                    "正是二者之比，读作年度资金总额的全年预算数和全年执行数；其余数字分不出栏目，未读取；请对照原表核对",
                    cells[k],
                )
                return [FundLine(kind=FundKind.TOTAL, full_year_budget=budget, executed=executed, rate=rate)]
    return []


def _number(cell: WebCell, state: State, *, glued: bool = False) -> Decimal | None:
    """The figure in ``cell``: bare, or with the fund block's own unit (``259.45万元`` under 资金情况(万元)); where the
    cells ran together (``glued``), also one that ends a run of label words (``其中中央补助自治区补助300万元``)."""
    text = cell.text.strip().replace(",", "")
    if glued and (end := _GLUED_FIGURE.match(text)) is not None:
        text = end.group(1)
    if (written := _UNIT.search(text)) is not None:
        if written.group(0) != state.unit:
            return None  # a figure in another unit than the block's: not compared with the block's figures
        text = text.removesuffix(written.group(0))
    if not is_figure(text):
        return None
    try:
        return Decimal(text.removesuffix("%"))
    except InvalidOperation:
        return None


def _rate(cell: WebCell, state: State) -> Decimal | None:
    """The rate in ``cell`` (``99%``); where the cells ran together, also one the next label ran into (``86.5%市县资金``)."""
    text = cell.text.strip()
    if state.ran and (glued := _GLUED_RATE.match(text)) is not None:
        text = glued.group(1)
    return _number(WebCell(text, cell.line), state) if text.endswith("%") else None


_GLUED_FIGURE = re.compile(r"^[^\d]{2,}?(\d+(?:\.\d+)?(?:万元|元)?)$")
_UNIT = re.compile(r"(?<=\d)(?:万元|元)$")
_GLUED_RATE = re.compile(r"^(\d+(?:\.\d+)?%)[^\d%]")


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
    placed: list[tuple[int, SelfEvalRow]] = []
    orphans: list[Orphan] = []
    used: set[int] = set()
    levels: dict[str, str] = {}
    k = 0
    while k < len(cells):
        cell = cells[k]
        term, k = _term(cells, k)
        if term is not None:
            one = framework.is_level1_term(term) and ("level1" not in levels or "level2" in levels)
            one = one and not (framework.is_level2_term(term) and _next_is_name(cells, k))
            levels = {"level1": term} if one else {**levels, "level2": term}
        elif is_numbered(cell.text):
            read = _values(cells, k)
            if read is not None:
                name, values, last = read
                used.update(range(k, last + 1))
                placed.append(
                    (k, make({"name": name, **dict(zip(_STANDARD, values, strict=True))}, levels, cell, state))
                )
                k = last
            else:
                orphans.append(Orphan(k, _orphan_name(cells, k), dict(levels), cell))
        k += 1
    weights = [row.weight for _, row in placed if row.weight is not None]
    if (paired := assign(cells, used, orphans, weights, state, state.i)) is not None:
        for orphan, values in paired:
            fields = {"name": orphan.name, **dict(zip(_STANDARD, values, strict=True))}
            placed.append((orphan.at, make(fields, orphan.levels, orphan.cell, state)))
        state.note(
            "selfeval.mirror_rows_in_order",
            f"文档转成网页时表格压成了一行：{'、'.join(o.name for o in orphans)} 的数值不在名称旁边，"
            f"剩下的 {len(orphans)} 组数值与这些名称个数相同、顺序读取，且各行分值之和与总分相符，按页面顺序对应读取；"
            "请对照原表核对",
            orphans[0].cell,
        )
        orphans = []
    state.i = end
    if orphans:
        state.note(
            "selfeval.mirror_rows_unread",
            f"文档转成网页时表格压成了一行：{len(placed)} 行指标的数值紧跟在名称后，按表样顺序读取；"
            f"{'、'.join(without_numbering(o.cell.text) for o in orphans)} 的数值不在名称旁边，分不出归属，未读取（不猜测）；"
            "请对照原表补录",
            None,
        )
    return [row for _, row in sorted(placed, key=lambda pair: pair[0])]


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


_ORPHAN_TAIL = 8  # a name whose values stand elsewhere: its wrapped end is the next cell, when it is a short word


def _orphan_name(cells: list[WebCell], k: int) -> str:
    """The name at ``cells[k]`` without its numbering, with its wrapped end (``员看病难贵问题``) joined: a short word
    that is no category, figure, value, numbered name or bracket, nor one letter of a label written one letter a
    cell (``绩 效 指 标``)."""
    name = without_numbering(cells[k].text)
    if k + 1 >= len(cells):
        return name
    tail = cells[k + 1].text.strip()
    spelled = len(tail) == 1 and k + 2 < len(cells) and len(cells[k + 2].text.strip()) == 1
    if (
        len(tail) > _ORPHAN_TAIL
        or spelled
        or tail[:1] in "(（"
        or is_value(tail)
        or (len(tail) > _TAIL and not _tail_word(tail))
        or not _tail(tail[:_TAIL])
    ):
        return name
    return name + tail


def _tail_word(text: str) -> bool:
    return level_term(text) is None and not is_figure(text) and not is_numbered(text)


def _term(cells: list[WebCell], k: int) -> tuple[str | None, int]:
    """(the category at ``cells[k]``, the index of its last cell): a category whose cell wrapped (``效益指`` /
    ``标(30 分)``) is joined with its end."""
    if (term := level_term(cells[k].text)) is not None or is_numbered(cells[k].text) or k + 1 >= len(cells):
        return term, k
    joined = level_term(cells[k].text + cells[k + 1].text)
    if joined is not None and not is_numbered(cells[k + 1].text):
        return joined, k + 1
    return _interleaved_term(cells, k), k


_HEAD = 3  # the wrapped head of a category (服务对象满) is at least this long
_APART = 3  # its end stands at most this many cells further on
_WRAPPED_POINTS = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分|[()（）\s]")  # (10分 意度指标 ): the 一级's points around it


def _interleaved_term(cells: list[WebCell], k: int) -> str | None:
    """A 二级 whose cell wrapped and whose two lines the mirror wrote apart, the row's name and its 一级's points
    between them (``服务对象满`` ``指标1:是否满意`` ``(10分 意度指标 )``): the head a framework 二级 starts with, its end
    the cell that completes it, no category standing between; None otherwise. The end left where it stands is no
    category or figure, so the row's reading passes over it."""
    head = cells[k].text.strip()
    if len(head) < _HEAD or not any(t.startswith(head) and t != head for t in framework.level_terms()):
        return None
    for cell in cells[k + 1 : k + 2 + _APART]:
        if level_term(cell.text) is not None:
            return None
        joined = level_term(head + _WRAPPED_POINTS.sub("", cell.text))
        if joined is not None and framework.is_level2_term(joined):
            return joined
    return None


def _next_is_name(cells: list[WebCell], k: int) -> bool:
    """The cell after ``cells[k]`` is a numbered row: a category over no 二级 of its own (``成本指标`` right above
    ``指标1:配套资金每人每年``) is itself the 二级."""
    return k + 1 < len(cells) and is_numbered(cells[k + 1].text)
