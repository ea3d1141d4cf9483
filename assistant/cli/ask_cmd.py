"""``assistant ask`` and ``assistant chat``: questions over past declarations, answered with citations."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from assistant.cli.wiring import open_services
from assistant.errors import InputError
from assistant.services.answering import require_question
from assistant.services.results import Answer, Conversation
from assistant.settings import LLMProvider

JsonFlag = Annotated[bool, typer.Option("--json", help="输出 JSON，供程序读取。")]
VerboseFlag = Annotated[
    bool, typer.Option("--verbose", "-v", help="在标准错误输出上显示问题是如何理解的（诊断信息，不进入回答）。")
]
LLMOption = Annotated[
    LLMProvider | None,
    typer.Option("--llm", help="语言模型：local、openai 或 none（不用模型，只走结构化查询与原文摘录）；默认按设置。"),
]


def ask(
    question: Annotated[str, typer.Argument(help="问题，如 “2023年组织部各项目资金合计多少？”")],
    as_json: JsonFlag = False,
    llm: LLMOption = None,
    verbose: VerboseFlag = False,
) -> None:
    """就历年申报表提问：数字由程序精确计算，每条回答都注明出处 [项目名称 · 年度 · 部分]。"""
    require_question(question)  # before the services start: an empty question needs no corpus or model
    with _diagnostics(verbose), open_services(llm=llm) as services:
        result = services.qa.answer(question, Conversation())
    _show(result, as_json=as_json)


def chat(as_json: JsonFlag = False, llm: LLMOption = None, verbose: VerboseFlag = False) -> None:
    """在终端连续提问（可追问“那2026年的呢？”）；空行或 Ctrl-D 结束。"""
    conversation = Conversation()
    with _diagnostics(verbose), open_services(llm=llm) as services:
        threading.Thread(target=services.qa.warm, daemon=True, name="model-warm").start()
        while question := _read_line():
            try:
                _show(services.qa.answer(question, conversation), as_json=as_json)
            except InputError as error:  # a line of punctuation only: say so and keep the conversation
                typer.echo(f"{error.message}{error.hint or ''}", err=True)


@contextmanager
def _diagnostics(verbose: bool) -> Iterator[None]:
    """How each question was read (and why the model was or was not asked) goes to stderr with --verbose only."""
    if not verbose:
        yield
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("［诊断］%(message)s"))
    qa_log = logging.getLogger("assistant.qa")
    level = qa_log.level
    qa_log.addHandler(handler)
    qa_log.setLevel(logging.INFO)
    try:
        yield
    finally:
        qa_log.removeHandler(handler)
        qa_log.setLevel(level)


def _read_line() -> str:
    try:
        return input("问：").strip()
    except EOFError:
        return ""


def _show(result: Answer, *, as_json: bool) -> None:
    if as_json:
        payload = result.model_dump(mode="json")
        payload["citation_labels"] = [citation.label for citation in result.citations]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    typer.echo(result.text)
    for note in result.notes:
        if note not in result.text:
            typer.echo(f"（{note}）")
    typer.echo("")
