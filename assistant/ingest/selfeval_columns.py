"""Columns of a 自评表's indicator table that the model has no field for (新疆's template: 指标值设置依据, 上年完成值,
指标赋分规则, 完成率): recognised as columns, so their cells are never read as rows or names, and named in a note
saying their contents are not stored."""

from __future__ import annotations

import re

from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.web_cells import WebCell

# The reader's column keys (``selfeval_cells.INDICATOR_HEADER``'s values) that no SelfEvalRow field holds.
UNKEPT = {
    "basis": "指标值设置依据",
    "last_year": "上年完成值",
    "rule": "指标赋分规则",
    "completion": "完成率",
    "method": "得分计算方法",
}


def unkept_columns(columns: list[str], header: WebCell) -> list[ParseNote]:
    """A note naming the columns in ``columns`` whose cells are not stored (none when there are none); ``header``:
    the table's first header cell, where the note points."""
    names = [UNKEPT[c] for c in columns if c in UNKEPT]
    if not names:
        return []
    listed = "、".join(f"「{n}」" for n in names)
    return [
        ParseNote(
            level=NoteLevel.INFO,
            code="selfeval.columns_unkept",
            message=f"指标表的 {listed} 栏已按栏位识别（不作指标行读取）；自评表没有对应的字段，这些栏的内容未保存，"
            "请在原表中查看",
            line=header.line,
            fragment=header.text,
        )
    ]


def table_unread_message(*, header_read: bool, unsplit: bool = False) -> str:
    """Why no indicator row was read: the copy ends right after the table's header (``header_read``: the header was
    read and at most a category cell follows it), or text follows it that no row could be cut from (``unsplit``: the
    rows' text is quoted in the notes before), else the header's words were scattered by the copy."""
    if header_read and unsplit:
        return (
            "指标表的表头已读到，但其后的文字各栏交错（如 PDF 中两行的单元格按行交错排列，名称、数值和类别的上下两半"
            "分在不同处），分不出每行的名称和数值，未读到指标行（不猜测；原文见上面“无法按顺序分出”的提示）；"
            "请对照原表补录指标行"
        )
    if header_read:
        return "指标表的表头已读到，但复制的页面在表头之后就结束了（没有指标行的文字），未读到指标行（不猜测）；请对照原表补录指标行"
    return (
        "页面上有绩效指标表的文字，但表头被复制打乱（如「一级」「指标二级」分在不同处），指标行未能按栏读取（不猜测）；"
        "请对照原表补录指标行"
    )


_BLOCK_LABEL = re.compile(r"^(?:年度|项目)?绩效指标(?:完成情况)?$")


def is_block_label(text: str) -> bool:
    """``text`` is the label of the whole indicator block, in a merged cell left of the first row (新疆:
    ``年度绩效指标完成情况 | 产出指标 | 数量指标 | …``), not a row's first cell."""
    return bool(_BLOCK_LABEL.match(re.sub(r"\s+", "", text)))
