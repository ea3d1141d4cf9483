"""A count said per site (为46个站点各配备装备1套; 每站6名队员): the project's quantity is the count times the sites,
never the per-site figure.

    per_site(found) -> list[Statement]   ``found`` with each per-site count marked (per_unit: the site) and, where the
                                         field counts the sites, the product added (46个站点 × 每站1套 = 46套)

A count already per something (每期约60人, 每月1次), a duration (每人培训3天) or a figure the brief gives per period is
left as it is: other readers multiply those.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain.statement_base import Kind, Statement, plain

# 每站 / 每个站点 / 每所学校 right before the figure (a few words may come between: 每站配备6名).
_EACH = re.compile(r"每个?(?P<noun>[\u4e00-\u9fff]{1,2}?)[\u4e00-\u9fff]{0,6}$")
# 各 after the sites' count in the same clause (为46个站点各更新配备装备1套).
_GEACH = re.compile(r"各[\u4e00-\u9fff（）()、]{0,16}$")
# What 每 counts over that is not a site: periods and events (other readers multiply those), people (a standard).
_NOT_SITE = re.compile(
    r"^(?:月|年|季|周|日|天|次|期|场|班|批|轮|门|堂|集|节|项|小时|学期|学年|人|名|位|户|元|万|套|台|件|份|课|"
    r"一|两|二|三|半|单)"
)
_TIME_UNITS = {"天", "小时", "分钟", "课时", "学时", "个工作日", "工作日", "日"}


def per_site(found: list[Statement]) -> list[Statement]:
    """``found`` with per-site counts marked and their products appended (see the module's doc)."""
    out: list[Statement] = []
    added: list[Statement] = []
    for q in found:
        site, sites = _site_of(q, found)
        if site is None:
            out.append(q)
            continue
        out.append(replace(q, per_unit=site))
        if sites is not None and sites.number is not None and q.number is not None:
            total = q.number * sites.number
            how = f"{sites.shown}{sites.object} × 每{site}{q.shown} = {plain(total)}{q.unit}"
            added.append(replace(q, number=total, derivation=how, per_unit=None, approx=q.approx or sites.approx))
    return out + added


def _site_of(q: Statement, found: list[Statement]) -> tuple[str | None, Statement | None]:
    """(the site ``q`` is counted per, the count of the sites in the same field or None); (None, None) for a count
    that is not per site."""
    if q.kind not in {Kind.COUNT, Kind.INPUT} or q.per_unit or q.derivation or q.unit in _TIME_UNITS:
        return None, None
    at = q.clause.find(q.words)
    before = q.clause[: max(at, 0)]
    each = _EACH.search(before)
    if each is not None and "每" in before[each.start() : each.start() + 1] and not _NOT_SITE.match(each["noun"]):
        noun = each["noun"]
        sites = [
            c
            for c in found
            if c is not q and c.kind is Kind.COUNT and c.field == q.field and not c.per_unit and not c.derivation
        ]
        named = [c for c in sites if c.object.endswith(noun) or noun in c.object[-4:]]
        return noun, (named[0] if len(named) == 1 or _same(named) else None)
    geach = _GEACH.search(before)
    if geach is not None:
        counted = [
            c
            for c in found
            if c is not q
            and c.clause == q.clause
            and c.kind is Kind.COUNT
            and c.unit != q.unit
            and 0 <= c.clause.find(c.words) < geach.start()
            and not c.per_unit
            and not c.derivation
        ]
        if counted:
            site = counted[-1]
            return (site.object[-1:] or site.unit), site
    return None, None


def _same(named: list[Statement]) -> bool:
    """Several readings of one site count (46个站 in 主要内容 twice) are one count."""
    return bool(named) and len({(c.number, c.unit) for c in named}) == 1
