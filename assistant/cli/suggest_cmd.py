"""``assistant suggest``: indicator suggestions for a project brief, grouped by 一级/二级, with evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Group
from rich.table import Table
from rich.text import Text

from assistant.cli import render
from assistant.cli.wiring import open_services
from assistant.domain.brief import example_brief_path, load_brief
from assistant.domain.provenance import Origin
from assistant.services.results import IndicatorSuggestion, SuggestionSet, provenance
from assistant.settings import LLMProvider

EVIDENCE_SHOWN = 3


def suggest(
    brief: Annotated[Path | None, typer.Argument(help="项目简报文件（YAML 或 JSON，字段可用中文名）")] = None,
    example: Annotated[bool, typer.Option("--example", help="使用内置示例简报（党员教育平台运维项目）。")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（含全部先例证据），供程序读取。")] = False,
    llm: Annotated[
        LLMProvider,
        typer.Option(
            "--llm",
            help="none（默认，只用规则，毫秒级）、local（内置模型）或 openai（配置的接口）：模型只改进名称、补充简报中写明的指标，"
            "其中每个数字都须在简报中找到，否则不采用并在说明中列出。",
        ),
    ] = LLMProvider.NONE,
) -> None:
    """根据项目简报建议绩效指标：按一级/二级分组，给出建议值、取值依据和历年先例。"""
    if example == (brief is not None):
        raise typer.BadParameter("请给出简报文件，或使用 --example（二者选一）", param_hint="BRIEF")
    loaded = load_brief(example_brief_path() if brief is None else brief)
    render.print_unit_notes(loaded.unit_notes)
    with open_services(llm=llm) as services:
        result = services.suggest.suggest(loaded)
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    render.console().print(suggestion_view(result))


def suggestion_view(result: SuggestionSet) -> Group:
    kinds = "、".join(result.kinds) or "（未识别）"
    title = f"指标建议：{result.brief_name}（{result.year} 年）— {len(result.suggestions)} 项；项目特征词：{kinds}"
    parts: list = [
        Text(title, style="bold"),
        _type_line(result),
        _precedent_table(result),
        _indicator_table(result),
        _coverage_line(result),
        *([_notes(result)] if result.notes else []),
    ]
    parts.append(
        Text(
            "（取值依据：历史标准 = 同类先例的常用值；计划标准 = 简报中的数量、金额或起止期间，附计算过程；"
            "模板参考值 = 项目类型模板的常用值，请按实际核定。完整证据见 --json）",
            style="dim",
        )
    )
    return Group(*parts)


def _type_line(result: SuggestionSet) -> Text:
    verdict = result.project_type
    explained = verdict.explain() if verdict else "未识别"
    hint = "" if "项目类型" in explained else "（可在简报中用“项目类型”字段指定）"
    return Text(f"项目类型：{explained}{hint}")


def _precedent_table(result: SuggestionSet) -> Table:
    table = Table(title="最相近的历年申报表", title_justify="left")
    for col in ("编号", "项目名称", "年度", "相似度"):
        table.add_column(col, overflow="fold")
    for p in result.precedents:
        render.add_plain_row(table, p.declaration_id, p.project_name, p.year or "（未知）", f"{p.similarity:.2f}")
    return table


def _indicator_table(result: SuggestionSet) -> Table:
    table = Table(title="建议指标（按现行框架分组）", title_justify="left", show_lines=True)
    for col in ("一级指标", "二级指标", "三级指标", "建议值", "取值依据", "先例（编号 · 年度 · 原名称 · 原值）"):
        table.add_column(col, overflow="fold")
    for level1, level2, items in result.grouped():
        for n, item in enumerate(items):
            first = n == 0
            table.add_row(
                level1.value if first else "",
                level2.value if first else "",
                _name_cell(item),
                item.value.value,
                _basis_cell(item),
                _evidence_cell(item),
            )
    return table


def _name_cell(item: IndicatorSuggestion) -> str:
    lines = [item.name, f"来源：{provenance(item)}"]
    if item.origin is Origin.PRECEDENT:
        lines.append(f"名称：{item.naming.value}（{item.template}）")
    if item.for_coverage:
        lines.append("为覆盖必备类别补充")
    return "\n".join([*lines, *item.notes])


def _basis_cell(item: IndicatorSuggestion) -> str:
    value = item.value
    extra = f"\n先例取值范围：{value.range}" if value.range else ""
    return f"{value.basis}{extra}"


def _evidence_cell(item: IndicatorSuggestion) -> str:
    rows = [
        f"{e.declaration_id} · {e.year or '？'} · {e.indicator_name} · {e.value or '（空）'}"
        for e in item.evidence[:EVIDENCE_SHOWN]
    ]
    more = len(item.evidence) - EVIDENCE_SHOWN
    return "\n".join(rows + ([f"……另有 {more} 条"] if more > 0 else []))


def _notes(result: SuggestionSet) -> Text:
    return Text("\n".join(f"说明：{note}" for note in result.notes), style="yellow")


def _coverage_line(result: SuggestionSet) -> Text:
    marks = "  ".join(f"{'✓' if c.covered else '✗'}{c.requirement}" for c in result.coverage)
    if result.complete:
        return Text(f"必备类别：{marks}", style="green")
    return Text(f"必备类别：{marks}（语料中没有可用的候选指标，请手工补充）", style="yellow")
