"""``assistant drafts …``: the draft store from the terminal — list, show, history, diff, restore, export, import, lock.

Every command goes through the drafts facade the web workspace uses (`Services.workspace`), acting for the
machine's operator over every owner's drafts, so a verb means the same here and on the page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Group
from rich.table import Table

from assistant.cli import render
from assistant.cli.office_cmd import open_errors_note
from assistant.cli.output import check_writable
from assistant.cli.wiring import open_services
from assistant.errors import AssistantError, InputError
from assistant.services import Services
from assistant.services.export import ExportFormat
from assistant.services.results import (
    Draft,
    DraftSummary,
    FieldChange,
    Proposal,
    Severity,
    StoredVersion,
    VersionInfo,
    field_label,
    version_changes,
)

if TYPE_CHECKING:  # python-docx and openpyxl load with the workspace, when a command runs
    from assistant.services.workspace import IndicatorInput, WorkspaceService

app = typer.Typer(
    help="草稿库：每次起草、重写、修改都存为一个版本，可修改任一字段、查看历史、比较、恢复和导出。",
    no_args_is_help=True,
)

EXPORT_SUFFIXES = {".json": ExportFormat.JSON, ".docx": ExportFormat.DOCX, ".xlsx": ExportFormat.XLSX}
JsonFlag = Annotated[bool, typer.Option("--json", help="输出 JSON，供程序读取。")]
DraftId = Annotated[int, typer.Argument(help="草稿编号（见 assistant drafts list）")]
VersionOption = Annotated[int | None, typer.Option("--version", "-v", help="版本号；默认最新版。")]


def _drafts(services: Services) -> WorkspaceService:
    return services.workspace(every_owner=True)


def _when(info: VersionInfo | DraftSummary) -> str:
    moment = info.created_at if isinstance(info, VersionInfo) else info.updated_at
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


@app.command("list")
def list_(
    mine: Annotated[bool, typer.Option("--mine", help="只列出自己的草稿。")] = False, as_json: JsonFlag = False
) -> None:
    """列出草稿库中的草稿：编号、项目名称、年度、所有者、最新版本和保存时间。"""
    with open_services() as services:
        drafts = _drafts(services).drafts(mine=mine)
    if as_json:
        rows = [
            {
                "id": d.id,
                "title": d.title,
                "year": d.year,
                "owner": d.owner,
                "version": d.head,
                "updated_at": d.updated_at.isoformat(),
            }
            for d in drafts
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not drafts:
        typer.echo(
            "草稿库中还没有草稿。先运行 assistant draft BRIEF.yaml，或用 assistant drafts import 导入草稿 JSON。"
        )
        return
    table = Table(title=f"草稿库（{len(drafts)} 份草稿）", title_justify="left")
    for col in ("编号", "项目名称", "年度", "所有者", "最新版本", "保存时间"):
        table.add_column(col, overflow="fold")
    for d in drafts:
        render.add_plain_row(table, d.id, d.title, d.year or "", d.owner, f"第 {d.head} 版", _when(d))
    render.console().print(table)


@app.command("show")
def show(
    draft_id: DraftId,
    version: VersionOption = None,
    provenance: Annotated[bool, typer.Option("--provenance", "-p", help="列出每个字段的来源、作者和时间。")] = False,
    as_json: JsonFlag = False,
) -> None:
    """显示一份草稿（默认最新版）；--provenance 另列每个部分和指标单元格的来源。"""
    with open_services() as services:
        stored = _drafts(services).open(draft_id, version)
    if as_json:
        payload = {
            "draft_id": draft_id,
            "version": stored.number,
            "draft": stored.draft.model_dump(mode="json"),
            "fields": {
                p: {"origin": r.origin.value, "locked": r.locked, "author": r.author, "at": r.at.isoformat()}
                for p, r in stored.fields.items()
            },
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    out = render.console()
    out.print(
        render.plain(
            f"草稿 {draft_id} · 第 {stored.number} 版 · {stored.info.action.label} · {stored.info.author} · {_when(stored.info)}"
        )
    )
    out.print(render.draft_view(stored.draft))
    if provenance:
        out.print(provenance_table(stored))


def provenance_table(stored: StoredVersion) -> Table:
    table = Table(title="字段来源", title_justify="left")
    for col in ("字段", "来源", "锁定", "作者", "时间"):
        table.add_column(col, overflow="fold")
    for path, record in stored.fields.items():
        at = record.at.astimezone().strftime("%Y-%m-%d %H:%M")
        render.add_plain_row(
            table, field_label(path), record.origin.label, "是" if record.locked else "", record.author or "", at
        )
    return table


@app.command("history")
def history(draft_id: DraftId, as_json: JsonFlag = False) -> None:
    """列出草稿的全部版本：版本号、上一版、操作、部分、要求、作者和时间。"""
    with open_services() as services:
        versions = _drafts(services).history(draft_id)
    if as_json:
        rows = [
            {
                "version": v.number,
                "parent": v.parent,
                "action": v.action.value,
                "section": v.section,
                "instruction": v.instruction,
                "author": v.author,
                "created_at": v.created_at.isoformat(),
            }
            for v in versions
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"草稿 {draft_id} 的版本（{len(versions)} 个）", title_justify="left")
    for col in ("版本", "上一版", "操作", "部分", "要求", "作者", "时间"):
        table.add_column(col, overflow="fold")
    for v in versions:
        render.add_plain_row(
            table, v.number, v.parent or "—", v.action.label, v.section or "", v.instruction or "", v.author, _when(v)
        )
    render.console().print(table)


@app.command("diff")
def diff(
    draft_id: DraftId,
    first: Annotated[int, typer.Argument(help="较早的版本号")],
    second: Annotated[int, typer.Argument(help="较晚的版本号")],
    as_json: JsonFlag = False,
) -> None:
    """比较两个版本：列出文字不同的部分和指标单元格。"""
    with open_services() as services:
        changes = _drafts(services).diff(draft_id, first, second)
    if as_json:
        typer.echo(json.dumps([c.__dict__ for c in changes], ensure_ascii=False, indent=2))
        return
    if not changes:
        typer.echo(f"第 {first} 版与第 {second} 版内容相同。")
        return
    render.console().print(diff_view(changes, first, second))


def diff_view(changes: list[FieldChange], first: int, second: int) -> Group:
    table = Table(
        title=f"第 {first} 版 → 第 {second} 版（{len(changes)} 处不同）", title_justify="left", show_lines=True
    )
    for col in ("字段", f"第 {first} 版", f"第 {second} 版"):
        table.add_column(col, overflow="fold")
    for c in changes:
        render.add_plain_row(
            table, c.label, c.before if c.before is not None else "（无）", c.after if c.after is not None else "（无）"
        )
    return Group(table)


@app.command("restore")
def restore(draft_id: DraftId, version: Annotated[int, typer.Argument(help="要恢复的版本号")]) -> None:
    """把某个旧版本恢复为最新版（另存为新版本，已有版本都不改动）。"""
    with open_services() as services:
        saved = _drafts(services).restore(draft_id, version, base=None)
    typer.echo(f"已把第 {version} 版恢复为草稿 {draft_id} 的第 {saved.info.number} 版。")


@app.command("export")
def export(
    draft_id: DraftId,
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", help="导出的文件：.json（草稿，可再导入、可用 assistant check 审核）、.docx 或 .xlsx"
        ),
    ],
    version: VersionOption = None,
) -> None:
    """把草稿（默认最新版）导出为草稿 JSON（shenbao-draft/1）、Word 或 Excel 申报表，与网页的导出相同。"""
    fmt = EXPORT_SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise InputError(
            f"不支持导出为“{output.suffix or output.name}”", hint="请用 .json、.docx 或 .xlsx 文件名，如 -o draft.json"
        )
    check_writable(output)
    with open_services() as services:
        stored = _drafts(services).export_to(draft_id, fmt, output, number=version)
    typer.echo(
        f"已导出草稿 {draft_id} 第 {stored.number} 版：{output}{open_errors_note(stored.draft.review, draft_id)}"
    )


@app.command("import")
def import_(files: Annotated[list[Path], typer.Argument(help="assistant draft -o 保存的草稿 JSON")]) -> None:
    """把以前保存的草稿 JSON 导入草稿库，每个文件成为一份新草稿。"""
    failed: list[str] = []
    imported: list[str] = []
    with open_services() as services:
        for path in files:  # every good file is imported; every bad one is reported, none stops the rest
            try:
                saved = _drafts(services).import_file(path)
            except AssistantError as exc:
                failed.append(path.name)
                typer.echo(f"未导入 {path.name}：{exc.message}" + (f"。建议：{exc.hint}" if exc.hint else ""), err=True)
                continue
            imported.append(path.name)
            typer.echo(f"已导入 {path.name}：草稿 {saved.info.draft_id}（{saved.draft.brief.name}）")
            for found in services.review.unverified_policies(saved.draft):
                typer.echo(f"  注意：{found.message}建议：{found.fix}", err=True)
    if failed:
        raise InputError(
            f"{len(failed)} 个文件未导入：{'、'.join(failed)}"
            + (f"（已导入 {len(imported)} 个：{'、'.join(imported)}）" if imported else ""),
            hint="按上面各文件的提示改正后，只需再导入这些文件",
        )


@app.command("lock")
def lock(
    draft_id: DraftId,
    fields: Annotated[
        list[str], typer.Argument(help="字段，如 section.necessity、indicator.3.value（见 show --json）")
    ],
    unlock: Annotated[bool, typer.Option("--unlock", help="解除锁定。")] = False,
) -> None:
    """锁定字段：重新生成时保留它（除非加 --force）；--unlock 解除。"""
    with open_services() as services:
        saved = _drafts(services).lock(draft_id, fields, locked=not unlock)
    verb = "解锁" if unlock else "锁定"
    typer.echo(f"已{verb}：{'、'.join(field_label(f) for f in fields)}（草稿 {draft_id} 第 {saved.info.number} 版）")


@app.command("edit", context_settings={"allow_extra_args": True, "ignore_unknown_options": False})
def edit(
    ctx: typer.Context,
    draft_id: DraftId,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            "-f",
            help="字段 值，如 --field header.start_date 2028-01-01、--field 资金.总额 120万（可多次使用）",
            metavar="字段 值",
        ),
    ] = None,
    patch: Annotated[
        Path | None, typer.Option("--patch", help="YAML 修改文件：每行“字段: 值”，如 开始日期: 2028-01-01")
    ] = None,
    version: VersionOption = None,
    add_row: Annotated[
        list[str] | None,
        typer.Option(
            "--add-row",
            help="添加一行指标：一级/二级/三级/指标值，如 --add-row 产出指标/数量指标/收容流浪犬只数量/≥1600只（可多次使用）",
            metavar="一级/二级/三级/指标值",
        ),
    ] = None,
    delete_row: Annotated[
        list[int] | None,
        typer.Option("--delete-row", help="删除指标表第 N 行（行号见 assistant drafts show；可多次使用）", metavar="N"),
    ] = None,
) -> None:
    """修改草稿的任一字段（表头、资金、日期、实施计划、项目构成、立项依据、制度保障、正文），添加或删除指标行，
    存为新版本（人工修改）并重新审核。"""
    from assistant.services.editing import FieldEdit, normalise_path, parse_patch, read_cli_value

    edits: list[FieldEdit] = []
    if patch is not None:
        if not patch.is_file():
            raise InputError(f"找不到修改文件：{patch}", hint="请检查路径")
        edits += parse_patch(patch.read_text(encoding="utf-8-sig"), source=patch.name)
    paths, values = list(field or []), list(ctx.args)
    if len(paths) != len(values):
        raise InputError(
            f"--field 应写成“--field 字段 值”：有 {len(paths)} 个字段、{len(values)} 个值",
            hint="如 --field header.start_date 2028-01-01；值含空格时请加引号",
        )
    for raw, value in zip(paths, values, strict=True):
        path = normalise_path(raw)
        edits.append(FieldEdit(path, read_cli_value(path, value)))
    rows = _RowEdits.read(add_row or [], delete_row or [])
    if not edits and not rows.any():
        raise InputError(
            "没有要修改的字段",
            hint="用 --field 字段 值（可多次）、--patch 修改文件.yaml，或 --add-row 一级/二级/三级/指标值、--delete-row 行号",
        )
    if not edits:
        with open_services() as services:
            rows.apply(_drafts(services), draft_id, base=version)
        return
    with open_services() as services:
        saved, proposal = _drafts(services).edit_fields(draft_id, edits, base=version)
        offered = _proposal_text(proposal, saved.draft) if proposal is not None else None
        if rows.any():
            rows.apply(_drafts(services), draft_id, base=saved.info.number)
    if saved.unchanged:
        typer.echo(saved.notice)
        return
    typer.echo(
        f"已保存草稿 {draft_id} 第 {saved.info.number} 版（人工修改：{saved.info.section or ''}），审核已重新运行。"
    )
    review = saved.draft.review
    if review is not None:
        counts = "，".join(f"{s.label} {review.count(s)} 条" for s in Severity)
        typer.echo(f"审核：{counts}（assistant check {draft_id} 查看详情）")
    if offered is not None:
        typer.echo(offered)


class _RowEdits:
    """The indicator rows ``drafts edit`` adds (``--add-row``) and deletes (``--delete-row``), each saved as its own
    version through the services the web's row editor uses (`WorkspaceService.put_row` / `delete_row`), so the
    history shows each one and every other field and row keeps what a person wrote."""

    def __init__(self, added: list[IndicatorInput], deleted: list[int]) -> None:
        self.added, self.deleted = added, deleted

    @classmethod
    def read(cls, add_row: list[str], delete_row: list[int]) -> _RowEdits:
        """Every --add-row read (and refused) before anything is saved; --delete-row numbers distinct."""
        from assistant.services.row_spec import parse_row_spec

        if len(set(delete_row)) != len(delete_row):
            raise InputError("--delete-row 中有重复的行号", hint="每个行号只写一次")
        return cls([parse_row_spec(text) for text in add_row], sorted(delete_row, reverse=True))

    def any(self) -> bool:
        return bool(self.added or self.deleted)

    def apply(self, drafts: WorkspaceService, draft_id: int, *, base: int | None) -> None:
        """Deletions first, from the last row up (the row numbers are those ``drafts show`` printed), then additions;
        one line each. A row number outside the table is refused before anything is deleted."""
        current = drafts.open(draft_id, base)
        number, table = current.info.number, current.draft.indicators
        for position in self.deleted:
            if not 1 <= position <= len(table):
                raise InputError(
                    f"指标表没有第 {position} 行（共 {len(table)} 行），未删除任何行",
                    hint=f"行号见 assistant drafts show {draft_id} 的指标表",
                )
        for position in self.deleted:
            name = table[position - 1].name
            saved = drafts.delete_row(draft_id, position, base=number)
            number = saved.info.number
            typer.echo(
                f"已删除第 {position} 行“{name}”：存为草稿 {draft_id} 第 {number} 版（人工修改），审核已重新运行。"
            )
        for row in self.added:
            saved = drafts.put_row(draft_id, None, row, base=number)
            number = saved.info.number
            at = next(i for i, r in enumerate(saved.draft.indicators, start=1) if r.name == row.name.strip())
            value = saved.draft.indicators[at - 1].value.value
            typer.echo(
                f"已添加第 {at} 行“{row.name.strip()}”（{row.level1.value}/{row.level2.value}，{value}）："
                f"存为草稿 {draft_id} 第 {number} 版（人工修改），审核已重新运行。"
            )


def _proposal_text(proposal: Proposal, base: Draft) -> str:
    """The proposal and what it changes, field by field, with the commands that decide it."""
    lines = [f"建议 {proposal.id}（{proposal.label}）：{proposal.instruction or ''}"]
    for change in version_changes(base, proposal.draft):  # rows by what they are: an added row is no changed value
        path = change.path
        if not path.startswith("indicator.") or path.endswith(".value") or path.count(".") == 1:
            lines.append(f"  {change.label}：{change.before or '（空）'} → {change.after or '（空）'}")
    lines.append(
        f"采纳：assistant drafts accept {proposal.draft_id} {proposal.id}；"
        f"不采纳：assistant drafts reject {proposal.draft_id} {proposal.id}"
    )
    return "\n".join(lines)


@app.command("proposals")
def proposals(draft_id: DraftId) -> None:
    """列出草稿的建议（重新生成、按新资金重算成本指标、跨年度顺延）及其状态。"""
    with open_services() as services:
        found = _drafts(services).proposals(draft_id)
    if not found:
        typer.echo(f"草稿 {draft_id} 没有建议。")
        return
    table = Table(title=f"草稿 {draft_id} 的建议（{len(found)} 条）", title_justify="left")
    for col in ("编号", "部分", "基于", "状态", "说明"):
        table.add_column(col, overflow="fold")
    for p in found:
        render.add_plain_row(table, p.id, p.label, f"第 {p.base} 版", p.status.label, p.instruction or "")
    render.console().print(table)


@app.command("accept")
def accept(
    draft_id: DraftId, proposal_id: Annotated[int, typer.Argument(help="建议编号（见 drafts proposals）")]
) -> None:
    """采纳一条建议：存为新版本。"""
    with open_services() as services:
        saved = _drafts(services).accept(draft_id, proposal_id, base=None)
    typer.echo(saved.notice or f"已采纳建议 {proposal_id}：存为草稿 {draft_id} 第 {saved.info.number} 版。")


@app.command("reject")
def reject(
    draft_id: DraftId, proposal_id: Annotated[int, typer.Argument(help="建议编号（见 drafts proposals）")]
) -> None:
    """不采纳一条建议：草稿不变，建议留在记录中。"""
    with open_services() as services:
        _drafts(services).reject(draft_id, proposal_id)
    typer.echo(f"未采纳建议 {proposal_id}：草稿 {draft_id} 保持不变。")
