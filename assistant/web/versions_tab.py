"""版本: the open draft's history, the difference between two versions, restoring one, each field's provenance."""

from __future__ import annotations

import gradio as gr

from assistant.errors import InputError
from assistant.services.results import DraftConflict
from assistant.services.workspace import WorkspaceService
from assistant.web import render
from assistant.web.context import WebContext, need_base, need_draft, whole_number
from assistant.web.draft_view import DraftView, Typed
from assistant.web.errors import guarded
from assistant.web.safe import text as md

HISTORY_HEADERS = ["版本", "上一版", "操作", "部分", "要求", "作者", "时间"]
PROVENANCE_HEADERS = ["字段", "来源", "锁定", "作者", "时间", "内容（开头）"]
PROPOSAL_HEADERS = ["编号", "基于第几版", "部分", "要求", "结果", "存为第几版", "作者", "时间", "建议内容（开头）"]


def build_versions_tab(ctx: WebContext, view: DraftView, tab: gr.Tab) -> None:
    """The tab's components; opening the tab shows the open draft's history."""
    with gr.Row():
        refresh = gr.Button("刷新", size="sm", scale=0, elem_id="versions-refresh")
        heading = gr.Markdown("", elem_id="versions-heading")
    history = gr.Dataframe(
        headers=HISTORY_HEADERS,
        type="array",
        interactive=False,
        label="版本历史（最新在上）",
        column_count=len(HISTORY_HEADERS),
        elem_id="history-table",
        wrap=True,
    )
    with gr.Row():
        first = gr.Number(label="比较：较早版本", precision=0, value=1, min_width=100)
        second = gr.Number(label="较晚版本", precision=0, value=1, min_width=100)
        compare = gr.Button("比较", min_width=80, elem_id="versions-compare")
        target = gr.Number(label="恢复第几版", precision=0, value=1, min_width=100)
        restore = gr.Button("恢复为最新版", variant="stop", min_width=80, elem_id="restore")
    diff = gr.Dataframe(
        headers=["字段", "较早版本", "较晚版本"],
        type="array",
        interactive=False,
        label="两版不同之处",
        elem_id="diff-table",
        column_count=3,
        wrap=True,
        column_widths=["14%", "43%", "43%"],
    )
    provenance = gr.Dataframe(
        headers=PROVENANCE_HEADERS,
        type="array",
        interactive=False,
        wrap=True,
        label="当前版本各字段的来源（模型起草 / 模型按要求改写 / 人工修改 / 模板/规则 / 取自简报 / 先例 / 取自政策库 / 取自上传的申报表）",
        column_count=len(PROVENANCE_HEADERS),
        elem_id="provenance-table",
    )
    proposals = gr.Dataframe(
        headers=PROPOSAL_HEADERS,
        type="array",
        interactive=False,
        wrap=True,
        elem_id="proposals-table",
        label="重新生成的建议记录（已采纳、未采纳或待决定，最新在上）",
        column_count=len(PROPOSAL_HEADERS),
    )

    @guarded
    def load(draft_id: int | None, request: gr.Request) -> list:
        ws = ctx.workspace(request)
        if not draft_id:
            return ["还没有打开草稿。", [], [], 1, 1, []]
        stored = ws.open(int(draft_id))
        versions = ws.history(int(draft_id))
        title = f"**草稿 {draft_id} · {md(stored.draft.brief.name, inline=True)}** · 共 {len(versions)} 版，最新为第 {stored.number} 版"
        return [
            title,
            render.history_rows(versions),
            render.provenance_rows(stored),
            max(stored.number - 1, 1),
            stored.number,
            render.proposal_rows(ws.proposals(int(draft_id))),
        ]

    @guarded
    def compare_versions(
        draft_id: int | None, first: float | None, second: float | None, request: gr.Request
    ) -> list[list[str]]:
        a, b = _version(first, "较早版本"), _version(second, "较晚版本")
        ws, draft = ctx.workspace(request), need_draft(draft_id)
        _existing(ws, draft, a, "较早版本")
        _existing(ws, draft, b, "较晚版本")
        changes = ws.diff(draft, a, b)
        if not changes:
            gr.Info(f"第 {a} 版与第 {b} 版内容相同。", title="提示")
        return render.diff_rows(changes)

    @guarded
    def restore_version(
        request: gr.Request,
        draft_id: int | None,
        base: int | None,
        number: float,
        overview: Typed = None,
        necessity: Typed = None,
        goal_total: Typed = None,
        goal_annual: Typed = None,
    ) -> dict:
        ws = ctx.workspace(request)
        view.keep_unsaved(ws, draft_id, base, (overview, necessity, goal_total, goal_annual), "恢复旧版本")
        number = _version(number, "恢复第几版")
        _existing(ws, need_draft(draft_id), number, "恢复第几版")
        try:
            saved = ws.restore(need_draft(draft_id), number, base=need_base(base))
        except DraftConflict as exc:
            return view.conflict_shown(exc)
        return view.render(ws, saved.info.draft_id, saved.info.number, note=f"已把第 {number} 版恢复为最新版。")

    outputs = [heading, history, provenance, first, second, proposals]
    refresh.click(load, [ctx.draft_id], outputs, api_name="history")
    compare.click(compare_versions, [ctx.draft_id, first, second], diff, api_name="diff")
    restore.click(
        restore_version, [ctx.draft_id, ctx.base, target, *view.typed()], view.outputs(), api_name="restore"
    ).then(load, [ctx.draft_id], outputs)
    tab.select(load, [ctx.draft_id], outputs)


def _version(value: float | None, box: str) -> int:
    return whole_number(value, what=f"“{box}”一栏的版本号", hint="请填写版本号（整数，见上方版本历史的“版本”列）")


def _existing(ws: WorkspaceService, draft_id: int, number: int, box: str) -> None:
    """A version the draft has; another number is refused saying which versions there are and where to see them
    (the store's own message points to a command, which a person on the page cannot run)."""
    if not ws.has_version(draft_id, number):
        latest = ws.open(draft_id).number
        raise InputError(
            f"草稿 {draft_id} 没有第 {number} 版（“{box}”一栏；共 {latest} 版）",
            hint=f"请填写 1 到 {latest} 之间的版本号（见上方版本历史的“版本”列）",
        )
