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


def main() -> None:
    declarations = Corpus.load(REPO / "corpus").declarations
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        reports = review_all(declarations)
        timings.append(time.perf_counter() - start)
    timings.sort()
    findings = sum(len(r.findings) for r in reports)
    print(f"declarations: {len(declarations)}  indicators: {sum(len(d.indicators) for d in declarations)}  findings: {findings}")
    print(f"whole-corpus review over {RUNS} runs: p50 {statistics.median(timings) * 1000:.1f} ms, "
          f"p95 {timings[int(RUNS * 0.95) - 1] * 1000:.1f} ms, max {timings[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
