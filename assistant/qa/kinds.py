"""Kinds of project (培训, 会议…): what the corpus holds of a kind, and a kind no form is of but whose word the
indicator names carry.

- `type_holdings`: whether any declaration is of the asked type, and the types the corpus holds, each form counted
  once (by its most likely type), so that the counts add up to the number of declarations.
- `kind_by_indicators`: 有没有做过培训类的项目 where no form is typed 培训 but 党组织建设和党员教育管理 sets 全年培训班次:
  those forms, with the indicators that carry the word (and those of the asked category), said to be found by
  indicator name, not by type.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from assistant.domain.classify import declaration_type
from assistant.domain.model import Declaration, Indicator
from assistant.domain.project_types import ProjectType
from assistant.domain.refs import header_citation, indicator_citation, units_of
from assistant.qa.lexicon import TYPE_WORDS
from assistant.qa.models import Answer, Query, Route, Row, Target
from assistant.qa.select import indicators_of, select

if TYPE_CHECKING:
    from assistant.qa.scope import Scope

SHOWN = 8  # indicators shown per form
# 有没有做过培训类的项目 / 以前有人搞过会议类项目吗 / 有先例吗: whether the kind was ever done. Only such a question
# falls back to indicator names; 垃圾分类宣传项目设了哪些时效指标 names a subject the corpus lacks and stays refused.
_ASKS_EXISTENCE = re.compile(r"有没有|是否有|有无|有没|有过|做过|搞过|报过|申报过|申请过|先例|案例")


def type_holdings(asked: ProjectType, scope: Scope) -> list[str]:
    """Whether any declaration is of the asked type, and the types the corpus does hold: never another type's answer.
    Each form counts once, under its most likely type (未归类 where the rules name none)."""
    verdicts = [declaration_type(decl) for decl in scope.corpus]
    if held_asked := sum(asked in v.plausible() for v in verdicts):
        return [f"语料库中有 {held_asked} 份{asked.value}类项目的申报表，但没有所问的内容。"]
    counts = Counter(v.type.value if v.type else "未归类" for v in verdicts)
    held = "、".join(f"{t} {n} 份" for t, n in counts.most_common()) or "无"
    mixed = sum(len(v.plausible()) > 1 for v in verdicts)
    both = f"，其中 {mixed} 份兼有第二类" if mixed else ""
    return [
        f"语料库中没有{asked.value}类项目的申报表（类型按项目名称、类别与内容识别；现有 {len(verdicts)} 份，"
        f"按各自最可能的类型计：{held}{both}），因此没有可引用的先例，也不以其他类型项目的内容代答。"
    ]


def kind_by_indicators(query: Query, question: str, scope: Scope) -> Answer | None:
    """The forms whose indicator names carry the asked type's word, where no form is of that type; None if none."""
    asked = query.filters.project_type
    if asked is None or not _ASKS_EXISTENCE.search(question):
        return None
    words = [word for word, kind in TYPE_WORDS.items() if kind is asked]
    loose = query.filters.model_copy(update={"project_type": None, "level1": None, "level2": None})
    found = [(d, carrying) for d in select(scope.corpus, loose, scope.policies) if (carrying := _carrying(d, words))]
    if not found:
        return None
    said = "、".join(f"“{w}”" for w in words)
    lines = [f"按项目类型，语料库中没有{asked.value}类项目；以下 {len(found)} 份申报表的绩效指标名称写有{said}："]
    rows = []
    for i, (decl, carrying) in enumerate(found, 1):
        citation = indicator_citation(decl, carrying[0])
        unit = "、".join(dict.fromkeys(units_of(decl))) or "单位未填"
        rows.append(Row.for_project(decl, unit, citation))
        lines.append(f"{i}. {decl.header.name}（{decl.header.year}），{unit} {header_citation(decl).label}")
        lines.append(f"   写有{said}的指标：{_shown(carrying)}")
        if query.filters.level1 or query.filters.level2:
            asked_level = indicators_of(decl, query.filters)
            label = str(query.filters.level2 or query.filters.level1)
            lines.append(f"   {label}：{_shown(asked_level) if asked_level else '未设'}")
    return Answer(
        question=question,
        text="\n".join(lines),
        route=Route.STRUCTURED,
        query=query.model_copy(update={"target": Target.LIST_PROJECTS}),  # a listing of forms: 有。 before it
        rows=rows,
        citations=list(dict.fromkeys(row.citation for row in rows)),
    )


def _carrying(decl: Declaration, words: list[str]) -> list[Indicator]:
    return [i for i in decl.indicators if any(word in i.name for word in words)]


def _shown(indicators: list[Indicator]) -> str:
    names = [f"{i.name}（{i.value.raw.strip() or '未填'}）" for i in indicators[:SHOWN]]
    more = f"等 {len(indicators)} 项" if len(indicators) > SHOWN else ""
    return "、".join(names) + more
