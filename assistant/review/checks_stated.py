"""What the declaration's own text states against its header and its budget lines (rt12 findings 5 and 6).

- ``COST-TOTAL-FUNDING`` (the text's form of it): 项目概况 states a whole amount (项目总投入300万元) that none of the
  header's funding figures is, or a part (其中运维150万元) that differs from the one budget line named for it
  (平台日常运维 215万元). Two totals in one form: the reviewer cannot tell which is right.
- ``DATE-PLAN`` (the text's form of it): a finish the text dates (2027年1月完成验收) before a start it dates
  (2027年12月完成项目启动) or before the project's start date.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from assistant.domain.model import Declaration, SectionKind
from assistant.domain.stated_money import Event, Stated, event_dates, in_wan, stated_parts, stated_totals
from assistant.review.base import at_section, finding
from assistant.review.checks_totals import funding_fix
from assistant.review.models import Finding

_TEXT = (SectionKind.OVERVIEW,)


def check_stated_money(decl: Declaration) -> Iterator[Finding]:
    for kind in _TEXT:
        text = decl.section_text(kind) or ""
        yield from _totals(decl, kind, stated_totals(text))
        yield from _parts(decl, kind, stated_parts(text))


def _funding(decl: Declaration) -> list[tuple[str, Decimal]]:
    f = decl.funding
    named = (("项目资金总额", f.total), ("年度资金申请总额", f.annual), ("财政资金", f.fiscal_total))
    return [(label, amount) for label, amount in named if amount is not None and amount > 0]


def _totals(decl: Declaration, kind: SectionKind, totals: list[Stated]) -> Iterator[Finding]:
    funding = _funding(decl)
    if not funding:
        return
    for s in totals:
        if any(s.agrees(amount) for _, amount in funding):
            continue
        shown = "，".join(f"{label} {amount:,.0f}元（{in_wan(amount)}）" for label, amount in funding)
        message = (
            f"「{kind.label}」写明“{s.words}”（{s.yuan:,.0f}元），与表头的资金（{shown}）不一致；"
            "同一份申报表写了两个总额，请核对哪一个正确，并改正另一处"
        )
        yield finding("COST-TOTAL-FUNDING", message, at_section(decl, kind), fix=funding_fix(funding))


def _parts(decl: Declaration, kind: SectionKind, parts: list[Stated]) -> Iterator[Finding]:
    for s in parts:
        named = [line for line in decl.budget_lines if s.label in line.name and line.amount is not None]
        if len(named) != 1 or named[0].amount is None:
            continue  # no line, or several, names what the part pays for: nothing to hold it against
        line, amount = named[0], named[0].amount
        if s.agrees(amount):
            continue
        message = (
            f"「{kind.label}」写明“{s.words}”（{s.yuan:,.0f}元），项目构成中“{line.name}”为 {amount:,.0f}元"
            f"（{in_wan(amount)}），两处金额不一致；请核对后改正其中一处"
        )
        yield finding("COST-TOTAL-FUNDING", message, at_section(decl, kind))


def check_event_order(decl: Declaration) -> Iterator[Finding]:
    """A finish dated before a start the same text dates, or before the project's start date."""
    start_date = decl.header.start_date
    for kind in _TEXT:
        events = event_dates(decl.section_text(kind) or "")
        starts = [e for e in events if e.kind == "start"]
        for done in (e for e in events if e.kind == "finish"):
            later = next((e for e in starts if done.last < e.first), None)
            if later is not None:
                yield _order(decl, kind, done, f"早于“{later.words}”")
            elif start_date is not None and done.last < (start_date.year, start_date.month):
                yield _order(decl, kind, done, f"早于项目开始日期 {start_date}")


def _order(decl: Declaration, kind: SectionKind, done: Event, why: str) -> Finding:
    message = f"「{kind.label}」中“{done.words}”{why}：验收或完工不能在开始之前，请核对这两个时间"
    return finding("DATE-PLAN", message, at_section(decl, kind))
