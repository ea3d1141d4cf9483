"""A small chart of the values past declarations set for one indicator (matplotlib, Agg, CJK font)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import functools
import re

from matplotlib import font_manager
from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from assistant.services.results import ValueProposal

CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "DejaVu Sans"]
MAX_BARS = 8
_CJK_FILE = re.compile(r"wqy|microhei|zenhei|notosanscjk|notoserifcjk|sourcehan|simhei|droidsansfallback", re.I)


@functools.cache
def cjk_font() -> str | None:
    """The CJK font charts use, registered with matplotlib (None: none installed, Chinese would show as boxes).

    matplotlib caches its font list: a font installed after the cache was built is unknown to it until the cache is
    rebuilt, so a CJK font file found on the system is added to the font list here, by its file."""
    known = {f.name for f in font_manager.fontManager.ttflist}
    found = next((name for name in CJK_FONTS[:-1] if name in known), None)
    if found is None:
        for path in font_manager.findSystemFonts():
            if _CJK_FILE.search(path):
                font_manager.fontManager.addfont(path)
        known = {f.name for f in font_manager.fontManager.ttflist}
        found = next((name for name in CJK_FONTS[:-1] if name in known), None)
        found = found or next((f.name for f in font_manager.fontManager.ttflist if _CJK_FILE.search(f.fname)), None)
    plt.rcParams["font.sans-serif"] = [found, *CJK_FONTS] if found else CJK_FONTS
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["text.parse_math"] = False  # a name with two $ is text, not TeX (a bad one failed the figure)
    return found


def value_chart(value: ValueProposal, *, name: str) -> Figure | None:
    """Bars: how many past declarations set each value (``value.seen``); None when none did."""
    seen = sorted(value.seen, key=lambda s: len(s.declarations), reverse=True)[:MAX_BARS]
    if not seen:
        return None
    cjk_font()
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
