"""Typed model of one 财政项目支出绩效目标申报表, covering the three layouts in the seeds.

A blank in the source stays ``None`` (never zero); anything the parser could not place is kept in
``parse_notes`` with its line, so nothing is silently dropped.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from assistant.domain.framework import Level1, Level2
from assistant.domain.values import IndicatorValue

_STRICT = ConfigDict(strict=True, extra="forbid")


class Layout(StrEnum):
    DISTRICT_2020 = "district_2020"  # 区级：项目总体情况 + 绩效目标 + 制度保障，旧框架
    MUNICIPAL_2019 = "municipal_2019"  # 上海市财政支出项目绩效目标申报表，旧框架
    MUNICIPAL_2021 = "municipal_2021"  # 2021年后市级表，现行框架

    @property
    def label(self) -> str:
        return _LAYOUT_LABELS[self]


_LAYOUT_LABELS = {
    Layout.DISTRICT_2020: "区级表（2020，旧框架）",
    Layout.MUNICIPAL_2019: "市级表（2019，旧框架）",
    Layout.MUNICIPAL_2021: "市级表（2021年后，现行框架）",
}


class CheckState(StrEnum):
    CHECKED = "checked"
    UNCHECKED = "unchecked"
    UNKNOWN = "unknown"  # the export lost the box


class CheckOption(BaseModel):
    model_config = _STRICT

    label: str
    state: CheckState


class CheckboxField(BaseModel):
    model_config = _STRICT

    options: list[CheckOption]

    @property
    def selected(self) -> list[str]:
        return [o.label for o in self.options if o.state is CheckState.CHECKED]


class Header(BaseModel):
    model_config = _STRICT

    name: str = Field(description="项目名称")
    year: int | None = Field(description="预算年度")
    applicant: str | None = Field(default=None, description="申报单位 / 填报单位")
    department: str | None = Field(default=None, description="主管部门")
    implementer: str | None = Field(default=None, description="实施单位")
    manager: str | None = Field(default=None, description="项目负责人")
    contact: str | None = Field(default=None, description="联系人")
    phone: str | None = Field(default=None, description="联系电话")
    project_type: CheckboxField | None = Field(default=None, description="项目类型 / 项目类别（勾选）")
    nature: str | None = Field(default=None, description="项目性质，如 经常性专项业务费")
    category: str | None = Field(default=None, description="项目类别（2021年后），如 特定目标类")
    fund_use: CheckboxField | None = Field(default=None, description="资金用途（勾选）")
    start_date: date | None = Field(default=None, description="开始 / 起始日期")
    end_date: date | None = Field(default=None, description="结束 / 完成日期")
    period: str | None = Field(
        default=None, description="项目期 / 实施期 written as a length, not dates (3年, 18个月); the dates stay blank"
    )
    unit_head: str | None = Field(default=None, description="填报单位负责人")
    preparer: str | None = Field(default=None, description="填表人")
    filled_on: str | None = Field(default=None, description="填报日期，原样")

    @model_serializer(mode="wrap")
    def _omit_blank_period(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        # Most forms give dates, not a length: leave the key out so their corpus JSON stays as it was.
        data: dict[str, object] = handler(self)
        if data.get("period") is None:
            data.pop("period", None)
        return data


class Funding(BaseModel):
    """Amounts in yuan as written; ``None`` where the form left the cell blank."""

    model_config = _STRICT

    total: Decimal | None = Field(default=None, description="项目总预算 / 项目资金总额")
    annual: Decimal | None = Field(default=None, description="当年预算 / 年度资金申请总额")
    fiscal_total: Decimal | None = Field(default=None, description="其中：财政资金（项目总额）")
    fiscal_annual: Decimal | None = Field(default=None, description="财政拨款 / 当年财政拨款")
    fiscal_upper: Decimal | None = Field(default=None, description="上级财政拨款")
    fiscal_same_level: Decimal | None = Field(default=None, description="本级财政安排")
    fiscal_lower: Decimal | None = Field(default=None, description="下级财政配套")
    other_total: Decimal | None = Field(default=None, description="其他资金（项目总额）")
    other_annual: Decimal | None = Field(default=None, description="其他资金（当年）")
    carryover: Decimal | None = Field(default=None, description="上年结转资金")
    previous_budget: Decimal | None = Field(default=None, description="同名项目上年预算额")
    previous_spent: Decimal | None = Field(default=None, description="同名项目上年预算执行数")


class SectionKind(StrEnum):
    OVERVIEW = "overview"
    BASIS = "basis"
    NECESSITY = "necessity"
    APPROVAL = "approval"
    RESOURCES = "resources"
    MEASURES = "measures"
    PLAN = "plan"
    COMPOSITION = "composition"
    GOAL_TOTAL = "goal_total"
    GOAL_ANNUAL = "goal_annual"
    OTHER_ISSUES = "other_issues"
    REMARKS = "remarks"

    @property
    def label(self) -> str:
        return SECTION_LABELS[self]


SECTION_LABELS: dict[SectionKind, str] = {
    SectionKind.OVERVIEW: "项目概况",
    SectionKind.BASIS: "立项依据",
    SectionKind.NECESSITY: "项目设立的必要性",
    SectionKind.APPROVAL: "项目立项情况",
    SectionKind.RESOURCES: "项目相关资源投入和制度建设情况",
    SectionKind.MEASURES: "保证项目实施的制度、措施",
    SectionKind.PLAN: "项目实施计划",
    SectionKind.COMPOSITION: "项目构成",
    SectionKind.GOAL_TOTAL: "项目总目标",
    SectionKind.GOAL_ANNUAL: "年度绩效目标",
    SectionKind.OTHER_ISSUES: "需要说明的其他问题",
    SectionKind.REMARKS: "备注",
}


class LineSpan(BaseModel):
    model_config = _STRICT

    start: int
    end: int


class TextSection(BaseModel):
    model_config = _STRICT

    kind: SectionKind
    title: str = Field(description="The label as the form wrote it.")
    text: str = Field(description="Content with HTML removed; paragraphs separated by newlines; '' when blank.")
    span: LineSpan


class Indicator(BaseModel):
    model_config = _STRICT

    position: int = Field(description="1-based row position in the declaration's indicator table.")
    line: int = Field(description="Source line of the row.")
    level1_written: str | None = Field(description="一级 as written (merged cells inherited from the row above).")
    level2_written: str | None = Field(description="二级 as written (merged cells inherited).")
    level1: Level1 | None = Field(description="一级 on the current framework; None for legacy input-management rows.")
    level2: Level2 | None = Field(description="二级 on the current framework; None where it has no counterpart.")
    name: str = Field(description="三级指标 with line-wrap spaces removed.")
    name_written: str = Field(description="三级指标 exactly as written.")
    value: IndicatorValue
    remark: str | None = Field(default=None, description="备注 / 取值依据 as written.")


class BudgetLine(BaseModel):
    """One row of 项目构成分解 (district) or 项目当年投入资金构成 (municipal 2019)."""

    model_config = _STRICT

    line: int
    name: str = Field(description="项目名称 / 子项目名称")
    content: str | None = Field(default=None, description="项目内容")
    detail: str | None = Field(default=None, description="项目明细")
    amount: Decimal | None = Field(description="明细金额 / 预算金额（元）")
    unit_price: Decimal | None = None
    price_basis: str | None = None
    quantity: Decimal | None = None
    quantity_basis: str | None = None
    remark: str | None = None


class StageCheck(BaseModel):
    model_config = _STRICT

    stage: str = Field(description="保障阶段，如 立项和计划阶段")
    applies: bool | None = Field(description="√ → True, × → False, None when unmarked.")


class SafeguardRow(BaseModel):
    """One row of the 制度保障 table (district layout)."""

    model_config = _STRICT

    line: int
    category: str = Field(description="制度类别，如 项目管理制度")
    document: str = Field(description="文件名称")
    measures: str = Field(description="具体措施")
    stages: list[StageCheck]


class NoteLevel(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class ParseNote(BaseModel):
    """Something the parser noticed: an export artefact, a missing value, an unplaced cell."""

    model_config = _STRICT

    level: NoteLevel
    code: str = Field(description="Stable machine code, e.g. artefact.stray_fragment")
    message: str = Field(description="Chinese, for users.")
    line: int | None = None
    field: str | None = None
    fragment: str | None = Field(default=None, description="The text concerned, verbatim.")
    cell: str | None = Field(default=None, description="Word/Excel cell, e.g. 表2 第5行第3列 or Sheet1!C5.")

    @model_serializer(mode="wrap")
    def _omit_blank_cell(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        # Text exports have no cells: leave the key out so their corpus JSON stays as it was.
        data: dict[str, object] = handler(self)
        if data.get("cell") is None:
            data.pop("cell", None)
        return data


class Provenance(BaseModel):
    model_config = _STRICT

    source_file: str
    source_sha256: str
    index_in_file: int = Field(description="1-based position of the declaration in its file.")
    span: LineSpan


class LibraryCitation(BaseModel):
    """A policy a draft says it took from the policy library (a 立项依据 entry not marked the person's own, or a
    section's 出处 ``policy:<id>``): what it names, and the library id it claims."""

    model_config = _STRICT

    title: str
    doc_number: str | None = None
    policy_id: str | None = None
    section: SectionKind = SectionKind.BASIS


class Declaration(BaseModel):
    model_config = _STRICT

    id: str
    layout: Layout
    header: Header
    funding: Funding
    sections: list[TextSection]
    indicators: list[Indicator]
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    budget_lines_total: Decimal | None = Field(default=None, description="金额合计 as written; None when blank.")
    safeguards: list[SafeguardRow] = Field(default_factory=list)
    provenance: Provenance
    parse_notes: list[ParseNote] = Field(default_factory=list)
    own_policies: list[str] = Field(
        default_factory=list,
        exclude=True,
        description="Policy titles the person gave as this project's own basis (a draft's brief: 政策依据, 《titles》 "
        "in 主要内容, 立项依据 entries they wrote); never serialised: read again from the draft each time.",
    )
    library_citations: list[LibraryCitation] = Field(
        default_factory=list,
        exclude=True,
        description="The policies a draft claims from the policy library, checked against it by review; never "
        "serialised: read again from the draft each time (a form read from a file has none).",
    )
    value_grounds: dict[int, str] = Field(
        default_factory=dict,
        exclude=True,
        description="A draft's 取值依据 per indicator position (1-based) → 计划标准 / 历史标准 / 模板参考值: the "
        "assistant's provenance, not the form's 备注; empty for a form read from a file; never serialised.",
    )

    def section(self, kind: SectionKind) -> TextSection | None:
        return next((s for s in self.sections if s.kind is kind), None)

    def section_text(self, kind: SectionKind) -> str:
        found = self.section(kind)
        return found.text if found else ""
