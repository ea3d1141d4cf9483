"""Scoring rules and thresholds as data, each with its source (cycle.md, 财预〔2020〕10号 practice).

A rule is shown to the person next to the score it produced (``Rule.formula``), so every score can be
reproduced by hand. Thresholds that no public source fixes (what counts as a "wide margin", the colour
bands of the monitoring lights) are product settings and say so in their ``source``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from assistant.domain.cycle import Band

SOURCE_2020_10 = "财预〔2020〕10号（项目支出绩效评价管理办法）自评表式下预算管理系统的通行计分做法（据公开的自评表与预算管理系统资料整理）"
SOURCE_PRODUCT = "本产品设定（无公开文件规定具体数值）"


class RuleId(StrEnum):
    BUDGET = "budget_rate"
    POSITIVE = "positive"
    EQUAL_ZERO = "equal_zero"
    REVERSE_LINEAR = "reverse_linear"
    REVERSE_RATIO = "reverse_ratio"
    BAND = "band"


@dataclass(frozen=True)
class Rule:
    id: RuleId
    title: str
    formula: str
    source: str


RULES: dict[RuleId, Rule] = {
    r.id: r
    for r in (
        Rule(
            RuleId.BUDGET,
            "预算执行率",
            "得分 = 执行率 × 分值（执行率 = 全年执行数 ÷ 全年预算数，执行数超过预算数时按0分计，须核对改正），保留两位小数",
            SOURCE_2020_10 + "；公开示例：215,457.6 ÷ 250,000 = 86.18% → 8.62",
        ),
        Rule(
            RuleId.POSITIVE,
            "正向指标（≥、>、=，目标非0）",
            "实际 ≥ 目标 得满分；否则 得分 = 实际 ÷ 目标 × 分值",
            SOURCE_2020_10,
        ),
        Rule(
            RuleId.EQUAL_ZERO,
            "目标为0的指标（如 事故 =0）",
            "实际 = 0 得满分，否则 0 分",
            SOURCE_2020_10,
        ),
        Rule(
            RuleId.REVERSE_LINEAR,
            "反向指标（≤、<）",
            "实际 ≤ 目标 得满分；目标 < 实际 < 2×目标 时 得分 = (1 − (实际 − 目标) ÷ 目标) × 分值；实际 ≥ 2×目标 得0分",
            SOURCE_2020_10,
        ),
        Rule(
            RuleId.REVERSE_RATIO,
            "反向指标（≤、<，旧口径）",
            "实际 ≤ 目标 得满分；否则 得分 = 目标 ÷ 实际 × 分值",
            "较早的评价指引采用的口径；默认不用，可在计分设置 reverse_rule 中改用",
        ),
        Rule(
            RuleId.BAND,
            "定性指标（按档次）",
            "达成年度指标 80%–100%分值；部分达成并具有一定效果 60%–80%；未达成且效果较差 0–60%；由填报人在档内确定",
            SOURCE_2020_10,
        ),
    )
}

# (lowest share, highest share) of 分值 per band; the officer picks within it.
BANDS: dict[Band, tuple[Decimal, Decimal]] = {
    Band.ACHIEVED: (Decimal("0.8"), Decimal("1")),
    Band.PARTIAL: (Decimal("0.6"), Decimal("0.8")),
    Band.NOT_ACHIEVED: (Decimal("0"), Decimal("0.6")),
}


class Part(StrEnum):
    """The parts the 100 points are split over (cycle.md, weights)."""

    BUDGET = "预算执行率"
    OUTPUT = "产出指标"
    BENEFIT = "效益指标"
    SATISFACTION = "满意度指标"


DEFAULT_WEIGHTS: dict[Part, Decimal] = {
    Part.BUDGET: Decimal(10),
    Part.OUTPUT: Decimal(50),
    Part.BENEFIT: Decimal(30),
    Part.SATISFACTION: Decimal(10),
}
WEIGHTS_SOURCE = "预算执行率10、产出50、效益30、满意度10，分摊到各行（财预〔2020〕10号自评表式下的通行做法）"
TOTAL_POINTS = Decimal(100)


@dataclass(frozen=True)
class Settings:
    """What a finance bureau may set differently; defaults follow cycle.md."""

    reverse_rule: RuleId = RuleId.REVERSE_LINEAR
    weights: dict[Part, Decimal] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    wide_margin: Decimal = Decimal("0.3")  # actual beyond the target by 30%+ → 目标值设置偏低 (SOURCE_PRODUCT)
    behind_schedule_red: Decimal = Decimal("20")  # execution this many points behind time elapsed → red light
    places: int = 2  # scores kept to 2 decimals (published tables)


DEFAULT_SETTINGS = Settings()


def thresholds(settings: Settings = DEFAULT_SETTINGS) -> list[tuple[str, str, str]]:
    """The findings' and lights' cut-offs as (title, rule, source), in Chinese, for display beside the rules."""
    margin = int(settings.wide_margin * 100)
    return [
        (
            "目标值设置偏低",
            f"正向指标实际完成值超出目标 {margin}% 及以上（反向指标低于目标 {margin}% 及以上为偏松）",
            SOURCE_PRODUCT,
        ),
        (
            "序时进度预警",
            f"执行率或累计完成进度低于序时进度为“关注”，落后 {settings.behind_schedule_red} 个百分点及以上为“预警”；"
            "序时进度 = 截止日在全年中的天数占比",
            SOURCE_PRODUCT,
        ),
        ("偏差原因", "得分低于分值（或监控中为关注、预警）的指标须填写偏差原因", "评价审核中的通行要求"),
    ]
