"""Rankings by target values in a unit the question names (issue 24): 数量指标里按“次”算的 谁定得最多, 以“天”为单位
的指标哪个定得最长.

A unit of measure written as the thing compared (按“次”算的, 以天计的, 单位是“个”的) says the question ranks the
indicators' target numbers in that unit, never the number of indicators or the money: only values in that unit take
part, and every selected indicator with a number in another unit, or in words, is listed apart as not ranked
(`value_rank.rank_by_value` with the unit asked). Only where no project is named: a named project's indicator is a
field lookup. A unit no indicator of the corpus is measured in leaves the question to the other readers.
"""

from __future__ import annotations

import re

from assistant.qa.cues import Cues
from assistant.qa.lexicon import LEVEL_TERMS
from assistant.qa.models import Answer, Filters, Measure, Query, Route, Target
from assistant.qa.scope import Scope, forms_in_scope
from assistant.qa.value_rank import rank_by_value

_QUOTES = "“”\"'‘’「」"
_Q = f"[{_QUOTES}]?"
_QUOTED = re.compile(f"[{_QUOTES}]")
# 按“次”算的, 按次计的, 以“天”为单位的, 以人计, 单位是“个”的, 单位为次的, 用“次”计量的
_UNIT = re.compile(
    f"(?:按|以|用){_Q}(?P<a>[^{_QUOTES}，,。？?\\s]{{1,3}}?){_Q}(?:为单位|作单位|来?(?:算|计|计算|计量|统计))"
    f"|单位(?:是|为|写的?是?){_Q}(?P<b>[^{_QUOTES}，,。？?\\s]{{1,3}}?){_Q}(?=的|[，,\\s]|$)"
)
_HIGH = re.compile(r"最多|最高|最大|最长|最慢|定得?最[多高大长]")
_LOW = re.compile(r"最少|最低|最小|最短|最快")
_WHICH = re.compile(r"哪个|哪一个|哪家|哪些|谁|排名|排序|排一下|排个序")


def asked_unit(question: str, units: set[str]) -> tuple[str | None, bool]:
    """(the unit of measure the question names, whether some indicator of the corpus is measured in it): a unit in
    quotation marks (按“吨”算的) is one even where no indicator is; unquoted, only a unit some indicator has."""
    for found in _UNIT.finditer(question):
        unit = found["a"] or found["b"]
        if unit in units:
            return unit, True
        if _QUOTED.search(found.group()):
            return unit, False
    return None, False


def unit_rank(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The projects ranked by their indicators' target numbers in the unit asked; None for other questions."""
    high, low = _HIGH.search(question), _LOW.search(question)
    if not (high or low) or not _WHICH.search(question) or cues.project or cues.declaration_id:
        return None
    units = {i.value.unit for d in scope.corpus.declarations for i in d.indicators if i.value.unit}
    unit, held = asked_unit(question, units)
    if unit is None:
        return None
    if not held:  # 按“吨”算的: no target of the corpus is in that unit; nothing is ranked, no count stands for it
        return Answer(
            question=question,
            text=f"语料库中没有以“{unit}”计目标值的绩效指标，无法按它排序；现有指标的计量单位有："
            f"{'、'.join(sorted(units))}。",
            route=Route.STRUCTURED,
            refused=True,
        )
    level1, level2 = cues.level1, cues.level2
    if cues.indicator_name == unit and level1 is None and level2 is None:  # 按“个”算的产出指标: read with the unit
        level1, level2 = next(((l1, l2) for term, l1, l2 in LEVEL_TERMS if term in question), (None, None))
    filters = Filters(
        years=cues.years,
        unit=cues.unit,
        more_units=cues.more_units,
        level1=level1,
        level2=level2,
        indicator_name=None if cues.indicator_name == unit else cues.indicator_name,  # 单位是“分钟”的: no name
    )
    descending = high is not None and (low is None or high.start() < low.start())
    query = Query(target=Target.RANK, filters=filters, measure=Measure.VALUE, descending=descending)
    decls = forms_in_scope(cues, scope)
    result = rank_by_value(query, decls, unit=unit)
    return Answer(
        question=question,
        text="\n".join(result.lines),
        route=Route.STRUCTURED,
        query=query,
        rows=result.rows,
        citations=list(dict.fromkeys(row.citation for row in result.rows)),
        figure=result.figure,
    )
