"""Row shapes of a 自评表 copied as plain text that the column-by-column reading misreads (batch 9, classes seen on
its held-out half; tested on variants):

* `joined_categories`: a 二级 cell wrapped over two lines (``可持续影`` / ``响指标``, ``服务对象`` / ``满意度指标``) is one
  category again, so the rows after it are placed under it and not under the category before;
* `scores_only`: a row of a copy that lost its empty cells whose only figures are two small whole numbers after its
  name (``指标1:工程质量合格 10 10``, 年度指标值 and 实际完成值 blank) has its 分值 and 得分 there, not a 指标值: the
  value is left blank and a note says so;
* a placeholder row (``指标1:/ / /``) has no name: `selfeval_region.without_blank_rows` sets it aside.
"""

from __future__ import annotations

import re

from assistant.domain import framework
from assistant.domain.model import NoteLevel
from assistant.ingest.selfeval_cells import State
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term

_MAX_HEAD = 8  # a category's first line is short
_SMALL = re.compile(r"^\d{1,2}$")  # a 分值 or 得分: a whole number under 100, no unit
_MAX_WEIGHT = 30  # a row's 分值 is at most this on the templates (100 points over five or more rows)


def joined_categories(tokens: list[WebCell | None]) -> list[WebCell | None]:
    """``tokens`` with each category wrapped over two lines (a line end between the two pieces, or none) as one cell."""
    out: list[WebCell | None] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        j = i + 1
        if j < len(tokens) and tokens[j] is None:
            j += 1  # the line end between the two pieces
        tail = tokens[j] if j < len(tokens) else None
        if token is not None and tail is not None and _pieces(token.text, tail.text):
            out.append(WebCell(token.text + tail.text, token.line))
            if j > i + 1:
                out.append(None)
            i = j + 1
            continue
        out.append(token)
        i += 1
    return out


def _pieces(head: str, tail: str) -> bool:
    head, tail = head.strip(), tail.strip()
    if not head or not tail or len(head) > _MAX_HEAD or level_term(head) is not None:
        return False
    joined = head + tail
    return framework.is_level_term(joined)


def scores_only(filled: list[WebCell], rest: list[str], state: State) -> dict[str, str] | None:
    """The row's values when its only cells after the name are its 分值 and 得分 (two whole numbers, the second not
    above the first, the first at most 30) in a copy that lost its empty cells; noted. None otherwise."""
    if not state.lossy or len(filled) != 3 or not {"weight", "score", "target"} <= set(rest):
        return None
    weight, score = filled[1].text.strip(), filled[2].text.strip()
    if not (_SMALL.match(weight) and _SMALL.match(score)) or not int(score) <= int(weight) <= _MAX_WEIGHT:
        return None
    state.note(
        "selfeval.scores_only",
        f"这一行名称后只有两个整数「{weight} {score}」：按表样读作分值和得分，年度指标值和实际完成值在原表中空白，"
        "未读取（不把分值当作指标值）；请对照原表核对",
        filled[0],
        NoteLevel.INFO,
    )
    return {"name": filled[0].text, "weight": weight, "score": score}
