"""语料库: browse, filter and search the declarations; open one as the official table; upload a new one
(.txt/.docx/.xlsx) → parsed, reviewed and previewed with its parse notes → added only after confirmation."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import gradio as gr

from assistant.domain.model import Declaration
from assistant.services.corpus import duplicate_lines
from assistant.services.results import BuildReport
from assistant.services.review import load_subjects
from assistant.web import render
from assistant.web.context import WebContext
from assistant.web.errors import guarded
from assistant.web.safe import html
from assistant.web.safe import text as md

HEADERS = ["编号", "年度", "项目名称", "主管部门", "指标数"]
ACCEPTED = [".txt", ".docx", ".xlsx"]


def matches(decl: Declaration, keyword: str, year: str) -> bool:
    """A keyword found in the name, a unit or any section text; a year equal to the declaration's."""
    if year and str(decl.header.year or "") != year:
        return False
    if not keyword:
        return True
    h = decl.header
    haystack = " ".join([decl.id, h.name, h.department or "", h.implementer or "", *(s.text for s in decl.sections)])
    return keyword in haystack


def found_label(count: int, keyword: str, year: str) -> str:
    """The table's title: how many declarations the search found, and when none, what was searched and what to do."""
    if count:
        return f"申报表（点选一行打开）：找到 {count} 份"
    asked = "、".join(part for part in (f"含“{keyword}”" if keyword else "", f"{year} 年度" if year else "") if part)
    if not asked:
        return "语料库中还没有申报表：可在下方“上传新的申报表”加入"
    return f"没有找到{asked}的申报表：请换一个词或年度，或清空搜索框查看全部"


def added_note(report: BuildReport, name: str) -> str:
    """What adding the uploaded file ``name`` did, in Chinese: how many of its declarations were added, and each one
    left out because the corpus already holds that project and year (the corpus's own is kept; what differs shown)."""
    added = sum(1 for d in report.declarations if d.provenance.source_file == name)
    if name in report.failed:  # not copied: the declarations of that name are another file's
        head = f"未加入语料库：{name}（现有 {len(report.declarations)} 份申报表）。"
    elif name in report.not_added:
        head = (
            f"未加入语料库：{name} 中的申报表语料库都已收录，语料库未改变（现有 {len(report.declarations)} 份申报表）。"
        )
    else:
        head = f"已加入语料库：{name} 新增 {added} 份申报表，现有 {len(report.declarations)} 份。"
    failed = "；".join(f"{file}：{why}" for file, why in report.failed.items())
    lines = [head, *(line for line in duplicate_lines(report) if line.startswith(f"重复：{name} "))]
    return "\n\n".join(lines) + (f"\n\n未能读取：{failed}" if failed else "")


def build_corpus_tab(ctx: WebContext, tab: gr.Tab) -> None:
    """The tab's components; opening the tab lists the corpus."""
    with gr.Row():
        keyword = gr.Textbox(label="搜索（项目名称、单位或正文中的词）", scale=3, elem_id="corpus-keyword")
        year = gr.Dropdown(label="年度", choices=[""], value="", scale=1, allow_custom_value=True)
        browse = gr.Button("查找", scale=1, elem_id="corpus-browse")
    with gr.Row(equal_height=False):
        with gr.Column(scale=2):
            table = gr.Dataframe(
                headers=HEADERS,
                type="array",
                interactive=False,
                wrap=True,
                column_count=len(HEADERS),
                label="申报表（点选一行打开）",
                elem_id="corpus-table",
            )
            with gr.Accordion("上传新的申报表", open=False):
                upload = gr.File(
                    label="申报表文件（.txt 文本导出、.docx、.xlsx）", file_types=ACCEPTED, elem_id="corpus-upload"
                )
                preview_notes = gr.Markdown("")
                confirm = gr.Button("确认加入语料库", variant="primary", interactive=False, elem_id="corpus-confirm")
        with gr.Column(scale=3):
            shown = gr.HTML("", elem_id="corpus-declaration")
    pending = gr.State(None)

    @guarded
    def find(text: str, wanted_year: str) -> list:
        decls = ctx.services.corpus.corpus().declarations
        years = sorted({str(d.header.year) for d in decls if d.header.year}, reverse=True)
        found = [d for d in decls if matches(d, (text or "").strip(), wanted_year or "")]
        rows = [
            [d.id, str(d.header.year or ""), d.header.name, d.header.department or "", str(len(d.indicators))]
            for d in found
        ]
        label = found_label(len(rows), (text or "").strip(), wanted_year or "")
        return [gr.Dataframe(value=rows, label=label), gr.Dropdown(choices=["", *years], value=wanted_year or "")]

    @guarded
    def open_row(rows: list, evt: gr.SelectData) -> str:
        return render.declaration_html(ctx.services.corpus.corpus().get(rows[evt.index[0]][0]))

    @guarded
    def preview(path: str | None) -> list:
        if not path:
            return [None, "", gr.Button(interactive=False), ""]
        decls = load_subjects(Path(path))
        reports = [ctx.services.review.check_declaration(d) for d in decls]
        parts = [
            f"解析出 {len(decls)} 份申报表：" + md("、".join(f"{d.id} {d.header.name}" for d in decls), inline=True)
        ]
        parts += [
            render.notes_markdown(d) + "\n\n" + render.review_panel(r) for d, r in zip(decls, reports, strict=True)
        ]
        html = "".join(render.declaration_html(d) for d in decls)
        if all(not d.indicators and not any(s.text.strip() for s in d.sections) for d in decls):
            parts.insert(0, "⚠️ 只读到了表头，没有读到申报表的各部分和指标表：不是完整的申报表，不能加入语料库。")
            return [None, "\n\n".join(parts), gr.Button(interactive=False), html]
        return [path, "\n\n".join(parts), gr.Button(interactive=True), html]

    @guarded
    def add(path: str | None, request: gr.Request) -> list:
        if not path:
            raise gr.Error("请先上传并预览申报表", title="无法完成")
        folder = Path(tempfile.mkdtemp(prefix="shenbao-upload-"))
        source = folder / Path(path).name
        shutil.copyfile(path, source)
        report = ctx.services.corpus.build([source], added_by=ctx.user(request))
        note = added_note(report, source.name)
        if source.name in report.not_added:
            gr.Warning(html(note), title="未加入语料库")
        else:
            gr.Info(html(note), title="提示")
        return [None, md(note), gr.Button(interactive=False)]

    browse.click(find, [keyword, year], [table, year], api_name="corpus_find")
    tab.select(find, [keyword, year], [table, year])
    keyword.submit(find, [keyword, year], [table, year])
    table.select(open_row, table, shown)
    upload.upload(preview, upload, [pending, preview_notes, confirm, shown], api_name="corpus_preview")
    confirm.click(add, pending, [pending, preview_notes, confirm], api_name="corpus_add")
