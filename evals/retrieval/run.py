"""Retrieval eval: recall@5 and MRR for vector-only, BM25-only and hybrid search over the real corpus.

Each mode runs with the exact-document route (as `assistant search` ships) and without it (ablation).
A case is a hit at k when any of its gold targets is among the first k results ("success at k",
reported as recall@5); MRR uses the first gold target within the first 10 results.

Run: ``.venv/bin/python evals/retrieval/run.py`` (builds or updates the eval's own index under
``<data_dir>/evals/retrieval`` first: a few minutes the first time, under a second afterwards;
rewrites results.md; exits 1 when a target is missed).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.index.documents import SearchMode
from assistant.index.fusion import ReciprocalRankFusion
from assistant.index.hybrid import HybridIndex
from assistant.retrieval.models import DocKind, SearchResult
from assistant.retrieval.retriever import Retriever
from assistant.retrieval.routes import PlainRoute
from assistant.services import build_services
from assistant.services.index import open_retriever
from assistant.settings import Settings, load_settings

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases.yaml"
RESULTS = HERE / "results.md"
MODES: tuple[SearchMode, ...] = ("vector", "bm25", "hybrid")
CUTOFF = 5
MRR_DEPTH = 10
Category = Literal["declaration", "indicator", "policy_number", "policy_title"]
CATEGORY_LABELS: dict[str, str] = {
    "declaration": "申报表（意译描述）",
    "indicator": "指标（意图）",
    "policy_number": "政策（文号）",
    "policy_title": "政策（题名）",
}


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    category: Category
    query: str
    kind: DocKind | None = None
    gold: list[str] = Field(min_length=1)


class Thresholds(BaseModel):
    hybrid_recall_at_5: float


class CaseFile(BaseModel):
    thresholds: Thresholds
    cases: list[Case]


@dataclass(frozen=True)
class Outcome:
    case: Case
    first_gold: int | None  # 1-based rank of the first gold target, None when not in the first MRR_DEPTH
    top: list[str]  # refs of the first CUTOFF results

    @property
    def hit(self) -> bool:
        return self.first_gold is not None and self.first_gold <= CUTOFF

    @property
    def reciprocal_rank(self) -> float:
        return 1.0 / self.first_gold if self.first_gold else 0.0


def is_gold(result: SearchResult, target: str) -> bool:
    """``declaration:<id>``, ``indicator:<id>#<n>`` or ``policy:<id>`` against one result.

    A result stands for its own document and those with exactly its text folded into it (`same_text`).
    """
    refs = [result.ref, *result.same_text]
    kind, _, value = target.partition(":")
    match kind:
        case "declaration":
            return any(ref.startswith(f"{value}#") for ref in refs)
        case "indicator":
            return value.replace("#", "#indicator-") in refs
        case "policy":
            return f"policy:{value}" in refs
    raise ValueError(f"unknown gold target {target!r}")


def run_case(search: Callable[..., list[SearchResult]], case: Case, mode: SearchMode) -> Outcome:
    results = search(case.query, kind=case.kind, k=MRR_DEPTH, mode=mode)
    ranks = [r.rank for r in results if any(is_gold(r, target) for target in case.gold)]
    return Outcome(case, min(ranks, default=None), [r.ref for r in results[:CUTOFF]])


def recall(outcomes: Sequence[Outcome]) -> float:
    return sum(o.hit for o in outcomes) / len(outcomes) if outcomes else 0.0


def mrr(outcomes: Sequence[Outcome]) -> float:
    return sum(o.reciprocal_rank for o in outcomes) / len(outcomes) if outcomes else 0.0


def eval_settings(data_dir: Path | None) -> Settings:
    settings = load_settings()
    return settings.model_copy(update={"data_dir": data_dir or settings.data_dir / "evals" / "retrieval"})


def run_all(settings: Settings, cases: Sequence[Case]) -> dict[str, list[Outcome]]:
    """The three modes as shipped, then ablations: without the exact-document route, with plain RRF."""
    shipped = open_retriever(settings)
    unrouted = Retriever(shipped.index, PlainRoute(), shipped.tokenizer)
    plain_rrf_index = HybridIndex(shipped.index.collection, shipped.index.bm25, fuser=ReciprocalRankFusion())
    plain_rrf = Retriever(plain_rrf_index, shipped.router, shipped.tokenizer)
    configs: list[tuple[str, Retriever, SearchMode]] = [
        *((mode, shipped, mode) for mode in MODES),
        *((f"{mode}（无精确路由）", unrouted, mode) for mode in MODES),
        ("hybrid（普通 RRF）", plain_rrf, "hybrid"),
    ]
    return {name: [run_case(retriever.search, case, mode) for case in cases] for name, retriever, mode in configs}


def table(runs: dict[str, list[Outcome]]) -> list[str]:
    categories = list(CATEGORY_LABELS)
    counts = {c: sum(1 for o in next(iter(runs.values())) if o.case.category == c) for c in categories}
    head = ["检索方式"] + [f"{CATEGORY_LABELS[c]}（{counts[c]}）" for c in categories] + ["总计"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, outcomes in runs.items():
        cells = [_cell([o for o in outcomes if o.case.category == c]) for c in categories]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | **{_cell(outcomes)}** |")
    return lines


def _cell(outcomes: Sequence[Outcome]) -> str:
    return f"{recall(outcomes):.3f} / {mrr(outcomes):.3f}"


def misses(outcomes: Sequence[Outcome]) -> list[str]:
    return [
        f"- `{o.case.id}` {o.case.query} → 金标 {', '.join(o.case.gold)}；首个金标名次 "
        f"{o.first_gold or f'>{MRR_DEPTH}'}；前 {CUTOFF}：{', '.join(o.top) or '（无）'}"
        for o in outcomes
        if not o.hit
    ]


def verdict(runs: dict[str, list[Outcome]], threshold: float) -> list[str]:
    """Hybrid must reach the threshold and beat each single mode: higher recall@5, or equal and higher MRR."""
    hybrid = (recall(runs["hybrid"]), mrr(runs["hybrid"]))
    lines = [_check(f"hybrid recall@{CUTOFF} = {hybrid[0]:.3f} ≥ {threshold}", hybrid[0] >= threshold)]
    for mode in ("vector", "bm25"):
        single = (recall(runs[mode]), mrr(runs[mode]))
        text = f"hybrid（{hybrid[0]:.3f} / {hybrid[1]:.3f}）优于 {mode}（{single[0]:.3f} / {single[1]:.3f}）"
        lines.append(_check(text, hybrid > single))
    return lines


def _check(text: str, ok: bool) -> str:
    return f"- {'达标' if ok else '未达标'}：{text}"


def report(runs: dict[str, list[Outcome]], file: CaseFile, seconds: float) -> str:
    lines = [
        "# 检索评测结果",
        "",
        f"命令：`.venv/bin/python evals/retrieval/run.py`；{len(file.cases)} 条查询（`evals/retrieval/cases.yaml`），"
        f"真实语料索引；评测用时 {seconds:.1f} 秒。",
        "",
        f"每格为 recall@{CUTOFF} / MRR@{MRR_DEPTH}。一条查询的任一金标目标出现在前 {CUTOFF} 名即算命中；"
        "MRR 取首个金标目标的名次倒数。前三行是随 `assistant search --mode` 发布的配置（精确路由 + "
        "证据加权 RRF + 同文合并）；其后为消融：关闭“文号/题名 → 政策置顶”的查询路由，或把融合换回普通 RRF（k=60）。",
        "“优于”的判定：recall@5 更高，或 recall@5 相同而 MRR 更高。",
        "",
        *table(runs),
        "",
        "## 目标",
        "",
        *verdict(runs, file.thresholds.hybrid_recall_at_5),
        "",
        "## 混合检索未命中的查询",
        "",
        *(misses(runs["hybrid"]) or ["（无）"]),
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None, help="where the eval's index lives")
    args = parser.parse_args()
    file = CaseFile.model_validate(yaml.safe_load(CASES.read_text(encoding="utf-8")))
    settings = eval_settings(args.data_dir)
    built = build_services(settings).search.build()
    print(
        f"索引：新增 {built.added}，删除 {built.removed}，未变 {built.unchanged}，嵌入 {built.embedded}（{built.seconds:.1f} 秒）"
    )
    started = time.perf_counter()
    runs = run_all(settings, file.cases)
    text = report(runs, file, time.perf_counter() - started)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(line.startswith("- 达标") for line in verdict(runs, file.thresholds.hybrid_recall_at_5)) else 1


if __name__ == "__main__":
    sys.exit(main())
