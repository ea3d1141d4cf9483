"""Two sides that each name their own year and unit: 23年组织部的项目比19年人大的项目多花了多少 (issue 24).

Read as a whole, the years and units of both sides would apply to both and select nothing (or a wrong mix). Each side
is read alone (`parse.read_question`); where each names one year and a unit of the corpus, and nothing else (no
project, no word the corpus lacks), the two sides' forms are compared like two years (`analytics.compare_years`): each
side's total, and the difference of the side written before 比/减 against the other. A side naming a unit or year the
corpus lacks is left to the refusals of the general route.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.domain.model import Declaration
from assistant.qa import analytics
from assistant.qa.cues import Cues
from assistant.qa.intents import change_measure, money_field
from assistant.qa.models import Answer, Filters, Measure, Query, Route, Target
from assistant.qa.scope import Scope
from assistant.qa.select import select

_YEAR = re.compile(r"\d{2,4}年|今年|去年|前年")
_SPLIT = re.compile(r"比|减去?|和|跟|与|同|对比|[，,]")  # 19年人大的项目几个，23年组织部的几个: a side each
_SIDE_END = re.compile(r"多|少|差|相差|高|低|哪|谁|[，,？?。]|一共|合计|加起来")
_ASKS = re.compile(r"多|少|差|相差|高|低|哪|谁|比较|对比|几")


def _plain(side: Cues) -> bool:
    """A side that names one year and a unit, and no project or subject the corpus lacks."""
    unknown = (side.unknown_unit, side.unknown_project, side.unknown_subject, side.unknown_kind, side.unknown_district)
    named = side.project or side.declaration_id or side.mentions
    return len(side.years) == 1 and bool(side.unit) and not named and not any(unknown) and not side.odd_years


def _label(side: Cues, decls: list[Declaration]) -> str:
    return f"{side.years[0]}年 · {side.unit}（{len(decls)} 份申报表）"


def unit_year_sides(question: str, cues: Cues, scope: Scope, today: date | None) -> Answer | None:
    """23年组织部的项目比19年人大的项目多花了多少: each side's forms totalled, and the difference; None for other
    questions."""
    from assistant.qa.parse import read_question  # parse imports special, which imports this module

    text = "".join(question.split())
    if today is None or len(_YEAR.findall(text)) != 2 or not _ASKS.search(text) or cues.project:
        return None
    for split in _SPLIT.finditer(text):
        first, later = text[: split.start()], text[split.end() :]
        end = _SIDE_END.search(later, 2)
        second = later[: end.start()] if end else later
        if not (_YEAR.search(first) and _YEAR.search(second)):
            continue
        a, b = (read_question(side, scope.lexicon, today=today) for side in (first, second))
        if not (_plain(a) and _plain(b)) or a.years == b.years:
            continue
        decls_a = select(scope.corpus, Filters(years=a.years, unit=a.unit), scope.policies)
        decls_b = select(scope.corpus, Filters(years=b.years, unit=b.unit), scope.policies)
        if not decls_a or not decls_b:
            return None  # a unit with no form in its year: the general route says so
        measure = change_measure(text)  # 项目几个: the forms counted; 指标: the indicators; else the money
        query = Query(
            target=Target.COMPARE_YEARS,
            filters=Filters(years=(*a.years, *b.years)),
            funding_field=money_field(cues.funding_field) if measure is Measure.FUNDING else None,
            measure=measure,
        )
        subject = a.years[0] if split.group() in ("比", "减", "减去") else None
        result = analytics.compare_years(query, [*decls_a, *decls_b], subject=subject)
        head = f"比较：{_label(a, decls_a)} 与 {_label(b, decls_b)}（两边各按所写的年度和单位选表）"
        citations = list(dict.fromkeys(row.citation for row in result.rows))
        return Answer(
            question=question,
            text="\n".join([head, *result.lines]),
            route=Route.STRUCTURED,
            query=query,
            rows=result.rows,
            citations=citations,
            figure=result.figure,
            notes=list(result.notes),
        )
    return None
