"""PNG plots of the eval (matplotlib, Agg backend); Chinese labels in WenQuanYi Micro Hei when installed."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager

from assistant.evals.scoring import Score

CJK_HINTS = ("wqy-microhei", "wqy-zenhei", "notosanscjk", "notosanssc", "sourcehansans", "simhei")


def use_cjk_font() -> str | None:
    """Register the first CJK font found on the system and make it the default; None (ASCII labels stay legible) if none."""
    for path in font_manager.findSystemFonts():
        if any(hint in Path(path).name.lower().replace("_", "-").replace(" ", "") for hint in CJK_HINTS):
            font_manager.fontManager.addfont(path)
            name = font_manager.FontProperties(fname=path).get_name()
            plt.rcParams["font.sans-serif"] = [name, *plt.rcParams["font.sans-serif"]]
            plt.rcParams["axes.unicode_minus"] = False
            return name
    return None


def speed_plot(path: Path, retrieval_ms: list[float], ours: list[Score], base: list[Score], stamp: str) -> None:
    """Left: retrieval query latency (ms); right: seconds per draft, product and baseline; p50/p95 marked."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    _box(left, [retrieval_ms], ["混合检索"], "毫秒")
    left.set_title("检索耗时")
    _box(right, [[s.seconds for s in ours], [s.seconds for s in base]], ["本产品", "基线"], "秒")
    right.set_title("每份草稿耗时")
    _finish(fig, path, stamp)


def _box(ax, data: list[list[float]], labels: list[str], unit: str) -> None:
    shown = [d if d else [0.0] for d in data]
    ax.boxplot(shown, whis=(5, 95))
    ax.set_xticks(range(1, len(labels) + 1), labels)
    ax.set_ylabel(unit)


def scaling_plot(path: Path, ours: list[Score], base: list[Score], stamp: str) -> None:
    """Prompt tokens against seconds, one point per model call (a product section, or the baseline's one call)."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for scores, label, marker in ((ours, "本产品（每节）", "o"), (base, "基线（整表一次）", "s")):
        calls = [c for s in scores for c in s.sections if c["seconds"] > 0]
        ax.scatter(
            [c["prompt_tokens"] for c in calls], [c["seconds"] for c in calls], label=label, marker=marker, alpha=0.7
        )
    ax.set_xlabel("提示 token 数")
    ax.set_ylabel("秒")
    ax.set_title("用时随提示长度的变化")
    ax.legend()
    _finish(fig, path, stamp)


def headline_plot(path: Path, rows: list[tuple[str, float, float]], stamp: str) -> None:
    """Ours against the baseline on the 0–1 figures of the headline table."""
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(rows) + 1.5))
    ys = range(len(rows))
    ax.barh([y + 0.2 for y in ys], [r[1] for r in rows], height=0.4, label="本产品")
    ax.barh([y - 0.2 for y in ys], [r[2] for r in rows], height=0.4, label="基线")
    ax.set_yticks(list(ys), [r[0] for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.legend(loc="lower right")
    ax.set_title("留一法起草：本产品与通用 RAG 基线")
    _finish(fig, path, stamp)


def _finish(fig, path: Path, stamp: str) -> None:
    fig.text(0.99, 0.01, stamp, ha="right", va="bottom", fontsize=7, color="gray")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)
