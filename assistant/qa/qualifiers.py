"""Qualifiers an officer puts on a question that name no project, read before the names (issue 24):

- 咱们部门, 我们单位, 本部门: the asker's own unit, which the question does not name: dropped (never read as part of
  a project's name such as 组织部门建设和管理工作经费), and the answer says it covers every unit of the corpus;
- 刚才那几个项目, 上面这些项目: the projects of the last answer, read as 这些项目 (a follow-up);
- 市级项目 / 区级项目: the tier, read from the forms (区级: a Shanghai district in a unit, the name or 制度保障);
- 跨年度项目: 起止日期 in two different years (what the forms record);
- 重点项目, 重大项目: a qualifier no field of the forms records, said so rather than ignored;
- 项目构成里有测评费的项目: a condition on the 项目构成 (or 制度保障) rows only.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain.model import Declaration
from assistant.domain.refs import units_of
from assistant.qa.cues import CUT, Cues
from assistant.qa.entities import DISTRICTS
from assistant.qa.mentions import holds
from assistant.qa.models import RowKind

_SELF = re.compile(r"(?:咱们|我们|咱|我|本)(?:的)?(?:部门|单位|处室|科室|处)(?:的)?")
SELF_LINE = (
    "问题中的“{}”没有写明是哪个单位，以下按语料库中的全部单位计；要看某个单位，请写出单位名称（如“组织部”“市人大”）。"
)
# 刚才那几个项目 / 上面这些 / 前面说的项目: the projects the last answer listed.
_BACK = re.compile(
    r"(?:刚才|刚刚|上面|前面|上述)(?:说|讲|问|提到|列出?|查)?(?:过)?的?"
    r"(?:(?:那|这)(?:几个|几项|几份|些)(?:项目|申报表)?|(?:项目|申报表))"
)
_TIER = re.compile(r"(?P<t>市级|市本级|市属|区级|区属|区县级)(?:单位|部门)?的?(?=项目|申报表)")
# 区里那种表, 市级的申报表格式, 区的那类表: the layout a tier's forms use (the district form has 项目立项情况, 制度保障…)
_LAYOUT_TIER = re.compile(
    r"(?P<t>区县|区|市)(?:里|级)?(?:的|那种|这种|那类|这类|那样的?|这样的?)+(?:表格?|申报表|格式|模板)(?:的|里)?"
)
# 区里报上来的项目, 区里的申报表, 区一级的项目, 区级报上来的: spoken for the district-level forms (区里 is no unit). Not
# after another character of a name (浦东新区里, 园区里: a district the corpus may lack, or no level), save 年/的/是.
_SPOKEN_TIER = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=[年的是]))区(?:县)?(?:里|里面|里头|一级|层面|级|属)"
    r"(?:单位|部门)?(?:[报交送递](?:上来|上去|过来)|上报|报送|申报|报)?的?(?=项目|申报表|" + CUT + ")"
)
TIERS = {"市级": "市级", "市本级": "市级", "市属": "市级", "区级": "区级", "区属": "区级", "区县级": "区级"}
_DISTRICT_NAMED = re.compile("(?:" + "|".join(DISTRICTS) + r")(?:新区|区|县)")
_SPANS = re.compile(r"跨了?年度?|跨年份|多年度|跨了?两个?年|跨多年|跨越了?年度")
# Qualifiers no field of the declaration form records (the forms have no 重点项目 box).
_UNRECORDED = re.compile(r"(?P<q>重点|重大|民生|示范)(?:工程|项目)")
_ROW_WORDS = r"(?P<rows>项目构成|资金构成|预算构成|支出构成|构成明细|预算明细|制度保障|保障制度)"
_HOLD = r"(?:里面|里|中|当中|内)?(?:有|含有?|包含|包括|列了|列有|写了|写有|涉及|出现了?)了?"
_PHRASE = r"(?!哪|什么|啥|几|多少|怎)(?P<x>[^的？?。，,！!、\s]{2,12}?)"
_ROWS_BEFORE = re.compile(f"{_ROW_WORDS}{_HOLD}{_PHRASE}(?:的|之)")
_ROWS_AFTER = re.compile(
    f"(?:哪些|哪个|哪几个|几个|有没有|是否有)(?:项目|申报表)的?{_ROW_WORDS}{_HOLD}{_PHRASE}(?=$|[？?。，,！!])"
)


def take_qualifiers(text: str, cues: Cues) -> tuple[str, Cues]:
    """Read the qualifiers above from ``text`` (normalised); each one read is cut from it."""
    if found := _SELF.search(text):
        text, cues = text.replace(found.group(), "", 1), replace(cues, self_unit=found.group())
    text = _BACK.sub("这些项目", text)
    if found := _TIER.search(text):
        text, cues = text.replace(found["t"], "", 1), replace(cues, tier=TIERS[found["t"]])
    elif found := _SPOKEN_TIER.search(text):  # 区里报上来的项目: the district forms
        text, cues = text.replace(found.group(), CUT, 1), replace(cues, tier="区级")
    elif found := _LAYOUT_TIER.search(text):  # 区里那种表的项目: the district forms
        text, cues = (
            text.replace(found.group(), CUT, 1),
            replace(cues, tier="区级" if found["t"][0] == "区" else "市级"),
        )
    if found := _SPANS.search(text):
        text, cues = text.replace(found.group(), CUT, 1), replace(cues, spans_years=True)
    if found := _UNRECORDED.search(text):
        cues = replace(cues, unrecorded=found.group())
    for pattern in (_ROWS_BEFORE, _ROWS_AFTER):
        if found := pattern.search(text):
            rows = RowKind.SAFEGUARDS if "保障" in found["rows"] else RowKind.BUDGET_LINES
            text = text[: found.start()] + CUT + text[found.end() :]
            return text, replace(cues, mentions=found["x"], mentions_in=rows)
    return text, cues


def tier_of(decl: Declaration) -> str:
    """区级 when a unit, the project's name or a 制度保障 document names a Shanghai district, else 市级."""
    written = [*units_of(decl), decl.header.name, *(row.document or "" for row in decl.safeguards)]
    return "区级" if any(_DISTRICT_NAMED.search(w) for w in written) else "市级"


def spans_years(decl: Declaration) -> bool:
    start, end = decl.header.start_date, decl.header.end_date
    return start is not None and end is not None and start.year != end.year


def rows_hold(decl: Declaration, rows: RowKind, phrase: str, *, loose: bool = False) -> bool:
    """Whether a 项目构成 (or 制度保障) row of ``decl`` writes ``phrase`` (name, content or detail; ``loose``: both
    halves of it, as `assistant.qa.mentions.holds`)."""
    if rows is RowKind.BUDGET_LINES:
        written = [" ".join(w for w in (line.name, line.content, line.detail) if w) for line in decl.budget_lines]
    else:
        written = [" ".join(w for w in (row.category, row.document, row.measures) if w) for row in decl.safeguards]
    return any(holds(w, phrase, loose=loose) for w in written)


def unrecorded_lines(qualifier: str, categories: tuple[str, ...]) -> list[str]:
    """What an answer says for a qualifier the forms do not record (重点项目)."""
    kinds = "、".join(categories) or "特定目标类、其他运转类"
    return [
        f"申报表没有记录项目是否属于“{qualifier}”（表头没有这一栏，各表正文也没有写“{qualifier}”），"
        f"无法按“{qualifier}”筛选或计算，也不拿其他项目代答。",
        f"表头记录的有项目类别（{kinds}）、项目性质、起止日期和单位，可以按这些来问，例如“2023年特定目标类的项目有哪些？”。",
    ]
