"""A yes/no question on how forms usually set an indicator (完成率一般都写百分百吗, 满意度是不是都填90%): answered with
the counts — n of the m forms that set such an indicator write that value — and examples from at least two forms,
never 未找到 and never more than a few lines.

The indicator is named by a word of its name (完成率, 满意度, 及时率…: the corpus's indicator names hold it); the value
is a number written as digits or as 百分百/百分之百/满分 (100).
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.model import Declaration, Indicator
from assistant.domain.refs import indicator_citation
from assistant.qa.models import Answer, Route

EXAMPLES = 2  # forms cited in each group (the answer stays short)
_HUNDRED = r"百分之百|百分百|满分|全部完成"
_VALUE = rf"(?P<v>{_HUNDRED}|\d+(?:\.\d+)?\s*%?|百分之[一二三四五六七八九十]+)"
# 完成率一般都写百分百吗 / 满意度是不是都填90% / 及时率通常设成100%吗 / 完成率都是100%吗
_ASKED = re.compile(
    rf"(?P<x>[\u4e00-\u9fff]{{2,10}}?)(?:指标)?(?:的目标值)?(?:一般|通常|大多|基本|往往)?(?:是不是)?都?"
    rf"(?:是|写|填|设|定){{1,2}}(?:成|为|的是|的)?{_VALUE}(?:吗|嘛|么|呢|不|没)?[？?。]?$"
)
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def asked_value(question: str, indicator_names: tuple[str, ...]) -> tuple[str, Decimal, str] | None:
    """(word of the indicators' names, the number asked, the value as written) for a yes/no question on the usual
    value; None when the question is no such question or the word is in no indicator name of the corpus."""
    if not re.search("吗|嘛|么|是不是|是否", question):
        return None
    found = _ASKED.search(question.replace(" ", ""))
    if found is None:
        return None
    word = re.sub("^(?:以前|往年|历年|别人|大家|各单位|项目)", "", found["x"].split("的")[-1])
    if len(word) < 2 or not any(word in name for name in indicator_names):
        return None
    number = _number(found["v"])
    return (word, number, found["v"]) if number is not None else None


def _number(written: str) -> Decimal | None:
    if re.fullmatch(_HUNDRED, written):
        return Decimal(100)
    if written.startswith("百分之"):
        tens = written.removeprefix("百分之")
        if tens == "十":
            return Decimal(10)
        digits = tens.split("十")
        if len(digits) == 2:
            return Decimal(_DIGITS.get(digits[0], 1) * 10 + _DIGITS.get(digits[1], 0))
        return Decimal(_DIGITS[tens]) if tens in _DIGITS else None
    return Decimal(written.rstrip("%").strip())


def usual_check(
    question: str, word: str, number: Decimal, written: str, decls: list[Declaration], *, years: str = "历年"
) -> Answer:
    """``n of m forms`` write ``number`` for their indicators named with ``word``; examples of both groups cited.
    ``years``: what the forms are said to span (历年, 2023年)."""
    carrying = [(d, [i for i in d.indicators if word in i.name]) for d in decls]
    carrying = [(d, found) for d, found in carrying if found]
    same = [(d, [i for i in found if _is(i, number)]) for d, found in carrying]
    same = [(d, found) for d, found in same if found]
    ids = {d.id for d, _ in same}
    other = [(d, [i for i in found if not _is(i, number)]) for d, found in carrying if d.id not in ids]
    m, n = len(carrying), len(same)
    verdict = "是，都这样写" if n == m else ("大多是" if n * 2 > m else ("少数这样写" if n else "不是"))
    lines = [
        f"{verdict}：{years}设有名称含“{word}”的指标的 {m} 份申报表中，{n} 份写{written}"
        f"（目标值为 {number:g}），{m - n} 份不是。"
    ]
    citations = []
    for label, group in ((f"写{written}的", same), ("其他写法", other)):
        if not group:
            continue
        shown = []
        for decl, indicators in group[: EXAMPLES if other and same else EXAMPLES + 1]:  # one group: three forms
            cite = indicator_citation(decl, indicators[0])
            citations.append(cite)
            shown.append(f"“{cite.quote}” {cite.label}")
        lines.append(f"- {label}，如：" + "；".join(shown))
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, citations=citations)


def _key(indicator: Indicator) -> str:
    """The target value with its number normalised (=100.00% and =100% alike; no operator read as =)."""
    value = indicator.value
    if value.number is None:
        return value.raw.strip()
    operator = value.operator.value if value.operator else "="
    return f"{operator}{value.number.normalize():f}{value.unit or ''}"


def _is(indicator: Indicator, number: Decimal) -> bool:
    value = indicator.value
    return value.number is not None and value.number == number


# 完成率一般咋设 / 及时率别人一般怎么写 / 验收合格率通常填多少: how forms set indicators named with a word
_HOW = re.compile(
    r"(?P<x>[\u4e00-\u9fff]{2,10}?)(?:指标)?(?:的目标值)?(?:别人|大家|以前|往年)?(?:一般|通常|都|大多|常常)+"
    r"(?:是)?(?:咋|怎么|怎样|如何)?(?:设置?|写|填|定|表述|描述|表达)(?:的|成什么|多少|啥|成.{1,8}?还是.{1,8}?)?(?:呢|啊)?"
    r"[？?。]?$"
)


def asked_how(question: str, indicator_names: tuple[str, ...]) -> str | None:
    """The word of the indicators' names a 一般咋设 question asks about; None for other questions."""
    found = _HOW.search(question.replace(" ", ""))
    if found is None:
        return None
    word = re.sub("^(?:以前|往年|历年|别人|大家|项目)", "", found["x"].rstrip("的").split("的")[-1])
    return word if len(word) >= 2 and any(word in name for name in indicator_names) else None


def usual_values(question: str, word: str, decls: list[Declaration], *, years: str = "历年") -> Answer | None:
    """How the forms set indicators named with ``word``: the most common target values (forms counted once each),
    with examples from at least two forms; None when fewer than two forms set one."""
    carrying = [(d, [i for i in d.indicators if word in i.name]) for d in decls]
    carrying = [(d, found) for d, found in carrying if found]
    if len(carrying) < 2:
        return None
    by_value: dict[str, list[tuple[Declaration, Indicator]]] = {}
    for decl, found in carrying:
        for written in dict.fromkeys(_key(i) for i in found):
            first = next(i for i in found if _key(i) == written)
            by_value.setdefault(written, []).append((decl, first))
    ranked = sorted(by_value.items(), key=lambda item: -len(item[1]))
    items = sum(len(found) for _, found in carrying)
    lines = [f"{years}设有名称含“{word}”的指标的申报表共 {len(carrying)} 份（{items} 项），目标值常见写法："]
    citations = []
    usual = 2 if len(ranked) > 1 else 3  # the usual value: two forms; three where it is the only one
    for rank, (written, holders) in enumerate(ranked[: EXAMPLES + 1]):
        cites = [indicator_citation(*holder) for holder in holders[: usual if rank == 0 else 1]]
        citations.extend(cites)
        shown = "；".join(f"“{cite.quote}” {cite.label}" for cite in cites)
        lines.append(f"- {written or '（空白）'}：{len(holders)} 份，如 {shown}")
    if len({c.ref.split("#")[0] for c in citations}) < 2:  # two forms (信息化建设项目 of 2023 and of 2026 are two)
        return None
    if len(ranked) > EXAMPLES + 1:
        lines.append(f"另有 {len(ranked) - EXAMPLES - 1} 种写法。")
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, citations=citations)
