"""The indicator table of a published 自评表 (一级 | 二级 | 三级 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…) read in
chunks of its header's width, categories merged down their rows; a copy that lost its empty cells read only where
its 分值/得分 fall on numbers. Moved out of ``selfeval`` unchanged."""

from __future__ import annotations

import re

from assistant.domain import framework
from assistant.domain.cycle import IndicatorLink, SelfEvalRow
from assistant.domain.model import NoteLevel
from assistant.domain.values import parse_value
from assistant.ingest import selfeval_words as words
from assistant.ingest.selfeval_cells import INDICATOR_HEADER, NUMERIC, TEXTS, State, cell_key, header_row, number_in
from assistant.ingest.selfeval_columns import is_block_label, unkept_columns
from assistant.ingest.selfeval_header import (
    is_lost_level1,
    labels_before,
    restore_blank_level1,
    restore_level1,
    two_row_header,
    unwritten_level1,
)
from assistant.ingest.selfeval_mirror import mirror_rows
from assistant.ingest.selfeval_operator_rows import operator_rows
from assistant.ingest.selfeval_qualitative import qualitative_row
from assistant.ingest.selfeval_region import read_numbered
from assistant.ingest.selfeval_repeat import ROW_NUMBER, proven_rows
from assistant.ingest.selfeval_rowshapes import scores_only
from assistant.ingest.selfeval_scored_rows import scored_rows
from assistant.ingest.selfeval_spaced_rows import spaced_rows
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term


def read_indicators(state: State, first: WebCell) -> list[SelfEvalRow]:
    above = labels_before(state.tokens, state.i - 1, INDICATOR_HEADER, cell_key)
    columns = two_row_header(above, header_row(state, first, INDICATOR_HEADER))
    rows = _read_rows(state, columns, first)
    if "level1" in columns and rows and rows[0].link.level1_written is None:
        return unwritten_level1(rows, state.notes)
    return rows


def _read_rows(state: State, columns: list[str], first: WebCell) -> list[SelfEvalRow]:
    rest = [c for c in columns if c not in {"level1", "level2"}]
    state.notes.extend(unkept_columns(columns, first))
    # A copy that lost its empty cells has lost the empty 偏差原因 after 得分: a row is read up to its 得分.
    width = rest.index("score") + 1 if state.lossy and "score" in rest else len(rest)
    if state.lossy and (by_operator := operator_rows(state, row_of)) is not None:
        return by_operator
    if not state.lossy and (numbered := read_numbered(state, rest, _ends_table, row_of)) is not None:
        return numbered
    if (mirrored := mirror_rows(state, rest, row_of, _ends_table)) is not None:
        return mirrored
    if state.lossy and (spaced := spaced_rows(state, columns, row_of)) is not None:
        return spaced
    rows: list[SelfEvalRow] = []
    levels: dict[str, str] = {}
    chunk: list[WebCell] = []

    lost: WebCell | None = None  # a 一级 cell that kept only its points (``(50分)``)
    grouped = False  # a ★ group row was met: the rows under it carry no 分值/得分 of their own

    short: list[WebCell] = []  # the cells of the last row read, when it had fewer than the header's columns
    page_numbered = state.lossy and _numbers_rows(state)  # rows written 指标1…: a lone 1 after a category is numbering

    def flush(*, whole: bool = True) -> None:
        nonlocal chunk, grouped, short
        filled = [c for c in chunk if c.text]
        values = dict(zip(rest, [c.text for c in chunk], strict=False))
        if len(filled) == 1 and _PLACEHOLDER.match(filled[0].text):
            state.note(
                "selfeval.template_row",
                f"「{filled[0].text}」是表样留下的空行（没有指标名称和数值），不是指标行，未读取",
                filled[0],
                NoteLevel.INFO,
            )
            chunk = []
            return
        if filled and _GROUP_MARK.match(filled[0].text) and not _carries_values(values, state.lossy):
            grouped = True
            state.note(
                "selfeval.group_row",
                f"「{filled[0].text}」是一组指标的标题行（分值、得分记在该组上），不是指标行，未作为指标读取",
                filled[0],
                NoteLevel.INFO,
            )
            chunk = []
            return
        if grouped and state.lossy and not (whole and _scored(values)):
            values = _unscored(filled, rest) or values
        one = filled[0] if state.lossy and len(filled) == 1 and cell_key(filled[0].text) not in _TABLE_END else None
        provable = [c for c in rest[:width] if c not in _LOST_RULES]  # a lost 得分计算方法 cell: nothing of it kept
        proven = proven_rows(one.text, one.line, provable, numbered=page_numbered) if one is not None else None
        proven = proven or (scored_rows(one.text, one.line, provable) if one is not None else None)
        proven = proven or (qualitative_row(one.text, one.line, provable) if one is not None else None)
        if one is not None and proven is not None:
            state.notes.extend(proven[1])
            rows.extend(row_of(found, levels, one, state) for found in proven[0])
        elif filled and state.lossy and not (whole and (_scored(values) or (grouped and _unscored(filled, rest)))):
            state.note(
                "selfeval.row_unsplit",
                "网页复制时空白单元格丢失，这一行无法按顺序分出指标名称、指标值、分值和得分，未读取（不猜测各栏的分界）："
                + " ".join(c.text for c in filled)[:80],
                filled[0],
            )
        elif filled:
            rows.append(row_of(scores_only(filled, rest, state) or values, levels, filled[0], state))
            short = filled if len(chunk) < width else []
        chunk = []

    row_level2 = False  # a 二级 cell was read on this row (a copy that kept its rows)
    while state.i < len(state.tokens):
        token = state.tokens[state.i]
        if token is not None and token.text and (cell_key(token.text) in TEXTS or cell_key(token.text) in _TABLE_END):
            break
        state.i += 1
        term = level_term(token.text) if token is not None and token.text else None
        if token is not None and not chunk and is_lost_level1(token.text):
            levels, lost = {}, token  # the 一级 cell kept only its points: the 二级 under it tells the 一级
        elif token is None and not state.lossy and _values_below(state, chunk, width):
            state.note("selfeval.values_wrapped", _VALUES_BELOW.format(chunk[0].text), chunk[0], NoteLevel.INFO)
        elif token is None:
            row_level2 = False
            flush(whole=not state.lossy or len(chunk) >= width or _line_row(state))
        elif term and not chunk and row_level2 and _value_next(state):
            chunk.append(
                token
            )  # 满意度(%) after 服务对象满意度指标: a name worded like a category, placed by its column
            state.note("selfeval.name_like_level", _NAME_LIKE_LEVEL.format(token.text), token, NoteLevel.INFO)
        elif term and (not chunk or state.lossy):
            if chunk:
                flush(whole=False)  # a category inside a row: the row before it lost a cell
            is_one = framework.is_level1_term(term) and ("level1" not in levels or "level2" in levels)
            if is_one and framework.is_level2_term(term) and "level2" in levels:
                is_one = False  # 成本指标 after 时效指标: a 二级 of the same 一级 (a 一级 only in the 2021 framework)
            if is_one:
                levels = {"level1": term}
            else:
                levels["level2"] = term
                row_level2 = not state.lossy
                if "level1" not in levels and lost is not None and (restored := restore_level1(levels, lost)):
                    state.notes.append(restored)
                elif "level1" not in levels and "level1" in columns and _after_blank(state):
                    state.notes.extend(restore_blank_level1(levels, token))
        elif not chunk and is_block_label(token.text):
            state.note(
                "selfeval.block_label", f"「{token.text}」是指标表左侧的栏目名称，不是指标行", token, NoteLevel.INFO
            )
        elif not chunk and token.text and "level1" in levels and _unknown_level2(state, width):
            levels["level2"] = token.text  # 黄石 环境效益: a 二级 the framework does not name, placed by its column
            state.note("selfeval.level2_by_column", _LEVEL2_BY_COLUMN.format(token.text), token, NoteLevel.INFO)
        elif token.text or chunk:
            chunk.append(token)
            if len(chunk) == width:
                flush()
    flush(whole=False)
    if state.i >= len(state.tokens) and short and rows and rows[-1].actual is None and rows[-1].score is None:
        state.note("selfeval.row_cut", _ROW_CUT.format(" ".join(c.text for c in short)[:80]), short[0])
    return rows


# The page ends inside a row (a copy cut short, 大英): what stands is read, the rest is said to be missing.
_ROW_CUT = "页面在最后一个指标行中间结束（复制不完整），这一行只读到「{}」，其后的栏目（完成值、分值、得分等）没有读到；请对照原表补录"


# A row the template left unfilled (廊坊: ``指标2`` / ``……`` and empty cells): numbering or an ellipsis only.
_PLACEHOLDER = re.compile(r"^(?:指标\s*\d{1,2}\s*[:：]?|[.…。·]{2,})$")
# A group row of a 自评表 (杨楼: ``★补助各类粮食作物种植面积 10 10``): its 分值/得分 cover the rows under it.
_GROUP_MARK = re.compile(r"^[★☆▲△◆◇■□●]")
# Cells that end the indicator table: its total and the form's closing rows (永德: ``其他需要说明事项 | 无 | 总分``).
_TABLE_END = frozenset({"合计", "总分", "其他需要说明事项", "其他需说明事项"})
_LOST_RULES = frozenset({"rule", "method"})  # how a score is computed: an empty column a lossy copy drops


_VALUES_BELOW = "指标「{}」一行在名称后换行，其数值在下一行（单元格中的换行把一行分成两行），已接在该行读取；请核对"
_NAME_LIKE_LEVEL = "「{}」写法像指标类别，但位于本行二级指标之后、数值之前，按位置读作三级指标名称；请核对"


def _values_below(state: State, chunk: list[WebCell], width: int) -> bool:
    """The row just ended holds only its name (a copy that kept its rows), and the next row is figures only, exactly
    the columns the row lacks (施甸: ``数量指标 | 扶持发展新型农业经营主体 (个) |`` / ``15 | 6 | 8.0 | |``): a line break
    in the name cell cut the row, and the figures are its values."""
    filled = [c for c in chunk if c.text]
    if len(filled) != 1 or len(chunk) >= width or NUMERIC.match(filled[0].text.replace(",", "")):
        return False
    below: list[WebCell] = []
    for token in state.tokens[state.i :]:
        if token is None:
            break
        below.extend([token] if token.text else [])
    return len(below) == width - len(chunk) and all(NUMERIC.match(c.text.replace(",", "")) for c in below)


def _value_next(state: State) -> bool:
    """The next filled cell on this row is a figure: the cell just read is the row's name, not a category."""
    for token in state.tokens[state.i :]:
        if token is None:
            return False
        if token.text:
            return bool(NUMERIC.match(token.text.replace(",", "").strip()))
    return False


_LEVEL2_BY_COLUMN = (
    "「{}」不是指标框架中的二级指标名称，但这一行比指标各栏多出一格（一级指标合并在上方），按位置读作二级指标（按原文保留）；"
    "请核对"
)


def _unknown_level2(state: State, width: int) -> bool:
    """The cell just read starts a row (a copy that kept its rows and empty cells) holding one cell more than the
    table's columns after 二级 (filled cells counted), and is no figure: the extra first cell is the row's 二级, whatever
    its wording."""
    if state.lossy or state.i < 2 or state.tokens[state.i - 2] is not None:
        return False
    first = state.tokens[state.i - 1]
    if first is None or NUMERIC.match(first.text) or re.search(r"\d", first.text):
        return False
    count = 0
    for token in state.tokens[state.i - 1 :]:
        if token is None:
            break
        count += 1 if token.text else 0
    return count == width + 1


def _after_blank(state: State) -> bool:
    """The 二级 just read follows a blank cell of its row: the 一级 column stands there, left empty."""
    before = state.tokens[state.i - 2] if state.i >= 2 else None
    return before is not None and not before.text


def _carries_values(values: dict[str, str], lossy: bool) -> bool:
    """A ★ row with its own 指标值 is an indicator row (濉溪: ``★★★农村低保发放人数… | 5 | >=21933人 | 21980人 | 5``), not
    the title of a group: a whole row (cells kept) with a 指标值, or any row whose 指标值 is no bare number (an operator
    or a unit: a group's title carries only its 分值/得分)."""
    target = values.get("target", "")
    if not target:
        return False
    return not lossy or not NUMERIC.match(target.replace(",", ""))


def _ends_table(key: str) -> bool:
    return key in TEXTS or key in _TABLE_END


def _unscored(filled: list[WebCell], rest: list[str]) -> dict[str, str] | None:
    """A row under a ★ group in a lossy copy: its name, 指标值 and 实际值 without 分值/得分 (the group has them)."""
    columns = [c for c in rest if c not in {"weight", "score", "deviation"}]
    if not 2 <= len(filled) <= len(columns) or NUMERIC.match(filled[0].text):
        return None
    values = dict(zip(columns, [c.text for c in filled], strict=False))
    return values if values.get("name") and values.get("target") else None


def _scored(values: dict[str, str]) -> bool:
    """A row read from a lossy copy has its 三级指标 and 指标值, and a number (or nothing) for 分值 and 得分."""
    numbers = [values.get(c, "") for c in ("weight", "score")]
    return bool(values.get("name") and values.get("target")) and all(
        not text or NUMERIC.match(text.replace(",", "")) for text in numbers
    )


def _line_row(state: State) -> bool:
    """The row just ended was a line of its own (a lossy copy with a row per line), not the end of a whole-table
    line: a short row there lost an empty cell, which the columns' order still places."""
    return sum(1 for t in state.tokens if t is None) > 2


# A 指标方向 column's words (内蒙古: 正向 | 大于等于 | 1 | 次): the comparison they name, written as its sign.
# A ``═`` (a box-drawing line a font gives for =) is written as the = it stands for.
_DIRECTION_SIGNS = {"大于等于": "≥", "小于等于": "≤", "等于": "=", "大于": ">", "小于": "<", "═": "="}


def row_of(values: dict[str, str], levels: dict[str, str], anchor: WebCell, state: State) -> SelfEvalRow:
    level1, level2 = levels.get("level1"), levels.get("level2")
    placement = framework.normalise(level1, level2)
    target = values.get("target", "")
    nature = values.get("nature") or None
    direction = _DIRECTION_SIGNS.get(cell_key(values.get("direction") or ""), values.get("direction"))
    operator = next((w for w in (direction, nature) if w and parse_value(f"{w}1").operator), "")
    operator = _DIRECTION_SIGNS.get(operator, operator)
    unit = values.get("unit") or None
    written = f"{operator}{target}{unit or ''}" if target else ""
    if not values.get("name"):
        state.note("selfeval.name_missing", "自评表指标行缺少三级指标名称", anchor)
    return SelfEvalRow(
        link=IndicatorLink(
            level1_written=level1,
            level2_written=level2,
            level1=placement.level1,
            level2=placement.level2,
            name=words.without_numbering(values.get("name", "")),
        ),
        target=written,
        target_value=parse_value(written) if written else None,
        actual=values.get("actual") or None,
        weight=number_in(WebCell(values.get("weight", ""), anchor.line), state),
        score=number_in(WebCell(values.get("score", ""), anchor.line), state),
        deviation=values.get("deviation") or None,
        nature=nature,
        unit=unit,
        evidence=values.get("evidence") or None,
    )


def _numbers_rows(state: State) -> bool:
    """The page numbers its indicator rows (a cell starts ``指标1``)."""
    return any(t is not None and ROW_NUMBER.match(t.text) for t in state.tokens)
