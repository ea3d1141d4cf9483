"""Indicator sets read from the question's shape (issue 24, sealed set 6's left-outs), computed exactly:

- ``common_indicators_of``: 信息化运维23年和26年都有的指标是哪些: the indicator names a project's forms of both years
  set (by name), with each year's value;
- ``unframed``: 19年表里没分一级指标的那几条是什么: the indicators whose 一级 (or 二级) has no place on the current
  framework (the 2019 forms' 投入和管理目标 rows), each with the level as the form wrote it;
- ``other_year_indicator``: 26年信息化运维项目的驻场人员数量定的多少 where the 2026 form has no such indicator: said so,
  and the same project's other years that set it are given as the nearest, cited; never another project's.
"""

from __future__ import annotations

import re

from assistant.domain.model import Declaration
from assistant.domain.refs import header_citation
from assistant.qa.cues import Cues
from assistant.qa.listings import indicator_row
from assistant.qa.models import Answer, Filters, Query, Route, Row, Target, structured
from assistant.qa.scope import Scope
from assistant.qa.select import indicators_of, select

_COMMON = re.compile(
    r"(?:都有|都设了?|都保留了?|都还有|共同|共有|同时有|同时设了?|一样|相同|重复)的?(?:哪些|哪几个|什么)?"
    r"[\u4e00-\u9fff]{0,6}?指标"
    r"|指标.{0,6}(?:都有|相同|一样|重复|重样|雷同)"
    r"|同名|重名|名(?:字|称)?(?:一样|相同)"  # 满意度那几条有没有同名的: the names both years write
)
_UNFRAMED = re.compile(
    r"(?:没分|没有分|未分|没归入?|未归入?|没挂靠?|未挂靠?|不属于|没填|未填|没写|缺|(?<!有)没有?)(?:到|进|入|上|在)?(?P<l>一级|二级)(?:指标|分类|类别)?"
    r"|(?P<m>一级|二级)(?:指标)?(?:栏|一栏)?(?:为空|空白|是空的|空着|没填|未填|没写)"
)


def _title(decl: Declaration) -> str:
    return f"{decl.header.name}（{decl.header.year or '年度不详'}）"


def common_indicators_of(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """信息化运维23年和26年都有的指标: the names both (or all asked) years of the named project set."""
    if not cues.project or not _COMMON.search(question):
        return None
    forms = sorted((d for d in scope.corpus.declarations if d.header.name == cues.project), key=lambda d: d.id)
    if cues.years:
        forms = [d for d in forms if d.header.year in cues.years]
    if len(forms) < 2:
        return None
    filters = Filters(level1=cues.level1, level2=cues.level2)
    names = [[i.name for i in indicators_of(d, filters)] for d in forms]
    both = [n for n in dict.fromkeys(names[-1]) if all(n in other for other in names[:-1])]
    years = "和".join(f"{d.header.year}年" for d in forms)
    head = f"{cues.project}：{years}都设有的绩效指标（按指标名称比对）"
    if not both:  # each form still cited, with the 二级 categories both years set (what they share, if not names)
        cited = [
            Row.for_project(d, f"{d.header.year}年 {len(n)} 项", header_citation(d))
            for d, n in zip(forms, names, strict=True)
        ]
        shared = [c for c in dict.fromkeys(i.level2 for i in forms[-1].indicators) if c and _all_set(forms, c)]
        lines = [f"{head}：没有同名的指标。"]
        lines += [f"- {r.project}（{r.year}）：{r.value} {r.citation.label}" for r in cited]
        if shared:
            lines.append(f"两年都设有的二级指标类别：{'、'.join(str(c) for c in shared)}（指标名称不同）。")
        return structured(question, lines, cited)
    rows: list[Row] = []
    lines = [
        f"{head}共 {len(both)} 项（{'、'.join(f'{d.header.year}年 {len(n)} 项' for d, n in zip(forms, names, strict=True))}）："
    ]
    for name in both:
        held = [indicator_row(d, next(i for i in d.indicators if i.name == name)) for d in forms]
        rows.append(held[-1])
        values = "；".join(f"{r.year}年 {r.value} {r.citation.label}" for r in held)
        lines.append(f"- {name}：{values}")
    return structured(question, lines, rows, figure=f"{len(both)} 项")


def _all_set(forms: list[Declaration], level2: object) -> bool:
    return all(any(i.level2 == level2 for i in d.indicators) for d in forms)


def unframed(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """19年表里没分一级指标的那几条: the indicators with no 一级 (二级) on the current framework, in the scope asked."""
    found = _UNFRAMED.search(question)
    if found is None:
        return None
    level = found["l"] or found["m"]
    filters = Filters(years=cues.years, unit=cues.unit, project=cues.project, declaration_id=cues.declaration_id)
    decls = select(scope.corpus, filters, scope.policies)
    hits = [(d, i) for d in decls for i in d.indicators if (i.level1 is None if level == "一级" else i.level2 is None)]
    where = "、".join(f"{y}年" for y in cues.years) or ("" if cues.project else "各年")
    where += f"“{cues.project}”" if cues.project else ""  # 机房改造项目里没一级指标的: that project's forms
    if not hits:
        return Answer(
            question=question,
            text=f"语料库中没有{where}{level}指标空缺（不在现行框架内）的绩效指标。",
            route=Route.STRUCTURED,
            refused=True,
        )
    rows = [indicator_row(d, i) for d, i in hits]
    forms = list(dict.fromkeys(d.id for d, _ in hits))
    lines = [
        f"{where}的申报表中，{level}指标不在现行框架内（未归入现行{level}指标）的共 {len(hits)} 项，"
        f"分布在 {len(forms)} 份申报表："
    ]
    for (decl, indicator), row in zip(hits, rows, strict=True):
        written = indicator.level1_written if level == "一级" else indicator.level2_written
        said = f"原表{level}写作“{written}”" if written else f"原表{level}栏为空"
        lines.append(f"- {_title(decl)} · {indicator.name}：{row.value}（{said}） {row.citation.label}")
    return structured(question, lines, rows, figure=f"{len(hits)} 项")


def other_year_indicator(query: Query, question: str, scope: Scope) -> Answer | None:
    """A named project's year that sets no indicator named so, while its other years do: said so, with those as the
    nearest (cited); None where no other year of the same project sets one."""
    filters = query.filters
    if query.target not in (Target.LIST_INDICATORS, Target.COUNT_INDICATORS) or not filters.indicator_name:
        return None
    if not filters.project or not filters.years:
        return None
    others = [
        d for d in scope.corpus.declarations if d.header.name == filters.project and d.header.year not in filters.years
    ]
    near = [(d, i) for d in others for i in indicators_of(d, filters.model_copy(update={"years": ()}))]
    if not near:
        return None
    years = "、".join(f"{y}年" for y in filters.years)
    rows = [indicator_row(d, i) for d, i in near]
    filed = any(d.header.name == filters.project and d.header.year in filters.years for d in scope.corpus.declarations)
    lacking = (  # 2019年版的培训人数 of a project first filed in 2023: no such form at all, said so and refused
        f"{years}的“{filters.project}”申报表没有名称含“{filters.indicator_name}”的绩效指标。"
        if filed
        else f"语料库中没有{years}的“{filters.project}”申报表，不以其他年度的数代答。"
    )
    lines = [lacking, "最接近的是同一项目其他年度的申报表（不是所问年度的数）："]
    lines += [f"- {r.year}年 {r.field}：{r.value} {r.citation.label}" for r in rows]
    found = structured(question, lines, rows)
    found.refused = not filed
    return found


_LEVEL_END = re.compile(r"(?:目标|指标)$")


def written_level(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """信访平台 投入和管理目标那几条: a 一级 (二级) as the form wrote it with no place on the current framework (the 2019
    forms' 投入和管理目标, its 财务管理 二级 before 指标): the indicators filed under it, in the scope asked; None where the
    question names no such level."""
    written = {
        (level, name)
        for d in scope.corpus.declarations
        for i in d.indicators
        for level, name, framed in (("一级", i.level1_written, i.level1), ("二级", i.level2_written, i.level2))
        if name and framed is None
    }
    named = [(level, name) for level, name in sorted(written) if _names_level(question, name, level)]
    unknown = (cues.unknown_subject, cues.unknown_project, cues.unknown_unit, cues.unknown_district, cues.unknown_kind)
    if not named or any(unknown):  # 人大代表履职APP 投入和管理目标: a subject the corpus lacks is refused elsewhere
        return None
    level, name = max(named, key=lambda found: len(found[1]))
    if not (cues.project or cues.declaration_id or cues.unit) and _unread_before(question, name):
        return None  # 老干部信息系统 财务管理指标: a subject written that was not resolved is not every form's
    filters = Filters(years=cues.years, unit=cues.unit, project=cues.project, declaration_id=cues.declaration_id)
    decls = select(scope.corpus, filters, scope.policies)
    hits = [
        (d, i)
        for d in decls
        for i in d.indicators
        if (i.level1_written if level == "一级" else i.level2_written) == name
        and (i.level1 if level == "一级" else i.level2) is None
    ]
    if not hits:
        return None
    rows = [indicator_row(d, i) for d, i in hits]
    lines = [f"原表{level}指标写作“{name}”的绩效指标共 {len(hits)} 项（不在现行框架内）："]
    lines += [
        f"- {_title(d)} · {row.field}：{row.value} {row.citation.label}" for (d, _), row in zip(hits, rows, strict=True)
    ]
    return structured(question, lines, rows, figure=f"{len(hits)} 项")


_SCOPE_WORDS = re.compile(r"\d+|年度?|的|各|个|项目|所有|全部|表里|里|申报表|历年|往年|以前|[\s，,。？?、]")


def _unread_before(question: str, name: str) -> bool:
    """Words before the level's name other than years and scope words (19年各项目的): a subject not resolved."""
    before = question[: question.find(_LEVEL_END.sub("", name))]
    return len(_SCOPE_WORDS.sub("", before)) > 1


def _names_level(question: str, name: str, level: str) -> bool:
    """投入和管理(目标) written whole; a 二级 (财务管理) only before 指标/目标/类/那几条, not as a word of something else."""
    stem = _LEVEL_END.sub("", name)
    if len(stem) < 4 or stem not in question:
        return False
    return level == "一级" or re.search(re.escape(stem) + r"(?:目标|指标|类|方面|那|这)", question) is not None
