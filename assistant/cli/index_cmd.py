"""``assistant index build`` and ``assistant search``: the retrieval service from the terminal."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli import render
from assistant.cli.wiring import open_services
from assistant.services.results import DocKind, SearchMode, SearchResult

app = typer.Typer(help="检索索引：把语料库（申报表段落、绩效指标、政策文件）建成可检索的索引。", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="输出 JSON，供程序读取。")]


class Mode(StrEnum):
    HYBRID = "hybrid"
    VECTOR = "vector"
    BM25 = "bm25"


_MODES: dict[Mode, SearchMode] = {Mode.HYBRID: "hybrid", Mode.VECTOR: "vector", Mode.BM25: "bm25"}


@app.command("build")
def build() -> None:
    """建立或更新检索索引：只嵌入新增或改动的内容，删除语料库中已不存在的内容。"""
    with open_services() as services:
        report = services.search.build()
    render.console().print(
        f"索引已更新：新增 {report.added} 条，删除 {report.removed} 条，未变 {report.unchanged} 条；"
        f"本次嵌入 {report.embedded} 条，用时 {report.seconds:.1f} 秒。"
    )


def search(
    query: Annotated[str, typer.Argument(help="要查找的内容，如“信息化运维 满意度”或文号“组厅字[2017]7号”")],
    kind: Annotated[
        DocKind | None,
        typer.Option("--kind", help="只查一类：section（申报表段落）、indicator（绩效指标）、policy（政策文件）"),
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="只查该预算年度，如 2023")] = None,
    dept: Annotated[
        str | None, typer.Option("--dept", help="只查主管部门、申报单位或实施单位名称含此文字的申报表")
    ] = None,
    k: Annotated[int, typer.Option("-k", "--top", min=1, max=100, help="返回条数")] = 10,
    mode: Annotated[Mode, typer.Option("--mode", help="hybrid（默认，向量+关键词融合）、vector 或 bm25")] = Mode.HYBRID,
    as_json: JsonFlag = False,
) -> None:
    """检索语料库：按相关度列出申报表段落、绩效指标和政策文件（首次使用时自动建立索引）。"""
    with open_services() as services:
        results = services.search.search(query, kind=kind, year=year, dept=dept, k=k, mode=_MODES[mode])
    if as_json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=2))
        return
    if not results:
        render.console().print(
            render.plain(f"没有找到与“{query}”相关的内容。可放宽 --kind、--year、--dept 条件后再试。")
        )
        return
    render.console().print(results_table(query, results))


def results_table(query: str, results: list[SearchResult]) -> Table:
    table = Table(title=render.plain(f"检索：{query}（{len(results)} 条）"), title_justify="left", show_lines=True)
    for column in ("#", "得分", "类型", "来源", "片段"):
        table.add_column(column, overflow="fold")
    for result in results:
        render.add_plain_row(table, result.rank, _score(result), result.kind.label, _source(result), result.snippet)
    return table


def _source(result: SearchResult) -> str:
    if not result.same_text:
        return result.source
    return f"{result.source}\n（另有 {len(result.same_text)} 处文字相同：{'、'.join(result.same_text)}）"


def _score(result: SearchResult) -> str:
    score = "" if result.score is None else f"{result.score:.4f}"
    return f"精确匹配\n{score}".strip() if result.exact else score
