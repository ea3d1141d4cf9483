"""Drafting scores summed per system, and which system each figure favours."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from assistant.evals.candidate import SCORED_SECTIONS
from assistant.evals.scoring import Score
from assistant.evals.suites import percentile


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    higher_is_better: bool | None  # None: reported, not judged (time and tokens are judged lower-better)
    fmt: str = "{:.2f}"


LOO_FIGURES = (
    Figure("schema_valid", "结构合格的草稿（目标 100%）", True, "{:.0%}"),
    Figure("no_review_error", "起草内容无审核错误的草稿（不计简报给定的表头和资金；目标 ≥95%）", True, "{:.0%}"),
    Figure("invented_figures", "编造的数字（简报和所给材料中都没有；目标 0）", False, "{:.0f}"),
    Figure("invented_policies", "编造的政策（政策库和简报中都没有；目标 0）", False, "{:.0f}"),
    Figure("coverage", "必备指标类别覆盖（目标 100%）", True, "{:.0%}"),
    Figure("indicator_f1", "指标 F1（对真实申报表）", True),
    Figure("indicator_precision", "指标 P", True),
    Figure("indicator_recall", "指标 R", True),
    Figure("value_agreement", "匹配指标的取值一致率", True, "{:.0%}"),
    *(
        Figure(f"sim.{kind.label}", f"{kind.label}与原文相似度（字二元组 Jaccard）", True, "{:.3f}")
        for kind in SCORED_SECTIONS
    ),
    Figure("seconds_p50", "每份用时 p50（秒）", False, "{:.1f}"),
    Figure("seconds_p95", "每份用时 p95（秒）", False, "{:.1f}"),
    Figure("tokens_mean", "每份 token（提示 + 输出，均值）", False, "{:.0f}"),
    Figure("retries", "重试次数（合计）", None, "{:.0f}"),
    Figure("caught", "自查标出或删除的数字/政策（合计）", None, "{:.0f}"),
)
TYPE_FIGURES = (
    Figure("schema_valid", "结构合格的草稿", True, "{:.0%}"),
    Figure("no_review_error", "起草内容无审核错误的草稿", True, "{:.0%}"),
    Figure("kept", "审核人会保留的指标行占比", True, "{:.0%}"),
    Figure("figures_used", "用上的简报数字（期望值完全一致）", True, "{:.0%}"),
    Figure("cost_level", "有成本水平（元/万元）的草稿", True, "{:.0%}"),
    Figure("forbidden", "禁止项（合计，目标 0）", False, "{:.0f}"),
    Figure("invented_figures", "编造的数字（合计）", False, "{:.0f}"),
    Figure("invented_policies", "编造的政策（合计）", False, "{:.0f}"),
    Figure("seconds_p50", "每份用时 p50（秒）", False, "{:.1f}"),
)


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def common(scores: list[Score]) -> dict[str, float]:
    seconds = [s.seconds for s in scores]
    return {
        "cases": len(scores),
        "schema_valid": _share(sum(s.schema_valid for s in scores), len(scores)),
        "no_review_error": _share(sum(s.no_review_error for s in scores), len(scores)),
        "invented_figures": sum(s.invented_figures for s in scores),
        "invented_policies": sum(s.invented_policies for s in scores),
        "caught": sum(s.caught for s in scores),
        "coverage": _share(sum(s.covered for s in scores), sum(s.required for s in scores)),
        "seconds_p50": percentile(seconds, 50),
        "seconds_p95": percentile(seconds, 95),
        "tokens_mean": statistics.mean(s.prompt_tokens + s.completion_tokens for s in scores) if scores else 0.0,
        "retries": sum(s.retries for s in scores),
    }


def loo(scores: list[Score]) -> dict[str, float]:
    found = common(scores)
    total = {k: sum(s.extra.get(k, 0) for s in scores) for k in ("proposed", "truth", "matched", "agreeing")}
    p, r = _share(total["matched"], total["proposed"]), _share(total["matched"], total["truth"])
    found |= {
        "indicator_precision": p,
        "indicator_recall": r,
        "indicator_f1": _share(2 * p * r, p + r),
        "value_agreement": _share(total["agreeing"], total["matched"]),
    }
    for key in {k for s in scores for k in s.extra if k.startswith("sim.")}:
        found[key] = statistics.mean(s.extra[key] for s in scores if key in s.extra)
    return found


def types(scores: list[Score]) -> dict[str, float]:
    found = common(scores)
    total = {
        k: sum(s.extra.get(k, 0) for s in scores)
        for k in ("rows", "kept", "figures_used", "figures_expected", "cost_level", "forbidden")
    }
    found |= {
        "kept": _share(total["kept"], total["rows"]),
        "figures_used": _share(total["figures_used"], total["figures_expected"]),
        "cost_level": _share(total["cost_level"], len(scores)),
        "forbidden": total["forbidden"],
    }
    return found


def verdict(figure: Figure, ours: float | None, base: float | None) -> str:
    """Plain words: who wins this figure."""
    if ours is None or base is None:
        return "—"
    if figure.higher_is_better is None or ours == base:
        return "持平" if ours == base else "（仅报告）"
    ours_better = ours > base if figure.higher_is_better else ours < base
    return "本产品更好" if ours_better else "**基线更好**"
