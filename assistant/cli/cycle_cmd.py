"""``assistant monitor …`` and ``assistant selfeval …``: the mid-year 运行监控表 and the year-end 绩效自评表 of a
declaration — create from a stored draft, a corpus id or a file; fill in; show with lights or scores; check;
export in the official layouts; import; and (self-evaluation) start next year's declaration."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli import render
from assistant.cli.output import check_writable
from assistant.cli.wiring import open_services
from assistant.cycle.findings import Finding, Severity
from assistant.cycle.monitoring import elapsed_share
from assistant.cycle.numbers import fmt
from assistant.cycle.rules import RULES, WEIGHTS_SOURCE
from assistant.cycle.scoring import rule_text
from assistant.domain.cycle import Band, DeviationCause, FundKind, MonitoringTable, Possibility, SelfEvaluation
from assistant.errors import InputError
from assistant.services.cycle import MonitoringView, SelfEvalView
from assistant.store.cycle import FormKind, FormSummary, StoredForm

monitor_app = typer.Typer(
    help="绩效运行监控表：从申报表创建，填写执行情况，查看序时进度与预警，导出/导入。", no_args_is_help=True
)
selfeval_app = typer.Typer(
    help="绩效自评表：从申报表创建，填写实际完成值，按规则计分并审核，导出/导入，生成下年申报。", no_args_is_help=True
)

JsonFlag = Annotated[bool, typer.Option("--json", help="输出 JSON，供程序读取。")]
FormId = Annotated[int, typer.Argument(help="表的编号（见 list）")]
VersionOption = Annotated[int | None, typer.Option("--version", "-v", help="版本号；默认最新版。")]
Source = Annotated[
    str,
    typer.Argument(metavar="ID|FILE", help="草稿编号（如 3）、语料库申报表编号（如 2023-003-05）或申报表文件"),
]
Output = Annotated[Path, typer.Option("-o", "--output", help="输出文件（.docx、.xlsx 或 .json）。")]
RowOption = Annotated[int | None, typer.Option("--row", "-r", help="指标行号（从 1 起，见 show）。")]


def _decimal(text: str | None, what: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0:
        raise InputError(f"{what}“{text}”不是非负的数字", hint="请填写数字，如 215457.6")
    return value


def _or(given: Decimal | None, current: Decimal | None) -> Decimal | None:
    return current if given is None else given


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"日期“{text}”格式不对", hint="请写成 年-月-日，如 2025-07-31") from None


def _format(output: Path) -> str:
    suffix = output.suffix.lower().removeprefix(".")
    if suffix not in ("docx", "xlsx", "json"):
        raise InputError(f"无法从输出文件名 {output} 判断格式", hint="请以 .docx、.xlsx 或 .json 结尾")
    return suffix


def _findings_table(findings: list[Finding], names: list[str]) -> Table:
    table = Table(title=f"审核发现（{len(findings)} 条）", title_justify="left")
    for col in ("级别", "位置", "问题", "建议"):
        table.add_column(col, overflow="fold")
    for f in findings:
        render.add_plain_row(table, f.severity.label, f.where(names), f.message, f.fix)
    return table


def _summaries(kind: FormKind, forms: list[FormSummary], as_json: bool) -> None:
    if as_json:
        rows = [
            {
                "id": f.id,
                "title": f.title,
                "year": f.year,
                "version": f.head,
                "draft_id": f.draft_id,
                "source": f.source,
            }
            for f in forms
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not forms:
        typer.echo(f"还没有{kind.label}。用 create 从申报表创建，或用 import 导入 .docx/.xlsx。")
        return
    table = Table(title=f"{kind.label}（{len(forms)} 份）", title_justify="left")
    for col in ("编号", "项目名称", "年度", "最新版本", "来源", "保存时间"):
        table.add_column(col, overflow="fold")
    for f in forms:
        when = f.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        render.add_plain_row(table, f.id, f.title, f.year or "", f"第 {f.head} 版", f.source or "", when)
    render.console().print(table)


def _created(stored: StoredForm, command: str) -> None:
    render.console().print(
        render.plain(
            f"已创建{stored.kind.label}第 {stored.summary.id} 号：{stored.form.project_name}"
            f"（{len(stored.form.rows)} 项指标）。填写：assistant {command} fill {stored.summary.id} --row 1 …"
        )
    )


# -- monitor -------------------------------------------------------------------------------------


@monitor_app.command("create")
def monitor_create(
    source: Source, as_of: Annotated[str | None, typer.Option("--as-of", help="数据截止日期，默认当年7月31日。")] = None
) -> None:
    """从申报表创建运行监控表：指标、年度指标值、预算取自申报表，执行情况由你填写。"""
    with open_services() as services:
        stored = services.cycle().start_monitoring(source, as_of=_date(as_of))
    _created(stored, "monitor")


@monitor_app.command("list")
def monitor_list(as_json: JsonFlag = False) -> None:
    """列出自己的运行监控表。"""
    with open_services() as services:
        forms = services.cycle().forms(FormKind.MONITORING)
    _summaries(FormKind.MONITORING, forms, as_json)


@monitor_app.command("fill")
def monitor_fill(
    form_id: FormId,
    row: RowOption = None,
    actual: Annotated[str | None, typer.Option("--actual", help="截至目前的执行情况，如 9个、96%。")] = None,
    expected: Annotated[str | None, typer.Option("--expected", help="全年预计完成情况。")] = None,
    possibility: Annotated[Possibility | None, typer.Option("--possibility", help="完成目标可能性。")] = None,
    cause: Annotated[list[DeviationCause] | None, typer.Option("--cause", help="偏差原因类别，可多次给出。")] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="偏差原因说明。")] = None,
    measure: Annotated[str | None, typer.Option("--measure", help="纠偏措施。")] = None,
    adjusted: Annotated[str | None, typer.Option("--adjusted", help="调整后预算（元）。")] = None,
    executed: Annotated[str | None, typer.Option("--executed", help="截至目前的执行数（元）。")] = None,
) -> None:
    """填写监控表的一行指标和/或预算执行数，存为新版本。"""
    with open_services() as services:
        cycle = services.cycle()
        view = cycle.monitoring(form_id)
        table = view.form
        if row is not None:
            rows = list(table.rows)
            _check_row(row, len(rows))
            current = rows[row - 1]
            deviation = current.deviation
            if cause is not None or reason is not None:
                deviation = deviation.model_copy(
                    update={
                        "causes": cause if cause is not None else deviation.causes,
                        "text": reason or deviation.text,
                    }
                )
            rows[row - 1] = current.model_copy(
                update={
                    "actual_to_date": actual if actual is not None else current.actual_to_date,
                    "expected_full_year": expected if expected is not None else current.expected_full_year,
                    "possibility": possibility or current.possibility,
                    "deviation": deviation,
                    "corrective_measures": measure if measure is not None else current.corrective_measures,
                }
            )
            table = table.model_copy(update={"rows": rows})
        budget = table.budget.model_copy(
            update={
                "adjusted_budget": _or(_decimal(adjusted, "调整后预算"), table.budget.adjusted_budget),
                "executed": _or(_decimal(executed, "执行数"), table.budget.executed),
            }
        )
        table = table.model_copy(update={"budget": budget})
        saved = cycle.save(form_id, table, base=view.stored.info.number)
        _show_monitoring(cycle.monitoring(form_id, saved.info.number))


def _check_row(row: int, count: int) -> None:
    if not 1 <= row <= count:
        raise InputError(f"表中没有第 {row} 行指标（共 {count} 行）", hint="用 show 查看行号")


def _show_monitoring(view: MonitoringView) -> None:
    t: MonitoringTable = view.form
    r = view.report
    out = render.console()
    out.print(render.plain(f"{t.project_name}（{t.year or ''}年度）运行监控表 · 第 {view.stored.info.number} 版"))
    out.print(render.plain(f"数据截至 {t.as_of.isoformat()}，序时进度 {r.elapsed}%"))
    out.print(render.plain(f"预算执行：{r.budget.light.mark}{r.budget.light.label} {r.budget.text}"))
    table = Table(title="绩效指标", title_justify="left")
    for col in (
        "行",
        "三级指标",
        "年度指标值",
        "执行情况",
        "全年预计",
        "可能性",
        "偏差原因",
        "纠偏措施",
        "预警",
        "说明",
    ):
        table.add_column(col, overflow="fold")
    for n, (row, signal) in enumerate(zip(t.rows, r.rows, strict=True), start=1):
        causes = "、".join(c.value for c in row.deviation.causes)
        reason = "：".join(x for x in (causes, row.deviation.text or "") if x)
        render.add_plain_row(
            table,
            n,
            row.link.name,
            row.target,
            row.actual_to_date or "",
            row.expected_full_year or "",
            row.possibility.value if row.possibility else "",
            reason,
            row.corrective_measures or "",
            f"{signal.light.mark}{signal.light.label}",
            "；".join(signal.reasons),
        )
    out.print(table)
    if r.findings:
        out.print(_findings_table(r.findings, [x.link.name for x in t.rows]))


@monitor_app.command("show")
def monitor_show(form_id: FormId, version: VersionOption = None, as_json: JsonFlag = False) -> None:
    """显示监控表：预算执行与序时进度、每项指标的预警灯和原因、审核发现。"""
    with open_services() as services:
        view = services.cycle().monitoring(form_id, version)
    if as_json:
        payload = {
            "id": form_id,
            "version": view.stored.info.number,
            "form": view.form.model_dump(mode="json"),
            "elapsed": str(view.report.elapsed),
            "budget": {"light": view.report.budget.light.value, "text": view.report.budget.text},
            "rows": [{"light": s.light.value, "reasons": s.reasons} for s in view.report.rows],
            "findings": [_finding_json(f) for f in view.report.findings],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _show_monitoring(view)


def _finding_json(f: Finding) -> dict[str, object]:
    return {
        "code": f.code,
        "severity": f.severity.value,
        "row": None if f.index is None else f.index + 1,
        "message": f.message,
        "fix": f.fix,
    }


@monitor_app.command("check")
def monitor_check(form_id: FormId, as_json: JsonFlag = False) -> None:
    """只列出监控表的预警与审核发现；有错误时退出码为 1。"""
    with open_services() as services:
        view = services.cycle().monitoring(form_id)
    _print_findings(view.report.findings, [r.link.name for r in view.form.rows], as_json)


def _print_findings(findings: list[Finding], names: list[str], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps([_finding_json(f) for f in findings], ensure_ascii=False, indent=2))
    elif findings:
        render.console().print(_findings_table(findings, names))
    else:
        typer.echo("没有审核发现。")
    if any(f.severity is Severity.ERROR for f in findings):
        raise typer.Exit(1)


@monitor_app.command("export")
def monitor_export(form_id: FormId, output: Output, version: VersionOption = None) -> None:
    """按运行监控表的版式导出为 Word、Excel，或导出 JSON。"""
    _export(form_id, output, version)


def _export(form_id: int, output: Path, version: int | None) -> None:
    fmt_ = _format(output)
    check_writable(output)
    with open_services() as services:
        path = services.cycle().export(form_id, fmt_, output, version=version)
    typer.echo(f"已导出第 {form_id} 号表 → {path}")


@monitor_app.command("import")
def monitor_import(file: Annotated[Path, typer.Argument(help=".docx、.xlsx 或导出的 JSON")]) -> None:
    """导入一份运行监控表或自评表（按标题判断），存为新表。"""
    _import(file)


def _import(file: Path) -> None:
    with open_services() as services:
        stored = services.cycle().import_form(file)
    typer.echo(
        f"已导入为{stored.kind.label}第 {stored.summary.id} 号：{stored.form.project_name}（{len(stored.form.rows)} 项指标）"
    )


# -- selfeval ------------------------------------------------------------------------------------


@selfeval_app.command("create")
def selfeval_create(
    source: Source,
    monitoring: Annotated[int | None, typer.Option("--monitoring", help="以该监控表的全年预计数作为初值。")] = None,
) -> None:
    """从申报表创建绩效自评表：指标、年度指标值、预算和默认分值取自申报表，实际完成值由你填写。"""
    with open_services() as services:
        stored = services.cycle().start_selfeval(source, monitoring=monitoring)
    _created(stored, "selfeval")


@selfeval_app.command("list")
def selfeval_list(as_json: JsonFlag = False) -> None:
    """列出自己的绩效自评表。"""
    with open_services() as services:
        forms = services.cycle().forms(FormKind.SELFEVAL)
    _summaries(FormKind.SELFEVAL, forms, as_json)


@selfeval_app.command("fill")
def selfeval_fill(
    form_id: FormId,
    row: RowOption = None,
    actual: Annotated[str | None, typer.Option("--actual", help="实际完成值，如 26个、96%、及时。")] = None,
    weight: Annotated[str | None, typer.Option("--weight", help="分值。")] = None,
    score: Annotated[str | None, typer.Option("--score", help="定性指标：在所选档次内的得分。")] = None,
    band: Annotated[Band | None, typer.Option("--band", help="定性指标的档次。")] = None,
    deviation: Annotated[str | None, typer.Option("--deviation", help="偏差原因分析及改进措施。")] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help="数据来源（如 满意度调查方式、样本量）。")] = None,
    budget: Annotated[str | None, typer.Option("--budget", help="全年预算数（元）。")] = None,
    executed: Annotated[str | None, typer.Option("--executed", help="全年执行数（元）。")] = None,
) -> None:
    """填写自评表的一行指标和/或全年预算数、执行数，存为新版本后按规则重新计分。"""
    with open_services() as services:
        cycle = services.cycle()
        view = cycle.selfeval(form_id)
        ev = view.form
        if row is not None:
            rows = list(ev.rows)
            _check_row(row, len(rows))
            cur = rows[row - 1]
            rows[row - 1] = cur.model_copy(
                update={
                    "actual": actual if actual is not None else cur.actual,
                    "weight": _decimal(weight, "分值") if weight is not None else cur.weight,
                    "score": _decimal(score, "得分")
                    if score is not None
                    else (None if band is not None else cur.score),
                    "band": band or cur.band,
                    "deviation": deviation if deviation is not None else cur.deviation,
                    "evidence": evidence if evidence is not None else cur.evidence,
                }
            )
            ev = ev.model_copy(update={"rows": rows})
        if budget is not None or executed is not None:
            funds = [
                f.model_copy(
                    update={
                        "full_year_budget": _or(_decimal(budget, "全年预算数"), f.full_year_budget),
                        "executed": _or(_decimal(executed, "全年执行数"), f.executed),
                    }
                )
                if f.kind is FundKind.TOTAL
                else f
                for f in ev.funds
            ]
            ev = ev.model_copy(update={"funds": funds})
        saved = cycle.save(form_id, ev, base=view.stored.info.number)
        _show_selfeval(cycle.selfeval(form_id, saved.info.number))


def _show_selfeval(view: SelfEvalView) -> None:
    ev: SelfEvaluation = view.form
    card = view.card
    out = render.console()
    out.print(render.plain(f"{ev.project_name}（{ev.year or ''}年度）绩效自评表 · 第 {view.stored.info.number} 版"))
    b = card.budget
    out.print(render.plain(f"预算执行率（分值 {fmt(b.weight)}）：{b.arithmetic or b.problem}"))
    table = Table(title="绩效指标", title_justify="left")
    for col in (
        "行",
        "一级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "算式",
        "偏差原因分析及改进措施",
    ):
        table.add_column(col, overflow="fold")
    for n, (row, s) in enumerate(zip(ev.rows, card.rows, strict=True), start=1):
        render.add_plain_row(
            table,
            n,
            row.link.level1_written or "",
            row.link.name,
            row.target,
            row.actual or "",
            fmt(s.weight),
            "" if s.score is None else s.score,
            s.arithmetic or s.problem or "",
            row.deviation or "",
        )
    out.print(table)
    total = f"{card.total}" if card.total is not None else f"未完成（已计 {card.partial_total}）"
    out.print(render.plain(f"总分：{total}"))
    for note in card.weight_notes:
        out.print(render.plain(f"分值说明：{note}"))
    if view.findings:
        out.print(_findings_table(view.findings, [r.link.name for r in ev.rows]))


@selfeval_app.command("show")
def selfeval_show(form_id: FormId, version: VersionOption = None, as_json: JsonFlag = False) -> None:
    """显示自评表：每行的分值、按规则计算的得分和算式、总分、审核发现。"""
    with open_services() as services:
        view = services.cycle().selfeval(form_id, version)
    if as_json:
        payload = {
            "id": form_id,
            "version": view.stored.info.number,
            "form": view.form.model_dump(mode="json"),
            "budget": {
                "rate": _s(view.card.budget.rate),
                "score": _s(view.card.budget.score),
                "arithmetic": view.card.budget.arithmetic,
            },
            "rows": [
                {
                    "score": _s(r.score),
                    "weight": _s(r.weight),
                    "rule": r.rule.value if r.rule else None,
                    "arithmetic": r.arithmetic,
                    "problem": r.problem,
                }
                for r in view.card.rows
            ],
            "total": _s(view.card.total),
            "findings": [_finding_json(f) for f in view.findings],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _show_selfeval(view)


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@selfeval_app.command("check")
def selfeval_check(form_id: FormId, as_json: JsonFlag = False) -> None:
    """只列出自评表的审核发现（未说明的偏差、目标值设置偏低、满意度无调查依据、分值合计……）；有错误时退出码为 1。"""
    with open_services() as services:
        view = services.cycle().selfeval(form_id)
    _print_findings(view.findings, [r.link.name for r in view.form.rows], as_json)


@selfeval_app.command("rules")
def selfeval_rules() -> None:
    """列出计分规则及其来源。"""
    table = Table(title="自评计分规则", title_justify="left")
    for col in ("规则", "算法", "来源"):
        table.add_column(col, overflow="fold")
    for rule in RULES.values():
        render.add_plain_row(table, rule.title, rule.formula, rule.source)
    render.console().print(table)
    typer.echo(f"默认分值：{WEIGHTS_SOURCE}")
    typer.echo(f"示例：{rule_text(next(iter(RULES)))}；7月31日的序时进度为 {elapsed_share(date(2025, 7, 31))}%")


@selfeval_app.command("export")
def selfeval_export(form_id: FormId, output: Output, version: VersionOption = None) -> None:
    """按项目支出绩效自评表的版式导出为 Word、Excel（空白的分值、得分、总分按规则填入），或导出 JSON。"""
    _export(form_id, output, version)


@selfeval_app.command("import")
def selfeval_import(file: Annotated[Path, typer.Argument(help=".docx、.xlsx 或导出的 JSON")]) -> None:
    """导入一份自评表或运行监控表（按标题判断），存为新表；表上写的得分保留，按规则复核。"""
    _import(file)


@selfeval_app.command("next-year")
def selfeval_next_year(form_id: FormId) -> None:
    """从上年申报表和本自评表生成下一年度的申报草稿：超额完成的目标按实际值提高，未完成的保留并附原因。"""
    with open_services() as services:
        result = services.cycle().next_year(form_id)
    info = result.saved.info
    out = render.console()
    out.print(
        render.plain(f"已生成 {result.plan.year or ''} 年度申报草稿第 {info.draft_id} 号（第 {info.number} 版）。")
    )
    for line in result.diff or ["各项指标均沿用上年目标。"]:
        out.print(render.plain(f"· {line}"))
    out.print(render.plain(f"查看：assistant drafts show {info.draft_id}"))


@selfeval_app.command("ask")
def selfeval_ask(
    question: Annotated[str, typer.Argument(help="问题，如 “去年哪些指标没有完成？原因是什么？”")],
    as_json: JsonFlag = False,
) -> None:
    """就自己的绩效自评表提问（未完成的指标及原因、平均得分），答案引用到表和行。"""
    with open_services() as services:
        result = services.cycle().ask(question)
    if as_json:
        payload = {"answer": result.text, "citations": result.citations, "understood": result.understood}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    render.console().print(render.plain(result.text))
