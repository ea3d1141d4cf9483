"""``assistant draft``: draft a declaration from a brief, or rewrite one section of a draft."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli import render
from assistant.domain.brief import example_brief, load_brief
from assistant.drafting.chain import DraftEvent
from assistant.drafting.models import Draft
from assistant.drafting.service import draft_brief, regenerate_section, section_kind
from assistant.errors import InputError
from assistant.llm.runtime import LLMRuntime
from assistant.settings import LLMProvider, load_settings

_EVENT_TEXT = {"started": "开始", "finished": "完成", "retry": "重试", "step": "检索"}


class _Progress:
    """One line per step on stderr; the model's text streams onto its section's line as it is written."""

    def __init__(self) -> None:
        self.streaming = False

    def __call__(self, event: DraftEvent) -> None:
        if event.kind == "delta":
            if not self.streaming:
                typer.echo("  ", nl=False, err=True)
            typer.echo(event.message.replace("\n", " "), nl=False, err=True)
            self.streaming = True
            return
        if self.streaming:
            typer.echo("", err=True)
            self.streaming = False
        detail = f"：{event.message}" if event.message else ""
        typer.echo(f"[{event.elapsed_s:6.1f}s] {_EVENT_TEXT.get(event.kind, event.kind)} {event.section}{detail}", err=True)


def draft(
    brief_file: Annotated[Path | None, typer.Argument(help="项目简报（YAML 或 JSON）")] = None,
    example: Annotated[bool, typer.Option("--example", help="使用内置示例简报。")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="把草稿保存为 JSON（可用 assistant check 审核）。")] = None,
    llm: Annotated[LLMProvider | None, typer.Option("--llm", help="local（内置模型）、openai（配置的接口）或 none（不用模型）。")] = None,
    section: Annotated[str | None, typer.Option("--section", help="只重写草稿中的这一部分，如 必要性。")] = None,
    instruction: Annotated[str, typer.Option("--instruction", help="重写要求，如 “更简洁”“突出数据共享”。")] = "",
    from_draft: Annotated[Path | None, typer.Option("--draft", help="要修改的草稿 JSON（默认用 -o 指定的文件）。")] = None,
) -> None:
    """根据简报起草申报表：概况、立项依据、必要性、目标和指标，每项注明出处，并附审核结果。"""
    settings = load_settings()
    if llm is not None:
        settings.llm.provider = llm
    with LLMRuntime(settings) as runtime:
        model_runtime = runtime if runtime.enabled else None
        if section:
            result = _regenerate(section, instruction, from_draft or output, settings, model_runtime, _Progress())
        else:
            brief = example_brief() if example else _brief(brief_file)
            result = draft_brief(brief, settings, model_runtime, on_event=_Progress())
    if output:
        output.write_text(result.model_dump_json(indent=2), encoding="utf-8")
        typer.echo(f"草稿已保存：{output}", err=True)
    render.console().print(render.draft_view(result))


def _brief(path: Path | None):  # noqa: ANN202 - Brief
    if path is None:
        raise InputError("请给出简报文件，或使用 --example", hint="示例：assistant draft --example -o draft.json")
    return load_brief(path)


def _regenerate(section: str, instruction: str, path: Path | None, settings, runtime, progress: _Progress) -> Draft:  # noqa: ANN001
    if path is None or not path.is_file():
        raise InputError("重写单个部分需要已有的草稿", hint="先运行 assistant draft BRIEF.yaml -o draft.json，再加 --draft draft.json")
    current = Draft.model_validate_json(path.read_text(encoding="utf-8"))
    return regenerate_section(current, section_kind(section), instruction, settings, runtime, on_event=progress)
