"""Money a text states in words, and the dates it gives its events, read for the checks that hold them against
the form's own figures (rt12 findings 5 and 6).

    stated_totals(text) -> list[Stated]   项目总投入300万元, 总投资1.2亿元, 总预算2,650,000元: the whole project's money
    stated_parts(text) -> list[Stated]    （其中运维150万元）: a part of it, named by what it pays for
    Stated.agrees(yuan) -> bool           whether an amount is the stated one, within the rounding it is written to
    event_dates(text) -> list[Event]      2027年12月完成项目启动 → (2027, 12, start); 2027年1月完成验收 → (2027, 1, finish)

A part names its purpose (运维); a part naming a source of money (其中财政资金…, 自筹…) is not a budget line's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.domain.amounts import SCALES
from assistant.domain.numerals import join_digit_groups

_WAN = SCALES["万元"]
_MONEY = r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|元|亿|万(?![\u4e00-\u9fff]))"
_TOTAL = re.compile(
    rf"(?:项目)?(?:总投入|总投资|总预算|总经费|总金额|资金总额|投资总额|预算总额|经费总额|总资金)"
    rf"(?:为|约为?|共计?|合计|达到?|是)?[：:]?\s*{_MONEY}"
)
_PART = re.compile(rf"其中(?P<label>[\u4e00-\u9fff]{{1,12}}?)(?:费用|经费|资金|费)?(?:为|约|共)?\s*{_MONEY}")
_SOURCE = re.compile(r"财政|自筹|其他资金|上年结转|结转|结余|上级|本级|下级|配套|拨款|中央|市级|区级|社会资本")


@dataclass(frozen=True)
class Stated:
    label: str  # 总投入; for a part, what it pays for (运维)
    yuan: Decimal
    step: Decimal  # the rounding the written figure carries, in yuan (300万元 → 10,000)
    words: str  # as written: 项目总投入300万元

    def agrees(self, yuan: Decimal) -> bool:
        """Whether ``yuan`` is this figure as written, within its rounding (300万元 agrees with 2,996,000元)."""
        return abs(self.yuan - yuan) <= self.step / 2


def in_wan(yuan: Decimal) -> str:
    """``yuan`` in 万元 as a note writes it: 2,650,000 → ``265万元``."""
    return f"{(yuan / _WAN).normalize():f}万元"


def _yuan(num: str, unit: str) -> tuple[Decimal, Decimal]:
    scale = SCALES[unit]
    exponent = Decimal(num).as_tuple().exponent
    places = exponent if isinstance(exponent, int) else 0
    return Decimal(num) * scale, Decimal(1).scaleb(min(places, 0)) * scale


def stated_totals(text: str) -> list[Stated]:
    """The whole project's money as the text states it (项目总投入300万元 → 3,000,000元)."""
    found = []
    for m in _TOTAL.finditer(join_digit_groups(text or "")):
        yuan, step = _yuan(m["num"], m["unit"])
        found.append(Stated(label="总投入", yuan=yuan, step=step, words=m[0]))
    return found


def stated_parts(text: str) -> list[Stated]:
    """Parts of the money the text names by purpose (其中运维150万元 → 运维 1,500,000元); a source of money is no part."""
    found = []
    for m in _PART.finditer(join_digit_groups(text or "")):
        label = m["label"]
        if _SOURCE.search(label):
            continue
        yuan, step = _yuan(m["num"], m["unit"])
        found.append(Stated(label=label, yuan=yuan, step=step, words=m[0]))
    return found


# -- dated events ---------------------------------------------------------------------------------------

_START = re.compile(r"启动|开工|开始实施|正式实施|签订[\u4e00-\u9fff]{0,6}合同|进场|开班|立项")
_FINISH = re.compile(r"验收|竣工|结项|完工|交付使用")
_WHEN = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?:(?P<month>\d{1,2})\s*月)?")
_CLAUSE = re.compile(r"[，。；;,！？!?\n]")


@dataclass(frozen=True)
class Event:
    year: int
    month: int | None
    kind: str  # "start" or "finish"
    words: str  # the clause: 2027年1月完成验收

    @property
    def first(self) -> tuple[int, int]:
        return (self.year, self.month or 1)

    @property
    def last(self) -> tuple[int, int]:
        return (self.year, self.month or 12)


def event_dates(text: str) -> list[Event]:
    """Each clause that dates a start (启动, 开工, 签订合同) or a finish (验收, 竣工) of the work, in reading order.
    A clause naming both, or neither, or two dates, tells no order and is left out."""
    found = []
    for clause in (c.strip() for c in _CLAUSE.split(text or "")):
        whens = list(_WHEN.finditer(clause))
        start, finish = _START.search(clause), _FINISH.search(clause)
        if len(whens) != 1 or bool(start) == bool(finish):
            continue
        month = int(whens[0]["month"]) if whens[0]["month"] else None
        if month is not None and not 1 <= month <= 12:
            continue
        found.append(Event(int(whens[0]["year"]), month, "start" if start else "finish", clause))
    return found
