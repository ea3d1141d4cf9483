"""The model's proposal beside the current text: 重新生成 (a section) or 重新生成指标表 makes a proposal, shown
here until the person accepts it (saved as a new version) or rejects it (the text stays as it was).

Nothing here touches the section boxes, so text typed and not yet saved stays on the page while a proposal
is made or rejected; accepting refuses while the page holds unsaved text (it would replace it).
"""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from assistant.domain.model import SectionKind
from assistant.errors import InputError
from assistant.services.instruction_check import unmet
from assistant.services.protect import describe_kept
from assistant.services.results import (
    INDICATOR_TABLE,
    ROLLOVER_TARGET,
    DraftIndicator,
    Proposal,
    StoredVersion,
    field_label,
    field_texts,
)
from assistant.web.safe import text as md

TABLE_HEADERS = ["行", "当前指标", "建议指标", "变化"]


@dataclass
class ProposalPanel:
    box: gr.Group
    heading: gr.Markdown
    texts: gr.Row
    current: gr.Textbox
    proposed: gr.Textbox
    table: gr.Dataframe
    proposal_id: gr.Textbox  # hidden: the proposal the buttons act on
    accept: gr.Button
    reject: gr.Button

    def outputs(self) -> list[gr.components.Component | gr.blocks.BlockContext]:
        return [self.box, self.heading, self.texts, self.current, self.proposed, self.table, self.proposal_id]

    def shown(self, stored: StoredVersion, proposal: Proposal | None) -> dict:
        """The panel for the draft's undecided ``proposal`` beside the version the page shows; hidden when there is none."""
        if proposal is None or proposal.base > stored.number:
            return self.hidden()
        if proposal.target == ROLLOVER_TARGET:
            return self._fields(stored, proposal)
        section = proposal.target != INDICATOR_TABLE
        kind = SectionKind(proposal.target.removeprefix("section.")) if section else None
        unmet_lines = (
            unmet(proposal.instruction or "", _section_text(stored.draft, kind), _section_text(proposal.draft, kind))
            if kind is not None
            else []
        )
        title = heading(proposal, same=_unchanged(stored, proposal, kind), unmet=unmet_lines)
        return {
            self.box: gr.Group(visible=True),
            self.heading: title,
            self.texts: gr.Row(visible=section),
            self.current: _section_text(stored.draft, kind),
            self.proposed: _section_text(proposal.draft, kind),
            self.table: gr.Dataframe(
                value=[] if section else table_rows(stored.draft.indicators, proposal), visible=not section
            ),
            self.proposal_id: str(proposal.id),
        }

    def _fields(self, stored: StoredVersion, proposal: Proposal) -> dict:
        """A proposal over several fields (跨年度顺延): each changed field, as it is and as proposed, one per row."""
        before, after = field_texts(stored.draft), field_texts(proposal.draft)
        rows = [[field_label(p), before.get(p, ""), text, "替换"] for p, text in after.items() if before.get(p) != text]
        return {
            self.box: gr.Group(visible=True),
            self.heading: heading(proposal, same=not rows),
            self.texts: gr.Row(visible=False),
            self.current: "",
            self.proposed: "",
            self.table: gr.Dataframe(value=rows, visible=True),
            self.proposal_id: str(proposal.id),
        }

    def hidden(self) -> dict:
        return {
            self.box: gr.Group(visible=False),
            self.heading: "",
            self.texts: gr.Row(visible=True),
            self.current: "",
            self.proposed: "",
            self.table: gr.Dataframe(value=[], visible=False),
            self.proposal_id: "",
        }


def build_panel() -> ProposalPanel:
    with gr.Group(visible=False, elem_id="proposal-box") as box:
        heading = gr.Markdown("", elem_id="proposal-heading")
        with gr.Row() as texts:
            current = gr.Textbox(label="当前文本", lines=6, max_lines=14, interactive=False, elem_id="proposal-current")
            proposed = gr.Textbox(label="建议文本", lines=6, max_lines=14, interactive=False, elem_id="proposal-text")
        table = gr.Dataframe(
            headers=TABLE_HEADERS,
            type="array",
            interactive=False,
            wrap=True,
            column_count=len(TABLE_HEADERS),
            label="当前指标表与建议指标表",
            elem_id="proposal-table",
            visible=False,
            column_widths=["6%", "40%", "40%", "14%"],
        )
        proposal_id = gr.Textbox(
            "", elem_id="proposal-id", elem_classes=["shenbao-hidden"], show_label=False, container=False
        )
        with gr.Row():
            accept = gr.Button("采纳建议（保存为新版本）", variant="primary", elem_id="proposal-accept")
            reject = gr.Button("不采纳（保留当前内容）", elem_id="proposal-reject")
    return ProposalPanel(box, heading, texts, current, proposed, table, proposal_id, accept, reject)


def heading(proposal: Proposal, *, same: bool = False, unmet: list[str] | None = None) -> str:
    asked = f"（要求：{md(proposal.instruction, inline=True)}）" if proposal.instruction else ""
    kind = "重新生成的建议"
    if proposal.instruction and proposal.instruction.startswith(("资金或项目构成已修改", "顺延到新年度")):
        kind, asked = "规则的建议", f"（{md(proposal.instruction, inline=True)}）"
    lines = [
        f"### {kind}：{md(proposal.label, inline=True)}{asked}",
        f"基于第 {proposal.base} 版生成，尚未保存。采纳：保存为新版本，来源记为“{proposal.origin.label}”；"
        "不采纳：保持当前内容。两种情况下建议都留在“版本”页的建议记录中。",
    ]
    if unmet:
        lines.append(
            "**注意：建议未完全按要求改写**——"
            + "；".join(md(u, inline=True) for u in unmet)
            + "。可不采纳，或换个说法重新生成。"
        )
    if proposal.kept:
        lines.append(f"保留了人工修改或锁定的内容：{md(describe_kept(proposal.kept), inline=True)}")
    if same:
        lines.append("建议与当前内容相同：采纳不会保存新版本，可选择不采纳；如需不同的写法，请填写重写要求后重新生成。")
    return "\n\n".join(lines)


def _unchanged(stored: StoredVersion, proposal: Proposal, kind: SectionKind | None) -> bool:
    if kind is None:
        return stored.draft.indicators == proposal.draft.indicators
    return _section_text(stored.draft, kind) == _section_text(proposal.draft, kind)


def _section_text(draft, kind: SectionKind | None) -> str:
    section = draft.section(kind) if kind is not None else None
    return section.text if section is not None else ""


def _row_text(row: DraftIndicator | None) -> str:
    return "" if row is None else f"{row.name}：{row.value.value}（{row.level1.value}/{row.level2.value}）"


def table_rows(current: list[DraftIndicator], proposal: Proposal) -> list[list[str]]:
    """Each position of the current and the proposed table side by side, with what changes there."""
    proposed = proposal.draft.indicators
    kept = {int(p.split(".")[1]) for p in proposal.kept if p.startswith("indicator.")}
    rows = []
    for n in range(1, max(len(current), len(proposed)) + 1):
        old = current[n - 1] if n <= len(current) else None
        new = proposed[n - 1] if n <= len(proposed) else None
        rows.append([str(n), _row_text(old), _row_text(new), _change(n, old, new, kept)])
    return rows


def _change(n: int, old: DraftIndicator | None, new: DraftIndicator | None, kept: set[int]) -> str:
    if n in kept:
        return "保留（人工修改或锁定）"
    if old is None:
        return "新增"
    if new is None:
        return "删除"
    return "不变" if old == new else "替换"


def unsaved_sections(stored: StoredVersion, typed: dict[SectionKind, str | None], doing: str = "采纳建议") -> None:
    """Refuse (Chinese) when the page holds text that differs from the version it shows: ``doing`` redraws the
    section boxes from the stored version and would lose it. A box sent as ``None`` (an API call without it) is not checked."""
    changed = [
        kind.label
        for kind, text in typed.items()
        if text is not None and _lines(text) != _lines(_section_text(stored.draft, kind))
    ]
    if changed:
        raise InputError(
            f"页面上有尚未保存的修改：“{'、'.join(changed)}”。{doing}会按已保存的版本刷新页面上的正文，这些修改会丢失，所以没有{doing}",
            hint=f"请先点“保存正文修改”保存，或撤销这些修改后再{doing}",
        )


def _lines(text: str) -> str:
    """A browser's text box sends line ends as \\n whatever was stored."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
