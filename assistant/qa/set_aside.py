"""What the parser set aside from a form (its ``parse_notes``): 组织力平台总目标末尾那个3000000是什么, 老干部系统的表导出
时有什么问题. Answered from the notes the parser wrote (an export artefact left out of the text, a lost checkbox, a
blank cell), each with its line in the source and the form cited; never a guess at what the fragment meant.

A question that quotes a fragment a note holds (3000000, 女工) gets those notes; one that asks about the export or
the parse of a named project (残留, 乱码, 导出, 解析, 识别) gets all of that form's notes, or says there are none.
"""

from __future__ import annotations

import re

from assistant.domain.model import Declaration, ParseNote
from assistant.domain.refs import header_citation
from assistant.qa.cues import Cues
from assistant.qa.models import Answer, Route, Row
from assistant.qa.scope import Scope

_ASKS = re.compile(r"残留|乱码|导出|解析|无法识别|没识别|识别不了|多出来的|粘连|粘在|丢失")


def _forms(cues: Cues, scope: Scope) -> list[Declaration]:
    if not (cues.project or cues.declaration_id):
        return []
    decls = [d for d in scope.corpus.declarations if d.id == cues.declaration_id or d.header.name == cues.project]
    return [d for d in decls if not cues.years or d.header.year in cues.years]


def _quoted(question: str, notes: list[tuple[Declaration, ParseNote]]) -> list[tuple[Declaration, ParseNote]]:
    """The notes whose fragment (two characters or more) the question quotes."""
    text = "".join(question.split())
    return [(d, n) for d, n in notes if n.fragment and len(n.fragment) >= 2 and n.fragment in text]


def set_aside(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The parse notes of the named project's form that the question asks about; None for other questions."""
    decls = _forms(cues, scope)
    notes = [(d, n) for d in decls for n in d.parse_notes]
    quoted = _quoted(question, notes)
    if not quoted and not (decls and _ASKS.search(question)):
        return None
    chosen = quoted or notes
    if not chosen:
        titles = "、".join(f"{d.header.name}（{d.header.year}）" for d in decls)
        text = f"{titles} 解析时没有记录导出残留或无法识别的内容（解析记录为空）。"
        empty = [Row.for_project(d, "解析记录为空", header_citation(d)) for d in decls]
        return Answer(
            question=question, text=text, route=Route.STRUCTURED, rows=empty, citations=[r.citation for r in empty]
        )
    rows: list[Row] = []
    lines = ["以下是解析该申报表时记下的情况（程序未把这些内容计入正文或数值）："]
    for decl, note in chosen:
        cite = header_citation(decl)
        where = f"原文第 {note.line} 行" if note.line else "原文"
        said = f"“{note.fragment}”：" if note.fragment else ""
        rows.append(
            Row(
                declaration_id=decl.id,
                project=decl.header.name,
                year=decl.header.year,
                field="解析记录",
                value=note.message,
                citation=cite,
            )
        )
        lines.append(f"- {decl.header.name}（{decl.header.year}）{where}，{said}{note.message} {cite.label}")
    return Answer(
        question=question,
        text="\n".join(lines),
        route=Route.STRUCTURED,
        rows=rows,
        citations=list(dict.fromkeys(r.citation for r in rows)),
    )


def lost_checkbox(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """老干部系统的项目类型勾的哪个, where the export lost that field's checkboxes (parse note header.checkbox_lost):
    无法判断, with the parser's note, cited to the form's header; never a guessed or a blank value. None where any
    asked field is readable (the field lookup answers)."""
    if not cues.header_fields:
        return None
    decls = _forms(cues, scope)
    lost = [
        (d, f, n)
        for d in decls
        for f in cues.header_fields
        for n in d.parse_notes
        if n.code == "header.checkbox_lost" and n.field == f"header.{f.value}"
    ]
    if not decls or len(lost) != len(decls) * len(cues.header_fields):
        return None
    rows: list[Row] = []
    lines: list[str] = []
    for decl, field, note in lost:
        cite = header_citation(decl)
        rows.append(
            Row(
                declaration_id=decl.id,
                project=decl.header.name,
                year=decl.header.year,
                field=field.label,
                value="",
                citation=cite,
            )
        )
        lines.append(
            f"{decl.header.name}（{decl.header.year}） 的{field.label}：无法判断——{note.message}"
            f"（原文第 {note.line} 行），请查看原表。 {cite.label}"
        )
    citations = list(dict.fromkeys(r.citation for r in rows))
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, rows=rows, citations=citations)
