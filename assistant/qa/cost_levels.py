"""A cost indicator asked by its level (new user nu12 #8: 成本指标里写了单位成本的有哪些项目): 单位成本, 总成本 and
分项成本 are the levels Shanghai's guide splits 经济成本指标 into (primer, cost indicators), so such a question asks
for the cost indicators of that level, never for the indicators whose names hold a fragment of the words (单位).

An indicator is of a level by the framework (a 成本指标, or a legacy row whose name writes 成本) and by how it is
written: 单位成本 by its name (单位成本, 单价, 人均, 单…成本, 每…成本/费用/经费, 标准, 定额) or a value per unit (元/人);
总成本 by its name (总成本, 成本总额, 总费用, 项目成本) or an amount of money; 分项成本 by its name (分项, …费 or
…费用, unless a 总成本 name). None found is said, with the cost indicators the forms in scope do set.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.domain.framework import Level1, Level2
from assistant.domain.model import Declaration, Indicator
from assistant.qa.cues import Cues
from assistant.qa.listings import indicator_row
from assistant.qa.models import Answer, Route, structured
from assistant.qa.scope import Scope, forms_named

UNIT, TOTAL, PART = "单位成本", "总成本", "分项成本"
# The words of a question that name a level (单价 only with 指标: a 项目构成 row has a 单价 as well)
_ASKED = (
    (UNIT, re.compile(r"单位成本|人均成本|人均费用|单位费用|成本定额|单价(?=.*指标)|(?<=指标).*单价")),
    (TOTAL, re.compile(r"总成本|成本总额")),
    (PART, re.compile(r"分项成本")),
)
_NAMES = {
    UNIT: re.compile(
        r"单位成本|单价|人均|单[\u4e00-\u9fff]{1,4}成本|每[\u4e00-\u9fff]{1,4}(?:成本|费用|经费)|标准|定额"
    ),
    TOTAL: re.compile(r"总成本|成本总额|总费用|项目成本"),
    PART: re.compile(r"分项|[\u4e00-\u9fff]{2,6}费(?:用)?$"),
}
_COST_LEVEL2 = (Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST)
SHOWN = 12
_WHY = "按框架，经济成本指标分总成本、单位成本和分项成本"
_HOW = {
    UNIT: "单位成本按指标名称（单位成本、单价、人均、标准、定额等）或按单位计的金额（元/人等）认定",
    TOTAL: "总成本按指标名称（总成本、成本总额等）或写明的金额认定",
    PART: "分项成本按指标名称（分项、某项费用）认定",
}


def cost_level(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The cost indicators of the level the question names, or None where it names none."""
    text = "".join(question.split())
    level = next((name for name, pattern in _ASKED if pattern.search(text)), None)
    if level is None or cues.unknown_project or cues.unknown_unit or cues.unknown_subject:
        return None
    decls = forms_named(cues, scope)
    found = [(d, i) for d in decls for i in d.indicators if is_cost(i) and of_level(i, level)]
    where = "、".join(f"{y}年" for y in cues.years) + (cues.project or cues.unit or "")
    if not found:
        return _none(question, level, where, decls)
    forms = len({d.id for d, _ in found})
    lines = [f"{where}写了{level}的成本指标：{len(found)} 项，{forms} 份申报表（{_WHY}；{_HOW[level]}）："]
    rows = [
        indicator_row(d, i).model_copy(update={"value": i.value.raw.strip() or "（空白）"}) for d, i in found[:SHOWN]
    ]
    for row in rows:
        unstated = "" if "元" in row.value else "（未写明金额）"
        lines.append(
            f"- {row.project}（{row.year or '年度不详'}）：{row.field} {row.value}{unstated} {row.citation.label}"
        )
    if len(found) > SHOWN:
        lines.append(f"（另有 {len(found) - SHOWN} 项未列出）")
    return structured(question, lines, rows)


def is_cost(indicator: Indicator) -> bool:
    """A cost indicator on the framework, or a legacy row whose name writes 成本."""
    if indicator.level1 is Level1.COST or indicator.level2 in _COST_LEVEL2:
        return True
    return indicator.level1 is None and "成本" in indicator.name


def of_level(indicator: Indicator, level: str) -> bool:
    """Whether a cost indicator is of ``level`` by its name or how its value is written."""
    unit = indicator.value.unit or ""
    if _NAMES[level].search(indicator.name):
        return not (level == PART and _NAMES[TOTAL].search(indicator.name))
    if level == UNIT:
        return "元/" in unit
    if level == TOTAL:
        return unit in ("元", "万元", "千元", "亿元")
    return False


def _none(question: str, level: str, where: str, decls: list[Declaration]) -> Answer:
    costs = [(d, i) for d in decls for i in d.indicators if is_cost(i)]
    lines = [f"语料库中{where}没有写{level}的成本指标（{_WHY}；{_HOW[level]}）。"]
    if costs:
        said = Counter(f"{i.name}（{i.value.raw.strip() or '空白'}）" for _, i in costs)
        named = "、".join(f"{name}×{n}" if n > 1 else name for name, n in said.items())
        lines.append(
            f"现有的成本指标 {len(costs)} 项，{len({d.id for d, _ in costs})} 份申报表，都不是{level}：{named}。"
        )
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, refused=True)
