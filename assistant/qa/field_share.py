"""A share of two named funding fields of one project (issue 24, red team rt13 #3, #4): 财政资金占项目资金总额的百分之几
is 财政资金 ÷ 项目资金总额 of that form, both cited; never the project's share of a year's total. A field left blank
is said so, with no figure. An amount the question asserts of the first field (财政资金是500万元，占…) is checked:
不是500万元，而是 …; against a blank field it is said to be unverifiable, never repeated as a fact.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from assistant.domain.refs import yuan
from assistant.qa.cues import Cues
from assistant.qa.lexicon import FUNDING_TERMS, GENERIC_MONEY
from assistant.qa.models import Answer, Filters, FundingField, Row, structured
from assistant.qa.select import select
from assistant.qa.sources import funding_row
from assistant.qa.stated import asserted_amount

if TYPE_CHECKING:
    from assistant.domain.model import Declaration
    from assistant.qa.scope import Scope

# A占B的百分之几 / 占B的比例 / 占B多少: the share asked, its part before 占, its whole after
_SHARE = re.compile(
    r"(?P<part>.+)占(?P<whole>.+?)(?:的)?(?:百分之几|百分之多少|百分比|比例|比重|占比|几成|多少|几分之几)"
)
_TERMS = sorted(FUNDING_TERMS, key=lambda term: len(term[0]), reverse=True)
# Words for the whole of a project's money that the terms do not hold as such (项目总额, 总资金, 全部资金)
_WHOLE = re.compile(r"项目(?:资金)?总额|总资金|全部资金|资金总数")


def field_share(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """财政资金 ÷ 项目资金总额 of the named project's form(s); None where the question is no share of two fields."""
    if not (cues.project or cues.declaration_id) or cues.unknown_project or cues.unknown_subject:
        return None
    text = "".join(question.split())
    if (asked := _SHARE.search(text)) is None:
        return None
    if not _of_the_form(asked["whole"]):
        return None  # 占当年总额, 占2023年资金总额: the project's share of a scope, not of its own field
    part, whole = _last_field(asked["part"]), _first_field(asked["whole"])
    if part is None or whole is None or part is whole:
        return None
    filters = Filters(years=cues.years, project=cues.project, declaration_id=cues.declaration_id)
    decls = select(scope.corpus, filters, scope.lexicon.policies)
    if not decls:
        return None
    lines: list[str] = []
    rows: list[Row] = []
    figures = []
    for decl in decls:
        said, row_pair, figure = _one(decl, part, whole)
        lines += said
        rows += row_pair
        figures.append(figure)
    lines += _asserted(question, decls, part)
    figure = figures[0] if len(figures) == 1 else None
    return structured(question, lines, rows, figure=figure)


def _one(decl: Declaration, part: FundingField, whole: FundingField) -> tuple[list[str], list[Row], str | None]:
    a, b = getattr(decl.funding, part.value), getattr(decl.funding, whole.value)
    rows = [funding_row(decl, part, a), funding_row(decl, whole, b)]
    title = f"{decl.header.name}（{decl.header.year}）"
    cited = [f"- {row.field}：{row.value or '（空白）'} {row.citation.label}" for row in rows]
    if a is None or b is None or b == 0:
        blank = "、".join(f.label for f, v in ((part, a), (whole, b)) if v is None) or whole.label
        state = "为空白（未填写）" if a is None or b is None else "为零"
        return [f"{title}的{blank}{state}，无法计算{part.label}占{whole.label}的比例。", *cited], rows, None
    percent = (100 * a / b).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    head = f"{title}的{part.label} {yuan(a)} ÷ {whole.label} {yuan(b)} = {percent}%。"
    return [head, *cited], rows, f"{percent}%"


def _asserted(question: str, decls: list[Declaration], field: FundingField) -> list[str]:
    """The amount the question asserts of the first field, against each form's (the premise, check word or not)."""
    if (found := asserted_amount(question)) is None:
        return []
    written, stated, difference = found
    if difference:
        return []
    values = [getattr(d.funding, field.value) for d in decls]
    if all(v is None for v in values):
        return [f"问题中说的“{written}”无法核对：申报表的{field.label}为空白，不按问题中的数字计算。"]
    if stated in values:
        return [f"问题中说的“{written}”与申报表所填一致。"]
    said = "；".join(yuan(v) for v in values if v is not None)
    return [f"问题中说的“{written}”不是申报表所填的数字：不是{written}，而是 {said}。"]


def _fields(text: str, *, generic: bool = True) -> list[tuple[int, FundingField]]:
    """The funding terms written in ``text``, longest first and not overlapping, by position."""
    taken = [False] * len(text)
    found = [(m.start(), FundingField.TOTAL) for m in _WHOLE.finditer(text)]
    for m in _WHOLE.finditer(text):
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    for term, field in _TERMS:
        for m in re.finditer(re.escape(term), text):
            if not any(taken[m.start() : m.end()]):
                taken[m.start() : m.end()] = [True] * len(term)
                if generic or term not in GENERIC_MONEY:
                    found.append((m.start(), field))
    return sorted(found, key=lambda f: f[0])


# What may stand beside the field named as the whole: the form's own (项目的, 该项目, 其)
_OWN = re.compile(r"项目|该|其|本|它|的|这个|那个")


def _of_the_form(whole: str) -> bool:
    """Whether the whole names a field of the form itself and nothing else (no year, unit or 当年 scope)."""
    found = _fields(whole)
    if not found:
        return False
    rest = _WHOLE.sub("", whole)
    for term, _ in _TERMS:
        rest = rest.replace(term, "")
    return not _OWN.sub("", rest)


def _last_field(text: str) -> FundingField | None:
    """The field named last before 占, never a word for money in general (经费 of 党员远教电教工作经费占…总额)."""
    found = _fields(text, generic=False)
    return found[-1][1] if found else None


def _first_field(text: str) -> FundingField | None:
    found = _fields(text)
    return found[0][1] if found else None
