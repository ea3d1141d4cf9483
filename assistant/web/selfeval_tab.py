"""绩效自评: the open draft's self-evaluation — created from the draft (or a corpus id), actuals typed in the row
editor with the score, total and findings updated as the person types, a target-vs-actual chart, export in the
official layout, import, and next year's declaration carried over from it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from tempfile import mkdtemp

import gradio as gr

from assistant.domain.amounts import nonnegative_amount, nonnegative_number
from assistant.domain.cycle import Band, FundKind, SelfEvalRow, SelfEvaluation
from assistant.domain.model import ParseNote
from assistant.errors import InputError
from assistant.services.cycle import CycleService, SelfEvalView
from assistant.services.results import CYCLE_RULES as RULES
from assistant.services.results import WEIGHTS_SOURCE, FormConflict, FormKind, StoredForm, fmt, thresholds
from assistant.web.context import WebContext, whole_number
from assistant.web.cycle_chart import target_chart
from assistant.web.draft_view import DraftView
from assistant.web.errors import guarded
from assistant.web.safe import text as md

HEADERS = [
    "行",
    "一级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "算式 / 待填",
    "偏差原因分析及改进措施",
]
FINDING_HEADERS = ["序号", "级别", "位置", "问题", "建议"]
NO_BAND = "（数值指标不选）"


def service(ctx: WebContext, request: gr.Request | None) -> CycleService:
    return ctx.services.cycle(ctx.user(request))  # the name as stored (normalised at login), as every tab uses it


def amount(text: str | None, what: str) -> Decimal | None:
    """A figure typed into the web form; the same rule as the CLI (`nonnegative_number`)."""
    return nonnegative_number(None if text is None or not str(text).strip() else str(text), what)


def preview_problem(exc: InputError) -> str:
    """A value the row editor will refuse, in the line above the table while typing: 保存 says it once as an error;
    the live preview raising it too showed it twice, and once per keystroke (web trial wf1)."""
    hint = f"（{md(exc.hint, inline=True)}）" if exc.hint else ""
    return f"**尚未保存，保存时将被拒绝：**{md(exc.message, inline=True)}{hint}"


def form_choices(cycle: CycleService, kind: FormKind, draft_id: int | None) -> list[tuple[str, int]]:
    forms = cycle.forms(kind, draft_id=draft_id) if draft_id else cycle.forms(kind)
    return [(f"第 {f.id} 号 · {f.title}（{f.year or ''}）· 第 {f.head} 版", f.id) for f in forms]


def form_exporter(ctx: WebContext, kind: str, name: str) -> Callable[[object, gr.Request], str]:
    """The download handler for one form kind (``name``: 运行监控表 / 绩效自评表) as ``kind`` (docx / xlsx)."""

    @guarded
    def export(fid: object, request: gr.Request) -> str:
        return export_form(ctx, request, fid, kind, name)

    return export


def export_form(ctx: WebContext, request: gr.Request | None, fid: object, kind: str, name: str) -> str:
    """The form written for download, like the draft's exports: into the export registry (served only to its
    owner, short-lived) when the page has one, else a fresh temp folder; its path."""
    if fid is None:
        raise InputError(f"还没有{name}", hint="请先创建或选择一份")
    folder = ctx.exports.folder() if ctx.exports is not None else Path(mkdtemp(prefix="cycle-"))
    written = Path(service(ctx, request).export(int(str(fid)), kind, folder / f"{name}-{fid}.{kind}"))
    if ctx.exports is None:
        return str(written)
    return str(ctx.exports.register(written, ctx.user(request) or ctx.services.author))


def rules_text() -> str:
    lines = [f"- **{r.title}**：{r.formula}（来源：{r.source}）" for r in RULES.values()]
    lines += [f"- **{title}**：{rule}（来源：{source}）" for title, rule, source in thresholds()]
    return "\n".join([*lines, f"- **默认分值**：{WEIGHTS_SOURCE}；可在每行的“分值”中修改，合计须为100"])


def imported_note(forms: list[tuple[StoredForm, list[ParseNote]]]) -> str:
    """Markdown under an imported 自评表: every form the page held (each stored as its own, the first shown) and each
    form's reader notes (what it could not place or assumed), so nothing left out passes unseen; "" for one form
    read without a note."""
    parts: list[str] = []
    if len(forms) > 1:
        listed = "、".join(f"第 {s.summary.id} 号「{md(s.form.project_name, inline=True)}」" for s, _ in forms)
        parts.append(f"本页共 {len(forms)} 张自评表，已各存为一张：{listed}；这里显示第一张，其余请在上方列表中选择。")
    for stored, notes in forms:
        if notes:
            items = "".join(f"  \n- {md(n.message, inline=True)}" for n in notes)
            parts.append(f"第 {stored.summary.id} 号表的读取提示（{len(notes)} 条，请对照原表核对）：{items}")
    return "".join(f"  \n{part}" for part in parts)


def _rows(view: SelfEvalView) -> list[list[str]]:
    return [
        [
            str(n),
            row.link.level1_written or "",
            row.link.name,
            row.target,
            row.actual or "",
            fmt(s.weight),
            "" if s.score is None else str(s.score),
            s.arithmetic or s.problem or "",
            row.deviation or "",
        ]
        for n, (row, s) in enumerate(zip(view.form.rows, view.card.rows, strict=True), start=1)
    ]


def findings_rows(findings, names: list[str]) -> list[list[str]]:
    """One row per finding, numbered from 1; 位置 names the 绩效指标 row (as the table above numbers it) or the part."""
    return [[str(n), f.severity.label, f.where(names), f.message, f.fix] for n, f in enumerate(findings, start=1)]


def _total(view: SelfEvalView) -> str:
    card = view.card
    b = card.budget
    budget = b.arithmetic or b.problem or ""
    total = f"**总分 {card.total}**" if card.total is not None else f"**总分：未完成**（已计 {card.partial_total} 分）"
    notes = "".join(f"  \n分值说明：{n}" for n in card.weight_notes)
    weights = f"  \n⚠ {card.weights_problem}" if card.weights_problem else ""
    return f"{total}  \n预算执行率：{budget}{weights}{notes}"


def _chart(view: SelfEvalView):
    rows = [(r.link.name, r.target, r.target_value, r.actual) for r in view.form.rows]
    return target_chart(rows, title="各指标实际完成值与年度指标值（实际 ÷ 目标）")


def edited(
    ev: SelfEvaluation, number: object, actual, weight, band, score, deviation, evidence, budget, executed
) -> SelfEvaluation:
    """``ev`` with the row editor's values in row ``number`` (blank: no row) and the budget boxes applied."""
    if number not in (None, "", 0) and not (
        isinstance(number, float) and number != number
    ):  # a blank gr.Number sends 0
        n = whole_number(number, what="行号", hint="请在表中点选一行，或填写行号")
        if n > len(ev.rows):
            raise InputError(f"表中没有第 {n} 行（共 {len(ev.rows)} 行）", hint="请在表中点选一行")
        rows = list(ev.rows)
        if _text(actual) != rows[n - 1].actual:  # a changed figure is refused as the CLI refuses it
            CycleService.check_entry(ev, n, {"实际完成值": _text(actual)})
        rows[n - 1] = _row(rows[n - 1], actual, weight, band, score, deviation, evidence)
        ev = ev.model_copy(update={"rows": rows})
    funds = [
        f.model_copy(
            update={
                "full_year_budget": nonnegative_amount(budget, "全年预算数"),
                "executed": nonnegative_amount(executed, "全年执行数"),
            }
        )
        if f.kind is FundKind.TOTAL
        else f
        for f in ev.funds
    ]
    return ev.model_copy(update={"funds": funds})


def _text(value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _row(row: SelfEvalRow, actual, weight, band, score, deviation, evidence) -> SelfEvalRow:
    chosen = next((b for b in Band if b.value == band), None)
    return row.model_copy(
        update={
            "actual": _text(actual),
            "weight": amount(weight, "分值"),
            "band": chosen,
            "score": amount(score, "得分") if chosen is not None else None,
            "deviation": _text(deviation),
            "evidence": _text(evidence),
        }
    )


def build_selfeval_tab(ctx: WebContext, view: DraftView, tab: gr.Tab) -> None:
    form_id, base = gr.State(None), gr.State(None)
    heading = gr.Markdown("打开一份草稿后，可从它创建绩效自评表。", elem_id="selfeval-heading")
    with gr.Row():
        source = gr.Textbox(label="申报表（默认当前草稿；也可填语料库编号）", scale=2, elem_id="selfeval-source")
        create = gr.Button("创建自评表", variant="primary", scale=0, elem_id="selfeval-create")
        forms = gr.Dropdown(label="已有的自评表", choices=[], scale=3, elem_id="selfeval-forms")
        refresh = gr.Button("刷新", size="sm", scale=0, elem_id="selfeval-refresh")
    with gr.Row():
        budget = gr.Textbox(label="全年预算数（元）", elem_id="selfeval-budget")
        executed = gr.Textbox(label="全年执行数（元）", elem_id="selfeval-executed")
    table = gr.Dataframe(
        headers=HEADERS,
        type="array",
        interactive=False,
        wrap=True,
        label="绩效指标（点选一行后在下方填写）",
        column_count=len(HEADERS),
        column_widths=["4%", "8%", "16%", "9%", "9%", "6%", "6%", "24%", "18%"],
        elem_id="selfeval-table",
    )
    with gr.Group():
        with gr.Row():
            number = gr.Number(label="行号", precision=0, min_width=80, elem_id="selfeval-row")
            actual = gr.Textbox(label="实际完成值", elem_id="selfeval-actual")
            weight = gr.Textbox(label="分值", min_width=80, elem_id="selfeval-weight")
            band = gr.Dropdown(
                label="档次（定性指标）",
                choices=[NO_BAND, *(b.value for b in Band)],
                value=NO_BAND,
                elem_id="selfeval-band",
            )
            score = gr.Textbox(label="档内得分（定性指标）", min_width=80, elem_id="selfeval-score")
        with gr.Row():
            deviation = gr.Textbox(label="偏差原因分析及改进措施", lines=2, elem_id="selfeval-deviation")
            evidence = gr.Textbox(label="数据来源（满意度请写调查方式、样本量）", lines=2, elem_id="selfeval-evidence")
        save = gr.Button("保存", variant="primary", elem_id="selfeval-save")
    total = gr.Markdown("", elem_id="selfeval-total")
    with gr.Accordion("计分规则及来源（每个得分都可按此复算）", open=False):
        gr.Markdown(rules_text(), elem_id="selfeval-rules")
    findings = gr.Dataframe(
        headers=FINDING_HEADERS,
        type="array",
        interactive=False,
        wrap=True,
        label="审核发现",
        column_count=len(FINDING_HEADERS),
        elem_id="selfeval-findings",
    )
    chart = gr.Plot(label="目标与实际", elem_id="selfeval-chart")
    with gr.Row():
        to_docx = gr.Button("导出 Word", elem_id="selfeval-export-docx")
        to_xlsx = gr.Button("导出 Excel", elem_id="selfeval-export-xlsx")
        upload = gr.File(label="导入自评表（.docx/.xlsx）", file_types=[".docx", ".xlsx"], elem_id="selfeval-import")
        exported = gr.File(label="导出的文件", interactive=False, elem_id="selfeval-file")
    with gr.Row():
        next_year = gr.Button("生成下年申报草稿", variant="secondary", elem_id="selfeval-next-year")
    next_diff = gr.Markdown("", elem_id="selfeval-next-diff")
    editor = [number, actual, weight, band, score, deviation, evidence]

    def shown(cycle: CycleService, sv: SelfEvalView, draft_id: int | None, note: str = "") -> list:
        ev, info = sv.form, sv.stored.info
        line = f"**自评表第 {info.form_id} 号 · 第 {info.number} 版** · {md(ev.project_name, inline=True)}（{ev.year or ''}年度）"
        total_line = ev.fund(FundKind.TOTAL)
        return [
            line + (f"  \n{note}" if note else ""),
            gr.Dropdown(choices=form_choices(cycle, FormKind.SELFEVAL, draft_id), value=info.form_id),
            "" if total_line is None or total_line.full_year_budget is None else str(total_line.full_year_budget),
            "" if total_line is None or total_line.executed is None else str(total_line.executed),
            _rows(sv),
            _total(sv),
            findings_rows(sv.findings, [r.link.name for r in ev.rows]),
            _chart(sv),
            info.form_id,
            info.number,
        ]

    outputs = [heading, forms, budget, executed, table, total, findings, chart, form_id, base]

    @guarded
    def load(draft_id, chosen, request: gr.Request) -> list:
        cycle = service(ctx, request)
        choices = form_choices(cycle, FormKind.SELFEVAL, draft_id)
        ids = [v for _, v in choices]
        pick = chosen if chosen in ids else (ids[0] if ids else None)
        if pick is None:
            empty = (
                "还没有自评表：点“创建自评表”从当前草稿开始。"
                if draft_id
                else "请先在“起草”页打开一份草稿，或填写语料库编号后创建。"
            )
            return [empty, gr.Dropdown(choices=choices, value=None), "", "", [], "", [], None, None, None]
        return shown(cycle, cycle.selfeval(int(pick)), draft_id)

    @guarded
    def start(draft_id, typed: str, request: gr.Request) -> list:
        cycle = service(ctx, request)
        what = (typed or "").strip() or (str(draft_id) if draft_id else "")
        if not what:
            raise InputError("还没有打开草稿", hint="请先在“起草”页打开一份草稿，或填写语料库编号")
        stored = cycle.start_selfeval(what, files=False)
        return shown(cycle, cycle.selfeval(stored.summary.id), draft_id, note="已从申报表创建，分值按默认权重分配。")

    @guarded
    def pick_row(fid, evt: gr.SelectData, request: gr.Request) -> list:
        if fid is None:
            return [gr.skip()] * len(editor)
        row = service(ctx, request).selfeval(int(fid)).form.rows[evt.index[0]]
        return [
            evt.index[0] + 1,
            row.actual or "",
            "" if row.weight is None else str(row.weight),
            row.band.value if row.band else NO_BAND,
            "" if row.score is None or row.band is None else str(row.score),
            row.deviation or "",
            row.evidence or "",
        ]

    @guarded
    def preview(fid, version, n, a, w, b, s, d, e, bud, exe, request: gr.Request) -> list:
        if fid is None:
            return [gr.skip()] * 4
        cycle = service(ctx, request)
        current = cycle.selfeval(int(fid), int(version))
        try:
            form = edited(current.form, n, a, w, b, s, d, e, bud, exe)
        except InputError as exc:  # said once, when saving; here only in the total line (no toast per keystroke)
            return [gr.skip(), preview_problem(exc), gr.skip(), gr.skip()]
        sv = cycle.evaluate(current.stored, form)
        return [_rows(sv), _total(sv), findings_rows(sv.findings, [r.link.name for r in sv.form.rows]), _chart(sv)]

    @guarded
    def store(draft_id, fid, version, n, a, w, b, s, d, e, bud, exe, request: gr.Request) -> list:
        if fid is None:
            raise InputError("还没有自评表", hint="请先点“创建自评表”")
        cycle = service(ctx, request)
        current = cycle.selfeval(int(fid), int(version))
        try:
            saved = cycle.save(int(fid), edited(current.form, n, a, w, b, s, d, e, bud, exe), base=int(version))
        except FormConflict as exc:
            raise gr.Error(f"{exc.message}。建议：{exc.hint}") from None
        return shown(cycle, cycle.selfeval(int(fid), saved.info.number), draft_id, note="已保存。")

    export_docx = form_exporter(ctx, "docx", "绩效自评表")
    export_xlsx = form_exporter(ctx, "xlsx", "绩效自评表")

    @guarded
    def imported(draft_id, file, request: gr.Request) -> list:
        if not file:
            return [gr.skip()] * len(outputs)
        cycle = service(ctx, request)
        forms = cycle.import_forms(Path(file))  # a published page may hold several 自评表: each stored
        stored = forms[0][0]
        if stored.kind is not FormKind.SELFEVAL:
            raise InputError("导入的是运行监控表", hint="请在“运行监控”页查看；这里请选择绩效自评表")
        sv = cycle.selfeval(stored.summary.id)
        note = f"已导入 {md(Path(file).name, inline=True)}；表上写的得分已按规则复核。{imported_note(forms)}"
        return shown(cycle, sv, None, note=note)

    @guarded
    def carry(fid, request: gr.Request) -> list:
        if fid is None:
            raise InputError("还没有自评表", hint="请先创建或选择一份自评表")
        result = service(ctx, request).next_year(int(fid))
        info = result.saved.info
        lines = "\n".join(f"- {md(line, inline=True)}" for line in result.changes()) or "- 各项指标均沿用上年目标。"
        text = f"**已生成 {result.plan.year or ''} 年度申报草稿第 {info.draft_id} 号**（已在“起草”页打开）。改动及理由：\n{lines}"
        if (warning := result.unfilled_warning(int(fid))) is not None:
            rows = "\n".join(f"- {md(line, inline=True)}" for line in result.plan.unfilled)
            text = f"**{warning}**\n{rows}\n\n{text}"
        if (note := result.rollover_note()) is not None:
            text += f"\n\n{note}（见“起草”页下方“跨年度顺延”，采纳后才保存）"
        return [text, info.draft_id]

    refresh.click(load, [ctx.draft_id, forms], outputs, api_name="selfeval_load")
    tab.select(load, [ctx.draft_id, forms], outputs)
    forms.input(load, [ctx.draft_id, forms], outputs)
    create.click(start, [ctx.draft_id, source], outputs, api_name="selfeval_create")
    table.select(pick_row, [form_id], editor)
    live = [form_id, base, *editor, budget, executed]
    for box in (actual, weight, band, score, deviation, evidence, budget, executed):
        box.input(preview, live, [table, total, findings, chart], show_progress="hidden", api_name="selfeval_preview")
    save.click(store, [ctx.draft_id, *live], outputs, api_name="selfeval_save")
    to_docx.click(export_docx, [form_id], exported, api_name="selfeval_export_docx")
    to_xlsx.click(export_xlsx, [form_id], exported, api_name="selfeval_export_xlsx")
    upload.upload(imported, [ctx.draft_id, upload], outputs)
    new_draft = gr.State(None)
    next_year.click(carry, [form_id], [next_diff, new_draft], api_name="selfeval_next_year").then(
        _open_draft(ctx, view), [new_draft], view.outputs()
    )


def _open_draft(ctx: WebContext, view: DraftView):
    @guarded
    def open_(draft_id, request: gr.Request) -> dict:
        if not draft_id:
            return {}
        return view.render(ctx.workspace(request), int(draft_id))

    return open_
