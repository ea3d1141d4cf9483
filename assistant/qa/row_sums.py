"""Sums over chosen 项目构成 rows of one named project (issue 24): 党费系统项目构成里安全测评和软件测评加起来多少.

Each part the question names (joined by 和/与/跟/及/、/加上…) is matched to the one row of the form whose name (or
content) shares most of it; each matched row's amount is shown with its citation, then their sum. A part that no
row holds is said (项目构成中没有“…”) with the rows the form does have, and no sum is given: a sum of the rows found
would pass for the whole that was asked.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.model import Declaration
from assistant.domain.refs import yuan
from assistant.qa.cues import Cues, common
from assistant.qa.fields import budget_rows
from assistant.qa.models import Answer, Row, RowKind, structured
from assistant.qa.scope import Scope

_SUM = re.compile(r"加起来|加一块|加一起|加在一起|合起来|合计|一共|总共|共计|总计|一起|是多少|多少")
_JOIN = re.compile(r"以及|加上|还有|和|与|跟|及|同|、|，|,|加(?![起一在上])")
_LEAD = re.compile(r"项目构成(?:表)?(?:里面?|中|的)?|构成(?:里面?|中|的)?|里面?|的")
_FILLER = "那个这个该的里中项目表"
_TAIL = re.compile(r"(?:这|那)?[两二三四五六七八九几]?(?:块|项|个|笔|部分|样)?(?:的)?(?:钱|费用|金额|预算)?$")


def _parts(question: str, cues: Cues, name: str) -> list[str]:
    """The parts named before the sum word, the project's name (as written, or its characters leading the first
    part: 党费那个系统移动端 → 移动端) taken out."""
    text = question
    for written in [w for w, _ in cues.matched] + [cues.project or ""]:
        if written:
            text = text.replace(written, "｜")
    found = _SUM.search(text)
    if found is None:
        return []
    pieces = _JOIN.split(text[: found.start()])
    if len(pieces) < 2:
        return []
    leads = list(_LEAD.finditer(pieces[0]))
    pieces[0] = pieces[0][leads[-1].end() :] if leads else pieces[0]
    pieces[0] = pieces[0].split("｜")[-1]
    pieces[0] = pieces[0].lstrip(name + _FILLER)
    return [p for p in (_TAIL.sub("", piece.strip()) for piece in pieces) if p]


def _match(part: str, rows: list[Row]) -> Row | None:
    """The one row sharing most of ``part`` (at least 2 characters and 60 % of it); None: none or a tie."""
    need = max(2, round(0.6 * len(part)))
    scored = [(max(len(common(part, row.field)), len(common(part, row.value))), row) for row in rows]
    best = max((s for s, _ in scored), default=0)
    if best < need:
        return None
    hits = [row for s, row in scored if s == best]
    return hits[0] if len(hits) == 1 else None


def _form(cues: Cues, scope: Scope) -> Declaration | None:
    decls = [d for d in scope.corpus.declarations if d.id == cues.declaration_id or d.header.name == cues.project]
    decls = [d for d in decls if not cues.years or d.header.year in cues.years]
    return decls[0] if len(decls) == 1 else None


def row_sum(question: str, cues: Cues, scope: Scope) -> Answer | None:
    """The named rows' amounts and their sum; None for other questions."""
    if cues.versus or not (cues.project or cues.declaration_id):
        return None
    decl = _form(cues, scope)
    if decl is None or not decl.budget_lines:
        return None
    parts = _parts(question, cues, decl.header.name)
    rows = budget_rows(decl)
    matched = {part: _match(part, rows) for part in parts}
    asks_rows = "构成" in question or cues.rows is RowKind.BUDGET_LINES
    if len(parts) < 2 or not (asks_rows or all(matched.values())):
        return None
    title = f"{decl.header.name}（{decl.header.year or '年度不详'}）"
    missing = [part for part, row in matched.items() if row is None]
    if missing:
        names = "、".join(f"“{part}”" for part in missing)
        lines = [
            f"{title} 的项目构成中没有{names}{'这一项' if len(missing) == 1 else '这几项'}，所问的几项无法合计（不以部分之和代替）。",
            f"该表项目构成共 {len(rows)} 项：",
            *(f"- {row.field}：{row.value} {row.citation.label}" for row in rows),
        ]
        return structured(question, lines, rows, None)
    chosen = list(dict.fromkeys(row for row in matched.values() if row is not None))
    amounts = [row.amount for row in chosen]
    if any(amount is None for amount in amounts):
        lines = [f"{title} 的项目构成中所问的几项有金额空白（未填写），无法合计："]
        lines += [f"- {row.field}：{row.value} {row.citation.label}" for row in chosen]
        return structured(question, lines, chosen, None)
    total = sum((a for a in amounts if a is not None), Decimal(0))
    lines = [f"{title} 的项目构成中所问的 {len(chosen)} 项合计 {yuan(total)}："]
    lines += [f"- {row.field}：{row.value} {row.citation.label}" for row in chosen]
    return structured(question, lines, chosen, yuan(total))
