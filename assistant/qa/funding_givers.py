"""A funding line named by who gives the money (issue 24): ``市里（上级）拨款那栏``, ``区里拨的``, ``自筹的钱``.

The district form splits 当年财政拨款 into 上级财政拨款 (the city's money), 本级财政安排 (the district's own) and
下级财政配套; other money is 其他资金. Officers name these lines by the giver: 市里/上级/市级 拨款 is the
上级财政拨款 line, 区里/本级/区级 拨款 the 本级财政安排 line, 自筹/其他 the 其他资金 line. `take_giver_line` reads
such a phrase, sets ``Cues.funding_field`` to that line and cuts the phrase out (so 市 is not read into a project's
name, and 拨款 does not fall back to the whole 当年财政拨款). A blank or zero line is then answered as such.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import CUT, Cues
from assistant.qa.models import FundingField

_UPPER = r"(?:市里|市级|市财政|上级财政|上级)"
_SAME = r"(?:区里|区级|区财政|本级财政|本级)"
_LOWER = r"(?:下级财政|下级|街镇)"
_GIVEN = r"(?:财政)?(?:拨款|拨的款|拨的钱|拨的|拨了|拨多少|拨|给的钱|给的|给了|出的钱|出的|出了|配套)"
_ASIDE = r"(?:[（(][^（）()]{1,6}[）)])?"  # 市里（上级）: a gloss in brackets
_LINE = re.compile(rf"(?P<upper>{_UPPER})|(?P<same>{_SAME})|(?P<lower>{_LOWER})")
_PHRASE = re.compile(rf"(?:{_UPPER}|{_SAME}|{_LOWER}){_ASIDE}(?:的)?{_GIVEN}")
_OWN = re.compile(r"(?:单位)?自筹(?:资金|的钱|的|部分)?|其他来源(?:的钱|资金)?")


def take_giver_line(text: str, cues: Cues) -> tuple[str, Cues]:
    """``text`` without a giver's funding phrase and ``cues`` with its line; unchanged where none is said, or where
    the question names lines of two givers (read elsewhere, or not at all)."""
    if cues.funding_field is not None:
        return text, cues
    found = _PHRASE.search(text)
    if found is not None:
        givers = {_giver(m) for m in _LINE.finditer(found.group())}
        if len(givers) != 1:
            return text, cues
        return text.replace(found.group(), CUT, 1), replace(cues, funding_field=givers.pop())
    own = _OWN.search(text)
    if own is not None:
        return text.replace(own.group(), CUT, 1), replace(cues, funding_field=FundingField.OTHER_ANNUAL)
    return text, cues


def _giver(found: re.Match[str]) -> FundingField:
    if found["upper"]:
        return FundingField.FISCAL_UPPER
    return FundingField.FISCAL_SAME_LEVEL if found["same"] else FundingField.FISCAL_LOWER
