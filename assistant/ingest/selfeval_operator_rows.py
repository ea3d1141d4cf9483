"""The indicator rows of a 自评表 whose 预期指标值 is three cells, 符号 | 值 | 单位 (河北's 预算项目绩效自评表: a header
``一级指标 二级指标 三级指标 指标分值 预期指标值 …`` over ``符号 单位(文字描述) …``), copied as text with its cells
separated by spaces, a row per line:
``产出指标 质量指标 覆盖率 <说明> >= 98 %(百分比) 100% 完成 25.00 25.00 6.25``.

The operator cell is the row's anchor: before it the categories (at most a 一级 and a 二级, merged down the rows),
the 三级 name and, where one more cell stands, the unlabelled description of the indicator (kept in a note, never in
the name); after it the figure, the unit (its explanation in brackets dropped: ``%(百分比)`` → ``%``) and the
实际完成值. The figures after those (单项指标得分 / 权重占比 / 折算得分 on this template) are not placed (their
columns under a two-line header are not proven) and are kept in a note. A row with more cells before its operator
than a name and a description is not split (noted, never guessed).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.domain import framework
from assistant.domain.cycle import SelfEvalRow
from assistant.domain.model import NoteLevel
from assistant.ingest.selfeval_cells import NUMERIC, TEXTS, State, cell_key
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term

Make = Callable[[dict[str, str], dict[str, str], WebCell, State], SelfEvalRow]

_OPERATOR = re.compile(r"^(?:>=|<=|≥|≤|≧|≦|=|＝|>|<|＞|＜)$")
_EXPLAINED = re.compile(r"^(.+?)\s*[（(][^()（）]*[)）]$")  # %(百分比), 人(人数): the unit and what it means
_COMPLETION = frozenset({"完成", "未完成", "基本完成", "部分完成", "超额完成"})
_SECTION_NUMBER = re.compile(r"^[一二三四五六七八九十]{1,2}[、.．]")
_END = frozenset({"合计", "总分", "其他需要说明事项", "其他需说明事项"})
_HEAD_LINES = 3  # lines of column names between the header's first line and the first row


def operator_rows(state: State, make: Make) -> list[SelfEvalRow] | None:
    """The rows of such a table from ``state.i`` (just after the header's run of known column names), ``state.i``
    moved past them; None (nothing consumed) where the table has no 符号 column or its first row no operator cell."""
    lines = _lines(state)
    first = next((k for k, (_, cells) in enumerate(lines) if _anchor(cells) is not None), None)
    if first is None or first > _HEAD_LINES:
        return None
    if not any(cell_key(c.text) == "符号" for _, cells in lines[:first] for c in cells):
        return None
    rows: list[SelfEvalRow] = []
    levels: dict[str, str] = {}
    end = lines[first][0]
    for start, cells in lines[first:]:
        key = cell_key(cells[0].text)
        if key in TEXTS or key in _END or _SECTION_NUMBER.match(cells[0].text.strip()):
            break
        end = start + len(cells) + 1
        k = _anchor(cells)
        if k is None:
            state.note("selfeval.row_unsplit", _NO_OPERATOR + " ".join(c.text for c in cells)[:80], cells[0])
            continue
        row = _row(state, cells, k, levels, make)
        rows.extend([row] if row is not None else [])
    state.i = end
    return rows


_NO_OPERATOR = "指标表这一行没有“符号”栏的比较符号（>=、<= 等），分不出指标名称和预期指标值，未读取（不猜测）："


def _lines(state: State) -> list[tuple[int, list[WebCell]]]:
    """(index of its first token, its filled cells) of each line from ``state.i``."""
    out: list[tuple[int, list[WebCell]]] = []
    start = state.i
    cells: list[WebCell] = []
    for k in range(state.i, len(state.tokens)):
        token = state.tokens[k]
        if token is None:
            if cells:
                out.append((start, cells))
            start, cells = k + 1, []
        elif token.text.strip():
            cells.append(token)
    if cells:
        out.append((start, cells))
    return out


def _anchor(cells: list[WebCell]) -> int | None:
    """The position of the row's operator cell: followed by a figure, with a name before it."""
    for k, cell in enumerate(cells[1:-1], start=1):
        if _OPERATOR.match(cell.text.strip()) and NUMERIC.match(cells[k + 1].text.strip().replace(",", "")):
            return k
    return None


def _row(state: State, cells: list[WebCell], k: int, levels: dict[str, str], make: Make) -> SelfEvalRow | None:
    before = cells[:k]
    taken = 0
    while taken < 2 and len(before) - taken > 1 and (term := level_term(before[taken].text)):
        is_one = framework.is_level1_term(term) and ("level1" not in levels or "level2" in levels)
        if is_one and framework.is_level2_term(term) and "level2" in levels:
            is_one = False  # 成本指标 after 时效指标: a 二级 of the same 一级
        if is_one:
            levels.clear()
            levels["level1"] = term
        else:
            levels["level2"] = term
        taken += 1
    rest = before[taken:]
    if len(rest) > 2:
        state.note("selfeval.row_unsplit", _AMBIGUOUS + " ".join(c.text for c in rest)[:80], rest[0])
        return None
    if len(rest) == 2:
        state.note("selfeval.description", _DESCRIPTION.format(rest[1].text, rest[0].text), rest[1], NoteLevel.INFO)
    after = [c.text.strip() for c in cells[k + 2 :]]
    unit = ""
    if after and not NUMERIC.match(after[0].replace(",", "")) and after[0] not in _COMPLETION:
        unit = after.pop(0)
        unit = explained[1] if (explained := _EXPLAINED.match(unit)) else unit
    actual = after.pop(0) if after and after[0] not in _COMPLETION else ""
    if after:
        state.note(
            "selfeval.scores_unplaced", _UNPLACED.format(rest[0].text, " ".join(after)), cells[-1], NoteLevel.INFO
        )
    values = {"name": rest[0].text, "nature": cells[k].text.strip(), "target": cells[k + 1].text.strip(), "unit": unit}
    values["actual"] = actual
    return make(values, dict(levels), rest[0], state)


_AMBIGUOUS = "指标表这一行在比较符号之前的文字多于“指标名称 + 指标说明”两栏，分不出哪段是名称，未读取（不猜测）："
_DESCRIPTION = "「{}」是指标「{}」的说明（原表中没有栏目名称的一栏），未作为指标名称的一部分"
_UNPLACED = "指标「{}」其后各栏「{}」（完成情况、得分、权重等）在两行表头下分不出对应栏目，未读取；请对照原表核对"
