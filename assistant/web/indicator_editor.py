"""The row editor beside the indicator table: 一级/二级 from the framework, a value as operator / number /
unit or a qualitative value; save, add, delete and move rows; the selected row's evidence and chart.

Gradio's table has no dropdown cells (gradio #10886), so the table is read-only and rows are edited here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import gradio as gr

from assistant.domain.framework import FRAMEWORK, Level1, Level2
from assistant.domain.values import Operator, ValueKind
from assistant.errors import InputError
from assistant.services.results import DraftConflict
from assistant.services.workspace import IndicatorInput
from assistant.web import render
from assistant.web.charts import value_chart
from assistant.web.context import need_base, need_draft
from assistant.web.draft_view import DraftView, Typed
from assistant.web.errors import guarded

NO_OPERATOR = "（无）"
MAX_VALUE = Decimal("1e15")  # far above any target a declaration sets (amounts are in 元)


@dataclass
class RowEditor:
    position: gr.Number
    level1: gr.Dropdown
    level2: gr.Dropdown
    name: gr.Textbox
    operator: gr.Dropdown
    number: gr.Textbox
    unit: gr.Textbox
    qualitative: gr.Textbox
    save: gr.Button
    add: gr.Button
    delete: gr.Button
    up: gr.Button
    down: gr.Button
    lock: gr.Button
    unlock: gr.Button
    evidence: gr.Markdown
    chart: gr.Plot

    def fields(self) -> list[gr.components.Component]:
        return [self.level1, self.level2, self.name, self.operator, self.number, self.unit, self.qualitative]


def build_editor() -> RowEditor:
    with gr.Group():
        position = gr.Number(label="正在编辑第几行（点选表格一行）", value=0, precision=0, elem_id="row-position")
        with gr.Row():
            level1 = gr.Dropdown(
                [l1.value for l1 in Level1], value=Level1.OUTPUT.value, label="一级指标", elem_id="row-level1"
            )
            # every 二级 is a valid choice for the server (the API may send any pair; the service checks it);
            # choosing a 一级 narrows the list on the page
            level2 = gr.Dropdown(
                [l2.value for l2 in Level2],
                value=FRAMEWORK[Level1.OUTPUT][0].value,
                label="二级指标",
                elem_id="row-level2",
            )
        name = gr.Textbox(label="三级指标", elem_id="row-name")
        with gr.Row():
            operator = gr.Dropdown(
                [NO_OPERATOR, *(op.value for op in Operator)], value=Operator.GE.value, label="运算符", min_width=80
            )
            number = gr.Textbox(label="数值", elem_id="row-number", min_width=80)
            unit = gr.Textbox(label="单位", elem_id="row-unit", min_width=80)
        qualitative = gr.Textbox(label="或：定性指标值（不填数值时用，如 及时、达标）", elem_id="row-qualitative")
        with gr.Row():
            save = gr.Button("保存此行", variant="primary", elem_id="row-save", min_width=80)
            add = gr.Button("新增为一行", elem_id="row-add", min_width=80)
            delete = gr.Button("删除此行", variant="stop", min_width=80)
        with gr.Row():
            up = gr.Button("上移", size="sm", min_width=60)
            down = gr.Button("下移", size="sm", min_width=60)
            lock = gr.Button("锁定此行", size="sm", min_width=60)
            unlock = gr.Button("解锁此行", size="sm", min_width=60)
    evidence = gr.Markdown("点选一行，这里显示其指标值的来源（简报计算、模板、先例）。", elem_id="row-evidence")
    chart = gr.Plot(label="往年取值", show_label=False)
    return RowEditor(
        position,
        level1,
        level2,
        name,
        operator,
        number,
        unit,
        qualitative,
        save,
        add,
        delete,
        up,
        down,
        lock,
        unlock,
        evidence,
        chart,
    )


def _level2_choices(level1: str) -> list[str]:
    return [l2.value for l2 in FRAMEWORK[Level1(level1)]]


def read_row(
    level1: str, level2: str, name: str, operator: str, number: str, unit: str, qualitative: str
) -> IndicatorInput:
    """The editor's fields as an `IndicatorInput`; a number that is not a number is an `InputError`."""
    text = (number or "").strip().replace(",", "")
    try:
        value = Decimal(text) if text else None
    except InvalidOperation:
        value = Decimal("NaN")
    if value is not None and not (value.is_finite() and abs(value) < MAX_VALUE):  # NaN, Infinity, 1e400 are no target
        raise InputError(f"数值“{number}”不是可用的数字", hint="请只填数字，如 90；单位填在“单位”中，如 %")
    op = None if operator in (None, NO_OPERATOR) else Operator(operator)
    return IndicatorInput(
        level1=Level1(level1),
        level2=Level2(level2),
        name=name or "",
        operator=op,
        number=value,
        unit=unit or None,
        qualitative=qualitative or None,
    )


def wire_editor(editor: RowEditor, view: DraftView) -> None:
    ctx = view.ctx
    editor.level1.input(
        lambda l1: gr.Dropdown(choices=_level2_choices(l1), value=_level2_choices(l1)[0]), editor.level1, editor.level2
    )

    @guarded
    def select(draft_id: int | None, base: int | None, evt: gr.SelectData, request: gr.Request) -> list:
        stored = ctx.workspace(request).open(need_draft(draft_id), base)
        n = evt.index[0] + 1
        ind = stored.draft.indicators[n - 1]
        v = ind.value
        quantitative = v.kind is ValueKind.QUANTITATIVE and v.number is not None
        op = v.operator.value if quantitative and v.operator else NO_OPERATOR
        return [
            n,
            ind.level1.value,
            gr.Dropdown(choices=_level2_choices(ind.level1.value), value=ind.level2.value),
            ind.name,
            op,
            str(v.number) if quantitative else "",
            (v.unit or "") if quantitative else "",
            "" if quantitative else v.value,
            render.indicator_evidence(ind),
            value_chart(v, name=ind.name),
        ]

    view.table.select(
        select, [ctx.draft_id, ctx.base], [editor.position, *editor.fields(), editor.evidence, editor.chart]
    )

    def saver(action, follow):
        @guarded
        def run(
            request: gr.Request,
            draft_id: int | None,
            base: int | None,
            position: float | None,
            level1: str,
            level2: str,
            name: str,
            operator: str,
            number: str,
            unit: str,
            qualitative: str,
            overview: Typed = None,
            necessity: Typed = None,
            goal_total: Typed = None,
            goal_annual: Typed = None,
        ) -> dict:
            ws = ctx.workspace(request)
            draft, n, base = need_draft(draft_id), _row_number(position), need_base(base)
            view.keep_unsaved(ws, draft, base, (overview, necessity, goal_total, goal_annual), "修改指标表")
            fields = (level1, level2, name, operator, number, unit, qualitative)
            try:
                saved = action(ws, draft, n, fields, base)
            except DraftConflict as exc:
                return view.conflict_shown(exc)
            rows = len(saved.draft.indicators)
            return {
                **view.render(ws, draft, saved.info.number, note=saved.notice or "", keep=("brief", "basis")),
                editor.position: min(max(follow(n, rows), 0), rows),
            }

        return run

    inputs = [ctx.draft_id, ctx.base, editor.position, *editor.fields(), *view.typed()]
    actions = {
        editor.save: (
            lambda ws, d, n, f, b: ws.put_row(d, _position(n), read_row(*f), base=b),
            lambda n, _: n,
            "save_row",
        ),
        editor.add: (lambda ws, d, n, f, b: ws.put_row(d, None, read_row(*f), base=b), lambda _, rows: rows, "add_row"),
        editor.delete: (lambda ws, d, n, f, b: ws.delete_row(d, _position(n), base=b), lambda *_: 0, "delete_row"),
        editor.up: (
            lambda ws, d, n, f, b: ws.move_row(d, _position(n), -1, base=b),
            lambda n, _: max(n - 1, 1),
            "move_row_up",
        ),
        editor.down: (
            lambda ws, d, n, f, b: ws.move_row(d, _position(n), 1, base=b),
            lambda n, _: n + 1,
            "move_row_down",
        ),
        editor.lock: (
            lambda ws, d, n, f, b: ws.lock_row(d, _position(n), locked=True, base=b),
            lambda n, _: n,
            "lock_row",
        ),
        editor.unlock: (
            lambda ws, d, n, f, b: ws.lock_row(d, _position(n), locked=False, base=b),
            lambda n, _: n,
            "unlock_row",
        ),
    }
    for button, (action, follow, api_name) in actions.items():
        button.click(saver(action, follow), inputs, [*view.outputs(), editor.position], api_name=api_name)


def _row_number(position: float | None) -> int:
    """The editor's row (0: none chosen); what is not a whole number, as an API call may send, is no row."""
    if isinstance(position, float):
        return int(position) if position.is_integer() else 0
    return position if isinstance(position, int) and not isinstance(position, bool) else 0


def _position(n: int) -> int:
    if n < 1:
        raise InputError("还没有选中指标行", hint="请先在左侧表格中点选要修改的一行；新指标请用“新增为一行”")
    return n
