"""What a suggestion says: the indicator, its proposed value and ground, and the precedents behind it."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.framework import FRAMEWORK, Level1, Level2
from assistant.domain.project_types import TypeVerdict
from assistant.domain.provenance import Origin
from assistant.domain.values import Operator, ValueKind

_FROZEN = ConfigDict(extra="forbid", frozen=True)


class Ground(StrEnum):
    """取值依据 (primer §4); TEMPLATE marks a type template's reference value the brief gave no figure for."""

    HISTORY = "历史标准"
    PLAN = "计划标准"
    TEMPLATE = "模板参考值"


HUMAN_BASIS = "人工填写"  # the basis of a 指标值 a person typed (its ground stays the row's earlier one)


class Naming(StrEnum):
    """How the suggested name was obtained."""

    PRECEDENT = "沿用先例名称"
    FILLED = "按本项目填写对象"
    REPHRASED = "改写名称"
    TEMPLATE = "类型模板名称"


class Evidence(BaseModel):
    """One past indicator behind a suggestion: where it was declared and what value it carried."""

    model_config = _FROZEN

    declaration_id: str
    project_name: str
    year: int | None
    indicator_name: str = Field(description="三级指标 as the past form wrote it.")
    position: int | None = Field(
        default=None, description="The indicator's position in its declaration (None in drafts saved earlier)."
    )
    value: str = Field(description="指标值 exactly as written.")
    similarity: float = Field(description="How close that project is to the brief, 0–1.")


class SeenValue(BaseModel):
    model_config = _FROZEN

    value: str
    declarations: list[str]


class ValueProposal(BaseModel):
    model_config = _FROZEN

    value: str = Field(description="The proposed 指标值 in canonical form, e.g. ≥90(%), =365(天), 及时.")
    kind: ValueKind
    operator: Operator | None = None
    number: Decimal | None = None
    unit: str | None = None
    ground: Ground
    basis: str = Field(description="Chinese sentence: where the value comes from.")
    sources: list[str] = Field(default_factory=list, description="Declarations that used this value (历史标准).")
    seen: list[SeenValue] = Field(default_factory=list, description="Every usable value seen for the template.")
    range: str | None = Field(default=None, description="Lowest–highest number seen, e.g. 80–95(%).")
    fields: list[str] = Field(
        default_factory=list, description="Brief fields the value was read from, e.g. 主要内容, 项目构成."
    )
    arithmetic: str | None = Field(
        default=None, description="How the value was computed, e.g. 860000元 ÷ 320人 ≈ 2688元/人."
    )


class IndicatorSuggestion(BaseModel):
    model_config = _FROZEN

    level1: Level1
    level2: Level2
    name: str
    template: str = Field(description="The template it comes from, e.g. {对象}验收合格率, or the recurring exact name.")
    family: str = Field(description="The most general template it refines, e.g. {对象}完成率 for {对象}系统建设完成率.")
    naming: Naming
    value: ValueProposal
    evidence: list[Evidence] = Field(description="Past indicators of the template, closest project first.")
    score: float = Field(description="Ranking score: similarity of the projects that used the template.")
    for_coverage: bool = Field(default=False, description="Added to cover a required category the ranking missed.")
    notes: list[str] = Field(default_factory=list, description="Repairs and renamings, in Chinese.")
    origin: Origin = Origin.PRECEDENT
    source: str | None = Field(default=None, description="The framework or guide a template row follows.")


_FIELD_NAMES = {"资金": "项目资金", "年度": "预算年度"}


def provenance(row: IndicatorSuggestion) -> str:
    """来源 in plain Chinese, what the row came from: 简报主要内容 / 简报项目构成、主要内容，按其中数字计算 /
    先例：2026-004-01、… / 培训类模板的参考值 / 框架必备类别（简报未写明）."""
    value = row.value
    fields = "、".join(_FIELD_NAMES.get(f, f) for f in value.fields)
    computed = "，按其中数字计算" if value.arithmetic else ""
    match row.origin:
        case Origin.BRIEF:
            named = "，名称按类型模板" if row.naming is Naming.TEMPLATE else ""
            return f"简报{fields or '内容'}{computed}{named}"
        case Origin.PRECEDENT:
            ids = list(dict.fromkeys(e.declaration_id for e in row.evidence))
            shown = "、".join(ids[:3]) + ("等" if len(ids) > 3 else "")
            return f"先例：{shown}" if ids else "先例"
        case Origin.TEMPLATE:
            return "项目类型模板的参考值（简报未写明，请按实际核定）"
        case Origin.FRAMEWORK:
            if value.ground is Ground.PLAN and fields:
                return f"框架必备类别，值取自简报{fields}"
            return "框架必备类别的参考行（简报未写明，请按实际填写）"
        case _:  # origins of stored fields (model, person, upload) do not occur on a suggested row
            return row.origin.label


class Precedent(BaseModel):
    """A past declaration and how similar it is to the brief."""

    model_config = _FROZEN

    declaration_id: str
    project_name: str
    year: int | None
    similarity: float
    kinds: list[str]


class CoverageItem(BaseModel):
    model_config = _FROZEN

    requirement: str = Field(description="e.g. 产出指标/数量指标, 效益指标（任一二级）")
    covered: bool


class SuggestionSet(BaseModel):
    model_config = _FROZEN

    brief_name: str
    year: int
    kinds: list[str] = Field(description="Project kinds recognised in the brief.")
    project_type: TypeVerdict | None = Field(default=None, description="The brief's project type and why.")
    precedents: list[Precedent] = Field(description="Most similar past declarations, closest first.")
    suggestions: list[IndicatorSuggestion]
    coverage: list[CoverageItem]
    notes: list[str] = Field(
        default_factory=list, description="What the model step proposed and was not taken, and why (Chinese)."
    )

    def grouped(self) -> list[tuple[Level1, Level2, list[IndicatorSuggestion]]]:
        """Suggestions in framework order, one group per 二级 that has any."""
        groups = []
        for level1, children in FRAMEWORK.items():
            for level2 in children:
                found = [s for s in self.suggestions if s.level2 is level2]
                if found:
                    groups.append((level1, level2, found))
        return groups

    @property
    def complete(self) -> bool:
        return all(item.covered for item in self.coverage)
