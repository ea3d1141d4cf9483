"""重新生成 and 重新生成指标表 make a proposal; 采纳 saves it as a new version, 不采纳 keeps the current text.

Each handler is one service call. Making or rejecting a proposal leaves the section boxes alone, so text
typed and not yet saved is never replaced; accepting refuses while such text is on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from assistant.domain.model import SectionKind
from assistant.errors import InputError
from assistant.services.drafting import ModelRequiredError, ProtectedFieldError
from assistant.services.results import DraftConflict
from assistant.web.context import WebContext, need_base, need_draft
from assistant.web.draft_view import EDITABLE, DraftView
from assistant.web.errors import guarded
from assistant.web.proposal_panel import ProposalPanel, unsaved_sections

FORCE_HINT = (
    "如确需重写，请勾选“覆盖人工修改或锁定的内容”（指标表：“也重写人工修改或锁定的行”），重写的结果仍需你采纳才会保存"
)

MODEL_HINT = (
    "请取消勾选“不用模型，按规则起草”后重试（本服务未配置语言模型时，请管理员启用内置模型或接口模型）；"
    "清空“重写要求”则按规则重新生成"
)


@dataclass
class Regenerate:
    """The controls of the 重新生成 box."""

    kind: gr.Dropdown
    instruction: gr.Textbox
    force: gr.Checkbox
    button: gr.Button
    rules_only: gr.Checkbox
    table_button: gr.Button
    table_force: gr.Checkbox


def wire_proposals(ctx: WebContext, view: DraftView, panel: ProposalPanel, controls: Regenerate) -> None:
    shown = panel.outputs()
    controls.button.click(
        _section_proposer(ctx, panel),
        [ctx.draft_id, ctx.base, controls.kind, controls.instruction, controls.force, controls.rules_only],
        shown,
        api_name="regenerate",
    )
    controls.table_button.click(
        _table_proposer(ctx, panel), [ctx.draft_id, ctx.base, controls.table_force], shown, api_name="regenerate_table"
    )
    typed = list(view.sections.values())
    panel.accept.click(
        _accepter(ctx, view),
        [ctx.draft_id, ctx.base, panel.proposal_id, *typed],
        view.outputs(),
        api_name="accept_proposal",
    )
    panel.reject.click(
        _rejecter(ctx, view, panel),
        [ctx.draft_id, panel.proposal_id],
        [*shown, view.status],
        api_name="reject_proposal",
    )


def _refused(exc: ProtectedFieldError) -> gr.Error:
    """The service's hint names the CLI flag; say what to tick on the page instead."""
    return gr.Error(f"{exc.message}。{FORCE_HINT}", title="未重新生成")


def _section_proposer(ctx: WebContext, panel: ProposalPanel):
    @guarded
    def propose(
        draft_id: int | None,
        base: int | None,
        kind: str,
        instruction: str,
        force: bool,
        rules_only: bool,
        request: gr.Request,
    ) -> dict:
        ws = ctx.workspace(request, rules_only=bool(rules_only))
        draft = need_draft(draft_id)
        try:
            proposal = ws.propose_section(
                draft,
                SectionKind(kind),
                instruction=instruction or "",
                base=need_base(base),
                force=bool(force),
                on_event=lambda _: None,
            )
        except ProtectedFieldError as exc:
            raise _refused(exc) from None
        except ModelRequiredError as exc:  # the service's hint names the CLI's --llm; say what to change here
            raise gr.Error(f"{exc.message}。{MODEL_HINT}", title="未重新生成") from None
        return panel.shown(ws.open(draft, need_base(base)), proposal)

    return propose


def _table_proposer(ctx: WebContext, panel: ProposalPanel):
    @guarded
    def propose(draft_id: int | None, base: int | None, force: bool, request: gr.Request) -> dict:
        ws = ctx.workspace(request)
        draft = need_draft(draft_id)
        proposal = ws.propose_indicators(draft, base=need_base(base), force=bool(force))
        return panel.shown(ws.open(draft, need_base(base)), proposal)

    return propose


def _accepter(ctx: WebContext, view: DraftView):
    @guarded
    def accept(request: gr.Request, draft_id: int | None, base: int | None, proposal_id: str, *typed: str) -> dict:
        ws = ctx.workspace(request)
        draft, number = need_draft(draft_id), need_base(base)
        unsaved_sections(ws.open(draft, number), dict(zip(EDITABLE, typed, strict=True)))
        try:
            saved = ws.accept(draft, _proposal_id(proposal_id), base=number)
        except DraftConflict as exc:
            return view.conflict_shown(exc)
        except ProtectedFieldError as exc:
            raise gr.Error(exc.message + (f"。建议：{exc.hint}" if exc.hint else ""), title="未采纳") from None
        note = (
            f"已采纳建议：{saved.notice}。"
            if saved.unchanged
            else f"已采纳建议：“{saved.info.section or ''}”存为第 {saved.info.number} 版。"
        )
        return view.render(ws, draft, saved.info.number, note=note)

    return accept


def _rejecter(ctx: WebContext, view: DraftView, panel: ProposalPanel):
    @guarded
    def reject(draft_id: int | None, proposal_id: str, request: gr.Request) -> dict:
        ws = ctx.workspace(request)
        proposal = ws.reject(need_draft(draft_id), _proposal_id(proposal_id))
        note = f"未采纳对“{proposal.label}”的建议：内容保持不变，建议已记入“版本”页的建议记录。"
        return {**panel.hidden(), view.status: view.status_line(ws.open(proposal.draft_id).info, note)}

    return reject


def _proposal_id(text: str | None) -> int:
    try:
        return int(str(text or "").strip())
    except ValueError:
        raise InputError("没有待决定的建议", hint="请先点“重新生成”或“重新生成指标表”") from None
