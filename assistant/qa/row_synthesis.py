"""How past forms fill a table column (issue 24): ``项目构成这栏 别人一般怎么写``, ``制度保障一般怎么填``.

Asked across forms (no project named) how a 项目构成 or 制度保障 column is usually written, the answer is a short
synthesis, never every form's rows: how many forms fill the column and with how many rows, what each row states,
and a cited example or two. 项目构成 counts the forms whose layout has that column (a 项目构成 section, the district
layout); forms that list only their funding's breakdown are named apart, not used as examples. 制度保障 is summarised
by 制度类别, each with one document as written.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.domain.model import Declaration, SectionKind
from assistant.domain.refs import section_citation, yuan
from assistant.qa.cues import Cues
from assistant.qa.fields import budget_rows, safeguard_rows
from assistant.qa.models import Answer, Row, RowKind, Target, structured
from assistant.qa.question_words import HOW, USUAL_ONLY
from assistant.qa.scope import Scope, forms_in_scope

ANSWER_LIMIT = 600  # characters: a synthesis is read at a glance (the officer eval's limit as well)
_QUOTE = 36  # characters of a section quoted as an example
_SHOWN_LINES = 3  # rows named per example form
# 怎么填, 咋列, 填法, 有没有范文: how the column is written (HOW covers 怎么写, 写法, 提法…)
_FILLED = re.compile(r"(?:怎么|如何|怎样|咋)(?:填|列|做|拆|分)|填法|列法|范文|范例|样例|模板|例子|参考|借鉴")


def rows_written_usually(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The synthesis of how the forms in scope fill the column the cues name; None for other questions (a project
    named, a row named, a listing asked: 项目构成都有哪些)."""
    if cues.rows is None or cues.target not in (None, Target.LIST_ROWS) or cues.row_name:
        return None
    named = (cues.project, cues.declaration_id, cues.unknown_project, cues.unknown_kind, cues.unknown_unit)
    if any(named) or cues.unknown_subject or cues.unknown_district:
        return None
    if not (HOW.search(question) or _FILLED.search(question)) or not (
        USUAL_ONLY.search(question) or "别人" in question
    ):
        return None
    decls = forms_in_scope(cues, scope)
    found = _composition(decls) if cues.rows is RowKind.BUDGET_LINES else _safeguards(decls)
    if found is None:
        return None
    lines, rows = found
    return structured(question, _bounded(lines), rows)


def _composition(decls: list[Declaration]) -> tuple[list[str], list[Row]] | None:
    framed = [d for d in decls if d.section(SectionKind.COMPOSITION) is not None and d.budget_lines]
    if not framed:
        return None
    counts = [len(d.budget_lines) for d in framed]
    said = [d for d in framed if d.section_text(SectionKind.COMPOSITION).strip()]
    priced = [d for d in framed if all(b.unit_price is not None and b.quantity is not None for b in d.budget_lines)]
    remarks = Counter(b.remark for d in framed for b in d.budget_lines if b.remark)
    head = f"{_years(framed)}有 {len(framed)} 份申报表填了项目构成一栏，每份 {_span(counts)} 项。常见写法："
    ways = []
    if said:
        ways.append(f"先用文字概述项目的构成（{len(said)} 份）")
    ways.append(
        "再逐项列出名称、内容" + ("、单价×数量" if priced else "") + f"和金额（{len(priced) or len(framed)} 份）"
    )
    if remarks:
        ways.append("备注写" + "、".join(f"“{r}”" for r, _ in remarks.most_common(2)))
    lines, rows = [head, "；".join(ways) + "。"], []
    for decl in framed:
        section = decl.section(SectionKind.COMPOSITION)
        assert section is not None
        lines.append(f"- {decl.header.name}（{decl.header.year}）：")
        if text := "".join(section.text.split()):  # quoted on one line (a citation's quote ignores whitespace)
            cited = section_citation(decl, section, quote=text[:_QUOTE])
            more = "…" if len(text) > _QUOTE else ""
            lines[-1] += f"文字说明“{cited.quote}{more}” {cited.label}；"
            rows.append(
                Row(
                    declaration_id=decl.id,
                    project=decl.header.name,
                    year=decl.header.year,
                    field="项目构成",
                    value=cited.quote,
                    citation=cited,
                )
            )
        listed = budget_rows(decl)
        names = "、".join(
            f"{r.field} {yuan(r.amount)}" if r.amount is not None else r.field for r in listed[:_SHOWN_LINES]
        )
        lines[-1] += (
            f"分 {len(listed)} 项：{names}{'等' if len(listed) > _SHOWN_LINES else ''} {listed[0].citation.label}"
        )
        rows += listed[:_SHOWN_LINES]
    apart = [d for d in decls if d not in framed and d.budget_lines]
    if apart:
        lines.append(
            f"另有 {len(apart)} 份申报表（{_years(apart)}）没有项目构成一栏，只列资金构成（各 {_span([len(d.budget_lines) for d in apart])} 项），未作示例。"
        )
    return lines, rows


def _safeguards(decls: list[Declaration]) -> tuple[list[str], list[Row]] | None:
    framed = [d for d in decls if d.safeguards]
    if not framed:
        return None
    counts = [len(d.safeguards) for d in framed]
    by_category = Counter(row.category for d in framed for row in d.safeguards)
    head = (
        f"{_years(framed)}有 {len(framed)} 份申报表填了制度保障一栏，每份 {_span(counts)} 项，"
        "每项写制度类别、文件名称、具体措施，并勾选适用阶段。按类别常见的有："
    )
    lines, rows = [head], []
    used: set[str] = set()
    for category, count in by_category.most_common():
        held = [r for d in framed for r in safeguard_rows(d) if r.value.startswith(f"{category}；")]
        row = next((r for r in held if r.declaration_id not in used), held[0])  # examples from several forms
        used.add(row.declaration_id or "")
        measures = row.value.split("；", 1)[1]
        measures = measures if len(measures) <= _QUOTE else measures[:_QUOTE] + "…"
        lines.append(f"- {category}（{count} 项）：如《{row.field}》，{measures} {row.citation.label}")
        rows.append(row)
    return lines, rows


def _bounded(lines: list[str]) -> list[str]:
    """As many lines as fit in ``ANSWER_LIMIT`` characters, the rest counted."""
    kept: list[str] = []
    for n, line in enumerate(lines):
        if len("\n".join([*kept, line])) > ANSWER_LIMIT - 20:
            kept.append(f"（另有 {len(lines) - n} 行未列出）")
            break
        kept.append(line)
    return kept


def _span(counts: list[int]) -> str:
    return f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}–{max(counts)}"


def _years(decls: list[Declaration]) -> str:
    years = sorted({d.header.year for d in decls if d.header.year})
    return "、".join(f"{y}年" for y in years) or "历年"
