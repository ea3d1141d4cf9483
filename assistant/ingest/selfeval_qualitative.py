"""A run-together 自评表 row whose 年度指标值 and 全年实际值 are two qualitative words (原州:
``持续完善…产业衔接8是基本达到7加强技术指导…`` = name | 分值 8 | 是 | 基本达到 | 得分 7 | 偏差原因): the two values
differ, so the repeat that proves other rows (`selfeval_repeat`) does not hold; the row is read only where the values
are both words a form writes for a qualitative target or result (是, 达到, 基本达到, 完成 …), between a 分值 and a 得分
(得分 ≤ 分值 ≤ 100), and exactly one way of cutting the text gives such a row. Nothing else is guessed."""

from __future__ import annotations

import re

from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.selfeval_repeat import PROVABLE

# Words a form writes as a qualitative 年度指标值 or 全年实际值 (and nothing else), longest first.
_WORDS = sorted(
    {
        "是",
        "否",
        "达到",
        "基本达到",
        "部分达到",
        "未达到",
        "完成",
        "已完成",
        "基本完成",
        "部分完成",
        "未完成",
        "达标",
        "基本达标",
        "未达标",
        "合格",
        "基本合格",
        "不合格",
        "良好",
        "较好",
        "有效",
    },
    key=len,
    reverse=True,
)
_POINTS = re.compile(r"\d{1,3}(?:\.\d)?")
_OPERATOR = re.compile(r"[≥≤><=＝≧≦]")
_MAX_TEXT = 400


def qualitative_row(
    text: str, line: int | None, columns: list[str]
) -> tuple[list[dict[str, str]], list[ParseNote]] | None:
    """The one row ``text`` reads as (module docstring) and an info note; None where it reads as none or several."""
    if tuple(columns[: len(PROVABLE)]) != PROVABLE or len(text) > _MAX_TEXT or _OPERATOR.search(text):
        return None
    found = list(_readings(text))
    if len(found) != 1:
        return None
    row = found[0]
    note = ParseNote(
        level=NoteLevel.INFO,
        code="selfeval.row_qualitative",
        message=f"网页复制时单元格连在了一起：「{row['name'][:30]}」的年度指标值「{row['target']}」和实际完成值「{row['actual']}」"
        f"都是定性用语，夹在分值 {row['weight']} 和得分 {row['score']} 之间，只有一种分法，读取；请核对",
        line=line,
        fragment=text,
    )
    return [row], [note]


def _readings(text: str):
    for at in range(1, len(text)):
        if not text[at].isdigit() or text[at - 1].isdigit():
            continue
        for weight in _points(text, at):
            start = at + len(weight)
            for target in (w for w in _WORDS if text.startswith(w, start)):
                for actual in (w for w in _WORDS if text.startswith(w, start + len(target))):
                    end = start + len(target) + len(actual)
                    for score in _points(text, end):
                        rest = text[end + len(score) :]
                        if float(score) <= float(weight) <= 100 and (not rest or not rest[0].isdigit()):
                            row = {"name": text[:at], "weight": weight, "target": target, "actual": actual}
                            yield {**row, "score": score, **({"deviation": rest} if rest else {})}


def _points(text: str, at: int) -> list[str]:
    return [m for size in range(1, min(6, len(text) - at + 1)) if _POINTS.fullmatch(m := text[at : at + size])]
