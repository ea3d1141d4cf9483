"""``assistant corpus …``: build, list, show and count the typed corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli import render
from assistant.cli.wiring import open_services
from assistant.domain.model import NoteLevel
from assistant.services.corpus import duplicate_lines
from assistant.services.results import Corpus

app = typer.Typer(help="语料库：把历年申报表解析为结构化语料，并查看。", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="输出 JSON，供程序读取。")]


@app.command("build")
def build(
    source: Annotated[
        list[Path] | None,
        typer.Option(
            "--from",
            help="先把这些申报表文件（.txt、.html、.pdf、.docx、.xlsx、.xls、.doc，或目录下的这些文件）复制到 corpus/raw/，再构建；"
            "逐个报告无法读取的文件及原因，同一项目同一年度的重复表只收一份。",
        ),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="逐条列出解析提示（文件与行号）。")] = False,
) -> None:
    """解析 corpus/raw/ 下的全部申报表，生成 corpus/declarations/*.json（结果确定、可重复）。"""
    with open_services() as services:
        report = services.corpus.build(source or [], progress=_progress)
    out = render.console()
    decls = report.declarations
    out.print(
        f"已解析 {len(report.results)} 个文件，{len(decls)} 份申报表，{sum(len(d.indicators) for d in decls)} 项指标；"
        f"写入 {len(report.written)} 个、删除 {len(report.removed)} 个语料文件（其余未变）。"
    )
    for name, why in report.failed.items():
        out.print(render.plain(f"无法解析 {name}：{why}"), style="red")
    for line in duplicate_lines(report):
        out.print(render.plain(line), style="yellow")
    _print_note_summary(report, verbose=verbose)
    if report.failed:
        raise typer.Exit(1)


def _progress(done: int, total: int, name: str) -> None:
    """One line per file on stderr, so a long bulk build shows where it is without mixing into the report."""
    typer.echo(f"[{done}/{total}] 已读取 {render.visible(name)}", err=True)


def _print_note_summary(report, *, verbose: bool) -> None:
    out = render.console()
    table = Table(title="解析提示汇总", title_justify="left")
    for col in ("申报表", "项目名称", "错误", "警告", "提示"):
        table.add_column(col, overflow="fold")
    for decl in report.declarations:
        counts = {lvl: sum(1 for n in decl.parse_notes if n.level is lvl) for lvl in NoteLevel}
        render.add_plain_row(
            table,
            decl.id,
            decl.header.name,
            *(str(counts[lvl]) for lvl in (NoteLevel.ERROR, NoteLevel.WARNING, NoteLevel.INFO)),
        )
    out.print(table)
    if not verbose:
        out.print("（使用 --verbose 查看每条提示的文件与行号）")
        return
    for result in report.results:
        if result.notes:
            out.print(
                render.notes_table(result.notes, title=f"{result.source_file}（文件级）", source=result.source_file)
            )
        for decl in result.declarations:
            if decl.parse_notes:
                out.print(
                    render.notes_table(
                        decl.parse_notes, title=f"{decl.id} {decl.header.name}", source=result.source_file
                    )
                )


def _corpus() -> Corpus:
    with open_services() as services:
        return services.corpus.corpus()


@app.command("list")
def list_(as_json: JsonFlag = False) -> None:
    """列出语料库中的全部申报表。"""
    corpus = _corpus()
    if as_json:
        rows = [
            {
                "id": d.id,
                "name": d.header.name,
                "year": d.header.year,
                "layout": d.layout.value,
                "indicators": len(d.indicators),
                "source": d.provenance.source_file,
            }
            for d in corpus
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"语料库（{len(corpus)} 份申报表）", title_justify="left")
    for col in ("编号", "年度", "项目名称", "单位", "版式", "指标数"):
        table.add_column(col, overflow="fold")
    for d in corpus:
        unit = d.header.implementer or d.header.applicant or d.header.department or ""
        render.add_plain_row(
            table, d.id, d.header.year or "", d.header.name, unit, render.layout_label(d), len(d.indicators)
        )
    render.console().print(table)


@app.command("show")
def show(
    declaration_id: Annotated[str, typer.Argument(help="申报表编号，如 2023-003-01（见 assistant corpus list）")],
    as_json: JsonFlag = False,
) -> None:
    """显示一份申报表：表头、资金、各部分内容和指标表。"""
    decl = _corpus().get(declaration_id)
    if as_json:
        typer.echo(decl.model_dump_json(indent=2))
        return
    render.console().print(render.declaration_view(decl))


@app.command("stats")
def stats(as_json: JsonFlag = False) -> None:
    """统计：按源文件、年度、版式、一级/二级指标计的申报表与指标数量。"""
    with open_services() as services:
        result = services.corpus.stats()
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    render.console().print(render.stats_view(result))
