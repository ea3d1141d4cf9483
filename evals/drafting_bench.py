"""Benchmark the drafting chain: where the time goes (prompt tokens, output tokens, retries) per section.

Run: .venv/bin/python evals/drafting_bench.py [--brief FILE] [--llm local|openai|none] [--port N]
Without --brief it drafts the bundled example brief. The local model is started and warmed first (a
one-token request pages the 1.1 GB model file in) and that time is printed apart: the figures below are
a user's wait once the model is loaded. The machine's load average is printed with them, since the
embedded model uses both cores and other work slows it down.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's assistant, not an installed one

from langchain_core.messages import HumanMessage

from assistant.domain.brief import example_brief, load_brief
from assistant.drafting.chain import DraftEvent
from assistant.llm.runtime import LLMRuntime
from assistant.review.models import Severity
from assistant.services import build_services
from assistant.services.writing import draft_brief, draft_context
from assistant.settings import LLMProvider, load_settings


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def _warm(runtime: LLMRuntime) -> None:
    start = time.perf_counter()
    runtime.local_server()
    runtime.complete([HumanMessage("你好")], max_tokens=1)
    print(f"local server started and warmed (excluded below): {time.perf_counter() - start:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--brief", type=Path, default=None, help="brief YAML/JSON (default: the bundled example)")
    parser.add_argument("--llm", choices=[p.value for p in LLMProvider], default="local")
    parser.add_argument("--port", type=int, default=None, help="local server port (default: the settings')")
    args = parser.parse_args()
    settings = load_settings()
    settings.llm.provider = LLMProvider(args.llm)
    if args.port:
        settings.llm.local_port = args.port
    brief = load_brief(args.brief) if args.brief else example_brief()
    events: list[DraftEvent] = []
    with build_services(settings) as services:
        runtime = services.runtime
        finder = services.finder() if runtime.enabled else None  # as the drafting service drafts
        context = draft_context(brief, services.scope.current(), finder=finder)
        if runtime.enabled and args.llm == "local":
            _warm(runtime)
        print(f"before: {_load()}")
        start = time.perf_counter()
        draft = draft_brief(
            brief, settings, runtime if runtime.enabled else None, context=context, on_event=events.append
        )
        total = time.perf_counter() - start
    _report(draft, events, total)


def _report(draft, events: list[DraftEvent], total: float) -> None:
    print(f"brief: {draft.brief.name}  model: {draft.model}")
    for u in draft.usage:
        print(
            f"{u.section:10s} prompt {u.prompt_tokens:5d} tokens  output {u.completion_tokens:4d} tokens  {u.seconds:6.1f} s  retries {u.attempts - 1}"
        )
    first_delta = next((e.elapsed_s for e in events if e.kind == "delta"), float("nan"))
    retries = sum(u.attempts - 1 for u in draft.usage)
    prompt = sum(u.prompt_tokens for u in draft.usage)
    output = sum(u.completion_tokens for u in draft.usage)
    model_s = sum(u.seconds for u in draft.usage)
    print(
        f"total: prompt {prompt} tokens, output {output} tokens, model {model_s:.1f} s, retries {retries}; "
        f"first token streamed at {first_delta:.1f} s; whole draft {total:.1f} s"
    )
    print(f"after: {_load()}")
    for e in (e for e in events if e.kind == "retry"):
        print(f"retry {e.section} at {e.elapsed_s:.1f} s: {e.message}")
    counts = "，".join(f"{s.label} {draft.review.count(s)}" for s in Severity)
    print(f"review of the draft: {counts}; notes: {len(draft.notes)}")
    for note in draft.notes:
        print(f"  - {note.message}{'：' + note.fragment if note.fragment else ''}")
    for section in draft.sections:
        print(f"[{section.kind.label}] {section.text}")


if __name__ == "__main__":
    main()
