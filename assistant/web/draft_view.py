"""The open draft on the page: its sections (editable), indicator table, review panel and status line.

`DraftView.show` renders one stored version into all of them at once, so every action that saves a
version (draft, edit, regenerate, restore) ends with the same, complete picture of what was saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import gradio as gr

from assistant.domain.model import SectionKind
from assistant.services.results import DraftConflict, DraftNotFound, Proposal, StoredVersion, VersionInfo
from assistant.services.workspace import WorkspaceService
from assistant.web import render
from assistant.web.autosave import version_tag
from assistant.web.brief_form import BriefForm, form_values
from assistant.web.context import WebContext, need_draft
from assistant.web.proposal_panel import ProposalPanel, unsaved_sections
from assistant.web.safe import text as md

if TYPE_CHECKING:
    from assistant.web.basis_editor import BasisEditor

T = TypeVar("T")
EDITABLE = (SectionKind.OVERVIEW, SectionKind.NECESSITY, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL)
Typed = str | None  # a section box's text as the page sends it; None: not sent (an API call), not checked


@dataclass
class DraftView:
    ctx: WebContext
    form: BriefForm
    drafts: gr.Dropdown
    status: gr.Markdown
    sections: dict[SectionKind, gr.Textbox]
    table: gr.Dataframe
    review: gr.Markdown
    conflict: gr.Markdown
    save: gr.Button
    save_brief: gr.Button
    proposal: ProposalPanel | None = None  # placed by the 起草 tab before any event is wired
    basis: BasisEditor | None = None  # 立项依据 and 制度保障, placed by the 起草 tab before any event is wired
    shown_version: gr.Textbox | None = None  # hidden: the version on the page, under which typed text is kept

    def outputs(self) -> list[gr.components.Component | gr.blocks.BlockContext]:
        panel = self.proposal.outputs() if self.proposal is not None else []
        basis = self.basis.outputs() if self.basis is not None else []
        return [
            self.ctx.draft_id,
            self.ctx.base,
            self.drafts,
            self.status,
            *self.sections.values(),
            self.table,
            self.review,
            self.conflict,
            *panel,
            *self.form.inputs(),
            *basis,
            *([self.shown_version] if self.shown_version is not None else []),
        ]

    def render(
        self,
        ws: WorkspaceService,
        draft_id: int,
        number: int | None = None,
        *,
        note: str = "",
        keep: tuple[str, ...] = (),
    ) -> dict:
        """Every output for version ``number`` (default the latest) of the user's draft, with its undecided proposal;
        ``keep``: editors the action did not change ("brief", "basis"), left as the page has them (typed text stays)."""
        choices = [render.draft_choice(d) for d in ws.drafts()]
        return self.show(ws.open(draft_id, number), choices, note=note, pending=ws.pending(draft_id), keep=keep)

    def show(
        self,
        stored: StoredVersion,
        choices: list[tuple[str, int]],
        *,
        note: str = "",
        pending: Proposal | None = None,
        keep: tuple[str, ...] = (),
    ) -> dict:
        """Every output for ``stored``: the page now shows exactly that version (and ``pending``, a `Proposal`, beside it),
        except the editors in ``keep``, which the action did not change: what is typed there and not saved stays."""
        info = stored.info
        updates: dict = {
            self.ctx.draft_id: info.draft_id,
            self.ctx.base: info.number,
            self.drafts: gr.Dropdown(choices=choices, value=info.draft_id),
            self.status: self.status_line(info, note),
            self.table: render.indicator_rows(stored),
            self.review: render.review_panel(stored.draft.review),
            self.conflict: "",
        }
        for kind, box in self.sections.items():
            section = stored.draft.section(kind)
            updates[box] = gr.Textbox(value=section.text if section else "", label=render.section_label(stored, kind))
        form = [gr.skip()] * len(self.form.inputs()) if "brief" in keep else form_values(stored.draft.brief)
        updates.update(zip(self.form.inputs(), form, strict=True))
        if self.proposal is not None:
            updates.update(self.proposal.shown(stored, pending))
        if self.basis is not None and "basis" not in keep:
            updates.update(self.basis.shown(stored.draft))
        if self.shown_version is not None:
            updates[self.shown_version] = version_tag(info)
        return updates

    @staticmethod
    def keep_unsaved(
        ws: WorkspaceService, draft_id: int | None, base: int | None, typed: tuple[Typed, ...], doing: str
    ) -> None:
        """Refuse ``doing`` while the section boxes hold text that differs from the version the page shows (draft
        ``draft_id``, version ``base``): every action that saves or opens a version redraws the boxes."""
        if not draft_id or not base:  # the page shows no version yet (still loading): its boxes hold none
            return
        try:
            shown = ws.open(need_draft(draft_id), int(base))
        except DraftNotFound:  # gone, or another user's after signing in again: nothing of it is on the page to lose
            return
        unsaved_sections(shown, dict(zip(EDITABLE, typed, strict=True)), doing)

    def typed(self) -> list[gr.components.Component]:
        """The section boxes, the last inputs of every event that redraws them (read by `keep_unsaved`)."""
        return list(self.sections.values())

    @staticmethod
    def status_line(info: VersionInfo, note: str = "") -> str:
        status = f"**草稿 {info.draft_id} · 第 {info.number} 版**（{info.action.label} · {md(info.author, inline=True)} · {render.when(info)}）"
        return status + (f"  \n{md(note)}" if note else "")

    def conflict_shown(self, exc: DraftConflict) -> dict:
        """Only the conflict panel changes: what the person typed stays in the page, nothing is saved."""
        return {self.conflict: render.conflict_panel(exc)}


def build_view(ctx: WebContext, form: BriefForm, side: Callable[[], T], save_brief: gr.Button) -> tuple[DraftView, T]:
    """The draft's components (placed where this is called); ``side`` builds what sits beside the table;
    ``save_brief`` saves the brief form into the open draft."""
    with gr.Row():
        drafts = gr.Dropdown(label="我的草稿", choices=[], scale=3, elem_id="my-drafts", allow_custom_value=True)
        status = gr.Markdown("还没有打开草稿：填写简报后点“起草”。", elem_id="draft-status")
    conflict = gr.Markdown("", elem_id="conflict")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            sections = {
                kind: gr.Textbox(
                    label=kind.label, lines=4, max_lines=12, elem_id=f"section-{kind.value}", interactive=True
                )
                for kind in EDITABLE
            }
            save = gr.Button("保存正文修改", variant="primary", elem_id="save-sections")
        with gr.Column(scale=2):
            review = gr.Markdown("（尚未审核）", elem_id="review-panel", label="审核", container=True)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            table = gr.Dataframe(
                headers=render.INDICATOR_HEADERS,
                type="array",
                interactive=False,
                label="绩效指标（点选一行以编辑）",
                column_count=len(render.INDICATOR_HEADERS),
                wrap=True,
                elem_id="indicator-table",
                column_widths=["5%", "11%", "12%", "26%", "13%", "11%", "14%", "8%"],
            )
        with gr.Column(scale=2):
            beside = side()
    return DraftView(ctx, form, drafts, status, sections, table, review, conflict, save, save_brief), beside
