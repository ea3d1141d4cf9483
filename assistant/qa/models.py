"""The typed shapes of Q&A: the structured `Query`, rows (each with its `SourceRef`) and the `Answer`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.domain.framework import Level1, Level2
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.project_types import ProjectType
from assistant.domain.refs import SourceRef

_FROZEN = ConfigDict(extra="forbid", frozen=True)


class Target(StrEnum):
    LIST_PROJECTS = "list_projects"
    LIST_INDICATORS = "list_indicators"
    COUNT_PROJECTS = "count_projects"
    COUNT_INDICATORS = "count_indicators"
    SUM_FUNDING = "sum_funding"
    SHOW_SECTION = "show_section"
    CITING_POLICY = "citing_policy"
    COMPARE_YEARS = "compare_years"
    TYPICAL_VALUES = "typical_values"  # 目标值一般填多少: the values past declarations used, how often
    COMMON_INDICATORS = "common_indicators"  # 常见的…指标有哪些: indicator names grouped across declarations
    SECTION_ASPECTS = "section_aspects"  # 一般从哪些方面写: the aspects a section covers across declarations
    SHOW_FIELD = "show_field"  # 项目负责人, 联系电话, 起止日期…: header fields of the named project(s)
    LIST_ROWS = "list_rows"  # 项目构成 or 制度保障 rows (one row when a row is named)
    COUNT_ROWS = "count_rows"
    RANK = "rank"  # 最多/最少/前N: projects ranked by a funding field or indicator count; rows by amount
    AVERAGE = "average"
    SHARE = "share"  # 占比: a project's amount over its scope's total
    COMPARE_PROJECTS = "compare_projects"  # two named projects side by side, with the difference

    @property
    def across_projects(self) -> bool:
        return self in _SYNTHESES


_SYNTHESES = frozenset({Target.TYPICAL_VALUES, Target.COMMON_INDICATORS, Target.SECTION_ASPECTS})


class FundingField(StrEnum):
    """The `Funding` fields a question can ask about (values are the model's attribute names)."""

    TOTAL = "total"
    ANNUAL = "annual"
    FISCAL_ANNUAL = "fiscal_annual"
    FISCAL_SAME_LEVEL = "fiscal_same_level"
    OTHER_ANNUAL = "other_annual"
    CARRYOVER = "carryover"
    FISCAL_TOTAL = "fiscal_total"
    FISCAL_UPPER = "fiscal_upper"
    FISCAL_LOWER = "fiscal_lower"
    OTHER_TOTAL = "other_total"
    PREVIOUS_BUDGET = "previous_budget"
    PREVIOUS_SPENT = "previous_spent"

    @property
    def label(self) -> str:
        return _FUNDING_LABELS[self]


_FUNDING_LABELS = {
    FundingField.TOTAL: "项目资金总额",
    FundingField.ANNUAL: "年度资金申请总额",
    FundingField.FISCAL_ANNUAL: "当年财政拨款",
    FundingField.FISCAL_SAME_LEVEL: "本级财政安排",
    FundingField.OTHER_ANNUAL: "其他资金",
    FundingField.CARRYOVER: "上年结转资金",
    FundingField.FISCAL_TOTAL: "财政资金（项目总额）",
    FundingField.FISCAL_UPPER: "上级财政拨款",
    FundingField.FISCAL_LOWER: "下级财政配套",
    FundingField.OTHER_TOTAL: "其他资金（项目总额）",
    FundingField.PREVIOUS_BUDGET: "同名项目上年预算额",
    FundingField.PREVIOUS_SPENT: "同名项目上年预算执行数",
}


class Measure(StrEnum):
    """What rankings, comparisons, averages and changes measure."""

    FUNDING = "funding"
    INDICATORS = "indicators"
    PROJECTS = "projects"
    VALUE = "value"  # an indicator's target value (满意度最高的项目): rankings only


class RowKind(StrEnum):
    BUDGET_LINES = "budget_lines"  # 项目构成
    SAFEGUARDS = "safeguards"  # 制度保障

    @property
    def label(self) -> str:
        return "项目构成" if self is RowKind.BUDGET_LINES else "制度保障"


class HeaderField(StrEnum):
    """Header fields a question can ask for (values: `Header` attribute names)."""

    MANAGER = "manager"
    CONTACT = "contact"
    PHONE = "phone"
    START = "start_date"
    END = "end_date"
    CATEGORY = "category"
    NATURE = "nature"
    PROJECT_TYPE = "project_type"
    FUND_USE = "fund_use"
    IMPLEMENTER = "implementer"
    DEPARTMENT = "department"
    APPLICANT = "applicant"
    UNIT_HEAD = "unit_head"
    PREPARER = "preparer"
    FILLED_ON = "filled_on"

    @property
    def label(self) -> str:
        return _HEADER_LABELS[self]


_HEADER_LABELS = {
    HeaderField.MANAGER: "项目负责人",
    HeaderField.CONTACT: "联系人",
    HeaderField.PHONE: "联系电话",
    HeaderField.START: "开始日期",
    HeaderField.END: "结束日期",
    HeaderField.CATEGORY: "项目类别",
    HeaderField.NATURE: "项目性质",
    HeaderField.PROJECT_TYPE: "项目类型",
    HeaderField.FUND_USE: "资金用途",
    HeaderField.IMPLEMENTER: "实施单位",
    HeaderField.DEPARTMENT: "主管部门",
    HeaderField.APPLICANT: "申报单位",
    HeaderField.UNIT_HEAD: "填报单位负责人",
    HeaderField.PREPARER: "填表人",
    HeaderField.FILLED_ON: "填报日期",
}


class Filters(BaseModel):
    """Which declarations (and indicators) a query is about; every filter left empty matches all."""

    model_config = _FROZEN

    years: tuple[int, ...] = Field(default=(), description="预算年度；空 = 所有年度")
    unit: str | None = Field(default=None, description="单位全称（主管部门 / 申报单位 / 实施单位之一）")
    project: str | None = Field(default=None, description="项目名称（语料中的全称）")
    declaration_id: str | None = Field(default=None, description="申报表编号，如 2023-003-06")
    level1: Level1 | None = Field(default=None, description="一级指标（现行框架）")
    level2: Level2 | None = Field(default=None, description="二级指标（现行框架）")
    lacks_level: bool = Field(default=False, description="True: 只要没有该类指标的申报表")
    policy_id: str | None = Field(default=None, description="政策库中的文件编号")
    policy_text: str | None = Field(default=None, description="政策库外的文号或题名（原样匹配）")
    indicator_name: str | None = Field(default=None, description="指标名称中的词，如 验收合格率（原样匹配）")
    it_only: bool = Field(default=False, description="True: 只要信息化项目（项目名称含系统、平台、信息化等）")
    project_type: ProjectType | None = Field(
        default=None, description="项目类型（培训、会议…），按项目名称、类别与内容识别"
    )
    category: str | None = Field(default=None, description="表头的项目类别，如 特定目标类（原样匹配）")
    mentions: str | None = Field(
        default=None, description="申报表中写到的词（名称、各段落、绩效指标、项目构成、制度保障），如 第三方支付"
    )
    mentions_in: RowKind | None = Field(default=None, description="只在项目构成或制度保障的行里找 mentions")
    tier: str | None = Field(default=None, description="市级 或 区级（单位、名称或制度保障写有某区：区级）")
    spans_years: bool = Field(default=False, description="True: 只要起止日期跨年度的申报表")
    more_units: tuple[str, ...] = Field(default=(), description="另外的单位全称（组织部和人大：任一单位的申报表）")
    amount_over: Decimal | None = Field(default=None, description="金额严格大于（元）；≥X 写作 X-0.01")
    amount_under: Decimal | None = Field(default=None, description="金额严格小于（元）；≤X 写作 X+0.01")
    amount_field: FundingField | None = Field(
        default=None, description="金额条件所用字段；空 = 项目资金总额（空白时按年度资金申请总额）"
    )
    amount_written: str | None = Field(default=None, description="金额条件原文，如 超过100万元")
    name_has: str | None = Field(default=None, description="项目名称中的词，如 平台（原样匹配）")
    indicators_over: int | None = Field(default=None, description="绩效指标个数严格大于")
    indicators_under: int | None = Field(default=None, description="绩效指标个数严格小于")


class Query(BaseModel):
    model_config = _FROZEN

    target: Target
    filters: Filters = Field(default_factory=Filters)
    funding_field: FundingField | None = None
    section: SectionKind | None = None
    header_fields: tuple[HeaderField, ...] = ()
    rows: RowKind | None = None
    row_name: str | None = Field(default=None, description="项目构成 / 制度保障 中的一行（名称中的词）")
    measure: Measure = Measure.FUNDING
    descending: bool = True
    top: int | None = Field(default=None, description="前 N 名；None = 第一名并列出全部")
    versus: str | None = Field(default=None, description="比较的第二个项目（全称）")
    versus_id: str | None = Field(default=None, description="比较的第二份申报表（编号），两边各有年度时")
    by_year: bool = Field(default=False, description="排名的是年度（哪一年资金最多），按年度合计")
    fallback_field: FundingField | None = Field(
        default=None, description="所问金额空白时改用的资金字段（问题中写明：申请额空着的按总额算）"
    )

    @model_validator(mode="after")
    def _target_needs(self) -> Query:
        funding = self.measure is Measure.FUNDING and self.rows is None
        needs_field = (Target.SUM_FUNDING, Target.COMPARE_YEARS, Target.RANK, Target.AVERAGE, Target.SHARE)
        if self.target in needs_field and funding and self.funding_field is None:
            raise ValueError("资金类问题需要指明资金字段")
        if self.target in (Target.SHOW_SECTION, Target.SECTION_ASPECTS) and self.section is None:
            raise ValueError("查看段落需要指明段落")
        if self.target is Target.CITING_POLICY and not (self.filters.policy_id or self.filters.policy_text):
            raise ValueError("引用查询需要文号或题名")
        if self.target is Target.SHOW_FIELD and not self.header_fields:
            raise ValueError("表头查询需要指明字段")
        if self.target in (Target.LIST_ROWS, Target.COUNT_ROWS) and self.rows is None:
            raise ValueError("需要指明项目构成或制度保障")
        if self.target is Target.COMPARE_PROJECTS and (self.versus is None or self.filters.project is None):
            raise ValueError("比较需要两个项目")
        return self


class Route(StrEnum):
    STRUCTURED = "structured"
    RETRIEVAL = "retrieval"


# The one citation type is `assistant.domain.refs.SourceRef`; this name stays for qa/synthesis.py.
Citation = SourceRef


class Row(BaseModel):
    """One fact of a structured answer, with the citation it came from."""

    model_config = _FROZEN

    declaration_id: str | None
    project: str
    year: int | None
    field: str = Field(description="What the value is: 指标名称, 资金字段, 段落名…")
    value: str = Field(description="The value as the corpus holds it ('' for a blank).")
    amount: Decimal | None = Field(default=None, description="Funding amounts, exact.")
    citation: SourceRef

    @classmethod
    def for_project(cls, decl: Declaration, value: str, citation: SourceRef) -> Row:
        """A listing's row for one project (``field`` 项目): its unit or what matched, and where."""
        return cls(
            declaration_id=decl.id,
            project=decl.header.name,
            year=decl.header.year,
            field="项目",
            value=value,
            citation=citation,
        )


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str
    text: str
    route: Route
    query: Query | None = None
    rows: list[Row] = Field(default_factory=list)
    citations: list[SourceRef] = Field(default_factory=list)
    refused: bool = False
    notes: list[str] = Field(default_factory=list, description="Years substituted, citations dropped, blanks…")
    figure: str | None = Field(default=None, description="The exact figure of a sum or count, e.g. 26,413,037.00 元")


def structured(question: str, lines: list[str], rows: list[Row], figure: str | None = None) -> Answer:
    """A computed answer: ``lines`` as its text, ``rows`` as its evidence, each row's citation once (in order)."""
    citations = list(dict.fromkeys(row.citation for row in rows))
    text = "\n".join(lines)
    return Answer(question=question, text=text, route=Route.STRUCTURED, rows=rows, citations=citations, figure=figure)


@dataclass(frozen=True)
class Result:
    """What a target computed: the lines of the answer, its rows, and the exact figure if any."""

    lines: list[str]
    rows: list[Row]
    figure: str | None = None
    notes: tuple[str, ...] = ()
