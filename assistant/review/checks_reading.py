"""Rows that misread their own form's text (issue 22, seen in a drafted elderly-meal table):

- ``NAME-CUT``: a 三级指标 name cut across a clause of the text it was read from — another figure with its
  measure word inside it (``道3个社区长者食堂和依托数量``: the tail of 街道, a count of 3, and a connective left
  hanging), or a connective or preposition right before the measure's suffix (``…和依托数量``). A name that
  counts its object by a figure at its start (``3个街道覆盖率``) is no cut: only a figure with text on both sides
  that also ends in a connective or holds a second figure is;
- ``COST-FOREIGN-FIGURE``: a unit cost (``元/…``) whose figure the form's own text states only for another
  object: ``食品安全检查标准 =12(元/次)`` where the text says ``送餐费每单12元``. Judged only where the figure is
  written in the form's text (overview, goals, plan, budget lines): a quotient computed from a budget line
  (``900,000元 ÷ 3家``) is not written there and is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.domain.framework import Level1
from assistant.domain.model import Declaration, Indicator, SectionKind
from assistant.domain.text import cjk_bigrams
from assistant.domain.values import ValueKind
from assistant.review.base import at_indicator, finding
from assistant.review.models import Finding

_MEASURE = "个家名人位户次份单餐辆台套处所条件项场期班批"
_SUFFIX = r"(?:数量|人数|人次|次数|场次|份数|户数|单数|餐次|时限|标准|单价|成本|单位成本|人均成本|覆盖率|完成率|满意度|达标率|合格率)"
# A connective or preposition that opens the next phrase: a name that ends with one before its suffix was cut
_HANGING = re.compile(
    r"(?:依托|通过|按照|其中|(?<![合])并|(?<![总饱])和|(?<![涉惠普危以])及|(?<![参给赋])与|(?<![核针相面应绝])对|"
    rf"(?<![存所现实])在|(?<![行作认成因])为|(?<![自理经])由)[{_MEASURE}]?{_SUFFIX}$"
)  # not the words they end (参与人数, 涉及人数, 核对数量)
_INNER_FIGURE = re.compile(rf"[\u4e00-\u9fff](?:\d+(?:\.\d+)?|[一二三四五六七八九十两]+)[{_MEASURE}][\u4e00-\u9fff]")
_TEXT_KINDS = (SectionKind.OVERVIEW, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL, SectionKind.PLAN)


def check_reading(decl: Declaration) -> Iterator[Finding]:
    text = _own_text(decl)
    for ind in decl.indicators:
        yield from _cut(ind)
        yield from _foreign_figure(ind, text)


def _cut(ind: Indicator) -> Iterator[Finding]:
    why = cut_reason(ind.name)
    if why is not None:
        yield finding(
            "NAME-CUT",
            f"指标名称「{ind.name}」{why}，像是从句子中截取时跨过了分句，不是一个完整的指标名称。",
            at_indicator(ind),
        )


def cut_reason(name: str) -> str | None:
    """Why ``name`` reads as cut across a clause (Chinese, for the message), or None."""
    hanging = _HANGING.search(name)
    if hanging is not None:
        return f"末尾“{hanging.group(0)}”前是连接词或介词"
    inner = _INNER_FIGURE.findall(name)
    if inner and (len(inner) > 1 or _ends_open(name)):
        return f"中间夹着另一个数字“{inner[0][1:-1]}”"
    return None


def _ends_open(name: str) -> bool:
    """A name whose figure is inside and whose words before the suffix end in a connective (…和依托)."""
    return re.search(r"(?:依托|通过|和|及|与|并|对|在|为)[\u4e00-\u9fff]{0,4}$", name) is not None


# -- a unit cost whose figure is another object's ----------------------------------------------------------

_CLAUSE = re.compile(r"[，,。；;！？\n（）()、]")  # not ：: a budget line's name stays with its content
_COST_WORDS = re.compile(r"(?:单位成本|人均成本|平均成本|成本|标准|单价|费用|费|补贴|补助|价格|售价)$")
_LEAD = re.compile(r"^(?:单|人均|每|平均)")
_GENERIC = set(cjk_bigrams("服务项目工作管理资金经费费用成本标准补贴补助单位人均每年全年年度"))


def _own_text(decl: Declaration) -> str:
    parts = [decl.section_text(kind) or "" for kind in _TEXT_KINDS]
    parts += [f"{line.name}：{line.content or ''}；{line.detail or ''}" for line in decl.budget_lines]
    return "\n".join(parts)


def _foreign_figure(ind: Indicator, text: str) -> Iterator[Finding]:
    value = ind.value
    if ind.level1 is not Level1.COST or value.kind is not ValueKind.QUANTITATIVE or value.number is None:
        return
    if not (value.unit or "").startswith("元/"):
        return
    own = _object_words(ind.name)
    clauses = _clauses_stating(value.number, text)
    if not own or not clauses or any(own & cjk_bigrams(c) for c in clauses):
        return
    where = clauses[0]
    yield finding(
        "COST-FOREIGN-FIGURE",
        f"成本指标「{ind.name}」的 {_plain(value.number)}元 在本表文字中只见于“{where}”，说的是另一项内容的金额，"
        f"不是「{ind.name}」的单位成本。",
        at_indicator(ind),
    )


def _object_words(name: str) -> set[str]:
    """The specific two-character pieces of what a cost row prices: 食品安全检查 of 食品安全检查标准."""
    obj = _LEAD.sub("", _COST_WORDS.sub("", name))
    obj = _COST_WORDS.sub("", obj)
    return cjk_bigrams(obj) - _GENERIC


def _clauses_stating(number: Decimal, text: str) -> list[str]:
    """The clauses of ``text`` that write ``number`` as an amount of yuan (12元, 12.00元, 每单12元, 12元/单) and name
    what the amount is for; one that names nothing (每批次约300元) belongs to the clause before it and is not judged
    (an empty list when no clause names its object)."""
    figure = re.compile(rf"(?<![\d.]){re.escape(_plain(number))}(?:\.0+)?\s*(?:万)?元")
    found = []
    for clause in _CLAUSE.split(text):
        m = figure.search(clause)
        if m is None or "万" in m.group(0):
            continue
        if not cjk_bigrams(_UNNAMED.sub("", clause[: m.start()])) - _GENERIC:
            return []  # 每批次约300元: the object is the clause before's
        found.append(clause.strip())
    return found


_UNNAMED = re.compile(
    r"每[个]?[\u4e00-\u9fff]{1,3}?(?=约|\d|$)|约|按|为|是|标准|其中|不超过|不高于|每次|每天|每月|每年|"
    r"每[个]?[\u4e00-\u9fff]{1,2}(?=每)|单价|补贴|补助"  # 每人每月补贴600元, 单价每公里每年2400元: the per-unit words only
)


def _plain(number: Decimal) -> str:
    return f"{number.normalize():f}"
