"""``assistant serve``: the web workspace in a browser (Gradio), on loopback unless told otherwise."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli.wiring import open_services
from assistant.settings import LLMProvider


def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址；默认只在本机（127.0.0.1），0.0.0.0 对局域网开放。")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口。")] = 7860,
    llm: Annotated[LLMProvider | None, typer.Option("--llm", help="local（内置模型）、openai（配置的接口）或 none（不用模型）。")] = None,
) -> None:
    """启动网页工作台：起草、版本、指标推荐、问答、语料库。浏览器打开 http://HOST:PORT 。"""
    from assistant.web.app import launch

    typer.echo(f"申报助手网页工作台：http://{host}:{port}（按 Ctrl+C 停止）", err=True)
    with open_services(llm=llm) as services:
        launch(services, host=host, port=port)
