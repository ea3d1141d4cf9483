"""A named project's indicator asked by a name it does not write (issue 24, new user nu13 #7): 远程教育网络体系运维
那个项目，故障响应时间要求是多少 while the form writes 故障响应及时性：及时. Never a bare "未找到", which reads as "none
set": the indicators of that project whose names share the asked name's head (故障响应) are given, cited, said to be
written differently; where the project has none, the projects that do write the name are given, said to be others'.
"""

from __future__ import annotations

from assistant.qa.listings import indicator_row
from assistant.qa.models import Answer, Query, Route, Target, structured
from assistant.qa.scope import Scope
from assistant.qa.select import indicators_of, select

MIN_HEAD = 3  # characters of the asked name's head a written name must hold (故障响 of 故障响应时间)
MAX_DROPPED = 3  # characters of its end that may be dropped: a measure written otherwise (时间 → 及时性), no more
MAX_OTHERS = 6  # other projects' rows shown at most


def near_indicator(query: Query, question: str, scope: Scope) -> Answer | None:
    """The named project's indicators closest to the asked name, or other projects' indicators of that name; None
    where the query names no project and indicator, or neither is found."""
    filters = query.filters
    asked = filters.indicator_name
    if query.target not in (Target.LIST_INDICATORS, Target.COUNT_INDICATORS) or not asked:
        return None
    if not (filters.project or filters.declaration_id) or filters.level1 or filters.level2:
        return None
    decls = select(scope.corpus, filters.model_copy(update={"indicator_name": None}), scope.lexicon.policies)
    if not decls:
        return None
    where = "、".join(f"{d.header.name}（{d.header.year}）" for d in decls)
    for size in range(len(asked) - 1, max(MIN_HEAD, len(asked) - MAX_DROPPED) - 1, -1):
        head = asked[:size]
        near = [(d, i) for d in decls for i in d.indicators if head in i.name]
        if near:
            rows = [indicator_row(d, i) for d, i in near]
            lines = [
                f"{where}没有名称写作“{asked}”的指标；名称相近（含“{head}”）的指标如下，请核对是否所问：",
                *(f"- {r.field}：{r.value} {r.citation.label}" for r in rows),
            ]
            return structured(question, lines, rows)
    return _others(query, question, scope, where)


def _others(query: Query, question: str, scope: Scope, where: str) -> Answer | None:
    """The asked project writes nothing near it: the projects that write the name, said to be others'."""
    filters = query.filters.model_copy(update={"project": None, "declaration_id": None, "years": ()})
    others = [(d, i) for d in scope.corpus.declarations for i in indicators_of(d, filters)]
    if not others:
        return None
    named = dict.fromkeys(f"{d.header.name}（{d.header.year}）的“{i.name}”" for d, i in others)
    shown = "、".join(list(named)[:MAX_OTHERS]) + ("等" if len(named) > MAX_OTHERS else "")
    lines = [
        f"{where}没有名称含“{query.filters.indicator_name}”或与之相近的绩效指标（该项目未设这一要求）。",
        f"写有这一指标的是其他项目：{shown}（不以它们的数代答，可单独问）。",
    ]
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, refused=True)
