"""Changes between a project's forms of two years, and between two years' batches (issue 24, sealed13).

- ``lacking_year``: 26年的X 有哪些指标是23年里没有的, 哪些指标是26年才有的: the indicator names the form of one year
  sets and the form of the year said to lack them does not (按指标名称比对);
- ``against_first``: 相比人大19年那批 组织部23年多报了几个项目, 跟19年人大比，23年组织部少花了多少: the side written
  after 相比/跟…比 is the baseline; the question is read as 组织部23年比人大19年多报了几个项目
  (`year_sides.unit_year_sides`).
"""

from __future__ import annotations

import re
from datetime import date

from assistant.domain.model import Declaration
from assistant.domain.refs import header_citation
from assistant.qa.cues import Cues
from assistant.qa.listings import indicator_row
from assistant.qa.models import Answer, Row, structured
from assistant.qa.scope import Scope
from assistant.qa.years import full_year

# 23年里没有的, 23年的没有, 在23年版本中未设的: the year said to lack the indicators
_LACKING = re.compile(
    r"(\d{2}|\d{4})年(?:的|那份|那张)?(?:里面?|中|当中|表里)?(?:都|并|还)?(?:没有|没|未设|没设|不设|未列|没列)(?:的|过|设)?"
)
# 26年才有的, 只有26年有的, 26年新出现的: the year said to hold them alone (the other year lacks them)
_ONLY = re.compile(r"(?:只有|仅有?|只在)?(\d{2}|\d{4})年(?:的)?(?:里面?|中)?(?:才有|才设|才加|独有|特有|新出现|新冒出)")
_ASKS_INDICATORS = re.compile(r"指标")


def lacking_year(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """X 有哪些指标是23年里没有的: the indicators of the named project's other form that the lacking year's form does not
    set; None for other questions."""
    text = "".join(question.split())
    found = _LACKING.search(text) or _ONLY.search(text)
    if found is None or not cues.project or not _ASKS_INDICATORS.search(text):
        return None
    year = int(full_year(found[1]))
    forms = sorted((d for d in scope.corpus.declarations if d.header.name == cues.project), key=lambda d: d.id)
    said = [d for d in forms if d.header.year == year]
    asked = [y for y in cues.years if y != year]  # the other year, where written (else the project's other form)
    others = [d for d in forms if d.header.year != year and (not asked or d.header.year in asked)]
    if len(said) != 1 or len(others) != 1:
        return None  # the year lacks a form, or several others: the general route says what there is
    if found.re is _ONLY:  # 26年才有的: the year said holds them, the other lacks them
        return _names_missing(question, cues.project, said[0], others[0])
    return _names_missing(question, cues.project, others[0], said[0])


def _names_missing(question: str, project: str, source: Declaration, other: Declaration) -> Answer:
    kept = {i.name for i in other.indicators}
    rows = [indicator_row(source, i) for i in source.indicators if i.name not in kept]
    head = f"{project}：{source.header.year}年有而{other.header.year}年没有的绩效指标（按指标名称比对）"
    counts = f"{source.header.year}年 {len(source.indicators)} 项，{other.header.year}年 {len(other.indicators)} 项"
    if not rows:
        cited = [Row.for_project(d, f"{d.header.year}年", header_citation(d)) for d in (source, other)]
        lines = [f"{head}：没有（{counts}）。"]
        lines += [f"- {r.project}（{r.year}）{r.citation.label}" for r in cited]
        return structured(question, lines, cited)
    lines = [f"{head}共 {len(rows)} 项（{counts}）："]
    lines += [f"- {r.field}：{r.value or '（空白）'} {r.citation.label}" for r in rows]
    return structured(question, lines, rows, figure=f"{len(rows)} 项")


# 相比人大19年那批 组织部23年…, 跟19年人大比，23年组织部…, 与人大19年相比 组织部23年…: the baseline first
_BASELINE_FIRST = re.compile(
    r"^(?:相比于?|比起|对比|较之?|和|跟|与|同)(?P<a>[^，,\s]{3,20}?)(?:相比|比起来|比较|来比|比)?[，,\s]+(?P<b>\S.*)$"
)
_BATCH = re.compile(r"的?(?:那批|这批|那些|那几个|那几份|的项目)$")
_PREDICATE = re.compile(r"多|少|差|相差|高|低|增|减|涨|降")
_YEAR = re.compile(r"\d{2,4}年|今年|去年|前年")


def against_first(question: str, cues: Cues, scope: Scope, today: date | None) -> Answer | None:
    """相比A，B多报了几个项目: read as B比A多报了几个项目, each side with its own year and unit; None where the question
    is not so written or a side is not one year and one unit."""
    from assistant.qa.year_sides import unit_year_sides  # it builds on special's readers

    found = _BASELINE_FIRST.match(question.strip())
    if found is None or cues.project:
        return None
    baseline, rest = _BATCH.sub("", found["a"]), found["b"]
    verb = _PREDICATE.search(rest, 2)
    if verb is None or not _YEAR.search(baseline) or not _YEAR.search(rest[: verb.start()]):
        return None
    rewritten = f"{rest[: verb.start()]}比{baseline}{rest[verb.start() :]}"
    return unit_year_sides(rewritten, cues, scope, today)
