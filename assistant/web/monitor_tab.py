"""运行监控: the open draft's mid-year monitoring table — created from the draft (or a corpus id) to a cut-off date,
执行情况 typed in the row editor with each row's traffic light and the findings updated as the person types,
budget execution against 序时进度, a progress chart, export in the official layout, import."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, cast

import gradio as gr

from assistant.domain.amounts import nonnegative_amount
from assistant.domain.cycle import DeviationCause, MonitoringRow, MonitoringTable, Possibility
from assistant.errors import InputError
from assistant.services.clock import clock
from assistant.services.cycle import CycleService, MonitoringView
from assistant.services.results import FormConflict, FormKind, Light, MonitoringReport, monitor
from assistant.web.context import WebContext, whole_number
from assistant.web.cycle_chart import target_chart
from assistant.web.errors import guarded
from assistant.web.safe import text as md
from assistant.web.selfeval_tab import (
    FINDING_HEADERS,
    findings_rows,
    form_choices,
    form_exporter,
    preview_problem,
    service,
)

HEADERS = [
    "行",
    "三级指标",
    "年度指标值",
    "执行情况",
    "全年预计完成情况",
    "完成目标可能性",
    "偏差原因",
    "纠偏措施",
    "预警",
    "说明",
]
UNSET = "（未填）"


def _rows(table: MonitoringTable, report: MonitoringReport) -> list[list[str]]:
    out = []
    for n, (row, signal) in enumerate(zip(table.rows, report.rows, strict=True), start=1):
        causes = "、".join(c.value for c in row.deviation.causes)
        reason = "：".join(x for x in (causes, row.deviation.text or "") if x)
        out.append(
            [
                str(n),
                row.link.name,
                row.target,
                row.actual_to_date or "",
                row.expected_full_year or "",
                row.possibility.value if row.possibility else "",
                reason,
                row.corrective_measures or "",
                signal.light.html(),
                "；".join(signal.reasons),
            ]
        )
    return out


def _summary(report: MonitoringReport) -> str:
    b = report.budget
    counts: dict[Light, int] = {}
    for s in report.rows:
        counts[s.light] = counts.get(s.light, 0) + 1
    lights = "，".join(f"{light.html()} {n} 项" for light, n in counts.items())
    return f"**预算执行** {b.light.html()}：{b.text}  \n**指标**：{lights}"


def _chart(table: MonitoringTable, report: MonitoringReport):
    rows = [(r.link.name, r.target, r.target_value, r.actual_to_date) for r in table.rows]
    return target_chart(rows, title=f"截至目前的完成进度（蓝色点线为序时进度 {report.elapsed}%）", line=report.elapsed)


def _text(value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def edited(table: MonitoringTable, number, actual, expected, possibility, causes, reason, measure, adjusted, executed):
    """``table`` with the row editor's values in row ``number`` (blank: none) and the budget boxes applied."""
    if number not in (None, "", 0) and not (
        isinstance(number, float) and number != number
    ):  # a blank gr.Number sends 0
        n = whole_number(number, what="行号", hint="请在表中点选一行，或填写行号")
        if n > len(table.rows):
            raise InputError(f"表中没有第 {n} 行（共 {len(table.rows)} 行）", hint="请在表中点选一行")
        rows = list(table.rows)
        was, typed = rows[n - 1], {"执行情况": _text(actual), "全年预计完成情况": _text(expected)}
        stored = {"执行情况": was.actual_to_date, "全年预计完成情况": was.expected_full_year}
        CycleService.check_entry(table, n, {k: v for k, v in typed.items() if v != stored[k]})  # as the CLI refuses
        rows[n - 1] = _row(was, actual, expected, possibility, causes, reason, measure)
        table = table.model_copy(update={"rows": rows})
    budget = table.budget.model_copy(
        update={
            "adjusted_budget": nonnegative_amount(adjusted, "调整后预算"),
            "executed": nonnegative_amount(executed, "执行数"),
        }
    )
    return table.model_copy(update={"budget": budget})


def _row(row: MonitoringRow, actual, expected, possibility, causes, reason, measure) -> MonitoringRow:
    chosen = [c for c in DeviationCause if c.value in (causes or [])]
    return row.model_copy(
        update={
            "actual_to_date": _text(actual),
            "expected_full_year": _text(expected),
            "possibility": next((p for p in Possibility if p.value == possibility), None),
            "deviation": row.deviation.model_copy(update={"causes": chosen, "text": _text(reason)}),
            "corrective_measures": _text(measure),
        }
    )


def _date(text: str | None) -> date | None:
    if not text or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"截止日期“{text}”格式不对", hint="请写成 年-月-日，如 2025-07-31") from None


def build_monitor_tab(ctx: WebContext, tab: gr.Tab) -> None:
    form_id, base = gr.State(None), gr.State(None)
    heading = gr.Markdown("打开一份草稿后，可从它创建运行监控表。", elem_id="monitor-heading")
    with gr.Row():
        source = gr.Textbox(label="申报表（默认当前草稿；也可填语料库编号）", scale=2, elem_id="monitor-source")
        as_of = gr.Textbox(label="数据截止日期（默认7月31日）", placeholder="2025-07-31", elem_id="monitor-as-of")
        create = gr.Button("创建监控表", variant="primary", scale=0, elem_id="monitor-create")
        forms = gr.Dropdown(label="已有的监控表", choices=[], scale=3, elem_id="monitor-forms")
        refresh = gr.Button("刷新", size="sm", scale=0, elem_id="monitor-refresh")
    with gr.Row():
        adjusted = gr.Textbox(label="调整后预算（元）", elem_id="monitor-adjusted")
        executed = gr.Textbox(label="截至目前执行数（元）", elem_id="monitor-executed")
    summary = gr.Markdown("", elem_id="monitor-summary")
    table = gr.Dataframe(
        headers=HEADERS,
        type="array",
        interactive=False,
        wrap=True,
        label="绩效指标（点选一行后在下方填写）",
        column_count=len(HEADERS),
        datatype=cast(Any, ["str"] * 8 + ["html", "str"]),
        column_widths=["4%", "16%", "10%", "9%", "10%", "8%", "13%", "12%", "8%", "10%"],
        elem_id="monitor-table",
    )
    with gr.Group():
        with gr.Row():
            number = gr.Number(label="行号", precision=0, min_width=80, elem_id="monitor-row")
            actual = gr.Textbox(label="执行情况（截至目前）", elem_id="monitor-actual")
            expected = gr.Textbox(label="全年预计完成情况", elem_id="monitor-expected")
            possibility = gr.Dropdown(
                label="完成目标可能性",
                choices=[UNSET, *(p.value for p in Possibility)],
                value=UNSET,
                elem_id="monitor-possibility",
            )
        with gr.Row():
            causes = gr.CheckboxGroup(
                label="偏差原因", choices=[c.value for c in DeviationCause], elem_id="monitor-causes"
            )
            reason = gr.Textbox(label="偏差原因说明", lines=2, elem_id="monitor-reason")
            measure = gr.Textbox(label="纠偏措施", lines=2, elem_id="monitor-measure")
        save = gr.Button("保存", variant="primary", elem_id="monitor-save")
    findings = gr.Dataframe(
        headers=FINDING_HEADERS,
        type="array",
        interactive=False,
        wrap=True,
        label="预警与审核发现",
        column_count=len(FINDING_HEADERS),
        elem_id="monitor-findings",
    )
    chart = gr.Plot(label="完成进度", elem_id="monitor-chart")
    with gr.Row():
        to_docx = gr.Button("导出 Word", elem_id="monitor-export-docx")
        to_xlsx = gr.Button("导出 Excel", elem_id="monitor-export-xlsx")
        upload = gr.File(label="导入监控表（.docx/.xlsx）", file_types=[".docx", ".xlsx"], elem_id="monitor-import")
        exported = gr.File(label="导出的文件", interactive=False, elem_id="monitor-file")
    editor = [number, actual, expected, possibility, causes, reason, measure]

    def shown(cycle: CycleService, mv: MonitoringView, draft_id, note: str = "") -> list:
        t, info, r = mv.form, mv.stored.info, mv.report
        line = (
            f"**运行监控表第 {info.form_id} 号 · 第 {info.number} 版** · {md(t.project_name, inline=True)}"
            f"（数据截至 {t.as_of.isoformat()}，序时进度 {r.elapsed}%）"
        )
        return [
            line + (f"  \n{note}" if note else ""),
            gr.Dropdown(choices=form_choices(cycle, FormKind.MONITORING, draft_id), value=info.form_id),
            "" if t.budget.adjusted_budget is None else str(t.budget.adjusted_budget),
            "" if t.budget.executed is None else str(t.budget.executed),
            _summary(r),
            _rows(t, r),
            findings_rows(r.findings, [x.link.name for x in t.rows]),
            _chart(t, r),
            info.form_id,
            info.number,
        ]

    outputs = [heading, forms, adjusted, executed, summary, table, findings, chart, form_id, base]

    @guarded
    def load(draft_id, chosen, request: gr.Request) -> list:
        cycle = service(ctx, request)
        choices = form_choices(cycle, FormKind.MONITORING, draft_id)
        ids = [v for _, v in choices]
        pick = chosen if chosen in ids else (ids[0] if ids else None)
        if pick is None:
            empty = "还没有监控表：点“创建监控表”从当前草稿开始。" if draft_id else "请先在“起草”页打开一份草稿。"
            return [empty, gr.Dropdown(choices=choices, value=None), "", "", "", [], [], None, None, None]
        return shown(cycle, cycle.monitoring(int(pick)), draft_id)

    @guarded
    def start(draft_id, typed: str, cutoff: str, request: gr.Request) -> list:
        cycle = service(ctx, request)
        what = (typed or "").strip() or (str(draft_id) if draft_id else "")
        if not what:
            raise InputError("还没有打开草稿", hint="请先在“起草”页打开一份草稿，或填写语料库编号")
        stored = cycle.start_monitoring(what, as_of=_date(cutoff), files=False)
        return shown(cycle, cycle.monitoring(stored.summary.id), draft_id, note="已从申报表创建。")

    @guarded
    def pick_row(fid, evt: gr.SelectData, request: gr.Request) -> list:
        if fid is None:
            return [gr.skip()] * len(editor)
        row = service(ctx, request).monitoring(int(fid)).form.rows[evt.index[0]]
        return [
            evt.index[0] + 1,
            row.actual_to_date or "",
            row.expected_full_year or "",
            row.possibility.value if row.possibility else UNSET,
            [c.value for c in row.deviation.causes],
            row.deviation.text or "",
            row.corrective_measures or "",
        ]

    @guarded
    def preview(fid, version, n, a, e, p, c, r, m, adj, exe, request: gr.Request) -> list:
        if fid is None:
            return [gr.skip()] * 4
        current = service(ctx, request).monitoring(int(fid), int(version))
        try:
            t = edited(current.form, n, a, e, p, c, r, m, adj, exe)
        except InputError as exc:  # said once, when saving; here only in the summary line (no toast per keystroke)
            return [preview_problem(exc), gr.skip(), gr.skip(), gr.skip()]
        report = monitor(t, today=clock())  # as the saved table is shown (`CycleService.monitoring`)
        return [
            _summary(report),
            _rows(t, report),
            findings_rows(report.findings, [x.link.name for x in t.rows]),
            _chart(t, report),
        ]

    @guarded
    def store(draft_id, fid, version, n, a, e, p, c, r, m, adj, exe, request: gr.Request) -> list:
        if fid is None:
            raise InputError("还没有监控表", hint="请先点“创建监控表”")
        cycle = service(ctx, request)
        current = cycle.monitoring(int(fid), int(version))
        try:
            saved = cycle.save(int(fid), edited(current.form, n, a, e, p, c, r, m, adj, exe), base=int(version))
        except FormConflict as exc:
            raise gr.Error(f"{exc.message}。建议：{exc.hint}") from None
        return shown(cycle, cycle.monitoring(int(fid), saved.info.number), draft_id, note="已保存。")

    export_docx = form_exporter(ctx, "docx", "运行监控表")
    export_xlsx = form_exporter(ctx, "xlsx", "运行监控表")

    @guarded
    def imported(file, request: gr.Request) -> list:
        if not file:
            return [gr.skip()] * len(outputs)
        cycle = service(ctx, request)
        stored = cycle.import_form(Path(file))
        if stored.kind is not FormKind.MONITORING:
            raise InputError("导入的是绩效自评表", hint="请在“绩效自评”页查看；这里请选择运行监控表")
        return shown(
            cycle, cycle.monitoring(stored.summary.id), None, note=f"已导入 {md(Path(file).name, inline=True)}。"
        )

    refresh.click(load, [ctx.draft_id, forms], outputs, api_name="monitor_load")
    tab.select(load, [ctx.draft_id, forms], outputs)
    forms.input(load, [ctx.draft_id, forms], outputs)
    create.click(start, [ctx.draft_id, source, as_of], outputs, api_name="monitor_create")
    table.select(pick_row, [form_id], editor)
    live = [form_id, base, *editor, adjusted, executed]
    for box in (actual, expected, possibility, causes, reason, measure, adjusted, executed):
        box.input(preview, live, [summary, table, findings, chart], show_progress="hidden", api_name="monitor_preview")
    save.click(store, [ctx.draft_id, *live], outputs, api_name="monitor_save")
    to_docx.click(export_docx, [form_id], exported, api_name="monitor_export_docx")
    to_xlsx.click(export_xlsx, [form_id], exported, api_name="monitor_export_xlsx")
    upload.upload(imported, [upload], outputs)
