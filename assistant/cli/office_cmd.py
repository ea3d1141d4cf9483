"""``assistant export`` and ``assistant import``: Word/Excel/JSON out, a preview of any declaration file in."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli import render
from assistant.cli.output import check_writable
from assistant.cli.wiring import open_services
from assistant.domain.model import Declaration
from assistant.errors import InputError
from assistant.services import Services
from assistant.services.export import ExportFormat, file_stem
from assistant.services.results import IMPORT_FORMATS, ReviewReport, Severity


def export(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE|ID",
            help="语料库中的申报表编号（如 2023-003-01）、草稿编号（如 3），或文件：语料 JSON、草稿 JSON、.txt、.docx、.xlsx",
        ),
    ],
    to: Annotated[
        ExportFormat | None,
        typer.Option("--to", help="导出格式：docx（Word）、xlsx（Excel）或 json；不写时按 -o 文件的后缀确定。"),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="输出文件；默认为当前目录下的 <编号>.<格式>。")
    ] = None,
) -> None:
    """按上海市财政项目支出绩效目标申报表的版式导出为 Word、Excel 或 JSON；草稿编号的导出与 drafts export 和网页相同。"""
    check_writable(output)
    fmt = export_format(to, output)
    with open_services() as services:
        draft_id = services.subjects.draft_id(source)
        if draft_id is not None:
            render.console().print(render.plain(_export_draft(services, draft_id, fmt, output)))
            return
        decl = services.subjects.one(source)
        path = output or Path(f"{file_stem(decl.id)}.{fmt.value}")  # an id read from a file may hold ../ or /
        check_writable(path)
        services.export.export(decl, fmt, path)
    render.console().print(
        render.plain(f"已导出：{decl.header.name}（{decl.id}）→ {path}（{len(decl.indicators)} 项指标）")
    )


def _export_draft(services: Services, draft_id: int, fmt: ExportFormat, output: Path | None) -> str:
    """A draft exported as the drafts facade writes it (JSON: the draft itself, importable again); what to print."""
    path = output or Path(f"draft-{draft_id}.{fmt.value}")
    check_writable(path)
    stored = services.workspace(every_owner=True).export_to(draft_id, fmt, path)
    name, rows = stored.draft.brief.name, len(stored.draft.indicators)
    done = f"已导出：{name}（草稿 {draft_id} 第 {stored.number} 版）→ {path}（{rows} 项指标）"
    return done + open_errors_note(stored.draft.review, draft_id)


def open_errors_note(review: ReviewReport | None, draft_id: int) -> str:
    """A Chinese line after an export whose draft the review still finds errors in (the file is written all the
    same: an officer may export to edit it elsewhere), or nothing: ``\n注意：该草稿的审核仍有 3 条错误…``."""
    errors = [f for f in (review.findings if review else []) if f.severity is Severity.ERROR]
    if not errors:
        return ""
    rules = "、".join(dict.fromkeys(f.rule_id for f in errors))
    return (
        f"\n注意：该草稿的审核仍有 {len(errors)} 条错误（{rules}），导出的文件未改正这些问题；"
        f"提交前请用 assistant drafts show {draft_id} 查看审核结果并修改"
    )


def export_format(to: ExportFormat | None, output: Path | None) -> ExportFormat:
    """--to, or the format the -o file's suffix names; a file named for another format is refused before any work."""
    suffix = output.suffix.lower().removeprefix(".") if output else ""
    named = next((fmt for fmt in ExportFormat if fmt.value == suffix), None)
    choices = "、".join(f".{fmt.value}" for fmt in ExportFormat)
    if to is None and output is None:
        raise InputError(
            "没有指定导出格式",
            hint="请用 --to docx、--to xlsx 或 --to json 指定，或用 -o 给出以 .docx/.xlsx/.json 结尾的文件名",
        )
    if to is None and named is None:
        raise InputError(
            f"无法从输出文件名 {output} 判断导出格式（后缀应为 {choices} 之一）",
            hint=f"请把文件名改为以 {choices} 之一结尾",
        )
    if to is not None and output is not None and named is not to:
        raise InputError(
            f"输出文件 {output} 的后缀与导出格式 --to {to.value} 不一致：将写出 {to.value} 文件，却以“{output.suffix or '（无后缀）'}”命名",
            hint=f"请把文件名改为以 .{to.value} 结尾，或把 --to 改为与后缀相同的格式",
        )
    chosen = to or named
    assert chosen is not None  # refused above when neither is given
    return chosen


def import_(
    file: Annotated[Path, typer.Argument(help=f"要读取的申报表：{IMPORT_FORMATS}")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON，供程序读取。")] = False,
) -> None:
    """读取一份申报表并显示解析结果（表头、资金、各部分、指标表和解析提示），不加入语料库。"""
    with open_services() as services:
        declarations = services.review.read(file)
        repeats = {decl.id: services.corpus.duplicates(decl) for decl in declarations}
        reports = {r.declaration_id: r for r in services.review.check_declarations(declarations)}
        rated = services.review.self_evaluation_rows(file)
    if rated:
        render.console().print(
            render.plain(
                f"{file.name} 是项目支出绩效自评表（读到 {rated} 行自评指标），不是绩效目标申报表，"
                f"未按申报表读取。请用 assistant selfeval import {shlex.quote(str(file))} 导入自评表。"
            )
        )
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps([d.model_dump(mode="json") for d in declarations], ensure_ascii=False, indent=2))
        return
    out = render.console()
    hollow = 0
    for decl in declarations:
        out.print(render.declaration_view(decl))
        _value_findings(out, reports.get(decl.id))
        notes = len(decl.parse_notes)
        if not decl.indicators and not any(s.text.strip() for s in decl.sections):
            hollow += 1
            out.print(
                f"这份只读到了表头，没有读到申报表的各部分和指标表（{notes} 条解析提示）：不是完整的申报表，不宜加入语料库。"
                "请确认文件内容，或换用申报表的完整导出。"
            )
            continue
        if repeats[decl.id]:
            out.print(
                render.plain(
                    f"共 {len(decl.indicators)} 项指标，{notes} 条解析提示。{_repeat_note(decl, repeats[decl.id])}"
                )
            )
            continue
        if not decl.indicators:
            out.print(
                render.plain(
                    f"共 0 项指标，{notes} 条解析提示：指标行没有读出来（见上方解析提示）。补录指标行之前，这份申报表"
                    "不能作为先例使用，不宜加入语料库；请对照原表补录指标，或换用表格完整的文件（.docx/.xlsx/.html）再导入。"
                )
            )
            continue
        out.print(
            render.plain(
                f"共 {len(decl.indicators)} 项指标，{notes} 条解析提示。确认无误后可用 assistant corpus build --from {shlex.quote(str(file))} 加入语料库。"
            )
        )
    if declarations and hollow == len(declarations):
        raise typer.Exit(1)


# The review rules on a value as read (a 292% 合格率, a negative 项目资金总额): the preview says what check says.
READ_VALUE_RULES = ("VAL-", "FUND-NEGATIVE")


def _value_findings(out, report: ReviewReport | None) -> None:
    """The review's findings on the values read (`READ_VALUE_RULES`, as ``assistant check`` gives them, from the
    same review report): a 292% 合格率 or a negative amount is said in the preview, not only by check."""
    for f in [f for f in (report.findings if report else []) if f.rule_id.startswith(READ_VALUE_RULES)]:
        level = "错误" if f.severity is Severity.ERROR else "提示"
        out.print(render.plain(f"审核{level}（{f.rule_id}，与 assistant check 相同）：{f.message} 建议：{f.fix}"))


def _repeat_note(decl: Declaration, repeats: list[Declaration]) -> str:
    """What the preview says of a declaration the corpus already holds (the same file, or the same project again)."""
    same = "、".join(f"{d.id}（{d.header.name}，{d.header.year or '年度未知'}）" for d in repeats)
    sha = decl.provenance.source_sha256
    if any(d.provenance.source_sha256 == sha for d in repeats):
        return f"这份文件已在语料库中：{same}，无需再加入。"
    return (
        f"注意：语料库中已有同名、同年度、同主管部门的申报表 {same}，这份与之重复，再加入语料库会重复计算；"
        "如确是另一份，请先核对项目名称、年度和主管部门。"
    )
