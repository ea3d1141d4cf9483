"""A small chart of the values past declarations set for one indicator (matplotlib, Agg, CJK font)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from assistant.suggest.models import ValueProposal

CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "DejaVu Sans"]
MAX_BARS = 8


def value_chart(value: ValueProposal, *, name: str) -> Figure | None:
    """Bars: how many past declarations set each value (``value.seen``); None when none did."""
    seen = sorted(value.seen, key=lambda s: len(s.declarations), reverse=True)[:MAX_BARS]
    if not seen:
        return None
    plt.rcParams["font.sans-serif"] = CJK_FONTS
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(4.6, 2.4), dpi=100)
    labels = [s.value for s in seen]
    colors = ["#d9822b" if s.value == value.value else "#4a7ab0" for s in seen]
    ax.bar(range(len(seen)), [len(s.declarations) for s in seen], color=colors)
    ax.set_xticks(range(len(seen)), labels, rotation=20, fontsize=8)
    ax.set_ylabel("申报表份数", fontsize=8)
    ax.set_title(f"{name}：往年取值（橙色为本次取值）", fontsize=9)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    fig.tight_layout()
    plt.close(fig)
    return fig
