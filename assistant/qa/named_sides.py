"""Question shapes that name several projects or ask two things at once (issue 24, red team and new user).

- ``named_list``: 信息化运维项目、组织部门建设和管理工作经费、党建服务工作经费2023年的资金总额各是多少: three or more
  projects named in full; each gets its line, or a line saying it has no form in the years asked (and the years it has).
- ``ratio``: A2023年的资金总额除以B2023年的资金总额 / A是B的几倍 / A和B的比值: A ÷ B, both figures cited (each side
  must select exactly one form, by its own year or the question's).
- ``count_and_sum``: 组织部一共几个项目，加起来多少钱: the count and the money sum of the projects in scope.

Money is the field asked (default 项目资金总额); a blank 项目资金总额 is read as 年度资金申请总额, and the answer says so.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from assistant.domain.refs import yuan
from assistant.qa.cues import Cues
from assistant.qa.intents import money_field
from assistant.qa.models import Answer, Filters, FundingField, Row, structured
from assistant.qa.select import select
from assistant.qa.sources import funding_row

if TYPE_CHECKING:
    from assistant.domain.model import Declaration
    from assistant.qa.scope import Scope

_MONEY = re.compile(r"钱|资金|预算|经费|金额|总额|申请额")
_RATIO = re.compile(r"除以|的几倍|几倍|比值|之比|倍数")
# 几个项目 asked, not 那几个项目 (the projects just listed: a follow-up); 几笔 (a form is a sum of money) counts them too
_COUNT = re.compile(
    r"(?<![那这哪些])(?:(?:几个|多少个|几项|多少项)项目|(?:几|多少)笔|项目(?:有|一共|共)?(?:几个|多少个))"
)
# 加起来多少钱; 总额加一块, 钱合起来 (the sum word ending the question asks the sum as well)
_SUM = re.compile(
    r"(?:加起来|合计|总共|一共|共计|总计|总的|拢共|统共|加一块|加一起|加在一起|合起来|加总)[^，,。？?]{0,6}?"
    r"(?:多少钱|多少资金|多少预算|多少经费|多少)"
    r"|(?:加起来|合计|拢共|加一块|加一起|加在一起|合起来|加总)(?:是|为)?[？?。！!]*$"
)


def _money(decl: Declaration, field: FundingField) -> tuple[Decimal | None, FundingField]:
    """The form's ``field``, or its 年度资金申请总额 where a 项目资金总额 is blank."""
    value: Decimal | None = getattr(decl.funding, field.value)
    if value is None and field is FundingField.TOTAL and decl.funding.annual is not None:
        return decl.funding.annual, FundingField.ANNUAL
    return value, field


def _names_in(text: str, scope: Scope) -> list[str]:
    """The full project names written in ``text``, in the order written (a name inside a longer one is not counted)."""
    found = [n for n in scope.lexicon.projects if n in text]
    found = [n for n in found if not any(n != m and n in m for m in found)]
    return sorted(found, key=text.index)


def named_list(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """Three or more projects named with a year and a money word: a line per project, or its absence in that year."""
    text = "".join(question.split())
    names = _names_in(text, scope)
    if len(names) < 3 or not cues.years or not _MONEY.search(text) or _RATIO.search(text):
        return None
    field = money_field(cues.funding_field)
    years = "、".join(f"{y}年" for y in cues.years)
    lines = [f"范围：{years} · " + "、".join(f"“{n}”" for n in names)]
    rows: list[Row] = []
    for name in names:
        forms = [d for d in scope.corpus.declarations if d.header.name == name]
        asked = [d for d in forms if d.header.year in cues.years]
        if not asked:
            have = "、".join(f"{y}年" for y in sorted({d.header.year for d in forms if d.header.year}))
            lines.append(f"- {name}：语料库中没有{years}的申报表（现有年度：{have or '无'}）。")
            continue
        for decl in asked:
            value, used = _money(decl, field)
            row = funding_row(decl, used, value)
            rows.append(row)
            note = f"（{field.label}空白，按{used.label}计）" if used is not field else ""
            shown = yuan(value) if value is not None else "（空白）"
            lines.append(f"- {name}（{decl.header.year}）：{used.label} {shown}{note} {row.citation.label}")
    return structured(question, lines, rows)


def _side(written: str, cues: Cues, scope: Scope, today: date) -> Declaration | None:
    """The one form a side selects, by its own year (else the question's) and name; None for none or several."""
    from assistant.qa.parse import read_question  # parse imports modules that import this one

    side = read_question(written, scope.lexicon, today=today)
    if not side.years:
        side = replace(side, years=cues.years)
    if not side.project or not side.years:
        return None
    filters = Filters(years=side.years, unit=side.unit, project=side.project)
    found = select(scope.corpus, filters, scope.lexicon.policies)
    return found[0] if len(found) == 1 else None


def _ratio_sides(text: str) -> tuple[str, str] | None:
    """(dividend, divisor) as written: A除以B, A是B的几倍, A和B的比值/之比."""
    if (m := re.search(r"除以", text)) is not None:
        return text[: m.start()], re.split(r"是多少|等于|得多少|[，,。？?]", text[m.end() :])[0]
    if (m := re.search(r"是(?P<b>.+?)的?(?:几倍|多少倍)", text)) is not None:
        return text[: m.start()], m["b"]
    if (m := re.search(r"(?P<a>.+?)(?:和|与|跟)(?P<b>.+?)的?(?:比值|之比)", text)) is not None:
        return m["a"], m["b"]
    return None


def ratio(question: str, cues: Cues, scope: Scope, today: date | None = None) -> Answer | None:
    """A ÷ B of two forms' money, both figures cited; None where the question is no ratio or a side is not one form."""
    text = "".join(question.split())
    if not _RATIO.search(text) or (split := _ratio_sides(text)) is None:
        return None
    clock = today or date.today()
    a, b = (_side(side, cues, scope, clock) for side in split)
    if a is None or b is None or a.id == b.id:
        return None
    field = money_field(cues.funding_field)
    (va, fa), (vb, fb) = _money(a, field), _money(b, field)
    rows = [funding_row(a, fa, va), funding_row(b, fb, vb)]
    head = f"范围：“{a.header.name}”（{a.header.year}） ÷ “{b.header.name}”（{b.header.year}）"
    cited = [
        f"{d.header.name}（{d.header.year}）：{f.label} {yuan(v) if v is not None else '（空白）'} {r.citation.label}"
        for d, f, v, r in ((a, fa, va, rows[0]), (b, fb, vb, rows[1]))
    ]
    if va is None or vb is None or vb == 0:
        return structured(question, [head, "无法相除：有一方的金额为空白或为零。", *cited], rows)
    value = (va / vb).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    line = f"{yuan(va)} ÷ {yuan(vb)} ≈ {value} 倍（前者约为后者的 {value} 倍）。"
    notes = [f"{d.header.name}的{field.label}空白，按{f.label}计。" for d, f in ((a, fa), (b, fb)) if f is not field]
    return structured(question, [head, line, *cited, *notes], rows, figure=f"{value} 倍")


def count_and_sum(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """几个项目 + 加起来多少钱 in one question: the count and the money sum of the forms in the scope asked."""
    text = "".join(question.split())
    if not (_COUNT.search(text) and _SUM.search(text[_COUNT.search(text).end() :])):  # type: ignore[union-attr]
        return None
    if cues.follow_up or cues.project or cues.declaration_id or not (cues.unit or cues.years or cues.category):
        return None
    filters = Filters(years=cues.years, unit=cues.unit, more_units=cues.more_units, category=cues.category)
    decls = select(scope.corpus, filters, scope.lexicon.policies)
    field = money_field(cues.funding_field)
    rows: list[Row] = []
    total, fell_back = Decimal(0), []
    for decl in decls:
        value, used = _money(decl, field)
        rows.append(funding_row(decl, used, value))
        total += value or Decimal(0)
        if used is not field:
            fell_back.append(f"{decl.header.name}（{decl.header.year}）")
    where = "、".join(
        p for p in (cues.unit, *cues.more_units, "、".join(f"{y}年" for y in cues.years), cues.category) if p
    )
    lines = [f"范围：{where}", f"共 {len(decls)} 个项目，{field.label}合计 {yuan(total)}。"]
    if fell_back:
        lines.append(f"其中 {len(fell_back)} 份的{field.label}为空白，按年度资金申请总额计：{'、'.join(fell_back)}。")
    lines += [
        f"{i}. {r.project}（{r.year}）：{r.value or '（空白）'} {r.citation.label}" for i, r in enumerate(rows, 1)
    ]
    return structured(question, lines, rows, figure=yuan(total))


def _units(decl: Declaration) -> str:
    """The form's units as written: 主管部门, then 申报/实施单位 where they differ from it."""
    h = decl.header
    return "、".join(dict.fromkeys(u for u in (h.department, h.applicant, h.implementer) if u)) or "单位不详"


def unit_change_note(decls: list[Declaration]) -> str | None:
    """A line where a project name compared across years is declared by different units in those years (信息化运维项目:
    2023 组织部, 2026 组织部、党建服务中心): same name, maybe not the same project; None where the units agree or
    the forms are of several projects (a unit's totals by year)."""
    if len({d.header.name for d in decls}) != 1:
        return None
    by_name: dict[str, dict[int, str]] = {}
    for decl in decls:
        by_name.setdefault(decl.header.name, {})[decl.header.year or 0] = _units(decl)
    parts = [
        f"“{name}”各年的申报单位不同（" + "；".join(f"{y}年：{u}" for y, u in sorted(units.items())) + "）"
        for name, units in by_name.items()
        if len(set(units.values())) > 1
    ]
    return "注意：" + "，".join(parts) + "，同名但未必是同一单位的同一项目。" if parts else None
