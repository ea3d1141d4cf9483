"""Default 分值 per row: each part's points (预算执行率 10, 产出 50, 效益 30, 满意度 10) spread evenly over its rows.

成本指标 rows count with 产出 (before 2021 cost sat under 产出 as 二级); rows whose 一级 is not on the current
framework are placed by the words of their 一级 as written (产出/效益/效果/满意), else with 产出. When a part has no
rows, its points go to the parts that have rows, in proportion to their points (cycle.md: practice moves the
满意度 points to 产出/效益 when no satisfaction indicator is set).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from assistant.cycle.numbers import CENT
from assistant.cycle.rules import TOTAL_POINTS, Part
from assistant.domain.cycle import IndicatorLink
from assistant.domain.framework import Level1

_BY_LEVEL1 = {
    Level1.OUTPUT: Part.OUTPUT,
    Level1.COST: Part.OUTPUT,
    Level1.BENEFIT: Part.BENEFIT,
    Level1.SATISFACTION: Part.SATISFACTION,
}
_WORDS = (("满意", Part.SATISFACTION), ("效益", Part.BENEFIT), ("效果", Part.BENEFIT), ("影响", Part.BENEFIT))


def part_of(link: IndicatorLink) -> Part:
    """Which part's points a row shares."""
    if link.level2 is not None and "满意" in link.level2.value:
        return Part.SATISFACTION
    if link.level1 is not None:
        return _BY_LEVEL1[link.level1]
    written = f"{link.level1_written or ''}{link.level2_written or ''}{link.name}"
    return next((part for word, part in _WORDS if word in written), Part.OUTPUT)


@dataclass(frozen=True)
class Spread:
    """分值 per row (same order as the rows), the budget row's points, and what moved where (Chinese)."""

    rows: list[Decimal]
    budget: Decimal
    notes: list[str]


def spread(links: Sequence[IndicatorLink], weights: dict[Part, Decimal]) -> Spread:
    """Each part's points over its rows, in cents; the cents left by an uneven split go to its first rows."""
    parts = [part_of(link) for link in links]
    present = {p: weights[p] for p in (Part.OUTPUT, Part.BENEFIT, Part.SATISFACTION) if p in parts}
    notes: list[str] = []
    missing = [p for p in (Part.OUTPUT, Part.BENEFIT, Part.SATISFACTION) if p not in present and weights[p]]
    if missing and present:
        spare = sum((weights[p] for p in missing), Decimal(0))
        base = sum(present.values(), Decimal(0))
        moved = {p: (spare * w / base).quantize(CENT, rounding=ROUND_DOWN) for p, w in present.items()}
        first = next(iter(present))
        moved[first] += spare - sum(moved.values(), Decimal(0))
        present = {p: w + moved[p] for p, w in present.items()}
        names = "、".join(p.value for p in missing)
        notes.append(
            f"没有{names}，其 {spare} 分按比例移至"
            + "、".join(f"{p.value}（+{moved[p]}）" for p in present)
            + "（请按当年评分规则核对）"
        )
    per_row: list[Decimal] = [Decimal(0)] * len(links)
    for part, points in present.items():
        indexes = [i for i, p in enumerate(parts) if p is part]
        for i, share in zip(indexes, _even(points, len(indexes)), strict=True):
            per_row[i] = share
    return Spread(rows=per_row, budget=weights[Part.BUDGET], notes=notes)


def _even(points: Decimal, n: int) -> list[Decimal]:
    each = (points / n).quantize(CENT, rounding=ROUND_DOWN)
    left = int((points - each * n) / CENT)
    return [each + CENT if i < left else each for i in range(n)]


def weight_total(budget: Decimal | None, rows: Sequence[Decimal | None]) -> Decimal:
    return (budget or Decimal(0)) + sum((w or Decimal(0) for w in rows), Decimal(0))


def weights_problem(budget: Decimal | None, rows: Sequence[Decimal | None]) -> str | None:
    """Chinese message when the 分值 do not add up to 100 or a row has none; None when they are right."""
    blank = [i for i, w in enumerate(rows, start=1) if w is None]
    if blank:
        return f"第 {'、'.join(map(str, blank))} 行指标没有分值"
    if budget is None:
        return "预算执行率没有分值"
    if any(w is not None and w < 0 for w in rows) or budget < 0:
        return "分值不能为负数"
    total = weight_total(budget, rows)
    if total != TOTAL_POINTS:
        return f"分值合计为 {total}，应为 {TOTAL_POINTS}"
    return None
