"""``assistant rules`` and ``assistant check``: the review engine from the terminal."""

from __future__ import annotations

import json
from collections import Counter
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli import render
from assistant.cli.wiring import open_services
from assistant.errors import InputError
from assistant.services.results import ReviewReport, Rule, Severity

JsonFlag = Annotated[bool, typer.Option("--json", help="输出 JSON，供程序读取。")]


def rules(as_json: JsonFlag = False) -> None:
    """列出全部审核规则：编号、级别、审核要点、依据和修改建议。"""
    with open_services() as services:
        catalogue = services.review.rules()
    if as_json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in catalogue], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"审核规则（{len(catalogue)} 条）", title_justify="left", show_lines=True)
    for col in ("编号", "级别", "审核要点", "规则", "依据", "修改建议"):
        table.add_column(col, overflow="fold")
    for r in catalogue:
        table.add_row(r.id, r.severity.label, r.criterion.value, r.title, r.source, r.fix)
    render.console().print(table)


def check(
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="FILE|ID",
            help="要审核的申报表：文件（语料 JSON、草稿 JSON、.txt 文本导出、.docx/.xlsx）、目录（审核其中每个申报表文件）、"
            "草稿编号（如 3）或语料库中的申报表编号（如 2023-003-01）",
        ),
    ] = None,
    corpus: Annotated[bool, typer.Option("--corpus", help="审核整个语料库并汇总。")] = False,
    as_json: JsonFlag = False,
) -> None:
    """审核申报表：按级别列出问题、位置和修改建议；有“错误”或有文件无法读取时退出码为 1。"""
    if not corpus and not source:
        raise InputError(
            "请给出要审核的文件、目录、草稿编号或申报表编号，或使用 --corpus 审核整个语料库",
            hint="示例：assistant check draft.json",
        )
    with open_services() as services:
        catalogue = {rule.id: rule for rule in services.review.rules()}
        if corpus:
            reports = services.review.check_corpus()
            _corpus_output(reports, catalogue, as_json=as_json)
            raise typer.Exit(1 if any(r.has_errors for r in reports) else 0)
        found = services.subjects.resolve(source or "")
        reports = services.review.check_declarations(found.declarations)
    if as_json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            render.console().print(render.review_view(report))
    for name, why in found.failed.items():
        typer.echo(f"无法读取 {name}：{why}", err=True)
    raise typer.Exit(1 if found.failed or any(r.has_errors for r in reports) else 0)


def _corpus_output(reports: list[ReviewReport], catalogue: dict[str, Rule], *, as_json: bool) -> None:
    frequent = Counter(f.rule_id for r in reports for f in r.findings)
    if as_json:
        summary = {
            "declarations": [
                {
                    "id": r.declaration_id,
                    "name": r.name,
                    "errors": r.count(Severity.ERROR),
                    "warnings": r.count(Severity.WARNING),
                    "hints": r.count(Severity.HINT),
                    "rules": sorted({f.rule_id for f in r.findings}),
                }
                for r in reports
            ],
            "rule_counts": dict(frequent.most_common()),
        }
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    out = render.console()
    table = Table(title=f"语料库审核（{len(reports)} 份申报表）", title_justify="left")
    for col in ("申报表", "项目名称", "错误", "警告", "提示", "主要问题"):
        table.add_column(col, overflow="fold")
    for r in reports:
        top = "、".join(catalogue[k].title for k, _ in Counter(f.rule_id for f in r.findings).most_common(3))
        table.add_row(
            r.declaration_id,
            r.name,
            str(r.count(Severity.ERROR)),
            str(r.count(Severity.WARNING)),
            str(r.count(Severity.HINT)),
            top,
        )
    out.print(table)
    rules_table = Table(title="最常见的问题", title_justify="left")
    for col in ("规则", "级别", "问题", "次数", "涉及申报表"):
        rules_table.add_column(col, overflow="fold")
    for rule_id, n in frequent.most_common():
        rule = catalogue[rule_id]
        decls = sum(1 for r in reports if any(f.rule_id == rule_id for f in r.findings))
        rules_table.add_row(rule_id, rule.severity.label, rule.title, str(n), str(decls))
    out.print(rules_table)
    out.print("（逐份查看：assistant check corpus/declarations/<编号>.json）")
