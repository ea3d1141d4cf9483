"""Timing of the suggestion fast path (no model): prints figures, asserts nothing.

- warm: ``suggest(brief, bank)`` with the bank already built (what the drafting chain and the UI do),
  over the bundled example and a brief derived from every corpus declaration, several rounds;
- cold: a fresh process that imports, loads the corpus, builds the bank and suggests once;
- cli: ``assistant suggest --example --json`` end to end, interpreter start included.

Run: ``.venv/bin/python evals/indicators/bench.py [--rounds N]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from assistant.corpus.store import Corpus
from assistant.domain.brief import example_brief
from assistant.settings import load_settings
from assistant.suggest.bank import build_bank
from assistant.suggest.suggest import suggest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import brief_from

REPO = Path(__file__).resolve().parents[2]
COLD = (
    "import time; t = time.perf_counter();"
    "from assistant.corpus.store import Corpus; from assistant.domain.brief import example_brief;"
    "from assistant.settings import load_settings; from assistant.suggest.bank import build_bank;"
    "from assistant.suggest.suggest import suggest;"
    "suggest(example_brief(), build_bank(Corpus.load(load_settings().corpus.corpus_dir).declarations));"
    "print(time.perf_counter() - t)"
)


def _ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms（{len(ordered)} 次）"


def warm(rounds: int) -> None:
    corpus = Corpus.load(load_settings().corpus.corpus_dir)
    started = time.perf_counter()
    bank = build_bank(corpus.declarations)
    print(
        f"建指标库（{len(corpus)} 份申报表，{bank.size} 项指标，{len(bank.templates)} 个模板）：{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    briefs = [example_brief(), *(brief_from(d) for d in corpus)]
    timings = []
    for _ in range(rounds):
        for brief in briefs:
            started = time.perf_counter()
            suggest(brief, bank)
            timings.append(time.perf_counter() - started)
    print(f"warm suggest（每份简报）：{_ms(timings)}")


def cold(runs: int) -> None:
    timings = [
        float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True, cwd=REPO).stdout)
        for _ in range(runs)
    ]
    print(f"cold（新进程：导入 + 读语料 + 建库 + 建议一次，不含解释器启动）：{_ms(timings)}")


def cli(runs: int) -> None:
    command = [str(Path(sys.executable).with_name("assistant")), "suggest", "--example", "--json"]
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=REPO)
        timings.append(time.perf_counter() - started)
    print(f"CLI（assistant suggest --example --json，含解释器启动）：{_ms(timings)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    warm(args.rounds)
    cold(max(3, args.rounds))
    cli(max(3, args.rounds))


if __name__ == "__main__":
    main()
