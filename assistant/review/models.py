"""Typed findings of a review. pydantic guards shape; the rules judge content."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.framework import Level2
from assistant.domain.model import Funding, Header, ParseNote, SectionKind

_STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    HINT = "hint"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "hint": "提示"}[self.value]


class Criterion(StrEnum):
    COMPLETENESS = "完整性"
    RELEVANCE = "相关性"
    APPROPRIATENESS = "适当性"
    FEASIBILITY = "可行性"


class Rule(BaseModel):
    model_config = _STRICT

    id: str
    severity: Severity
    criterion: Criterion
    source: str = Field(
        description="Which guidance the rule comes from, in plain words a user reads (see the primer for each)."
    )
    title: str = Field(description="Short Chinese name of the defect.")
    fix: str = Field(description="Generic Chinese fix; findings may give a more specific one.")


class IndicatorRef(BaseModel):
    model_config = _STRICT

    position: int
    line: int | None
    level1: str | None
    level2: str | None
    name: str


class Location(BaseModel):
    model_config = _STRICT

    section: SectionKind | None = None
    field: str | None = Field(default=None, description="e.g. header.end_date, funding.total")
    indicator: IndicatorRef | None = None
    line: int | None = None

    def describe(self) -> str:
        if self.indicator is not None:
            i = self.indicator
            levels = " / ".join(x for x in (i.level1, i.level2) if x) or "（未分类）"
            return f"指标第 {i.position} 行（{levels} / {i.name or '（无名称）'}）"
        if self.section is not None:
            return f"「{self.section.label}」"
        if self.field is not None:
            return form_field_label(self.field)
        return "整表"


_FIELD_LABELS = {
    "header.name": "项目名称",
    "header.year": "年度",
    "header.department": "主管部门",
    "header.implementer": "实施单位",
    "header.applicant": "申报单位",
    "header.manager": "项目负责人",
    "header.contact": "联系人",
    "header.nature": "项目性质",
    "header.category": "项目类别",
    "header.project_type": "项目类型/类别（勾选）",
    "header.fund_use": "资金用途（勾选）",
    "header.start_date": "开始日期",
    "header.end_date": "结束日期",
    "funding.total": "项目资金总额",
    "funding.annual": "年度资金申请总额 / 当年预算",
    "funding.fiscal": "财政资金",
    "budget_lines": "预算明细",
    "indicators": "绩效指标表",
}


def form_field_label(field: str) -> str:
    """The Chinese name of a declaration's field path, where a finding points (``funding.fiscal_annual`` →
    ``财政拨款 / 当年财政拨款``); a draft's field paths are named by `store.fields.field_label`.

    Known paths have a fixed label; other header and funding paths use the field's own description in the model
    (its part before the first comma), so a location never shows the English path.
    """
    if field in _FIELD_LABELS:
        return _FIELD_LABELS[field]
    group, _, name = field.partition(".")
    models: dict[str, type[BaseModel]] = {"header": Header, "funding": Funding}
    model = models.get(group)
    info = model.model_fields.get(name) if model is not None else None
    if info is not None and info.description:
        return info.description.split("，")[0]
    return field


class Finding(BaseModel):
    model_config = _STRICT

    rule_id: str
    severity: Severity
    criterion: Criterion
    message: str
    fix: str
    location: Location
    suggested_level2: Level2 | None = Field(default=None, description="Where a misplaced indicator likely belongs.")


class ReviewReport(BaseModel):
    model_config = _STRICT

    declaration_id: str
    name: str
    year: int | None
    findings: list[Finding]
    parse_notes: list[ParseNote] = Field(
        default_factory=list, description="What the parser could not read or converted (shown next to the findings)."
    )

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0
