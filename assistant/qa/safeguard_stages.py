"""制度保障 rows by stage (the district layout's 立项和计划阶段 / 实施阶段 / 收尾和完成阶段 tick columns), computed exactly.

- ``by_stage``: 党费系统哪些制度保障在实施阶段不适用, 党费系统立项阶段适用哪些制度: one project's rows whose stage
  column is (not) ticked. A project the whole question's reading missed (党费系统立项…: the stage word glued to the
  name) is read again from the words before the stage.
- ``document_stages``: 专款专用制度在哪几个阶段适用: the stages a named 制度保障 document is ticked for, in every form
  (or the named project's form) that lists it; a document no form lists is said so (语料库中没有), never answered from
  other rows.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.domain.model import Declaration, SafeguardRow
from assistant.domain.refs import SourceRef
from assistant.qa.cues import Cues
from assistant.qa.models import Answer, Route, Row, structured
from assistant.qa.scope import Scope

STAGES = ("立项和计划阶段", "实施阶段", "收尾和完成阶段")
_STAGE_WORDS = (("立项", STAGES[0]), ("计划阶段", STAGES[0]), ("实施", STAGES[1]), ("收尾", STAGES[2]))
_STAGE_COMPLETE = re.compile(r"完成阶段")
_NOT_APPLIES = re.compile(r"不适用|没勾|未勾|不勾|没有勾|不涉及|不用|没打勾|未打勾|不适合")
# 在哪几个阶段适用, 哪些阶段勾了, 适用于什么阶段: the stages of one document asked (环节: the officers' word for them)
_WHICH_STAGES = re.compile(
    r"(?:哪几?个|哪些|什么|几个)(?:阶段|环节)|(?:阶段|环节)(?:是|为)(?:哪些|哪几个|什么)(?:$|[？?。])"
)
# The document named before it: 专款专用制度, 合同管理制度, 项目预算编制管理办法 (up to 制度/办法/方案/规定…)
_DOCUMENT = re.compile(r"([\u4e00-\u9fffA-Za-z0-9（）()]{2,30}?(?:制度|办法|方案|规定|细则|规范|条例|意见))")


def _title(decl: Declaration) -> str:
    return f"{decl.header.name}（{decl.header.year or '年度不详'}）"


def _citation(decl: Declaration) -> SourceRef:
    return SourceRef(
        ref=f"{decl.id}#header",
        project=decl.header.name,
        year=decl.header.year,
        part="制度保障",
        quote=decl.header.name,
    )


def _row(decl: Declaration, s: SafeguardRow, value: str) -> Row:
    return Row(
        declaration_id=decl.id,
        project=decl.header.name,
        year=decl.header.year,
        field=s.document,
        value=value,
        citation=_citation(decl),
    )


# 各阶段都适用, 三个阶段都勾了, 所有阶段: every stage column at once
_EVERY_STAGE = re.compile(r"(?:各个?|每个|所有|全部|三个)阶段")
EVERY = "各阶段"


def _asked_stage(question: str) -> str | None:
    if _EVERY_STAGE.search(question):
        return EVERY
    stage = next((full for word, full in _STAGE_WORDS if word in question), None)
    if stage is None and _STAGE_COMPLETE.search(question):
        stage = STAGES[2]
    return stage


def _project_forms(question: str, cues: Cues, scope: Scope, today: date | None) -> list[Declaration]:
    """The forms of the project the question names; where the reading missed it (党费系统立项阶段…), the words before
    the first stage word read alone."""
    project, declaration_id, years = cues.project, cues.declaration_id, cues.years
    if not (project or declaration_id) and today is not None:
        from assistant.qa.parse import read_question  # parse imports special, which imports this module

        cut = min((question.find(w) for w, _ in _STAGE_WORDS if w in question), default=-1)
        if cut >= 2:
            alone = read_question(question[:cut], scope.lexicon, today=today)
            if alone.unknown_project is None:
                project, declaration_id, years = alone.project, alone.declaration_id, years or alone.years
    if not (project or declaration_id):
        return []
    decls = [d for d in scope.corpus.declarations if d.id == declaration_id or d.header.name == project]
    return [d for d in decls if not years or d.header.year in years]


def by_stage(question: str, cues: Cues, scope: Scope, today: date | None = None) -> Answer | None:
    """党费系统哪些制度保障在实施阶段不适用: the 制度保障 rows whose stage is (not) ticked."""
    if "阶段" not in question or not re.search("制度|保障", question) or _WHICH_STAGES.search(question):
        return None
    stage = _asked_stage(question)
    if stage is None:
        return None
    decls = _project_forms(question, cues, scope, today)
    if not decls or not any(d.safeguards for d in decls):
        return None
    applies = _NOT_APPLIES.search(question) is None
    rows: list[Row] = []
    lines: list[str] = []
    word = "适用" if applies else "不适用"
    for decl in decls:
        if stage == EVERY:  # 各阶段都适用 / 都不适用: every column so
            hits = [s for s in decl.safeguards if s.stages and all(x.applies == applies for x in s.stages)]
        else:
            hits = [s for s in decl.safeguards if any(x.stage == stage and x.applies == applies for x in s.stages)]
        lines.append(
            f"{_title(decl)} 的制度保障中，{stage}{'都' if stage == EVERY else ''}{word}的共 {len(hits)} 项"
            f"（表中共 {len(decl.safeguards)} 项）："
        )
        for s in hits:
            row = _row(decl, s, f"{s.category}；{s.measures}")
            rows.append(row)
            lines.append(f"- {s.category}：{s.document} {row.citation.label}")
    if not rows:
        lines.append("没有。")
    return structured(question, lines, rows)


def document_stages(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """专款专用制度在哪几个阶段适用: for each form listing that 制度保障 document, the stages ticked and not."""
    asked = _WHICH_STAGES.search(question)
    if asked is None:
        return None
    found = _DOCUMENT.search(question[: asked.start()])
    if found is None:
        return None
    name = re.sub(r"^(?:请问|帮我查下|查下|麻烦|的)+", "", found[1])
    decls = [d for d in scope.corpus.declarations if not cues.years or d.header.year in cues.years]
    if cues.project or cues.declaration_id:
        decls = [d for d in decls if d.id == cues.declaration_id or d.header.name == cues.project]
        name = name.replace(cues.project or "", "")
        for written, _ in cues.matched:
            name = name.replace(written, "")
        name = name.lstrip("的")
    held = [(d, s) for d in decls for s in d.safeguards if name and (name in s.document or s.document in name)]
    if not held:
        return Answer(
            question=question,
            text=f"语料库中没有列有“{name}”的制度保障（按各表制度保障的文件名称查找），不以其他制度代答。",
            route=Route.STRUCTURED,
            refused=True,
        )
    lines = [f"列有“{name}”的制度保障共 {len(held)} 行："]
    rows: list[Row] = []
    for decl, s in held:
        on = [x.stage for x in s.stages if x.applies]
        off = [x.stage for x in s.stages if not x.applies]
        said = f"适用于{'、'.join(on)}" if on else "各阶段均未勾选"
        if off and on:
            said += f"（{'、'.join(off)}未勾选）"
        row = _row(decl, s, said)
        rows.append(row)
        lines.append(f"- {_title(decl)} · {s.category}：{s.document}，{said} {row.citation.label}")
    return structured(question, lines, rows)
