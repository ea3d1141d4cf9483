"""``assistant monitor …``: the mid-year 运行监控表 of a declaration — create from a stored draft, a corpus id or a
file; fill in; show with its lights; check; export in the official layout; import. The helpers here are shared
with ``assistant selfeval …`` (`selfeval_cmd`)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from assistant.cli import render
from assistant.cli.output import check_writable
from assistant.cli.wiring import open_services
from assistant.domain.amounts import nonnegative_amount, nonnegative_number
from assistant.domain.cycle import DeviationCause, MonitoringTable, Possibility
from assistant.errors import InputError
from assistant.services.results import CycleFinding as Finding
from assistant.services.results import CycleSeverity as Severity
from assistant.services.results import FormKind, FormSummary, StoredForm

if TYPE_CHECKING:  # the cycle service (drafting chain, store) loads only for the cycle commands
    from assistant.services.cycle import MonitoringView

monitor_app = typer.Typer(
    help="绩效运行监控表：从申报表创建，填写执行情况，查看序时进度与预警，导出/导入。", no_args_is_help=True
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
    return nonnegative_number(text, what)


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
    for col in ("序号", "级别", "位置", "问题", "建议"):
        table.add_column(col, overflow="fold")
    for n, f in enumerate(findings, start=1):
        render.add_plain_row(table, n, f.severity.label, f.where(names), f.message, f.fix)
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


_TIMING = ("MON-FUTURE", "SE-YEAR-OPEN")  # a cut-off still to come, a year not ended: said when the form is created


def _created(stored: StoredForm, command: str, findings: list[Finding] | None = None) -> None:
    out = render.console()
    out.print(
        render.plain(
            f"已创建{stored.kind.label}第 {stored.summary.id} 号：{stored.form.project_name}"
            f"（{len(stored.form.rows)} 项指标）。填写：assistant {command} fill {stored.summary.id} --row 1 …"
        )
    )
    for f in findings or []:
        if f.code in _TIMING:
            out.print(render.plain(f"注意：{f.message}。{f.fix}。"))


# -- monitor -------------------------------------------------------------------------------------


@monitor_app.command("create")
def monitor_create(
    source: Source, as_of: Annotated[str | None, typer.Option("--as-of", help="数据截止日期，默认当年7月31日。")] = None
) -> None:
    """从申报表创建运行监控表：指标、年度指标值、预算取自申报表，执行情况由你填写。"""
    with open_services() as services:
        cycle = services.cycle()
        stored = cycle.start_monitoring(source, as_of=_date(as_of))
        findings = cycle.monitoring(stored.summary.id).report.findings
    _created(stored, "monitor", findings)


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
            cycle.check_entry(table, row, {"执行情况": actual, "全年预计完成情况": expected})
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
                "adjusted_budget": _or(nonnegative_amount(adjusted, "调整后预算"), table.budget.adjusted_budget),
                "executed": _or(nonnegative_amount(executed, "执行数"), table.budget.executed),
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
            "budget": {
                "light": view.report.budget.light.value,
                "rate": None if view.report.budget.rate is None else str(view.report.budget.rate),
                "text": view.report.budget.text,
            },
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
    _export(form_id, output, version, "monitor")


def _export(form_id: int, output: Path, version: int | None, kind: str) -> None:
    fmt_ = _format(output)
    check_writable(output)
    with open_services() as services:
        path = services.cycle().export(form_id, fmt_, output, version=version, kind=kind)
    typer.echo(f"已导出第 {form_id} 号表 → {path}")


@monitor_app.command("import")
def monitor_import(file: Annotated[Path, typer.Argument(help=".docx、.xlsx 或导出的 JSON")]) -> None:
    """导入一份运行监控表或自评表（按标题判断），存为新表。"""
    _import(file)


def _import(file: Path) -> None:
    """Store every form the file holds (a published page may hold several), one line each, then the reader's notes
    on each form (what it could not place), so nothing it left out passes unseen."""
    with open_services() as services:
        imported = services.cycle().import_forms(file)
    if len(imported) > 1:
        typer.echo(f"{file.name} 中有 {len(imported)} 张表，各存为一张：")
    for stored, _ in imported:
        typer.echo(
            f"已导入为{stored.kind.label}第 {stored.summary.id} 号：{stored.form.project_name}"
            f"（{len(stored.form.rows)} 项指标）"
        )
    for stored, notes in imported:
        if notes:
            title = f"第 {stored.summary.id} 号表的读取提示（{len(notes)} 条，请对照原表核对）"
            render.console().print(render.notes_table(notes, title=title, source=file.name))
