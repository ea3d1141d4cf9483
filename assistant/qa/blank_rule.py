"""A rule for blank amounts stated in the question itself (issue 24): ``申请额空着的按总额算``.

Officers say which amount stands in for a blank one: ``（申请额空着的按总额算）``, ``年度申请没填的就用项目资金总额``,
``拨款为空时取申请额``. `take_blank_rule` reads the clause (the blank field, then the one that stands in), cuts it out
of the working text (so that its words name no field asked) and sets ``Cues.fallback_field``; a ranking of years or
projects then counts a form whose asked amount is blank with that other amount, and says so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import CUT, Cues
from assistant.qa.lexicon import FUNDING_TERMS
from assistant.qa.models import FundingField

_TERMS = "|".join(re.escape(t) for t, _ in sorted(FUNDING_TERMS, key=lambda t: -len(t[0])))
_FIELDS = dict(FUNDING_TERMS)
_BLANK = r"(?:为空|空着|空白|是空的|空的|没填|未填|没有填|没写|未写|缺失|缺)"
_RULE = re.compile(
    rf"[（(]?(?:如果|若|要是)?(?P<blank>{_TERMS}){_BLANK}(?:的话|的时候|时|的)?[，,]?(?:就|则|那就)?"
    rf"(?:按|用|拿|以|取|算)(?:其|它的|它)?(?P<stand>{_TERMS})(?:来)?(?:算|计|计算|代替|顶上|顶|补上|补)?[）)]?"
)


def take_blank_rule(text: str, cues: Cues) -> tuple[str, Cues]:
    """``text`` without a stated rule for blank amounts, and ``cues`` with the standing-in field; unchanged where the
    question states none (or the two fields are one)."""
    found = _RULE.search(text)
    if found is None:
        return text, cues
    blank, stand = _FIELDS[found["blank"]], _FIELDS[found["stand"]]
    if blank is stand:
        return text, cues
    asked = text.replace(found.group(), CUT, 1)
    return asked, replace(cues, fallback_field=stand, funding_field=cues.funding_field or blank)


def standing_in(field: FundingField, stated: FundingField | None) -> FundingField | None:
    """The amount a blank ``field`` is counted with: the one the question states, else 年度资金申请总额 for a blank
    项目资金总额 (the README's rule), else none."""
    if stated is not None:
        return stated
    return FundingField.ANNUAL if field is FundingField.TOTAL else None
