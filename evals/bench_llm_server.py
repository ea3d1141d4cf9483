"""Measure the embedded model path: assembly, server start to healthy, prefill and generation speed.

Run: ``.venv/bin/python evals/bench_llm_server.py [--data-dir DIR] [--max-tokens N]``.
Uses a throwaway data folder unless one is given (then an assembled model there is reused).
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.llm import LocalServer, build_chat_model, chat_call, ensure_model_file
from assistant.settings import LLMSettings, Settings

R = TypeVar("R")

PROMPT = [
    SystemMessage("你是财政项目支出绩效目标申报表的起草助手。"),
    HumanMessage("请用三句话说明“产出指标”和“效益指标”的区别，并各举一个例子。"),
]

# About 1,000 tokens of declaration-like prose, to time prefill the way drafting prompts load it.
LONG_CONTEXT = (
    "项目绩效目标：完成农村饮水安全巩固提升工程建设，受益人口不少于两万人，水质达标率达到百分之九十五以上。" * 24
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _timed(label: str, action: Callable[[], R]) -> R:
    started = time.perf_counter()
    result = action()
    print(f"{label}: {time.perf_counter() - started:.1f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--max-tokens", type=int, default=128)
    args = parser.parse_args()
    if args.data_dir is not None:
        _bench(args.data_dir, args.max_tokens)
        return
    with tempfile.TemporaryDirectory(prefix="bench-llm-") as scratch:  # the model file is 1.1 GB
        _bench(Path(scratch), args.max_tokens)


def _bench(data_dir: Path, max_tokens: int) -> None:
    llm = LLMSettings(provider="local", local_port=_free_port(), n_ctx=2048, temperature=0.0)
    settings = Settings(_env_file=None, data_dir=data_dir, llm=llm)  # type: ignore[call-arg]

    model = _timed("model file ready (assemble or reuse)", lambda: ensure_model_file(settings))
    with _timed("server start to healthy", lambda: LocalServer.from_settings(settings, model).start()) as server:
        chat = build_chat_model(settings, max_tokens=max_tokens, local_server=lambda: server)
        chat_call(chat, [HumanMessage("hi")])  # warm-up: the first request pays one-off setup
        _stream_speed(chat)
        one_token = build_chat_model(settings, max_tokens=1, local_server=lambda: server)
        prefill = chat_call(one_token, [HumanMessage(LONG_CONTEXT + "请概括以上内容。")])
        print(
            f"prefill: {prefill.usage.prompt_tokens} prompt tokens in {prefill.elapsed_s:.1f} s, "
            f"~{prefill.usage.prompt_tokens / prefill.elapsed_s:.0f} tokens/s"
        )
        reply = chat_call(chat, PROMPT[:1] + [HumanMessage("请简要介绍绩效目标申报表的用途。")])
        usage = reply.usage
        print(
            f"non-streamed call: {usage.prompt_tokens} prompt + {usage.completion_tokens} output tokens "
            f"in {reply.elapsed_s:.1f} s (usage from the response)"
        )


def _stream_speed(chat: BaseChatModel) -> None:
    # One token per streamed chunk: time to the first chunk is prefill, the rest is decoding.
    started = time.perf_counter()
    stamps: list[float] = []
    text = []
    for chunk in chat.stream(PROMPT):
        if chunk.text:
            stamps.append(time.perf_counter())
            text.append(chunk.text)
    first, last = stamps[0] - started, stamps[-1] - started
    decode = (len(stamps) - 1) / max(last - first, 1e-6)
    print(
        f"time to first token: {first:.2f} s; decode: {len(stamps)} tokens, {decode:.1f} tokens/s; total {last:.1f} s"
    )
    print(f"answer: {''.join(text)[:160]!r}")


if __name__ == "__main__":
    main()
