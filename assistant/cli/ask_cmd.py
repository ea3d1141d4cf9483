"""``assistant ask`` and ``assistant chat``: questions over past declarations, answered with citations."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from assistant.llm.runtime import LLMRuntime
from assistant.qa.conversation import Conversation
from assistant.qa.models import Answer
from assistant.qa.service import answer
from assistant.settings import LLMProvider, Settings, load_settings

JsonFlag = Annotated[bool, typer.Option("--json", help="输出 JSON，供程序读取。")]
LLMOption = Annotated[
    LLMProvider | None,
    typer.Option("--llm", help="语言模型：local、openai 或 none（不用模型，只走结构化查询与原文摘录）；默认按设置。"),
]


def _settings(llm: LLMProvider | None) -> Settings:
    settings = load_settings()
    if llm is not None:
        settings.llm.provider = llm
    return settings


def ask(
    question: Annotated[str, typer.Argument(help="问题，如 “2023年组织部各项目资金合计多少？”")],
    as_json: JsonFlag = False,
    llm: LLMOption = None,
) -> None:
    """就历年申报表提问：数字由程序精确计算，每条回答都注明出处 [项目名称 · 年度 · 部分]。"""
    settings = _settings(llm)
    with LLMRuntime(settings) as runtime:
        result = answer(question, Conversation(), settings, runtime)
    _show(result, as_json=as_json)


def chat(as_json: JsonFlag = False, llm: LLMOption = None) -> None:
    """在终端连续提问（可追问“那2026年的呢？”）；空行或 Ctrl-D 结束。"""
    settings = _settings(llm)
    conversation = Conversation()
    with LLMRuntime(settings) as runtime:
        while question := _read_line():
            _show(answer(question, conversation, settings, runtime), as_json=as_json)


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
