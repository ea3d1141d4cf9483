"""The typed shapes of Q&A: the structured `Query`, rows (each with its `SourceRef`) and the `Answer`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
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


class Query(BaseModel):
    model_config = _FROZEN

    target: Target
    filters: Filters = Field(default_factory=Filters)
    funding_field: FundingField | None = None
    section: SectionKind | None = None

    @model_validator(mode="after")
    def _target_needs(self) -> Query:
        if self.target in (Target.SUM_FUNDING, Target.COMPARE_YEARS) and self.funding_field is None:
            raise ValueError("资金类问题需要指明资金字段")
        if self.target in (Target.SHOW_SECTION, Target.SECTION_ASPECTS) and self.section is None:
            raise ValueError("查看段落需要指明段落")
        if self.target is Target.CITING_POLICY and not (self.filters.policy_id or self.filters.policy_text):
            raise ValueError("引用查询需要文号或题名")
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


@dataclass(frozen=True)
class Result:
    """What a target computed: the lines of the answer, its rows, and the exact figure if any."""

    lines: list[str]
    rows: list[Row]
    figure: str | None = None
    notes: tuple[str, ...] = ()
