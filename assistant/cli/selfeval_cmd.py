"""``assistant selfeval …``: the year-end 绩效自评表 — create, fill, show with scores and arithmetic, check, rules,
export, import, ask, and next year's declaration (shared helpers in `cycle_cmd`)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from assistant.cli import render
from assistant.cli.cycle_cmd import (
    FormId,
    JsonFlag,
    Output,
    RowOption,
    Source,
    VersionOption,
    _check_row,
    _created,
    _decimal,
    _export,
    _finding_json,
    _findings_table,
    _import,
    _or,
    _print_findings,
    _summaries,
)
from assistant.cli.wiring import open_services
from assistant.domain.amounts import nonnegative_amount
from assistant.domain.cycle import Band, FundKind, SelfEvaluation
from assistant.services.results import CYCLE_RULES as RULES
from assistant.services.results import WEIGHTS_SOURCE, FormKind, elapsed_share, fmt, rule_text, thresholds

if TYPE_CHECKING:  # the cycle service (drafting chain, store) loads only for the cycle commands
    from assistant.services.cycle import SelfEvalView

selfeval_app = typer.Typer(
    help="绩效自评表：从申报表创建，填写实际完成值，按规则计分并审核，导出/导入，生成下年申报。", no_args_is_help=True
)


# -- selfeval ------------------------------------------------------------------------------------


@selfeval_app.command("create")
def selfeval_create(
    source: Source,
    monitoring: Annotated[int | None, typer.Option("--monitoring", help="以该监控表的全年预计数作为初值。")] = None,
) -> None:
    """从申报表创建绩效自评表：指标、年度指标值、预算和默认分值取自申报表，实际完成值由你填写。"""
    with open_services() as services:
        cycle = services.cycle()
        stored = cycle.start_selfeval(source, monitoring=monitoring)
        findings = cycle.selfeval(stored.summary.id).findings
    _created(stored, "selfeval", findings)


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
            cycle.check_entry(ev, row, {"实际完成值": actual})
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
                        "full_year_budget": _or(nonnegative_amount(budget, "全年预算数"), f.full_year_budget),
                        "executed": _or(nonnegative_amount(executed, "全年执行数"), f.executed),
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
    for title, rule_, source in thresholds():
        render.add_plain_row(table, title, rule_, source)
    render.console().print(table)
    typer.echo(f"默认分值：{WEIGHTS_SOURCE}")
    typer.echo(f"示例：{rule_text(next(iter(RULES)))}；7月31日的序时进度为 {elapsed_share(date(2025, 7, 31))}%")


@selfeval_app.command("export")
def selfeval_export(form_id: FormId, output: Output, version: VersionOption = None) -> None:
    """按项目支出绩效自评表的版式导出为 Word、Excel（空白的分值、得分、总分按规则填入），或导出 JSON。"""
    _export(form_id, output, version, "selfeval")


@selfeval_app.command("import")
def selfeval_import(
    file: Annotated[
        Path,
        typer.Argument(help=".docx、.xlsx、导出的 JSON，或公开的自评表：网页文本 .txt、网页 .html、.xls、文字版 PDF"),
    ],
) -> None:
    """导入一份自评表或运行监控表（按标题判断），存为新表；表上写的得分保留，按规则复核。
    各部门公开的项目支出绩效自评表（网页复制的文本、保存的网页、Excel、旧版 .xls、文字版 PDF）按同一读取方式导入。"""
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
    if (warning := result.unfilled_warning(form_id)) is not None:
        out.print(render.plain(f"{warning}（assistant selfeval fill {form_id} --row 行号 …）"))
        for line in result.plan.unfilled:
            out.print(render.plain(f"  - {line}"))
    for line in result.changes():
        out.print(render.plain(f"· {line}"))
    if (note := result.rollover_note()) is not None and result.rollover is not None:
        out.print(render.plain(f"{note}。采纳：assistant drafts accept {info.draft_id} {result.rollover.id}"))
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
