"""One 制度保障 row of a named project, asked by its document (issue 24): 组织力平台“…内部财务管理制度”的措施写的啥,
党费系统专款专用制度属于哪类制度, 那个实施方案的保障措施怎么写的.

The row is the form's document the question shares most of (its whole name, or a tail of it such as 实施方案); every
row of that document is given with its 制度类别, 具体措施 (as written) and the stages it is ticked for, cited. A
document the question names (…制度/办法/方案/规定/细则) that no row of the form holds is refused: 语料库中没有, with
the form's documents, never another row's measures.
"""

from __future__ import annotations

import re

from assistant.domain.model import Declaration, SafeguardRow
from assistant.qa.cues import Cues, common
from assistant.qa.fields import safeguard_rows
from assistant.qa.models import Answer, Route, Row
from assistant.qa.scope import Scope

_COLUMN = re.compile(r"措施|怎么写|咋写|如何写|写的啥|写了啥|写的什么|写了什么|内容|具体|哪类|哪一类|什么类|类别|属于")
# a document's name ends before 的/措施/属于…, not inside a phrase (资源投入和制度建设情况 is a section)
_DOCUMENT = re.compile(
    r"([^的，,。？?\s“”\"]{2,20}?(?:制度|办法|方案|规定|细则))(?=[”\"]|的|那|这|措施|属于|是|怎么|咋|如何|具体|内容|写|里|中|类|$|[，,？?。])"
)
# 内部财务管理制度那条 归哪类, …办法那行的措施: a document named and one of its columns asked
DOCUMENT_ASKED = re.compile(_DOCUMENT.pattern + r"(?:那|这)[条行项].{0,6}?(?:" + _COLUMN.pattern + ")")
_FILLER = "那个这个该的里中项目表｜"
_RUN_BEFORE = re.compile(r"[^的，,。？?\s“”\"｜]{0,20}$")  # the words written right before a document's end
_TAILS = ("制度", "办法", "方案", "规定", "细则")


def _form(cues: Cues, scope: Scope) -> Declaration | None:
    decls = [d for d in scope.corpus.declarations if d.id == cues.declaration_id or d.header.name == cues.project]
    decls = [d for d in decls if not cues.years or d.header.year in cues.years]
    return decls[0] if len(decls) == 1 else None


def named_document(question: str, decl: Declaration) -> str | None:
    """The form's document the question names: the one sharing most of it (at least 4 characters, its whole name or
    60 % of it, or a tail ending as the name ends)."""
    question = question.replace("制度保障", "｜")
    scored: dict[str, int] = {}
    for row in decl.safeguards:
        shared = common(question, row.document)
        whole = len(shared) >= 0.6 * len(row.document) or row.document.endswith(shared)
        if len(shared) >= 4 and whole and shared.endswith(_TAILS) and not _more_named(question, shared, decl):
            scored[row.document] = len(shared)
    if not scored:
        return None
    best = max(scored.values())
    found = [doc for doc, score in scored.items() if score == best]
    return found[0] if len(found) == 1 else None


def _more_named(question: str, shared: str, decl: Declaration) -> bool:
    """Whether the question's document phrase ending with ``shared`` names more than it (政府采购管理制度 is not
    合同管理制度): words before it other than the project's name and fillers."""
    end = question.find(shared) + len(shared)
    phrase = next((m for m in _DOCUMENT.finditer(question) if m.end() == end), None)
    head = question[: end - len(shared)]
    # 内部财务管理制度 一般写什么措施: a phrase no column word follows, still more than 合同管理制度's 管理制度
    run = _RUN_BEFORE.search(head)
    start = phrase.start() if phrase else run.start() if run else len(head)
    before = question[start : end - len(shared)]
    return bool(before.strip(decl.header.name + _FILLER))


def safeguard_cell(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The asked document's 制度保障 rows of the named project; None for other questions."""
    if not _COLUMN.search(question) or "阶段" in question or not (cues.project or cues.declaration_id):
        return None
    decl = _form(cues, scope)
    if decl is None or not decl.safeguards:
        return None
    document = named_document(question, decl)
    if cues.unknown_unit and (document is None or cues.unknown_unit not in document):
        return None
    if document is None:
        named = _DOCUMENT.search(question.replace(cues.project or "", "｜").replace("制度保障", "｜"))
        return _absent(question, decl, named[1]) if named else None
    pairs = [(s, r) for s, r in zip(decl.safeguards, safeguard_rows(decl), strict=True) if s.document == document]
    title = f"{decl.header.name}（{decl.header.year or '年度不详'}）"
    lines = [f"{title} 制度保障中“{document}”共 {len(pairs)} 行：" if len(pairs) > 1 else f"{title} 制度保障："]
    lines += [_line(s, r) for s, r in pairs]
    rows = [r for _, r in pairs]
    citations = list(dict.fromkeys(r.citation for r in rows))
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED, rows=rows, citations=citations)


def _line(item: SafeguardRow, row: Row) -> str:
    stages = "、".join(s.stage for s in item.stages if s.applies) or "未勾选任何阶段"
    return (
        f"- {item.document}（制度类别：{item.category}）具体措施：{item.measures or '（未填写）'}；"
        f"适用阶段：{stages} {row.citation.label}"
    )


def _absent(question: str, decl: Declaration, named: str) -> Answer:
    documents = "、".join(dict.fromkeys(s.document for s in decl.safeguards))
    text = (
        f"语料库中没有“{named}”这一制度保障行：{decl.header.name}（{decl.header.year}）的制度保障写的是 {documents}，"
        "不以其他制度的措施代答。"
    )
    return Answer(question=question, text=text, route=Route.STRUCTURED, refused=True)
