"""The one brief → declaration adapter: a brief (plus drafted sections and indicator rows, given as plain
fields) as a current-framework `Declaration`, so the review engine can judge suggestions and drafts.

Funding: a one-year project (annual = total) requests its fiscal and other money in that year; the
brief's 项目构成 becomes the budget lines. Plain fields keep `domain` free of suggest and drafting.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.domain.brief import Brief
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import (
    SECTION_LABELS,
    BudgetLine,
    Declaration,
    Funding,
    Header,
    Indicator,
    Layout,
    LineSpan,
    Provenance,
    SectionKind,
    TextSection,
)
from assistant.domain.values import parse_value

_NO_SPAN = LineSpan(start=0, end=0)


@dataclass(frozen=True)
class IndicatorRow:
    """One row of the indicator table: categories, 三级指标 and 指标值 as text.

    A suggestion's 取值依据 (计划标准, 历史标准, 模板参考值) is our provenance: it stays with the draft (its
    JSON and the store), not in the form's 备注, which a finance bureau reads as the unit's own remark.
    """

    level1: Level1
    level2: Level2
    name: str
    value: str


def brief_declaration(
    brief: Brief,
    *,
    declaration_id: str = "brief",
    sections: Sequence[tuple[SectionKind, str]] | None = None,
    indicators: Sequence[IndicatorRow] = (),
) -> Declaration:
    """The brief as a declaration; ``sections`` default to 项目概况 = the brief's 主要内容."""
    texts = sections if sections is not None else [(SectionKind.OVERVIEW, brief.content)]
    digest = hashlib.sha256(brief.model_dump_json().encode("utf-8")).hexdigest()
    return Declaration(
        id=declaration_id,
        layout=Layout.MUNICIPAL_2021,
        header=_header(brief),
        funding=_funding(brief),
        sections=[TextSection(kind=k, title=SECTION_LABELS[k], text=t, span=_NO_SPAN) for k, t in texts],
        indicators=[_indicator(n, row) for n, row in enumerate(indicators, start=1)],
        budget_lines=_budget_lines(brief),
        provenance=Provenance(source_file="brief", source_sha256=digest, index_in_file=1, span=_NO_SPAN),
        own_policies=brief_policies(brief),
    )


_TITLED = re.compile(r"《([^《》]{2,80})》")


def brief_policies(brief: Brief) -> list[str]:
    """The policy titles the person gave in the brief, in order, each once: its 政策依据 (the 《title》 of an entry
    written with one, else the entry as written) and every 《title》 written in 主要内容."""
    titles = [(_TITLED.findall(entry) or [entry.strip().strip("《》")])[0] for entry in brief.policies]
    titles += _TITLED.findall(brief.content or "")
    return list(dict.fromkeys(t.strip() for t in titles if t.strip()))


def _header(brief: Brief) -> Header:
    return Header(
        name=brief.name,
        year=brief.year,
        department=brief.department,
        implementer=brief.implementer,
        nature=brief.nature,
        category=brief.category,
        start_date=brief.start_date,
        end_date=brief.end_date,
    )


def _funding(brief: Brief) -> Funding:
    money = brief.funding
    fiscal_annual, other_annual = _annual_split(brief)
    return Funding(
        total=money.total,
        annual=money.annual,
        fiscal_total=money.fiscal,
        other_total=money.other,
        fiscal_annual=fiscal_annual,
        other_annual=other_annual,
        carryover=money.carryover,
    )


def _annual_split(brief: Brief) -> tuple[Decimal | None, Decimal | None]:
    """财政拨款（当年） and 其他资金（当年） (yuan) as far as the brief's figures fix them, else None: a one-year project
    (年度申请 = 总额) has the totals' split; otherwise, where the project has no 其他资金 (or no 财政资金) at all, that
    part of the year is 0 and the rest is 年度申请 less 上年结转资金 (年度申请 = 财政拨款 + 上年结转 + 其他资金)."""
    money = brief.funding
    if money.annual is None:
        return None, None
    if money.annual == money.total:
        return money.fiscal, money.other
    rest = money.annual - money.carryover if money.carryover is not None else None
    if rest is None or rest < 0:
        return None, None
    if money.other == 0:
        return rest, Decimal(0)
    if money.fiscal == 0:
        return Decimal(0), rest
    return None, None


def _budget_lines(brief: Brief) -> list[BudgetLine]:
    return [
        BudgetLine(line=n, name=c.part, content=c.detail, amount=c.amount)
        for n, c in enumerate(brief.composition, start=1)
    ]


def _indicator(position: int, row: IndicatorRow) -> Indicator:
    return Indicator(
        position=position,
        line=position,
        level1_written=row.level1.value,
        level2_written=row.level2.value,
        level1=row.level1,
        level2=row.level2,
        name=row.name,
        name_written=row.name,
        value=parse_value(row.value),
    )
