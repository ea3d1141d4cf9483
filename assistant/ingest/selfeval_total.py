"""The 总分 a published 自评表 states (``自评总分: 95`` in its head, or a closing row ``总分 | 100 | 95``), read into
``SelfEvaluation.total_score`` so the stated total can be checked against the rows' scores (it had been left blank).

A figure is taken only where its place shows it is the total score: the first figure right after 自评总分/自评得分/综合得分
on its row; after 总分, the second of two figures where the first is the 分值 100 (总分 | 100 | 95). A 总分 with one
figure (the 分值 or the 得分?) or none is not read; two different totals on one form are not read and are noted.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.web_cells import WebCell

_SCORED = frozenset({"自评总分", "自评得分", "综合得分", "自评总得分"})
_FIGURE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
_MAX = Decimal(100)


def stated_total(tokens: list[WebCell | None]) -> tuple[Decimal | None, list[ParseNote]]:
    """(the total score the form states, notes) — None where it states none this reading can place."""
    found: list[tuple[Decimal, WebCell]] = []
    for k, token in enumerate(tokens):
        if token is None:
            continue
        key = re.sub(r"\s+", "", token.text).rstrip(":：")
        if key not in _SCORED and key != "总分":
            continue
        figures = _figures_after(tokens, k)
        if key in _SCORED and figures:
            found.append((figures[0], token))
        elif key == "总分" and len(figures) >= 2 and figures[0] == _MAX:
            found.append((figures[1], token))
    totals = {value for value, _ in found}
    if len(totals) == 1:
        return found[0][0], []
    if len(totals) > 1:
        listed = "、".join(f"{cell.text.strip()} {value.normalize():f}" for value, cell in found)
        note = ParseNote(
            level=NoteLevel.WARNING,
            code="selfeval.total_conflict",
            message=f"表中写了不同的总分（{listed}），未读取总分（不猜测哪个是对的）；请对照原表核对",
            line=found[0][1].line,
        )
        return None, [note]
    return None, []


def _figures_after(tokens: list[WebCell | None], k: int) -> list[Decimal]:
    """The figures right after ``tokens[k]`` on its row (empty cells skipped), up to the first cell that is none."""
    out: list[Decimal] = []
    for token in tokens[k + 1 : k + 12]:
        if token is None or len(out) == 2:
            break
        text = token.text.strip()
        if not text:
            continue
        if not _FIGURE.match(text) or Decimal(text) > _MAX:
            break
        out.append(Decimal(text))
    return out
