"""Column names and labels of a 自评表 cut by a line wrap, joined again before the cells are read (廊坊, 杨楼, 广水)."""

from __future__ import annotations

from assistant.ingest import selfeval_words as words
from assistant.ingest.selfeval_cells import FUND_HEADER, INDICATOR_HEADER, cell_key
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term

_WRAPPED_LEVEL = frozenset({"一级", "二级", "三级"})


def joined_labels(tokens: list[WebCell | None]) -> list[WebCell | None]:
    """An indicator header wrapped over lines (杨楼: ``绩效指标 一级`` / ``指标`` / ``二级指标 三级指标 …``) as one
    header: ``一级`` and the ``指标`` on the next line are one label, which the header's next line continues. A
    column name wrapped in its cell (廊坊: ``年初`` / ``预算数``, ``实际`` / ``完成值``) is one name again."""
    out: list[WebCell | None] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if token is not None and nxt is not None and _wrapped_name(token.text, nxt.text):
            out.append(WebCell(f"{token.text}{nxt.text}", token.line))
            i += 2
            continue
        after = [k for k in range(i + 1, min(i + 4, len(tokens))) if tokens[k] is not None]
        tail = tokens[after[0]] if after else None
        if token is not None and token.text in _WRAPPED_LEVEL and tail is not None and tail.text == "指标":
            out.append(WebCell(f"{token.text}指标", token.line))
            i = after[0] + 1
            while i < len(tokens) and tokens[i] is None:  # the header goes on on the next line
                i += 1
            continue
        out.append(token)
        i += 1
    return _unit_label_word(out)


def _unit_label_word(tokens: list[WebCell | None]) -> list[WebCell | None]:
    """A 主管部门's value that a run-together copy cut before ``实施单位`` keeps the first word of the next label
    (第壹文秘: ``主管部门区市场监督管理局项目实施单位农业科``): a unit's name never ends in 项目, the label 项目实施单位
    does, so the 项目 goes back to the label. A 项目名称's value keeps its 项目 (``…示范推广项目实施单位``)."""
    out = list(tokens)
    for k in range(1, len(out) - 1):
        label, value, nxt = out[k - 1], out[k], out[k + 1]
        if label is None or value is None or nxt is None or not words.is_department_label(cell_key(label.text)):
            continue
        if value.text.endswith("项目") and len(value.text) > 4 and cell_key(nxt.text) == "实施单位":
            out[k] = WebCell(value.text.removesuffix("项目"), value.line)
            out[k + 1] = WebCell("项目" + nxt.text, nxt.line)
    return out


def _wrapped_name(head: str, tail: str) -> bool:
    """``head`` and ``tail`` are one column name of the fund block or the indicator table cut in two, or a category
    cut before its ``指标`` (廊坊: ``经济效益`` / ``指标``, ``满意度`` / ``指标``)."""
    if not head or not tail or len(head) > 8:
        return False
    if (
        len(tail) == 1
        and words.is_header_label(cell_key(f"{head}{tail}"))
        and not words.is_header_label(cell_key(head))
    ):
        return True  # 广水: ``项目主管单`` / ``位``, a label the PDF's line wrap cut
    if tail == "指标" and not head.endswith("指标") and level_term(head) is not None:
        return level_term(f"{head}指标") is not None
    return len(head) <= 4 and cell_key(head) not in _KNOWN_NAMES and cell_key(f"{head}{tail}") in _KNOWN_NAMES


_KNOWN_NAMES = frozenset(FUND_HEADER) | frozenset(INDICATOR_HEADER)
