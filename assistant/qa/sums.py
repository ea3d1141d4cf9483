"""Sums of a funding field over the selected forms (`execute` calls ``sum_funding``), computed exactly.

A blank amount is never counted as zero: the sum is of the filled ones, the blank forms are named, each with the
年度资金申请总额 it did fill beside it; where 项目资金总额 is blank on some forms, the sum counting those by their
年度资金申请总额 (the rule rankings and averages use) is said as a second line, never in the first one's place.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.domain.model import Declaration
from assistant.domain.refs import yuan
from assistant.qa.models import FundingField, Result, Row
from assistant.qa.sources import funding_citation


def _title_of(row: Row) -> str:
    return f"{row.project}（{row.year or '年度不详'}）"


def _funding_row(decl: Declaration, field: FundingField) -> Row:
    amount: Decimal | None = getattr(decl.funding, field.value)
    citation = funding_citation(decl, field)
    return Row(
        declaration_id=decl.id,
        project=decl.header.name,
        year=decl.header.year,
        field=field.label,
        value=citation.quote,
        amount=amount,
        citation=citation,
    )


def sum_funding(field: FundingField, decls: list[Declaration], *, apart: bool = False) -> Result:
    """``apart``: one project's forms of several years, asked without a year (red team rt11 #4): each year's
    figure, cited, and no sum across the years (nobody asked for one, and it means nothing)."""
    rows = [_funding_row(decl, field) for decl in decls]
    filled = [row for row in rows if row.amount is not None]
    blanks = [row for row in rows if row.amount is None]
    lines = [
        f"{i}. {_title_of(row)}：{row.value} {row.citation.label}{_annual_beside(field, decl, row, apart=apart)}"
        for i, (decl, row) in enumerate(zip(decls, rows, strict=True), 1)
    ]
    if apart:
        blank = "、".join(_title_of(row) for row in blanks)
        note = f"注意：{blank}的{field.label}为空白（空白不按零计）。" if blanks else None
        head = f"各年的{field.label}如下（同一项目不同年度的金额不相加）："
        only = yuan(filled[0].amount) if len(filled) == 1 and filled[0].amount is not None else None
        return Result(
            lines=[head, *lines, *([note] if note else [])], rows=rows, figure=only, notes=(note,) if note else ()
        )
    if not filled:
        head = (
            f"这 {len(rows)} 份申报表的{field.label}均为空白（未填写），无法给出合计。"
            if len(rows) > 1
            else f"该申报表的{field.label}为空白（未填写）。"
        )
        return Result(lines=[head, *lines, *_alternative(field, decls)], rows=rows, notes=(head,))
    total = sum((row.amount for row in filled if row.amount is not None), Decimal(0))
    verb = "合计" if len(rows) > 1 else "为"
    head = f"{field.label}{verb} {yuan(total)}（{len(filled)} 份申报表）。"
    blank_note = _blank_note(field, blanks)
    fallback = _with_annual(field, total, decls, blanks)
    return Result(
        lines=[head, *lines, *([blank_note] if blank_note else []), *fallback],
        rows=rows,
        figure=yuan(total),
        notes=(blank_note,) if blank_note else (),
    )


def _annual_beside(field: FundingField, decl: Declaration, row: Row, *, apart: bool = False) -> str:
    """信息化建设项目多少钱, one of its years with a blank 项目资金总额: the 年度资金申请总额 it did fill, shown beside the
    blank (cited), not added into the sum."""
    if row.amount is not None or field is not FundingField.TOTAL or decl.funding.annual is None:
        return ""
    cited = funding_citation(decl, FundingField.ANNUAL)
    summed = "" if apart else "（未计入合计）"
    return f"；该表填写的{FundingField.ANNUAL.label}为 {yuan(decl.funding.annual)} {cited.label}{summed}"


def _blank_note(field: FundingField, blanks: list[Row]) -> str | None:
    if not blanks:
        return None
    names = "、".join(_title_of(row) for row in blanks)
    return f"注意：{len(blanks)} 份申报表的{field.label}为空白，未计入合计（空白不按零计）：{names}。"


def _alternative(field: FundingField, decls: list[Declaration]) -> list[str]:
    """When every 项目资金总额 is blank, the 年度资金申请总额 the same forms did fill."""
    if field is not FundingField.TOTAL:
        return []
    annual = [amount for decl in decls if (amount := decl.funding.annual) is not None]
    if not annual:
        return []
    if len(decls) == 1:  # one form: its line already shows the figure it filled; no 合计 of one
        return []
    return [f"这些申报表填写了{FundingField.ANNUAL.label}：{len(annual)} 份合计 {yuan(sum(annual, Decimal(0)))}。"]


def _with_annual(field: FundingField, total: Decimal, decls: list[Declaration], blanks: list[Row]) -> list[str]:
    """提到培训的项目资金加起来多少, one 项目资金总额 blank: the sum with each blank one counted by the 年度资金申请总额 the
    form did fill (as rankings and averages count it), said beside the sum of the filled ones, never in its place."""
    if field is not FundingField.TOTAL or not blanks:
        return []
    blank_ids = {row.declaration_id for row in blanks}
    annual = [d.funding.annual for d in decls if d.id in blank_ids and d.funding.annual is not None]
    if not annual:
        return []
    whole = total + sum(annual, Decimal(0))
    return [
        f"若空白的{field.label}按其{FundingField.ANNUAL.label}计（与排名、平均同一口径），"
        f"{len(decls)} 份申报表合计 {yuan(whole)}（其中 {len(annual)} 份按{FundingField.ANNUAL.label}计）。"
    ]
