"""Q&A latency (issue 24): questions the patterns read, in-process and in a fresh ``assistant ask`` process.

    PYTHONPATH=. python evals/qa/bench.py                    # in-process p50/p95 + 5 fresh processes
    PYTHONPATH=. python evals/qa/bench.py --fresh 0          # in-process only
    PYTHONPATH=. python evals/qa/bench.py --model 5          # also 5 questions the patterns doubt, on the model

In-process: every question of the officer sets that the patterns read with confidence (no model is asked), each
timed once after one warm-up pass over them all (the corpus snapshot and the lexicon are loaded once per corpus
state, as in a running server or chat). Fresh: ``python -m assistant ask Q --llm none`` wall-clock, start to exit,
including Python's start and every import. ``--model N`` times N questions the patterns are unsure of through the
configured model (the embedded one by default; keep N small, at most 10). Targets: ≤ 1 s for questions the parser
reads, p95 ≤ 5 s with the model.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gold

from assistant.qa.conversation import Conversation
from assistant.qa.parse import read
from assistant.qa.queries import to_query
from assistant.qa.scope import Scope
from assistant.services import Services, build_services
from assistant.services.answering import answer
from assistant.settings import LLMProvider, load_settings

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 6)
FRESH_QUESTIONS = (
    "2023年组织部各项目资金合计多少？",
    "信访平台的预算是多少？",
    "党费缴纳管理系统的项目负责人是谁？",
    "2026年哪个项目申请的钱最多？",
    "区人大换届选举经费申报了多少钱？",
)


# Colloquial questions written for the model-path timing (not gold-checked: only their latency is measured).
COLLOQUIAL = (
    "那个远程教育的项目成本控制率写的啥",
    "闵行党费系统上线后多久要求响应",
    "去年那个换届选举花了几个钱",
    "组织部的表里面哪个指标最多",
    "人大那几个信息化的活一般满意度写多少",
    "帮我看看机关服务的钱是咋分的",
    "有啥项目是做培训的",
    "代表履职那块的指标都有啥",
    "选举那个项目的时效性咋要求的",
    "信访平台运维的钱跟去年比多了还是少了",
    "党建那个服务中心的项目目标是啥",
    "网络体系运维的质量要求高不高",
    "那个平台的验收是怎么考核的",
    "组织力平台建了几年了",
    "人大预算联网监督那个系统一年要多少钱",
    "哪个单位报的项目最多",
    "有没有搞过满意度调查的项目",
    "远程教育那个的绩效目标跟往年一样吗",
    "机关事务那个项目的负责人电话多少",
    "上海人大的那个智能化平台具体做了啥",
)


def quantiles(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.3f} s, p95 {p95:.3f} s, max {ordered[-1]:.3f} s (n={len(ordered)})"


def in_process(provider: LLMProvider, model_questions: int) -> None:
    settings = load_settings()
    settings.llm.provider = provider
    questions = [case["q"] for path in gold.HALVES for case in gold.load(path) if not case.get("turns")]
    with build_services(settings) as services:
        scope = services.scope.current().qa
        read_ones = [q for q in questions if read(q, scope.lexicon, today=TODAY).confident]
        for question in read_ones:  # warm-up: regex caches, the name weights
            answer(question, Conversation(), None, scope=scope, finder=None, today=TODAY)
        timed = []
        for question in read_ones:
            start = time.perf_counter()
            answer(question, Conversation(), None, scope=scope, finder=None, today=TODAY)
            timed.append(time.perf_counter() - start)
        print(f"in-process, questions the patterns read ({len(read_ones)} of {len(questions)}): {quantiles(timed)}")
        if model_questions:
            model_path(services, questions, read_ones, scope, model_questions)


def model_path(services: Services, questions: list[str], read_ones: list[str], scope: Scope, count: int) -> None:
    """Time ``count`` questions that reach the model on a warm server (as in ``serve`` or ``chat``): first those the
    patterns doubt (the model rewrites them as a query), then those read as open questions (retrieval: the model
    writes the answer from the passages). The server's start is timed apart and not counted."""
    runtime = services.runtime if services.runtime.enabled else None
    if runtime is None:
        print("model path: no model configured")
        return
    start = time.perf_counter()
    services.qa.warm()
    print(f"model server start and prompt prefix read (not counted below): {time.perf_counter() - start:.1f} s")
    doubted = [q for q in questions if q not in read_ones]
    doubted += [q for q in COLLOQUIAL if not read(q, scope.lexicon, today=TODAY).confident]
    open_ones = [q for q in read_ones if to_query(read(q, scope.lexicon, today=TODAY).cues) is None]
    chosen = (doubted + open_ones)[:count]
    seconds = []
    for question in chosen:
        start = time.perf_counter()
        answer(question, Conversation(), runtime, scope=scope, finder=services.search, today=TODAY)
        seconds.append(time.perf_counter() - start)
        kind = "doubted" if question in doubted else "open"
        print(f"  model path {seconds[-1]:.1f} s  ({kind}) {question}")
    if seconds:
        print(
            f"model path (warm server, {len(doubted)} doubted + {len(open_ones)} open available): {quantiles(seconds)}"
        )


def fresh(count: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ASSISTANT_TODAY": TODAY.isoformat()}
    seconds = []
    for question in (FRESH_QUESTIONS * count)[:count]:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "assistant", "ask", question, "--llm", "none"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds.append(time.perf_counter() - start)
        if done.returncode != 0:
            print(f"  exit {done.returncode}: {question}\n{done.stderr[-400:]}")
    print(f"fresh `assistant ask --llm none` process, start to exit: {quantiles(seconds)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fresh", type=int, default=5, help="fresh processes to time (0: none)")
    parser.add_argument("--model", type=int, default=0, help="questions that reach the model, on a warm server (≤ 30)")
    parser.add_argument("--llm", choices=[p.value for p in LLMProvider], default="local")
    args = parser.parse_args()
    provider = LLMProvider(args.llm) if args.model else LLMProvider.NONE
    in_process(provider, min(args.model, 30))
    if args.fresh:
        fresh(args.fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
