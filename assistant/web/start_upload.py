"""起草 from last year's declaration: upload a .docx/.xlsx/.txt/.json form, see what it reads as (its parse notes),
choose the declaration and the new budget year, and start a draft whose every field is marked as taken from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from assistant.domain.model import Declaration
from assistant.errors import InputError
from assistant.services.workspace import OLD_OFFICE_SUFFIXES, UPLOAD_SUFFIXES
from assistant.web import render
from assistant.web.context import WebContext
from assistant.web.draft_view import DraftView, Typed
from assistant.web.errors import guarded
from assistant.web.safe import text as md


@dataclass
class StartControls:
    file: gr.File
    choice: gr.Dropdown
    year: gr.Textbox
    button: gr.Button
    notes: gr.Markdown


def build_start() -> StartControls:
    with gr.Accordion("从上年申报表开始（上传 .docx / .xlsx / .txt / .json）", open=False, elem_id="start-upload-box"):
        with gr.Row(equal_height=False):
            file = gr.File(
                label="上年的申报表",
                file_types=[*UPLOAD_SUFFIXES, *OLD_OFFICE_SUFFIXES],
                elem_id="start-upload",
                scale=2,
            )
            with gr.Column(scale=2):
                choice = gr.Dropdown(label="文件中的申报表", choices=[], elem_id="start-choice")
                year = gr.Textbox(label="新草稿的年度", placeholder="如 2027", elem_id="start-year")
                button = gr.Button("以此为起点新建草稿", variant="primary", elem_id="start-from-upload")
        notes = gr.Markdown("", elem_id="start-notes")
    return StartControls(file, choice, year, button, notes)


def wire_start(ctx: WebContext, view: DraftView, controls: StartControls) -> None:
    @guarded
    def preview(path: str | None, request: gr.Request) -> list:
        if not path:
            return [gr.Dropdown(choices=[], value=None), "", ""]
        found = ctx.workspace(request).read_upload(Path(path))
        choices = [(f"{n}. {d.header.name}（{d.header.year or '年度未写'}）", n) for n, d in enumerate(found, start=1)]
        year = found[0].header.year
        summary = f"“{md(Path(path).name, inline=True)}”中解析出 {len(found)} 份申报表。请选择一份，确认新草稿的年度，再点“以此为起点新建草稿”。"
        return [gr.Dropdown(choices=choices, value=1), str(year + 1) if year else "", summary + "\n\n" + _notes(found)]

    @guarded
    def start(
        request: gr.Request,
        path: str | None,
        choice: int | None,
        year: str,
        shown: int | None = None,
        base: int | None = None,
        overview: Typed = None,
        necessity: Typed = None,
        goal_total: Typed = None,
        goal_annual: Typed = None,
    ) -> dict:
        if not path:
            raise InputError("还没有上传申报表", hint="请先上传上年的申报表（.docx、.xlsx、.txt 或 .json）")
        ws = ctx.workspace(request)
        view.keep_unsaved(ws, shown, base, (overview, necessity, goal_total, goal_annual), "新建草稿")
        started = ws.start_from_upload(Path(path), choice=int(choice or 1), year=_year(year))
        info = started.saved.info
        note = "已从上传的申报表新建草稿：各部分和指标标为“取自上传的申报表”，审核已运行；请按本年度修改。"
        carried = "".join(f"\n- {md(n, inline=True)}" for n in started.notes) or "\n- 无"
        notes = f"**沿用说明**：{carried}\n\n{render.notes_markdown(started.source)}"
        if started.rollover is not None:
            notes = (
                "上年的日期和正文、指标中的年份已按新年度改写为一条建议（见下方“跨年度顺延”），采纳后才保存。\n\n"
                + notes
            )
        return {**view.render(ws, info.draft_id, info.number, note=note), controls.notes: notes}

    controls.file.upload(
        preview, controls.file, [controls.choice, controls.year, controls.notes], api_name="start_preview"
    )
    controls.button.click(
        start,
        [controls.file, controls.choice, controls.year, ctx.draft_id, ctx.base, *view.typed()],
        [*view.outputs(), controls.notes],
        api_name="start_from_upload",
    )


def _notes(found: list[Declaration]) -> str:
    return "\n\n".join(
        f"**{n}. {md(d.header.name, inline=True)}**：{render.notes_markdown(d)}" for n, d in enumerate(found, start=1)
    )


def _year(text: str | None) -> int | None:
    """The year box: empty (keep the file's year) or a budget year written in ASCII digits, 2000–2100."""
    written = (text or "").strip().removesuffix("年").strip()
    if not written:
        return None
    if not (written.isascii() and written.isdigit() and len(written) == 4 and 2000 <= int(written) <= 2100):
        raise InputError(
            f"“新草稿的年度”一栏填的“{text}”不是 2000–2100 之间的年份",
            hint="请在该栏写 4 位数字，如 2027；留空则沿用上传文件中的年度",
        )
    return int(written)
