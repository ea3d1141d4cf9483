"""Which laws, regulations and documents the 立项依据 sections cite (issue 24, new user nu13 #8): 人大的项目立项依据一般
引用哪些法律法规 lists the titles (《…》) and 文号 as the forms write them, each with the forms citing it, most cited
first; never themes, never a document no form names. Forms whose 立项依据 names no document, and forms whose layout
has no 立项依据, are said so.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.domain.model import SectionKind
from assistant.domain.refs import section_citation
from assistant.qa.cues import Cues
from assistant.qa.models import Answer, Filters, Row, structured
from assistant.qa.select import section_of, select

if TYPE_CHECKING:
    from assistant.domain.model import Declaration
    from assistant.qa.scope import Scope

# 引用哪些法律法规, 依据了什么文件, 有哪些政策文件, 列一下引用的条例: documents asked for, not aspects
_ASKS = re.compile(
    r"(?:哪些|哪几|什么|啥|列出?|清单|都有)[^？?。]{0,8}?(?:法律|法规|条例|文件|政策|规定|办法|意见|规章|通知|文号)"
    r"|(?:法律|法规|条例|文件|政策|规定|规章|文号)[^？?。]{0,4}(?:有哪些|是哪些|有什么|是什么|列一下)"
)
_BASIS = re.compile(r"立项依据|依据")
_NUMBER = r"[\u4e00-\u9fff]{1,10}(?:〔|\[|【|\(|（)\d{4}(?:〕|\]|】|\)|）)\s*[\u4e00-\u9fff]?\s*\d+\s*号"
_TITLE = re.compile(rf"《(?P<title>[^《》]{{2,80}})》(?:[^《》]{{0,6}}?[（(]?(?P<number>{_NUMBER}))?")
_BARE_NUMBER = re.compile(_NUMBER)
QUOTE_CHARS = 12  # of a 立项依据 that names no document, quoted


def cited_documents(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The documents the 立项依据 of the forms in scope cite; None for other questions or an absent subject."""
    text = "".join(question.split())
    asked_basis = cues.section is SectionKind.BASIS or _BASIS.search(text) is not None
    if not asked_basis or not _ASKS.search(text):
        return None
    if cues.unknown_project or cues.unknown_unit or cues.unknown_subject or cues.unknown_kind or cues.unknown_district:
        return None
    filters = Filters(
        years=cues.years,
        unit=cues.unit,
        more_units=cues.more_units,
        project=cues.project,
        declaration_id=cues.declaration_id,
        category=cues.category,
    )
    decls = select(scope.corpus, filters, scope.lexicon.policies)
    if not decls:
        return None
    cited: dict[str, list[tuple[Declaration, Row]]] = {}
    bare: list[Declaration] = []
    missing: list[Declaration] = []
    for decl in decls:
        section = section_of(decl, SectionKind.BASIS)
        if section is None:
            missing.append(decl)
            continue
        found = documents_in(section.text)
        if not found:
            bare.append(decl)
        for document in found:
            row = Row(
                declaration_id=decl.id,
                project=decl.header.name,
                year=decl.header.year,
                field="立项依据引用",
                value=document,
                citation=section_citation(decl, section),
            )
            cited.setdefault(document, []).append((decl, row))
    return _answer(question, decls, cited, bare, missing)


def documents_in(text: str) -> list[str]:
    """The titles (with their 文号 where written beside them) and the bare 文号 of ``text``, as written, once each."""
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    for match in _TITLE.finditer(text):
        number = re.sub(r"\s+", "", match["number"]) if match["number"] else None
        found.append(f"《{match['title'].strip()}》" + (f"（{number}）" if number else ""))
        taken.append(match.span())
    for match in _BARE_NUMBER.finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            found.append(re.sub(r"\s+", "", match.group()))
    return list(dict.fromkeys(found))


def _answer(
    question: str,
    decls: list[Declaration],
    cited: dict[str, list[tuple[Declaration, Row]]],
    bare: list[Declaration],
    missing: list[Declaration],
) -> Answer | None:
    """Short enough to read (a synthesis): each citing form with its documents, the documents several forms cite,
    the forms naming none (quoted), the forms without the section (by year); citations in the rows."""
    if not cited:
        return None  # nothing named: the section itself (立项依据是什么) answers, as written
    rows = [row for where in cited.values() for _, row in where]
    by_form: dict[str, list[str]] = {}
    for document, where in cited.items():
        for decl, _ in where:
            by_form.setdefault(f"{decl.header.name}（{decl.header.year}）", []).append(document)
    lines = [f"{len(by_form)} 份申报表的立项依据写明 {len(cited)} 项法律法规和文件（按原文列出，不另作补充）："]
    lines += [f"- {form}：{'、'.join(documents)}" for form, documents in by_form.items()]
    shared = [f"{document}（{len(where)} 份）" for document, where in cited.items() if len(where) > 1]
    if shared:
        lines.append("其中多份共同引用的：" + "、".join(shared) + "。")
    if bare:
        quoted = "、".join(f"{d.header.name}（{d.header.year}，写的是“{_quote(d)}”）" for d in bare)
        lines.append(f"另有 {len(bare)} 份的立项依据没有写明文件名称：{quoted}。")
    if missing:
        years = "、".join(f"{y}年" for y in sorted({d.header.year for d in missing if d.header.year}))
        lines.append(f"{len(missing)} 份申报表（{years}）的表式没有立项依据一栏。")
    return structured(question, lines, rows, figure=f"{len(cited)} 项")


def _quote(decl: Declaration) -> str:
    section = section_of(decl, SectionKind.BASIS)
    written = section.text.strip() if section is not None else ""
    return written if len(written) <= QUOTE_CHARS else written[:QUOTE_CHARS] + "…"
