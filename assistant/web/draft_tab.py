"""起草: the brief as a form → a draft streamed in section by section → edited, reviewed, regenerated, exported."""

from __future__ import annotations

import queue
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.domain.brief import example_brief
from assistant.domain.model import SectionKind
from assistant.errors import AssistantError
from assistant.services.drafting import SavedDraft
from assistant.services.export import ExportFormat
from assistant.services.results import RULES_MODEL, Draft, DraftConflict, DraftEvent, NoteKind, failed_sections
from assistant.services.workspace import WorkspaceService
from assistant.web.autosave import Autosave, build_autosave
from assistant.web.basis_editor import build_basis_editor, wire_basis_editor
from assistant.web.brief_form import build_form, form_checks, form_values, import_brief, read_form
from assistant.web.context import WebContext, need_base, need_draft
from assistant.web.draft_view import EDITABLE, DraftView, Typed, build_view
from assistant.web.errors import guarded, page_error
from assistant.web.indicator_editor import build_editor, wire_editor
from assistant.web.model_state import model_state
from assistant.web.proposal_panel import build_panel
from assistant.web.proposals import Regenerate, wire_proposals
from assistant.web.safe import text as md
from assistant.web.start_upload import build_start, wire_start

WRITERS = {"local": "内置模型", "openai": "接口模型", "none": "按规则"}
EXPORT_FORMATS = [("Word（.docx）", "docx"), ("Excel（.xlsx）", "xlsx"), ("草稿 JSON", "json")]


class DraftStopped(AssistantError):
    """The person pressed 停止: drafting ends at the next event; nothing half-made is saved."""


def build_draft_tab(ctx: WebContext) -> tuple[DraftView, Autosave]:
    autosave = build_autosave()
    with gr.Accordion("项目简报", open=True):
        with gr.Row():
            example = gr.Button("载入示例简报", size="sm", elem_id="load-example")
            upload = gr.UploadButton(
                "导入简报（YAML/JSON）", file_types=[".yaml", ".yml", ".json"], size="sm", elem_id="import-brief"
            )
        start = build_start()
        form = build_form()
        with gr.Row():
            rules = gr.Checkbox(
                label="不用模型，按规则起草（模型不可用时）", value=False, elem_id="rules-only", scale=1
            )
            begin = gr.Button("起草", variant="primary", elem_id="start-draft", scale=2)
            save_brief = gr.Button("保存简报修改到当前草稿", elem_id="save-brief", scale=2)
            stop = gr.Button("停止", variant="stop", elem_id="stop-draft", scale=1)
    progress = gr.Markdown("", elem_id="draft-progress")
    retry = gr.Button("重试：用模型重新起草", visible=False, elem_id="retry-draft", size="sm")
    view, editor = build_view(ctx, form, build_editor, save_brief)
    with gr.Accordion("重新生成（模型的建议显示在下方，采纳后才保存）", open=False, elem_id="regen-box"):
        with gr.Row():
            kind = gr.Dropdown([(k.label, k.value) for k in EDITABLE], value=EDITABLE[1].value, label="部分", scale=1)
            instruction = gr.Textbox(label="重写要求（可空）", placeholder="如：更简洁；突出数据共享", scale=3)
            force = gr.Checkbox(label="覆盖人工修改或锁定的内容", value=False, scale=1, elem_id="regenerate-force")
            regen = gr.Button("重新生成", scale=1, elem_id="regenerate")
        with gr.Row():
            retry_failed = gr.Button(
                "重试失败的部分（只重写模型出错或超时、按规则起草的部分，人工修改的不动）",
                size="sm",
                elem_id="retry-failed",
            )
        with gr.Row():
            lock = gr.Button("锁定此部分（重新生成时保留）", size="sm", elem_id="lock-section")
            unlock = gr.Button("解锁此部分", size="sm", elem_id="unlock-section")
        with gr.Row():
            regen_table = gr.Button("重新生成指标表（保留人工修改或锁定的行）", elem_id="regenerate-table", scale=2)
            force_table = gr.Checkbox(
                label="也重写人工修改或锁定的行", value=False, elem_id="regenerate-table-force", scale=1
            )
    view.proposal = panel = build_panel()
    policies = ctx.services.scope.current().policies
    view.basis = basis = build_basis_editor(policies)
    view.shown_version = autosave.shown
    autosave.fields.update({f"brief.{n}": c for n, c in enumerate(form.inputs())})
    autosave.fields.update({f"section.{kind.value}": box for kind, box in view.sections.items()})
    autosave.fields.update({"basis": basis.basis, "safeguards": basis.safeguards})
    autosave.track()
    with gr.Row():
        fmt = gr.Radio(EXPORT_FORMATS, value="docx", label="导出格式", scale=2)
        export = gr.Button("导出", elem_id="export", scale=1)
        exported = gr.File(label="下载", elem_id="export-file", scale=2)

    example.click(lambda: form_values(example_brief()), None, form.inputs(), api_name="load_example")
    upload.upload(guarded(lambda f: form_values(import_brief(f))), upload, form.inputs(), api_name="import_brief")
    # drafting takes the brief and streams, so the unsaved-text check runs first, as its own step
    checked = begin.click(
        _unsaved_checker(ctx, view, "起草新草稿"),
        [ctx.draft_id, ctx.base, *view.typed()],
        None,
        api_visibility="private",
    )
    drafter = _drafter(ctx, view, progress, retry)
    shown = [progress, *view.outputs(), retry, *([ctx.model_state] if ctx.model_state is not None else [])]
    drafting = checked.success(drafter, [rules, *form.inputs()], shown, api_name="draft", validator=form_checks(1))
    retried = retry.click(
        _unsaved_checker(ctx, view, "重新起草"), [ctx.draft_id, ctx.base, *view.typed()], None, api_visibility="private"
    ).success(drafter, [rules, *form.inputs()], shown, api_visibility="private")
    stop.click(lambda: "已停止：未完成的草稿没有保存。", None, progress, cancels=[drafting, retried])
    view.save_brief.click(
        _brief_saver(ctx, view),
        [ctx.draft_id, ctx.base, *form.inputs()],
        view.outputs(),
        api_name="save_brief",
        validator=form_checks(2),
    )
    view.save.click(
        _section_saver(ctx, view),
        [ctx.draft_id, ctx.base, *view.sections.values()],
        view.outputs(),
        api_name="save_sections",
    )
    retry_failed.click(
        _unsaved_checker(ctx, view, "重试失败的部分"),
        [ctx.draft_id, ctx.base, *view.typed()],
        None,
        api_visibility="private",
    ).success(_failed_retrier(ctx, view), [ctx.draft_id, ctx.base], view.outputs(), api_name="retry_failed")
    wire_proposals(ctx, view, panel, Regenerate(kind, instruction, force, regen, rules, regen_table, force_table))
    for button, locked in ((lock, True), (unlock, False)):
        button.click(
            _section_locker(ctx, view, locked=locked),
            [ctx.draft_id, ctx.base, kind, *view.typed()],
            view.outputs(),
            api_name="lock_section" if locked else "unlock_section",
        )
    export.click(_exporter(ctx), [ctx.draft_id, ctx.base, fmt], exported, api_name="export")
    view.drafts.input(
        _opener(ctx, view), [view.drafts, ctx.draft_id, ctx.base, *view.typed()], view.outputs(), api_name="open_draft"
    )
    wire_editor(editor, view)
    wire_basis_editor(basis, view, policies)
    wire_start(ctx, view, start)
    return view, autosave


def _shown(
    ws: WorkspaceService, view: DraftView, saved: SavedDraft, note: str = "", keep: tuple[str, ...] = ()
) -> dict:
    return view.render(ws, saved.info.draft_id, saved.info.number, note=note, keep=keep)


def _opener(ctx: WebContext, view: DraftView):
    @guarded
    def open_draft(
        request: gr.Request,
        draft_id: int | None,
        shown: int | None = None,
        base: int | None = None,
        overview: Typed = None,
        necessity: Typed = None,
        goal_total: Typed = None,
        goal_annual: Typed = None,
    ) -> dict:
        ws = ctx.workspace(request)
        wanted = need_draft(draft_id)
        view.keep_unsaved(ws, shown, base, (overview, necessity, goal_total, goal_annual), "打开其他草稿")
        return view.render(ws, wanted)

    return open_draft


def _unsaved_checker(ctx: WebContext, view: DraftView, doing: str):
    @guarded
    def check(request: gr.Request, draft_id: int | None, base: int | None, *typed: Typed) -> None:
        view.keep_unsaved(ctx.workspace(request), draft_id, base, typed, doing)

    return check


def _drafter(ctx: WebContext, view: DraftView, progress: gr.Markdown, retry: gr.Button):
    def run(request: gr.Request, rules_only: bool, *values: object) -> Iterator[dict]:
        brief = read_form(*values)
        ws = ctx.workspace(request, rules_only=bool(rules_only))
        events: queue.Queue[DraftEvent | None] = queue.Queue()
        stop, outcome = threading.Event(), dict[str, Any]()

        def on_event(event: DraftEvent) -> None:
            if stop.is_set():
                raise DraftStopped("起草已停止")
            events.put(event)

        def work() -> None:
            try:
                outcome["saved"] = ws.draft(brief, on_event=on_event)
            except Exception as exc:
                outcome["error"] = exc
            finally:
                events.put(None)

        threading.Thread(target=work, daemon=True, name="web-draft").start()
        log: list[str] = []
        live: dict[str, str] = {}
        try:
            while (event := events.get()) is not None:
                _record(event, log, live)
                yield {progress: _progress(log, live), retry: gr.Button(visible=False)}
        finally:
            stop.set()
        if "error" in outcome:  # what was streamed stays on the page; the draft open before stays open
            yield {progress: _progress(log, live) + "\n\n**注意：起草中断，未保存新草稿**；上面是中断前已生成的文字。"}
            raise page_error(outcome["error"])
        saved = outcome["saved"]
        fallback = model_fallback(saved.draft, wanted=ws.drafting.runtime.enabled)
        if fallback:
            done = f"\n\n**注意：模型未能使用，本稿按规则起草**（{fallback}）。已存入草稿库；可点“重试”再用模型起草。"
            gr.Warning(f"模型未能使用，本稿按规则起草：{fallback}", title="按规则起草")
        else:
            done = f"\n\n起草完成（{WRITERS.get(saved.draft.provider, saved.draft.provider)}），已存入草稿库。"
            done += _failed_note(saved.draft)
        final = {
            progress: _progress(log, {}) + done,
            retry: gr.Button(visible=bool(fallback)),
            **_shown(ws, view, saved),
        }
        if ctx.model_state is not None:  # the model may have started (or failed to) during this draft
            final[ctx.model_state] = model_state(ctx.services.runtime)
        yield final

    return guarded(run)


def model_fallback(draft: Draft, *, wanted: bool) -> str:
    """Why a draft meant for a model was written by rules (its first note saying so), or "" when it was not."""
    if not wanted:
        return ""
    notes = [n.message for n in draft.notes if n.kind is NoteKind.RULES_ONLY]
    if draft.model != RULES_MODEL and not notes:
        return ""
    return notes[0][:300] if notes else "语言模型未能使用"


def _brief_saver(ctx: WebContext, view: DraftView):
    @guarded
    def save(request: gr.Request, draft_id: int | None, base: int | None, *values: object) -> dict:
        ws = ctx.workspace(request)
        draft = need_draft(draft_id)
        try:
            saved, proposal = ws.save_brief(draft, read_form(*values), base=need_base(base))
        except DraftConflict as exc:
            return view.conflict_shown(exc)
        note = saved.notice or f"已保存简报修改（{saved.info.section or ''}），标为“人工修改”，审核已重新运行。"
        if proposal is not None:
            note += "资金已修改：成本指标按新金额重算的建议显示在下方，采纳后才保存。"
        return _shown(ws, view, saved, note=note, keep=("basis",))

    return save


def _failed_retrier(ctx: WebContext, view: DraftView):
    @guarded
    def retry(request: gr.Request, draft_id: int | None, base: int | None) -> dict:
        ws = ctx.workspace(request)
        try:
            outcome = ws.retry_failed(need_draft(draft_id), base=need_base(base), on_event=lambda _e: None)
        except DraftConflict as exc:
            return view.conflict_shown(exc)
        note = "重试失败的部分：" + outcome.message()
        if outcome.failed:
            gr.Warning(note, title="仍有部分未能由模型重写")
        return _shown(ws, view, outcome.saved, note=note)

    return retry


def _failed_note(draft: Draft) -> str:
    """What the model did not write (a fault, or no usable reply), and how to retry just those sections."""
    failed = failed_sections(draft)
    if not failed or draft.provider == "none":
        return ""
    names = "、".join(kind.label for kind in failed)
    return (
        f"\n\n**注意：**语言模型出错或未给出可用的文字：{names} 已按规则起草（标为“模板/规则”），其余部分是模型写的。"
        "可在下方“重新生成”中点“重试失败的部分”一并重试（人工修改的部分不动），或对某一部分点“重新生成”。"
    )


def _record(event: DraftEvent, log: list[str], live: dict[str, str]) -> None:
    """Text deltas (``kind == "delta"``, as the model writes) gather per section; every other event is one line of the log."""
    if event.kind == "delta":
        live[event.section] = live.get(event.section, "") + event.message
        return
    detail = f"：{md(event.message, inline=True)}" if event.message else ""
    kind = event.label
    log.append(f"- [{event.elapsed_s:5.1f} 秒] {kind} {md(event.section, inline=True)}{detail}")
    if event.kind == "finished":
        live.pop(event.section, None)


def _progress(log: list[str], live: dict[str, str]) -> str:
    text = "**起草进度**\n\n" + "\n".join(log[-12:])
    for section, tokens in live.items():
        text += f"\n\n> **{md(section, inline=True)}**（生成中）：{md(tokens[-600:], inline=True)}"
    return text


def _section_saver(ctx: WebContext, view: DraftView):
    @guarded
    def save(request: gr.Request, draft_id: int | None, base: int | None, *texts: str) -> dict:
        ws = ctx.workspace(request)
        draft = need_draft(draft_id)
        try:
            saved = ws.save_sections(draft, dict(zip(EDITABLE, texts, strict=True)), base=need_base(base))
        except DraftConflict as exc:
            return view.conflict_shown(exc)
        note = saved.notice or "已保存：改动的部分标为“人工修改”，审核已重新运行。"
        if saved.unchanged:  # the person may have meant the brief form: it has its own button
            note += "。表头、资金、日期、实施计划和项目构成的修改请点“保存简报修改到当前草稿”"
        return _shown(ws, view, saved, note=note, keep=("brief", "basis"))

    return save


def _section_locker(ctx: WebContext, view: DraftView, *, locked: bool):
    @guarded
    def lock(
        request: gr.Request,
        draft_id: int | None,
        base: int | None,
        kind: str,
        overview: Typed = None,
        necessity: Typed = None,
        goal_total: Typed = None,
        goal_annual: Typed = None,
    ) -> dict:
        ws = ctx.workspace(request)
        view.keep_unsaved(ws, draft_id, base, (overview, necessity, goal_total, goal_annual), "锁定或解锁")
        try:
            saved = ws.lock_section(need_draft(draft_id), SectionKind(kind), locked=locked, base=need_base(base))
        except DraftConflict as exc:
            return view.conflict_shown(exc)
        note = f"已{'锁定' if locked else '解锁'}“{SectionKind(kind).label}”。"
        return _shown(ws, view, saved, note=note, keep=("brief", "basis"))

    return lock


def _exporter(ctx: WebContext):
    @guarded
    def export(draft_id: int | None, base: int | None, fmt: str, request: gr.Request) -> str:
        ws = ctx.workspace(request)
        if ctx.exports is None:  # a context built without a registry (tests of single handlers)
            return str(ws.export(need_draft(draft_id), ExportFormat(fmt), Path(tempfile.mkdtemp()), number=base))
        written = ws.export(need_draft(draft_id), ExportFormat(fmt), ctx.exports.folder(), number=base)
        return str(ctx.exports.register(written, ctx.user(request) or ctx.services.author))

    return export
