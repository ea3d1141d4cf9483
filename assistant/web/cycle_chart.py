"""Charts of the cycle forms (matplotlib, Agg, CJK font): each indicator's actual against its target."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from assistant.domain.values import Operator, ValueKind
from assistant.services.results import read_actual, target_of
from assistant.web.charts import CJK_FONTS

CAP = Decimal(200)  # bars above 200% of target are drawn at 200 (the label keeps the real figure)


def _ratio(target_text: str, parsed, actual: str | None) -> Decimal | None:
    """实际 ÷ 目标 in percent for a numeric target and actual (a ≤ target: 目标 ÷ 实际); None otherwise."""
    target = target_of(target_text, parsed)
    value = read_actual(actual, target).value  # in the target's unit (2小时 against ≤30(分钟) is 120)
    if target.kind is not ValueKind.QUANTITATIVE or not target.number or value is None:
        return None
    if target.operator in (Operator.LE, Operator.LT):
        return Decimal(100) if value == 0 else target.number / value * 100
    return value / target.number * 100


def target_chart(
    rows: Sequence[tuple[str, str, object, str | None]], *, title: str, line: Decimal | None = None
) -> Figure | None:
    """Bars of 实际 ÷ 目标 (percent) per indicator ``(name, target, parsed target, actual)``; a dashed line at 100%
    (and at ``line``, e.g. 序时进度). None when no row has a numeric target and actual."""
    points = [(name, r) for name, target, parsed, actual in rows if (r := _ratio(target, parsed, actual)) is not None]
    if not points:
        return None
    plt.rcParams["font.sans-serif"] = CJK_FONTS
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["text.parse_math"] = False  # indicator names are text, never TeX between two $
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(points) + 1.2), dpi=100)
    names = [n if len(n) <= 14 else n[:13] + "…" for n, _ in points]
    values = [float(min(r, CAP)) for _, r in points]
    colors = ["#3a8f4b" if r >= 100 else ("#d9a21b" if r >= 60 else "#c0392b") for _, r in points]
    ax.barh(range(len(points)), values, color=colors)
    ax.set_yticks(range(len(points)), names, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(100, color="#333", linestyle="--", linewidth=1)
    if line is not None:
        ax.axvline(float(line), color="#4a7ab0", linestyle=":", linewidth=1.2)
    for i, (_, r) in enumerate(points):
        ax.text(min(float(r), float(CAP)) + 2, i, f"{r:.0f}%", va="center", fontsize=7)
    ax.set_xlim(0, float(CAP) + 25)
    ax.set_xlabel("实际 ÷ 目标（%）", fontsize=8)
    ax.set_title(title, fontsize=9)
    fig.tight_layout()
    plt.close(fig)
    return fig
