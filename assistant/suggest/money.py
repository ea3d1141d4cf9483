"""Which of a brief's funding figures a cost row is computed from, and the Chinese name of that field, so that a
row's stated ground never names a field whose figure it did not use (rt8 R7: 项目资金 860,000, 年度申请 1,860,000,
ground ``项目资金 1,860,000元``)."""

from __future__ import annotations

from decimal import Decimal

from assistant.domain.brief import Brief


def money_used(brief: Brief) -> tuple[Decimal, str] | None:
    """(amount in 元, the field's name as a ground says it) of the figure a project's cost is taken from: the year's
    request (年度申请), else the project total (项目资金), else the fiscal money (财政资金); None when none is given.
    The year's request is called 项目资金 only when the total is blank or the same figure."""
    money = brief.funding
    if money.annual:
        same = money.total is None or money.total == money.annual
        return money.annual, "项目资金" if same else f"{brief.year}年度申请"
    if money.total:
        return money.total, "项目资金"
    if money.fiscal:
        return money.fiscal, "财政资金"
    return None
