"""The words a question is read with: units and their short forms, sections, funding fields, 指标类别.

Units and project names come from the corpus itself; only the short forms officers use (组织部, 人大)
are listed here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.corpus.store import Corpus
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.policy import PolicyReference
from assistant.domain.project_types import ProjectType
from assistant.domain.refs import units_of
from assistant.domain.units import UNIT_ALIASES
from assistant.qa.content_names import Content
from assistant.qa.models import FundingField, HeaderField, RowKind

SECTION_TERMS: tuple[tuple[str, SectionKind], ...] = (
    ("年度绩效目标", SectionKind.GOAL_ANNUAL),
    ("年度总体目标", SectionKind.GOAL_ANNUAL),
    ("年度目标", SectionKind.GOAL_ANNUAL),
    ("项目总目标", SectionKind.GOAL_TOTAL),
    ("总体目标", SectionKind.GOAL_TOTAL),
    ("总目标", SectionKind.GOAL_TOTAL),
    ("绩效目标", SectionKind.GOAL_ANNUAL),
    ("项目概况", SectionKind.OVERVIEW),
    ("概况", SectionKind.OVERVIEW),
    ("项目概述", SectionKind.OVERVIEW),
    ("概述", SectionKind.OVERVIEW),
    ("项目简介", SectionKind.OVERVIEW),
    ("项目基本情况", SectionKind.OVERVIEW),
    ("进度安排", SectionKind.PLAN),
    ("实施进度", SectionKind.PLAN),
    ("立项依据", SectionKind.BASIS),
    ("项目设立的必要性", SectionKind.NECESSITY),
    ("立项必要性", SectionKind.NECESSITY),  # 会务系统立项必要性: 立项 is no part of the project's name
    ("立项的必要性", SectionKind.NECESSITY),
    ("必要性", SectionKind.NECESSITY),
    ("实施计划", SectionKind.PLAN),
    ("项目构成", SectionKind.COMPOSITION),
    ("保证项目实施的制度", SectionKind.MEASURES),
    ("制度措施", SectionKind.MEASURES),
    ("保障措施", SectionKind.MEASURES),
    ("立项情况", SectionKind.APPROVAL),
    ("资源投入", SectionKind.RESOURCES),
    ("需要说明的其他问题", SectionKind.OTHER_ISSUES),
    ("项目立项情况", SectionKind.APPROVAL),
    ("资源投入和制度建设", SectionKind.RESOURCES),
    ("资源配置", SectionKind.RESOURCES),  # spoken names of 资源投入和制度建设情况: 资源配置那栏, 资源配备, 人员配备
    ("资源配备", SectionKind.RESOURCES),
    ("人员配备", SectionKind.RESOURCES),
    ("人力资源", SectionKind.RESOURCES),
    ("备注", SectionKind.REMARKS),
    ("政策文号", SectionKind.BASIS),  # 应该引用的政策文号: the policies a form cites, in its 立项依据
    ("依据", SectionKind.BASIS),
)

# Header fields, longest first where one contains another (单位负责人 before 负责人).
HEADER_TERMS: tuple[tuple[str, tuple[HeaderField, ...]], ...] = (
    ("填报单位负责人", (HeaderField.UNIT_HEAD,)),
    ("单位负责人", (HeaderField.UNIT_HEAD,)),
    ("项目负责人", (HeaderField.MANAGER,)),
    ("负责人", (HeaderField.MANAGER,)),
    ("谁负责", (HeaderField.MANAGER,)),
    ("负责的是谁", (HeaderField.MANAGER,)),
    ("哪个部门主管", (HeaderField.DEPARTMENT,)),
    ("谁主管", (HeaderField.DEPARTMENT,)),
    ("什么时候到什么时候", (HeaderField.START, HeaderField.END)),
    ("主管单位", (HeaderField.DEPARTMENT,)),
    ("归口", (HeaderField.DEPARTMENT,)),
    ("联系方式", (HeaderField.CONTACT, HeaderField.PHONE)),
    ("联系电话", (HeaderField.PHONE,)),
    ("联系人", (HeaderField.CONTACT,)),
    ("电话", (HeaderField.PHONE,)),
    ("手机号", (HeaderField.PHONE,)),  # spoken: 手机号呢, 号码多少
    ("手机", (HeaderField.PHONE,)),
    ("号码", (HeaderField.PHONE,)),
    ("起止日期", (HeaderField.START, HeaderField.END)),
    ("起止时间", (HeaderField.START, HeaderField.END)),
    ("实施期限", (HeaderField.START, HeaderField.END)),
    ("实施周期", (HeaderField.START, HeaderField.END)),
    ("执行期限", (HeaderField.START, HeaderField.END)),
    ("执行期", (HeaderField.START, HeaderField.END)),  # spoken: 执行期从哪天到哪天
    ("实施期", (HeaderField.START, HeaderField.END)),
    ("起止", (HeaderField.START, HeaderField.END)),
    ("开始日期", (HeaderField.START,)),
    ("起始日期", (HeaderField.START,)),
    ("开始时间", (HeaderField.START,)),
    ("什么时候开始", (HeaderField.START,)),
    ("啥时候开始", (HeaderField.START,)),
    ("何时开始", (HeaderField.START,)),
    ("结束日期", (HeaderField.END,)),
    ("截止日期", (HeaderField.END,)),
    ("截止时间", (HeaderField.END,)),
    ("截至日期", (HeaderField.END,)),
    ("完成日期", (HeaderField.END,)),
    ("结束时间", (HeaderField.END,)),
    ("什么时候结束", (HeaderField.END,)),
    ("啥时候结束", (HeaderField.END,)),
    ("何时结束", (HeaderField.END,)),
    ("项目类别", (HeaderField.CATEGORY,)),
    ("哪一类项目", (HeaderField.CATEGORY,)),
    ("哪类项目", (HeaderField.CATEGORY,)),
    ("类别", (HeaderField.CATEGORY,)),
    ("项目性质", (HeaderField.NATURE,)),
    ("性质", (HeaderField.NATURE,)),
    ("项目类型", (HeaderField.PROJECT_TYPE,)),
    # 算一次性还是经常性: the field named by its choices (一次性项目/经常性项目 are its boxes)
    ("一次性的还是经常性", (HeaderField.PROJECT_TYPE,)),
    ("经常性的还是一次性", (HeaderField.PROJECT_TYPE,)),
    ("一次性还是经常性", (HeaderField.PROJECT_TYPE,)),
    ("经常性还是一次性", (HeaderField.PROJECT_TYPE,)),
    ("资金用途", (HeaderField.FUND_USE,)),
    ("用途", (HeaderField.FUND_USE,)),
    ("实施单位", (HeaderField.IMPLEMENTER,)),
    ("单位实施", (HeaderField.IMPLEMENTER,)),
    ("谁实施", (HeaderField.IMPLEMENTER,)),
    ("谁来实施", (HeaderField.IMPLEMENTER,)),
    ("承担单位", (HeaderField.IMPLEMENTER,)),
    ("主管部门", (HeaderField.DEPARTMENT,)),
    ("申报单位", (HeaderField.APPLICANT,)),
    ("填报单位", (HeaderField.APPLICANT,)),
    ("填表人", (HeaderField.PREPARER,)),
    ("填报人", (HeaderField.PREPARER,)),
    ("谁填写的", (HeaderField.PREPARER,)),
    ("谁填的", (HeaderField.PREPARER,)),
    ("谁填报的", (HeaderField.PREPARER,)),
    ("找谁", (HeaderField.CONTACT,)),
    ("联系谁", (HeaderField.CONTACT,)),
    ("填报日期", (HeaderField.FILLED_ON,)),
    ("填报时间", (HeaderField.FILLED_ON,)),
)

# 实施单位 asked by what the unit does: 由哪家单位来干, 哪个部门具体做, 负责实施的是, 谁来执行 (not 谁负责: 项目负责人;
# not X负责实施的项目: the projects a unit carries out)
IMPLEMENTER_ASKED = re.compile(
    r"(?:具体)?(?:由|归|是)?(?:哪家|哪个|哪一家|哪一个|什么)(?:单位|部门|机构)?(?:具体)?(?:来|去|负责|具体)?(?:干|做|办|实施|执行|承担|承办|落实)"
    r"|谁(?:来|去|具体){1,2}(?:干|做|办|执行|承担|承办|落实)|(?:负责|具体|承担)(?:实施|执行|承办)(?:单位|方|的(?:单位|部门|是|为))"
)

ROW_TERMS: tuple[tuple[str, RowKind], ...] = (
    ("项目构成", RowKind.BUDGET_LINES),
    ("构成明细", RowKind.BUDGET_LINES),
    ("资金构成", RowKind.BUDGET_LINES),
    ("投入资金构成", RowKind.BUDGET_LINES),
    ("预算明细", RowKind.BUDGET_LINES),
    ("子项目", RowKind.BUDGET_LINES),
    ("构成", RowKind.BUDGET_LINES),
    ("制度保障", RowKind.SAFEGUARDS),
    ("保障制度", RowKind.SAFEGUARDS),
    ("管理制度", RowKind.SAFEGUARDS),
)

FUNDING_TERMS: tuple[tuple[str, FundingField], ...] = (
    ("同名项目上年预算执行数", FundingField.PREVIOUS_SPENT),
    ("上年预算执行数", FundingField.PREVIOUS_SPENT),
    ("上年执行数", FundingField.PREVIOUS_SPENT),
    ("同名项目上年预算额", FundingField.PREVIOUS_BUDGET),
    ("上年预算额", FundingField.PREVIOUS_BUDGET),
    ("上年预算", FundingField.PREVIOUS_BUDGET),
    ("上级财政拨款", FundingField.FISCAL_UPPER),
    ("上级财政", FundingField.FISCAL_UPPER),
    ("下级财政配套", FundingField.FISCAL_LOWER),
    ("下级财政", FundingField.FISCAL_LOWER),
    ("本级财政安排", FundingField.FISCAL_SAME_LEVEL),
    ("区本级拨款", FundingField.FISCAL_SAME_LEVEL),  # spoken: 区本级拨款, 市本级拨款, 本级拨款 (the 本级财政 line)
    ("市本级拨款", FundingField.FISCAL_SAME_LEVEL),
    ("本级拨款", FundingField.FISCAL_SAME_LEVEL),
    ("区本级", FundingField.FISCAL_SAME_LEVEL),
    ("市本级", FundingField.FISCAL_SAME_LEVEL),
    ("年度申请额", FundingField.ANNUAL),
    ("申请额", FundingField.ANNUAL),
    ("当年申请", FundingField.ANNUAL),
    ("年度资金申请总额", FundingField.ANNUAL),
    ("年度资金申请", FundingField.ANNUAL),
    ("年度申请", FundingField.ANNUAL),
    ("年度资金", FundingField.ANNUAL),
    ("当年预算", FundingField.ANNUAL),
    ("年度预算", FundingField.ANNUAL),
    ("申请资金", FundingField.ANNUAL),
    ("申请金额", FundingField.ANNUAL),
    ("当年财政拨款", FundingField.FISCAL_ANNUAL),
    ("财政拨款总额", FundingField.FISCAL_TOTAL),  # the 财政资金 cell of 项目资金总额, not the year's
    ("财政资金总额", FundingField.FISCAL_TOTAL),
    ("财政资金", FundingField.FISCAL_TOTAL),  # the form's label beside 项目资金总额 (其中：财政资金)
    ("财政拨款", FundingField.FISCAL_ANNUAL),
    # the fiscal line said with a verb: 财政拨了多少, 财政给了多少, 财政批了多少, 财政出多少, 拨了多少, 拨款多少
    ("财政拨", FundingField.FISCAL_ANNUAL),
    ("财政给", FundingField.FISCAL_ANNUAL),
    ("财政批", FundingField.FISCAL_ANNUAL),
    ("财政出", FundingField.FISCAL_ANNUAL),
    ("拨款", FundingField.FISCAL_ANNUAL),
    ("拨了", FundingField.FISCAL_ANNUAL),
    ("拨多少", FundingField.FISCAL_ANNUAL),
    ("本级财政", FundingField.FISCAL_SAME_LEVEL),
    ("其他资金", FundingField.OTHER_ANNUAL),
    ("上年结转", FundingField.CARRYOVER),
    ("结转资金", FundingField.CARRYOVER),
    ("结转结余", FundingField.CARRYOVER),  # the officers' word for the carried-over line
    ("结余结转", FundingField.CARRYOVER),
    ("结余资金", FundingField.CARRYOVER),
    ("结转", FundingField.CARRYOVER),
    ("结余", FundingField.CARRYOVER),
    ("项目资金总额", FundingField.TOTAL),
    ("项目总预算", FundingField.TOTAL),
    ("资金总额", FundingField.TOTAL),
    ("预算总额", FundingField.TOTAL),
    ("总预算", FundingField.TOTAL),
    ("总额", FundingField.TOTAL),  # 机关服务费总额多少: the 项目资金总额 (longer 总额 terms are read first)
    ("项目资金", FundingField.TOTAL),
    ("总投入", FundingField.TOTAL),
    ("花费", FundingField.TOTAL),
    ("花了", FundingField.TOTAL),
    ("开支", FundingField.TOTAL),
    ("投入", FundingField.TOTAL),
    ("资金", FundingField.TOTAL),
    ("预算", FundingField.TOTAL),
    ("经费", FundingField.TOTAL),
    ("金额", FundingField.TOTAL),
    ("钱", FundingField.TOTAL),
    ("报了多少", FundingField.ANNUAL),  # 23年机关服务费报了多少: the amount applied for
    ("要了多少", FundingField.ANNUAL),  # 信息化建设要了多少: the amount asked for, as 报了多少
    (
        "申请",
        FundingField.ANNUAL,
    ),  # 申请了多少: the amount applied for that year  # only 钱, so that the 多少 of 花多少钱 still asks for a sum
)
# Words for money in general: the field they mean depends on the verb (申请 → 年度资金申请总额).
GENERIC_MONEY = frozenset({"项目资金", "资金", "预算", "经费", "钱", "投入", "金额", "花费", "花了", "开支"})

_LEVEL2_STEMS: dict[str, Level2] = {
    "数量": Level2.QUANTITY,
    "质量": Level2.QUALITY,
    "时效": Level2.TIMELINESS,
    "经济成本": Level2.ECONOMIC_COST,
    "社会成本": Level2.SOCIAL_COST,
    "生态环境成本": Level2.ECOLOGICAL_COST,
    "经济效益": Level2.ECONOMIC_BENEFIT,
    "社会效益": Level2.SOCIAL_BENEFIT,
    "生态效益": Level2.ECOLOGICAL_BENEFIT,
    "可持续影响": Level2.SUSTAINABILITY,
    "可持续": Level2.SUSTAINABILITY,  # 可持续那条: the forms write 可持续 only in this category's name
    "服务对象满意度": Level2.SATISFACTION,
}
_LEVEL1_STEMS: dict[str, Level1] = {
    "产出": Level1.OUTPUT,
    "成本": Level1.COST,
    "效益": Level1.BENEFIT,
    "满意度": Level1.SATISFACTION,
}
_SUFFIXES = ("类指标", "类目标", "指标", "目标", "方面的指标", "方面指标", "类的指标", "方面")
# Stems that name a category even without 指标 (在时效上, 满意度一般写多少); 数量 and 质量 do not (项目数量).
_BARE_STEMS = (
    "时效",
    "满意度",
    "服务对象满意度",
    "成本",
    "经济成本",
    "社会成本",
    "生态环境成本",
    "效益",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    "可持续",
    "产出",
)


# 质量上有哪几条, 数量那块有哪些指标, 质量那档写了哪些: 数量 and 质量 with a word of place name the category (项目数量 has none)
_PLACED = (
    "上",
    *(f"{near}{place}" for near in ("那", "这", "那一", "这一") for place in ("块", "栏", "档")),
)  # 质量那栏


def _level_terms() -> list[tuple[str, Level1 | None, Level2 | None]]:
    terms: list[tuple[str, Level1 | None, Level2 | None]] = []
    for stem, level2 in _LEVEL2_STEMS.items():
        terms.extend((stem + suffix, None, level2) for suffix in _SUFFIXES + (("",) if stem in _BARE_STEMS else ()))
        terms.extend((stem + placed, None, level2) for placed in _PLACED if stem not in _BARE_STEMS)
    for stem, level1 in _LEVEL1_STEMS.items():
        terms.extend((stem + suffix, level1, None) for suffix in _SUFFIXES + (("",) if stem in _BARE_STEMS else ()))
    return sorted(terms, key=lambda term: -len(term[0]))


LEVEL_TERMS = _level_terms()


def _type_words() -> dict[str, ProjectType]:
    """培训 → 培训, 物业 → 物业/后勤/运维服务: each part of a type's name, the first type to use it."""
    words: dict[str, ProjectType] = {}
    for project_type in ProjectType:
        for part in project_type.value.split("/"):
            words.setdefault(part, project_type)
    return words


TYPE_WORDS = _type_words()
# 培训项目, 培训类项目, 会议类的申报表: a type named as a kind of project (培训学员满意度 names no project type).
TYPE_TERM = re.compile(
    "(" + "|".join(sorted(map(re.escape, TYPE_WORDS), key=len, reverse=True)) + ")(类|方面|相关)?的?(?:项目|申报表)"
)

# What an indicator name measures, read from its ending (longest first).
MEASURE = re.compile(
    r"(满意度|抵达现场时间|响应时间|及时性|及时率|完成率|完成数|合格率|达标率|覆盖率|处置率|稳定运行率|运行天数|"
    r"发生次数|发生数|健全性|有效性|合规性|规范性|执行率|完成度|出勤率|数量|次数|人数)"
)


@dataclass(frozen=True)
class Lexicon:
    """What the corpus holds, for reading questions and for saying what is there instead."""

    projects: tuple[str, ...]
    units: tuple[str, ...]
    years: tuple[int, ...]
    policies: tuple[PolicyReference, ...]
    indicator_names: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    budget_lines: tuple[str, ...] = ()
    project_years: tuple[tuple[str, tuple[int, ...]], ...] = ()
    contents: tuple[Content, ...] = ()  # each declaration's text by place, for a project named by what it does

    def years_of(self, project: str) -> tuple[int, ...]:
        return next((years for name, years in self.project_years if name == project), ())

    @classmethod
    def of(cls, corpus: Corpus, policies: Sequence[PolicyReference]) -> Lexicon:
        decls = corpus.declarations
        return cls(
            projects=tuple(dict.fromkeys(d.header.name for d in decls)),
            units=tuple(sorted({unit for d in decls for unit in units_of(d)})),
            years=tuple(sorted({d.header.year for d in decls if d.header.year is not None})),
            policies=tuple(policies),
            indicator_names=tuple(dict.fromkeys(i.name for d in decls for i in d.indicators)),
            categories=tuple(sorted({d.header.category for d in decls if d.header.category})),
            budget_lines=tuple(dict.fromkeys(line.name for d in decls for line in d.budget_lines)),
            project_years=tuple(
                (name, tuple(sorted({d.header.year for d in decls if d.header.name == name and d.header.year})))
                for name in dict.fromkeys(d.header.name for d in decls)
            ),
            contents=tuple(_content(d) for d in decls),
        )

    def unit_aliases(self) -> list[tuple[str, str]]:
        """(written form, full name), longest first; every unit in the corpus is its own alias."""
        aliases = {**UNIT_ALIASES, **{unit: unit for unit in self.units}}
        for alias, unit in list(aliases.items()):  # 人大办公厅: a short form with the unit's own last word
            if (last := _LAST_WORD.search(unit)) and not alias.endswith(last.group()):
                aliases.setdefault(alias + last.group(), unit)
        return sorted(aliases.items(), key=lambda item: -len(item[0]))


_PLACE_LABELS = {SectionKind.OVERVIEW: "概况"}
_LAST_WORD = re.compile(r"(?:办公厅|办公室)$")


def _content(decl: Declaration) -> Content:
    """A declaration's name, sections, 项目构成 rows and indicator names, each with the label said in a scope line."""
    sections = [(_PLACE_LABELS.get(s.kind, s.title.split(" ")[0].split("(")[0]), s.text) for s in decl.sections]
    rows = "\n".join(f"{line.name} {line.content or ''}" for line in decl.budget_lines)
    indicators = "\n".join(i.name for i in decl.indicators)
    places = [("名称", decl.header.name), *sections, ("项目构成", rows), ("指标", indicators)]
    kept = tuple(p for p in places if p[1])
    measures = tuple((i.name, i.value.raw or "") for i in decl.indicators)
    return Content(decl.id, decl.header.name, kept, decl.header.year, tuple(units_of(decl)), measures)


def vocabulary(lexicon: Lexicon) -> tuple[str, ...]:
    """Every word the questions' vocabulary and the corpus write besides names and units: indicator names, budget
    lines, categories and the terms of sections, header fields, rows, funding and levels (a typo is none of these)."""
    terms = [t for t, _ in (*SECTION_TERMS, *HEADER_TERMS, *ROW_TERMS, *FUNDING_TERMS)] + [t for t, _, _ in LEVEL_TERMS]
    return (*lexicon.indicator_names, *lexicon.budget_lines, *lexicon.categories, *terms)


def terms(lexicon: Lexicon) -> tuple[str, ...]:
    """The words the forms write besides names and units: indicator names, 项目类别 values and 项目构成 rows (a typo in
    one of them is read by `assistant.qa.homophones.correct_terms`)."""
    return (*lexicon.indicator_names, *lexicon.categories, *lexicon.budget_lines)


def written_text(lexicon: Lexicon) -> str:
    """Every place of every form (names, sections, rows, indicator names) as one text, for telling a word the forms
    write from a typo."""
    return _written(lexicon.contents)


@lru_cache(maxsize=4)
def _written(contents: tuple[Content, ...]) -> str:
    return "\n".join(text for content in contents for _, text in content.places)
