"""Record raw replies of the embedded model for the parser tests (tests/fixtures/raw_replies.json).

Run: ``PYTHONPATH=. .venv/bin/python evals/capture_raw_replies.py [--port 8793] [--threads 1] [--every 2] [--out FILE]``
(appends to the file; ids say the contract of the prompts they were recorded with: ``json-…`` for the
earlier prompts, ``text-…`` for a plain-text contract that was tried and given up).

The parser must read what the real model writes on any CPU: fenced JSON, JSON cut off by the token
limit (inside or outside a fence), prose around the object, unescaped quotes or line breaks. Sampling
differs across CPUs, so the tests replay recorded replies instead of asking a live model for them.
Each scenario below provokes one of those shapes with the drafting prompts of a real brief; every
reply is kept with its seed, token limit, finish reason and the shapes it shows.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from langchain_core.messages import BaseMessage, SystemMessage

from assistant.domain.brief import Brief, example_brief, load_brief
from assistant.domain.model import SectionKind
from assistant.drafting.context import DraftContext
from assistant.drafting.sections import DRAFTED, section_messages
from assistant.services import build_services
from assistant.services.writing import draft_context
from assistant.settings import LLMProvider, load_settings

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "raw_replies.json"


@dataclass(frozen=True)
class Scenario:
    name: str
    max_tokens: int
    instruction: str = ""
    system: str | None = None  # replaces the system prompt when set


SCENARIOS = (
    Scenario("tight_budget", max_tokens=45),  # cut off mid-sentence, like the e2e test's short sections
    Scenario("as_drafted", max_tokens=140),
    Scenario(
        "chatty",
        max_tokens=160,
        system="你是一个乐于助人的助手。先用一句话说明你的思路，再用代码块给出正文，最后补充一句说明。",
    ),
    Scenario(
        "json_habit",
        max_tokens=120,
        instruction='用 JSON 输出：{"text": "正文", "citations": ["S1"]}，正文分条写，每条一行，关键术语用英文双引号"这样"括起来',
    ),
)


def _contexts(briefs: list[tuple[str, Brief]], settings) -> dict[str, DraftContext]:
    sources = build_services(settings).scope.current()
    return {name: draft_context(brief, sources)[0] for name, brief in briefs}


def _messages(ctx: DraftContext, kind: SectionKind, scenario: Scenario) -> list[BaseMessage]:
    messages = section_messages(ctx, kind, instruction=scenario.instruction, previous="")
    if scenario.system is not None:
        messages[0] = SystemMessage(scenario.system)
    return messages


def _role(message: BaseMessage) -> str:
    return {"system": "system", "human": "user", "ai": "assistant"}[message.type]


def shapes(raw: str, finish_reason: str | None) -> list[str]:
    """The shapes a reply shows, as the tests name them."""
    body = raw.strip()
    found = []
    if body.startswith("```"):
        found.append("fenced")
    if finish_reason == "length":
        found.append("truncated")
    brace = body.find("{")
    if brace > 0 and not body.startswith("```"):
        found.append("prose_before")
    if re.search(r"[}`]\s*\S", body[body.rfind("}") :] if "}" in body else ""):
        found.append("prose_after")
    try:
        json.loads(re.sub(r"^```\w*\n?|```$", "", body).strip())
    except json.JSONDecodeError:
        found.append("invalid_json")
    return found


def capture(port: int, seeds: int, briefs: list[tuple[str, Brief]], out: Path, threads: int, every: int) -> list[dict]:
    """Every ``every``-th job of scenario × section × brief, most telling first; appended to ``out`` as it goes."""
    settings = load_settings()
    settings.llm.provider = LLMProvider.LOCAL
    settings.llm.local_port = port
    settings.llm.n_threads = threads
    contexts = _contexts(briefs, settings)
    jobs = [(name, scenario, kind) for scenario in SCENARIOS for kind in DRAFTED for name, _ in briefs]
    jobs = [job for n, job in enumerate(jobs) if n % every == 0]
    records: list[dict] = json.loads(out.read_text(encoding="utf-8"))["replies"] if out.is_file() else []
    with build_services(settings) as services, httpx.Client(timeout=1800, trust_env=False) as client:
        server = services.runtime.local_server()
        for name, scenario, kind in jobs:
            for seed in range(seeds):
                records.append(
                    _one(client, server, name, kind, scenario, _messages(contexts[name], kind, scenario), seed)
                )
                print(records[-1]["id"], records[-1]["shapes"], records[-1]["seconds"], flush=True)
                _write(out, records)
    return records


def _write(out: Path, records: list[dict]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "model": "Qwen2.5-Coder-1.5B-Instruct Q4 (embedded)",
        "captured": time.strftime("%Y-%m-%d"),
        "by": "evals/capture_raw_replies.py",
    }
    out.write_text(
        json.dumps({"meta": meta, "replies": records}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def _one(
    client: httpx.Client, server, brief_name: str, kind: SectionKind, scenario: Scenario, messages, seed: int
) -> dict:
    body = {
        "model": server.model_id,
        "messages": [{"role": _role(m), "content": m.content} for m in messages],
        "max_tokens": scenario.max_tokens,
        "temperature": 0.7,
        "seed": seed,
    }
    started = time.perf_counter()
    reply = client.post(f"{server.base_url}/chat/completions", json=body).json()
    choice = reply["choices"][0]
    raw, finish = choice["message"]["content"], choice.get("finish_reason")
    return {
        "id": f"text-{brief_name}-{scenario.name}-{kind.value}-{seed}",
        "contract": "text",
        "brief": brief_name,
        "scenario": scenario.name,
        "section": kind.value,
        "seed": seed,
        "temperature": 0.7,
        "max_tokens": scenario.max_tokens,
        "finish_reason": finish,
        "seconds": round(time.perf_counter() - started, 1),
        "shapes": shapes(raw, finish),
        "raw": raw,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8793)
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--every", type=int, default=1, help="take every n-th job only (a quick sample)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    briefs = [("example", example_brief()), ("training", load_brief(ROOT / "evals" / "briefs" / "training.yaml"))]
    records = capture(args.port, args.seeds, briefs, args.out, args.threads, args.every)
    print(f"{len(records)} replies → {args.out}")


if __name__ == "__main__":
    main()
