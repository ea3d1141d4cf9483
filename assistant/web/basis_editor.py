"""立项依据 and 制度保障 of the open draft: entries one per line (add from the policy library, remove, reorder by
moving lines) and the 制度保障 table; 保存 saves both as a new version (人工修改), the review run again."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from assistant.domain.policy import PolicyReference, policy_label
from assistant.services.editing import FieldEdit
from assistant.services.results import Draft, DraftConflict
from assistant.web.context import need_base, need_draft
from assistant.web.draft_view import DraftView
from assistant.web.errors import guarded

SAFEGUARD_HEADERS = ["制度类别", "文件名称", "具体措施"]


@dataclass
class BasisEditor:
    basis: gr.Textbox
    library: gr.Dropdown
    add: gr.Button
    safeguards: gr.Dataframe
    save: gr.Button

    def outputs(self) -> list[gr.components.Component]:
        return [self.basis, self.safeguards]

    def shown(self, draft: Draft) -> dict:
        return dict(zip(self.outputs(), basis_values(draft), strict=True))


def build_basis_editor(policies: list[PolicyReference]) -> BasisEditor:
    with gr.Accordion("立项依据与制度保障", open=False, elem_id="basis-box"):
        with gr.Row():
            basis = gr.Textbox(
                label="立项依据（每行一项；删去一行即移除，调整行的先后即调整顺序）",
                lines=5,
                scale=3,
                elem_id="basis-lines",
            )
            with gr.Column(scale=2):
                library = gr.Dropdown(
                    [(_entry(p), p.id) for p in policies], label="从政策库选择", elem_id="basis-library"
                )
                add = gr.Button("加入立项依据", size="sm", elem_id="basis-add")
        safeguards = gr.Dataframe(
            headers=SAFEGUARD_HEADERS,
            type="array",
            label="制度保障",
            interactive=True,
            column_count=len(SAFEGUARD_HEADERS),
            elem_id="safeguards-table",
        )
        save = gr.Button("保存立项依据与制度保障", variant="primary", elem_id="basis-save")
    return BasisEditor(basis, library, add, safeguards, save)


def _entry(policy: PolicyReference) -> str:
    return policy.citation()


def basis_values(draft: Draft) -> list[object]:
    """The editor's values for ``draft`` (in `BasisEditor.outputs` order)."""
    lines = "\n".join(policy_label(b.title, b.doc_number) for b in draft.basis)
    rows = [[r.category, r.document, r.measures] for r in draft.safeguards] or [["", "", ""]]
    return [lines, rows]


def wire_basis_editor(editor: BasisEditor, view: DraftView, policies: list[PolicyReference]) -> None:
    by_id = {p.id: p for p in policies}

    def add(lines: str, chosen: str | None) -> str:
        policy = by_id.get(chosen or "")
        if policy is None:
            return lines
        entry = _entry(policy)
        present = [line for line in (lines or "").splitlines() if line.strip()]
        return "\n".join(present if entry in present else [*present, entry])

    editor.add.click(add, [editor.basis, editor.library], editor.basis, api_visibility="private")
    ctx = view.ctx

    @guarded
    def save(request: gr.Request, draft_id: int | None, base: int | None, lines: str, rows: object) -> dict:
        ws = ctx.workspace(request)
        draft = need_draft(draft_id)
        table = [
            "｜".join("" if c is None else str(c).strip() for c in row)
            for row in (rows if isinstance(rows, list) else [])
            if any(str(c or "").strip() for c in row)
        ]
        edits = [FieldEdit("basis", (lines or "").splitlines()), FieldEdit("safeguards", table)]
        try:
            saved, _ = ws.edit_fields(draft, edits, base=need_base(base))
        except DraftConflict as exc:
            return view.conflict_shown(exc)
        note = saved.notice or "已保存立项依据与制度保障（人工修改），审核已重新运行。"
        return view.render(ws, draft, saved.info.number, note=note, keep=("brief",))

    editor.save.click(
        save,
        [ctx.draft_id, ctx.base, editor.basis, editor.safeguards],
        view.outputs(),
        api_name="save_basis",
    )
