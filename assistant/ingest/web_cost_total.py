"""The amount of a run-together form that states it only as the total of its 项目预算成本构成 (鄂州).

Hubei's 市直部门预算项目支出绩效目标表 has no 年度资金总额 field: the amount is the 合计 of its cost table
(``项目预算成本构成 | 金额 | 测算(公式)依据 | 2020年实际执行数 | 2021年实际执行数``). Copied with its cells run
together, each cost row is a name, its amount, its basis and the years' figures glued (``保安服务费191依据招标文件191191``),
and the total runs into the years' totals (``合计814662.98794.55``). The amount is read only where it is proven:
the 合计's figures start with the sum of the rows' amounts (191 + 99 + 524 = 814). The page names no unit for
it, so the unit is assumed from the figure (`assumed_unit`) and a note says so; nothing is read otherwise.
"""

from __future__ import annotations

import re
from decimal import Decimal

_TABLE = re.compile(r"项目预算成本构成金额(?:测算[（(]公式[)）]依据)?(?:\d{4}年实际执行数)*")
_PAIR = re.compile(r"(?P<text>[^\d]+?)(?P<figure>\d+(?:\.\d+)*)")
_TOTAL = "合计"
_AMOUNT_LABEL = re.compile(r"资金总额|年度金额|预算金额|项目金额|资金合计|预算数")
_SMALL = Decimal(10000)


def table_start(text: str) -> int | None:
    """Where a run-together cost table's header (``项目预算成本构成金额测算(公式)依据…``) starts in ``text``, else
    None: a field's value that ran on into it stops there (鄂州's 立项依据)."""
    found = _TABLE.search(text)
    return found.start() if found else None


def assumed_unit(figure: Decimal) -> str:
    """The unit of a project's amount a page writes with no unit anywhere: 万元 below 10,000 (a project of under 1
    万元 is rare in a budget disclosure, while a figure in 元 of one under 10,000 would be one), else 元. Callers say
    in a note that the unit was assumed."""
    return "万元" if figure < _SMALL else "元"


def cost_total(text: str) -> Decimal | None:
    """The 合计 of a run-together cost table in ``text`` where it equals the sum of the rows' amounts, else None."""
    table = _TABLE.search(text)
    if table is None or _AMOUNT_LABEL.search(text[: table.start()]):
        return None  # no cost table, or the form states its amount in a field of its own
    amounts: list[Decimal] = []
    for k, pair in enumerate(_PAIR.finditer(text, table.end())):
        label = pair["text"].strip()
        if label == _TOTAL:
            total = sum(amounts, Decimal(0))
            return total if amounts and pair["figure"].startswith(_plain(total)) else None
        if k % 2 == 0:  # a row's name and its amount; the odd pairs are its basis and the years' figures
            if not re.fullmatch(r"\d+(?:\.\d+)?", pair["figure"]):
                return None
            amounts.append(Decimal(pair["figure"]))
    return None


def _plain(figure: Decimal) -> str:
    text = f"{figure:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def cost_total_field(text: str) -> tuple[str, str, str] | None:
    """(the amount's label with its assumed unit, the figure, the note saying how it was read) for a form whose
    amount is its cost table's proven 合计, else None."""
    total = cost_total(text)
    if total is None:
        return None
    unit = assumed_unit(total)
    figure = _plain(total)
    note = (
        f"表中没有年度资金总额栏：按项目预算成本构成的合计 {figure} 读取（等于各项金额之和）；页面没有写明金额单位，"
        f"按{unit}读取（{'不足 1 万的项目金额按万元计' if unit == '万元' else '按元计'}）；请核对原表"
    )
    return f"年度资金总额（{unit}）", figure, note
