"""Benchmark: time to review the whole corpus (18 declarations), excluding loading.

Run: .venv/bin/python evals/review/bench.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from assistant.corpus.store import Corpus
from assistant.review.engine import review_all

REPO = Path(__file__).resolve().parents[2]
RUNS = 50


def measure(declarations: list, *, runs: int = RUNS) -> dict[str, float]:
    """Whole-corpus review ``runs`` times: counts and p50/p95/max in milliseconds."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        reports = review_all(declarations)
        timings.append(time.perf_counter() - start)
    timings.sort()
    return {
        "declarations": len(declarations),
        "indicators": sum(len(d.indicators) for d in declarations),
        "findings": sum(len(r.findings) for r in reports),
        "p50_ms": statistics.median(timings) * 1000,
        "p95_ms": timings[max(int(runs * 0.95) - 1, 0)] * 1000,
        "max_ms": timings[-1] * 1000,
    }


def main() -> None:
    stats = measure(Corpus.load(REPO / "corpus").declarations)
    print(f"declarations: {stats['declarations']}  indicators: {stats['indicators']}  findings: {stats['findings']}")
    print(
        f"whole-corpus review over {RUNS} runs: p50 {stats['p50_ms']:.1f} ms, "
        f"p95 {stats['p95_ms']:.1f} ms, max {stats['max_ms']:.1f} ms"
    )


if __name__ == "__main__":
    main()
