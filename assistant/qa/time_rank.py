"""Rankings by a duration or speed target (issue 24): 工作日故障运维人员抵达现场时间要求最短的是哪个, 哪个项目的故障响应
时间定得最长.

最短/最快 rank the projects by the named indicator's target number upwards, 最长/最慢 downwards, as
`value_rank.rank_by_value` ranks a 满意度 (ties shown; a value in words, another unit or a blank cell listed apart,
not ranked). Only where the question names an indicator (or a category) and no project: a named project's
indicator is a field lookup.
"""

from __future__ import annotations

import re

from assistant.qa.cues import Cues
from assistant.qa.models import Answer, Filters, Measure, Query, Route, Target
from assistant.qa.scope import Scope, forms_in_scope
from assistant.qa.value_rank import rank_by_value

_SHORTEST = re.compile(r"最短|最快|最及时")
_LONGEST = re.compile(r"最长|最慢")
_WHICH = re.compile(r"哪个|哪一个|哪家|哪些|谁|排名|排序|排一下")


def time_rank(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The projects ranked by the asked indicator's time target; None for other questions."""
    shortest, longest = _SHORTEST.search(question), _LONGEST.search(question)
    if not (shortest or longest) or not _WHICH.search(question) or cues.project or cues.declaration_id:
        return None
    if not (cues.indicator_name or cues.level1 or cues.level2):
        return None
    filters = Filters(
        years=cues.years,
        unit=cues.unit,
        more_units=cues.more_units,
        level1=cues.level1,
        level2=cues.level2,
        indicator_name=cues.indicator_name,
    )
    query = Query(target=Target.RANK, filters=filters, measure=Measure.VALUE, descending=shortest is None)
    decls = forms_in_scope(cues, scope)
    result = rank_by_value(query, decls)
    citations = list(dict.fromkeys(row.citation for row in result.rows))
    text = (
        "\n".join(result.lines).replace("最低", "最短") if shortest else "\n".join(result.lines).replace("最高", "最长")
    )
    return Answer(
        question=question,
        text=text,
        route=Route.STRUCTURED,
        query=query,
        rows=result.rows,
        citations=citations,
        figure=result.figure,
    )
