"""Benchmark the drafting chain: tokens per section, time to the first finished section, total time.

Run: .venv/bin/python evals/drafting_bench.py [--llm local|openai|none]
Prints one line per section and the totals; measure on a quiet machine (the local model uses both cores).
"""

from __future__ import annotations

import argparse
import time

from assistant.domain.brief import example_brief
from assistant.drafting.chain import DraftEvent
from assistant.drafting.service import draft_brief
from assistant.llm.runtime import LLMRuntime
from assistant.review.models import Severity
from assistant.settings import LLMProvider, load_settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--llm", choices=[p.value for p in LLMProvider], default="local")
    args = parser.parse_args()
    settings = load_settings()
    settings.llm.provider = LLMProvider(args.llm)
    finished: list[DraftEvent] = []
    with LLMRuntime(settings) as runtime:
        if runtime.enabled and args.llm == "local":
            start = time.perf_counter()
            runtime.local_server()
            print(f"local server ready (first load, excluded below): {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        draft = draft_brief(example_brief(), settings, runtime if runtime.enabled else None,
                            on_event=lambda e: finished.append(e) if e.kind == "finished" else None)  # fmt: skip
        total = time.perf_counter() - start
    for u in draft.usage:
        print(f"{u.section:10s} prompt {u.prompt_tokens:5d} tokens  output {u.completion_tokens:4d} tokens  {u.seconds:6.1f} s  attempts {u.attempts}")
    first = finished[0].elapsed_s if finished else float("nan")
    print(f"model: {draft.model}  first section finished: {first:.1f} s  total draft: {total:.1f} s")
    counts = "，".join(f"{s.label} {draft.review.count(s)}" for s in Severity)
    print(f"review of the draft: {counts}")


if __name__ == "__main__":
    main()
