"""``assistant draft``: draft a declaration from a brief, or rewrite one section or the indicator table of a draft.

Every result is saved as a version in the draft store (``assistant drafts …``); ``-o`` also writes it as JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli import render
from assistant.cli.output import check_writable
from assistant.cli.wiring import open_services
from assistant.domain.brief import example_brief, load_brief
from assistant.errors import InputError
from assistant.outfile import write_whole
from assistant.services.drafting import DraftEvent, DraftingService, SavedDraft, section_kind
from assistant.services.instruction_check import unmet
from assistant.services.protect import describe_kept
from assistant.settings import LLMProvider


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
        typer.echo(f"[{event.elapsed_s:6.1f}s] {event.label} {event.section}{detail}", err=True)


def draft(
    brief_file: Annotated[Path | None, typer.Argument(help="项目简报（YAML 或 JSON）")] = None,
    example: Annotated[bool, typer.Option("--example", help="使用内置示例简报。")] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="另把草稿保存为 JSON（可用 assistant check 审核）。")
    ] = None,
    llm: Annotated[
        LLMProvider | None, typer.Option("--llm", help="local（内置模型）、openai（配置的接口）或 none（不用模型）。")
    ] = None,
    section: Annotated[str | None, typer.Option("--section", help="只重写草稿中的这一部分，如 必要性。")] = None,
    indicators: Annotated[
        bool, typer.Option("--indicators", help="重新生成指标表（保留人工修改或锁定的行）。")
    ] = False,
    instruction: Annotated[str, typer.Option("--instruction", help="重写要求，如 “更简洁”“突出数据共享”。")] = "",
    draft_id: Annotated[
        int | None, typer.Option("--id", help="草稿库中的草稿编号（见 assistant drafts list）。")
    ] = None,
    from_draft: Annotated[
        Path | None,
        typer.Option("--draft", help="要修改的草稿 JSON（草稿库中已有则接着改，否则先导入；默认用 -o 指定的文件）。"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="连人工修改或锁定的内容也重写（原文仍留在上一版）。")] = False,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed", help="重试失败的部分：只重写模型出错或超时、改用规则起草的部分，人工修改的内容不动。"
        ),
    ] = False,
) -> None:
    """根据简报起草申报表：概况、立项依据、必要性、目标和指标，每项注明出处，附审核结果，并存入草稿库。"""
    if instruction.strip() and (not section or indicators):
        raise InputError(
            "--instruction 只用于重写草稿的单个部分", hint="请同时用 --section 指定要重写的部分，如 --section 必要性"
        )
    check_writable(output)
    if output is not None and output.suffix.lower() != ".json":
        raise InputError(
            f"-o 把草稿保存为 JSON，文件名却以“{output.suffix or '（无后缀）'}”结尾：{output}",
            hint="请用 .json 文件名，如 -o draft.json；Word/Excel 请在起草后用 assistant export 草稿编号 --to docx",
        )
    unmet_lines: list[str] = []
    if retry_failed:
        _retry_failed(draft_id, llm=llm, others=bool(section or indicators or instruction.strip() or brief_file))
        return
    with open_services(llm=llm) as services:
        if section or indicators:
            saved = _regenerate(
                services.drafting,
                section=section,
                indicators=indicators,
                instruction=instruction,
                draft_id=draft_id,
                path=from_draft or output,
                force=force,
            )
            unmet_lines = _unmet(services.drafting, saved, section, instruction)
        else:
            brief = example_brief() if example else _brief(brief_file)
            saved = services.drafting.draft(brief, on_event=_Progress())
    _report(saved)
    if unmet_lines:
        typer.echo(
            "注意：改写未完全按要求：" + "；".join(unmet_lines) + "。可用 assistant drafts restore 恢复上一版。",
            err=True,
        )
    if output:
        stamped = saved.draft.stamped(saved.info.draft_id, saved.info.number)  # which draft and version it is
        write_whole(output, stamped.model_dump_json(indent=2))
        typer.echo(f"草稿已保存：{output}", err=True)
    render.console().print(render.draft_view(saved.draft))


def _retry_failed(draft_id: int | None, *, llm: LLMProvider | None, others: bool) -> None:
    """``--retry-failed``: the failed sections of stored draft ``draft_id`` asked of the model again, one version;
    exit code 1 when a section is still by rules."""
    if draft_id is None or others:
        raise InputError(
            "--retry-failed 只用于草稿库中已有的草稿，且不能与简报、--section、--indicators 或 --instruction 同用",
            hint="示例：assistant draft --id 3 --retry-failed（草稿编号见 assistant drafts list）",
        )
    with open_services(llm=llm) as services:
        retry = services.drafting.retry_failed(draft_id, on_event=_Progress())
    typer.echo(f"重试失败的部分：{retry.message()}", err=True)
    _report(retry.saved)
    render.console().print(render.draft_view(retry.saved.draft))
    if retry.failed:
        raise typer.Exit(1)


def _unmet(drafting: DraftingService, saved: SavedDraft, section: str | None, instruction: str) -> list[str]:
    """What the rewrite visibly did not do of ``instruction`` (longer when asked shorter, named content missing)."""
    if not (section and instruction.strip()) or saved.unchanged or saved.info.parent is None:
        return []
    kind = section_kind(section)
    before = drafting.store.get(saved.info.draft_id, saved.info.parent).draft.section(kind)
    after = saved.draft.section(kind)
    return unmet(instruction, before.text if before else "", after.text if after else "")


def _brief(path: Path | None):
    if path is None:
        raise InputError("请给出简报文件，或使用 --example", hint="示例：assistant draft --example -o draft.json")
    brief = load_brief(path)
    render.print_unit_notes(brief.unit_notes)
    return brief


def _regenerate(
    drafting: DraftingService,
    *,
    section: str | None,
    indicators: bool,
    instruction: str,
    draft_id: int | None,
    path: Path | None,
    force: bool,
) -> SavedDraft:
    kind = section_kind(section) if section is not None and not indicators else None
    if draft_id is None:
        if path is None or not path.is_file():
            raise InputError(
                "重写单个部分需要已有的草稿",
                hint="用 --id 指定草稿库中的草稿（assistant drafts list），或用 --draft 指定草稿 JSON",
            )
        if kind is not None:
            drafting.require_model(instruction)  # before the file is imported: a refusal saves nothing
        draft_id = _open_file(drafting, path)
    if kind is None:
        return drafting.regenerate_indicators(draft_id, force=force)
    return drafting.regenerate_section(draft_id, kind, instruction=instruction, force=force, on_event=_Progress())


def _open_file(drafting: DraftingService, path: Path) -> int:
    """The user's own draft the file is the latest version of, else the file as a new draft; says which."""
    found = drafting.own_draft_of_file(path)
    if found is not None:
        typer.echo(f"草稿文件 {path.name} 与你的草稿 {found} 的最新版相同，在草稿 {found} 上继续", err=True)
        return found
    draft_id = drafting.import_file(path).info.draft_id
    typer.echo(
        f"草稿文件 {path.name} 不是你（{drafting.author}）任何一份草稿的最新版，已导入为新草稿 {draft_id}，在其上继续",
        err=True,
    )
    return draft_id


def _report(saved: SavedDraft) -> None:
    info = saved.info
    if saved.unchanged:
        typer.echo(f"草稿 {info.draft_id}：{saved.notice}（查看：assistant drafts show {info.draft_id}）", err=True)
    else:
        typer.echo(
            f"已存入草稿库：草稿 {info.draft_id}，第 {info.number} 版（查看：assistant drafts show {info.draft_id}）",
            err=True,
        )
    if saved.kept:
        typer.echo(f"已保留人工修改或锁定的内容：{describe_kept(saved.kept)}（如需一并重写请加 --force）", err=True)
    if saved.withheld:
        typer.echo(f"{saved.withheld}（如需按建议重新加入请加 --force）", err=True)
