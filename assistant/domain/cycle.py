"""Typed model of the two forms that follow a declaration through its year (cycle.md).

``MonitoringTable`` is the mid-year 绩效运行监控表 (data to a cut-off date, commonly 31 July);
``SelfEvaluation`` is the year-end 项目支出绩效自评表 (财预〔2020〕10号 layout). Each indicator row carries an
``IndicatorLink`` back to the declaration row it follows (id, 1-based position, names), so the same indicator
can be followed from 申报 to 监控 to 自评 to next year's 申报.

Conventions (as in ``assistant.domain.model``): a blank cell stays ``None`` (never zero); values typed by a person
or read from a form are kept as written (``target``, ``actual``) next to any parsed form; amounts are in
``amount_unit`` (元 unless the form says 万元); rates and percentages are percent numbers (86.18 means 86.18%).
Scores stored here are the figures as written or as last computed; the scoring engine (``assistant.cycle``)
recomputes them from the rules and never trusts a stored score.

Stability: another module reads published 自评表 into ``SelfEvaluation``; fields are only ever added (with
defaults), never renamed or removed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.framework import Level1, Level2
from assistant.domain.values import IndicatorValue

_STRICT = ConfigDict(strict=True, extra="forbid")


class Possibility(StrEnum):
    """完成目标可能性 (monitoring)."""

    CERTAIN = "确定能"
    POSSIBLE = "有可能"
    IMPOSSIBLE = "完全不可能"


class DeviationCause(StrEnum):
    """偏差原因分析 categories in monitoring tables."""

    FUNDING = "经费保障"
    SYSTEM = "制度保障"
    STAFF = "人员保障"
    HARDWARE = "硬件保障"
    OTHER = "其他"


class Band(StrEnum):
    """Qualitative scoring band; the officer picks a score within the band (cycle.md, scoring)."""

    ACHIEVED = "达成"  # 达成年度指标 80–100% of 分值
    PARTIAL = "部分达成"  # 部分达成并具有一定效果 60–80%
    NOT_ACHIEVED = "未达成"  # 未达成且效果较差 0–60%


class FundKind(StrEnum):
    """Rows of the 项目资金 block of a 自评表."""

    TOTAL = "年度资金总额"
    FISCAL = "当年财政拨款"
    CARRYOVER = "上年结转资金"
    OTHER = "其他资金"


class IndicatorLink(BaseModel):
    """Which declaration row a monitoring / self-evaluation row follows.

    ``declaration_id`` and ``position`` are ``None`` for a row read from a published form with no
    declaration in the store; names are always kept as written.
    """

    model_config = _STRICT

    declaration_id: str | None = Field(default=None, description="Declaration.id the row comes from.")
    position: int | None = Field(default=None, description="1-based row in the declaration's indicator table.")
    level1_written: str | None = Field(default=None, description="一级指标 as written.")
    level2_written: str | None = Field(default=None, description="二级指标 as written.")
    level1: Level1 | None = Field(default=None, description="一级 on the current framework, if known.")
    level2: Level2 | None = Field(default=None, description="二级 on the current framework, if known.")
    name: str = Field(description="三级指标.")


class Deviation(BaseModel):
    """偏差原因: categories (monitoring) plus the officer's text."""

    model_config = _STRICT

    causes: list[DeviationCause] = Field(default_factory=list)
    text: str | None = Field(default=None, description="偏差原因分析 as written.")

    @property
    def is_blank(self) -> bool:
        return not self.causes and not (self.text or "").strip()


class SourceRef(BaseModel):
    """Where a form was read from (an imported or published table)."""

    model_config = _STRICT

    file: str
    sha256: str | None = None
    location: str | None = Field(default=None, description="Sheet/table and cell, e.g. Sheet1!A3 or 表1.")
    url: str | None = Field(default=None, description="Public address of a published form.")


class BudgetExecution(BaseModel):
    """项目预算执行情况 in a monitoring table, to ``as_of``."""

    model_config = _STRICT

    initial_budget: Decimal | None = Field(default=None, description="年初预算")
    adjusted_budget: Decimal | None = Field(default=None, description="调整后预算")
    executed: Decimal | None = Field(default=None, description="执行数 to the cut-off")
    rate: Decimal | None = Field(default=None, description="执行率 in percent, as written; None → computed")
    expected_full_year: Decimal | None = Field(default=None, description="全年预计执行数")
    as_of: date | None = Field(default=None, description="执行数截止日期")


class MonitoringRow(BaseModel):
    """One indicator row of a 绩效运行监控表."""

    model_config = _STRICT

    link: IndicatorLink
    target: str = Field(description="年度指标值 as written in the declaration.")
    target_value: IndicatorValue | None = Field(default=None, description="年度指标值 parsed.")
    actual_to_date: str | None = Field(default=None, description="1–7月（或至截止日）执行情况, typed by the officer.")
    expected_full_year: str | None = Field(default=None, description="全年预计完成情况.")
    possibility: Possibility | None = Field(default=None, description="完成目标可能性.")
    deviation: Deviation = Field(default_factory=Deviation, description="偏差原因分析.")
    corrective_measures: str | None = Field(default=None, description="纠偏措施.")
    remark: str | None = Field(default=None, description="备注.")
    needs_rectification: bool | None = Field(default=None, description="是否需要整改.")
    rectification: str | None = Field(default=None, description="整改要求和建议 / 整改结果.")


class MonitoringTable(BaseModel):
    """绩效运行监控表 for one project and year."""

    model_config = _STRICT

    id: str
    declaration_id: str | None = Field(default=None, description="Declaration (or draft) it was started from.")
    project_name: str = Field(description="项目名称")
    department: str | None = Field(default=None, description="主管部门")
    implementer: str | None = Field(default=None, description="实施单位")
    year: int | None = Field(default=None, description="预算年度")
    as_of: date = Field(description="监控截止日期 (commonly 7月31日).")
    amount_unit: str = Field(default="元", description="Unit of every amount: 元 or 万元.")
    goal: str | None = Field(default=None, description="年度绩效目标")
    goal_progress: str | None = Field(default=None, description="绩效目标执行情况 (free text).")
    budget: BudgetExecution = Field(default_factory=BudgetExecution)
    rows: list[MonitoringRow] = Field(default_factory=list)
    source: SourceRef | None = None


class FundLine(BaseModel):
    """One row of the 项目资金 block (年度资金总额, 其中：当年财政拨款 …)."""

    model_config = _STRICT

    kind: FundKind
    label: str | None = Field(default=None, description="Row label as written, when it differs.")
    initial_budget: Decimal | None = Field(default=None, description="年初预算数")
    full_year_budget: Decimal | None = Field(default=None, description="全年预算数 (调整后)")
    executed: Decimal | None = Field(default=None, description="全年执行数")
    weight: Decimal | None = Field(default=None, description="分值 (10 on the 年度资金总额 row)")
    rate: Decimal | None = Field(default=None, description="执行率 in percent as written")
    score: Decimal | None = Field(default=None, description="得分 as written or last computed")


class SelfEvalRow(BaseModel):
    """One indicator row of a 项目支出绩效自评表."""

    model_config = _STRICT

    link: IndicatorLink
    target: str = Field(description="年度指标值 as written.")
    target_value: IndicatorValue | None = Field(default=None, description="年度指标值 parsed.")
    actual: str | None = Field(default=None, description="实际完成值 as written / typed.")
    weight: Decimal | None = Field(default=None, description="分值")
    score: Decimal | None = Field(default=None, description="得分 as written or last computed")
    deviation: str | None = Field(default=None, description="偏差原因分析及改进措施")
    band: Band | None = Field(default=None, description="Qualitative rows: the band the officer chose.")
    evidence: str | None = Field(default=None, description="数据来源 / 佐证 (e.g. a survey for 满意度).")
    nature: str | None = Field(default=None, description="指标性质 (variant column), as written.")
    unit: str | None = Field(default=None, description="度量单位 (variant column), as written.")


class SelfEvaluation(BaseModel):
    """项目支出绩效自评表 for one project and year."""

    model_config = _STRICT

    id: str
    declaration_id: str | None = Field(default=None, description="Declaration (or draft) it was started from.")
    project_name: str = Field(description="项目名称")
    department: str | None = Field(default=None, description="主管部门")
    implementer: str | None = Field(default=None, description="实施单位")
    year: int | None = Field(default=None, description="预算年度")
    amount_unit: str = Field(default="元", description="Unit of every amount: 元 or 万元.")
    funds: list[FundLine] = Field(default_factory=list, description="项目资金 rows; TOTAL first.")
    goal_planned: str | None = Field(default=None, description="年度总体目标 — 预期目标")
    goal_achieved: str | None = Field(default=None, description="年度总体目标 — 实际完成情况")
    rows: list[SelfEvalRow] = Field(default_factory=list)
    total_score: Decimal | None = Field(default=None, description="总分 as written or last computed")
    conclusion: str | None = Field(default=None, description="评价结论")
    problems: str | None = Field(default=None, description="存在问题")
    improvements: str | None = Field(default=None, description="改进措施")
    source: SourceRef | None = None

    def fund(self, kind: FundKind) -> FundLine | None:
        return next((f for f in self.funds if f.kind is kind), None)
