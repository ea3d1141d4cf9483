"""The indicator rows of a 自评表 copied from a web page with its cells separated by spaces, a row per line, whose
header wrapped its column names over two lines (``一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施`` /
``指标值 完成值``: 年度 + 指标值, 实际 + 完成值).

The copy lost its empty cells, so a row is split by what each cell is, never by position alone: the category words
at its start (at most a 一级 and a 二级, merged down the rows; a category word followed by a value is the row's name),
the name (``指标1:`` numbering kept for ``row_of`` to strip), then exactly as many cells as the header has value
columns (指标值, 完成值 …), the 分值/得分 as bare numbers, and a 偏差原因 text where the header has one. A row whose
分值/得分 wrapped onto a line of their own (``7 7`` under a long row) takes them from that line, noted. A row whose
cells fit no such split is not read (its cells quoted in a note, never guessed); a fragment the page ends with is
noted, never made a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.domain import framework
from assistant.domain.cycle import SelfEvalRow
from assistant.domain.model import NoteLevel
from assistant.ingest.selfeval_cells import INDICATOR_HEADER, TEXTS, State, cell_key, column_key
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term

Make = Callable[[dict[str, str], dict[str, str], WebCell, State], SelfEvalRow]

_SCORE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")  # a 分值/得分: a bare number, no % or unit
_VALUE_START = re.compile(r"^[≥≤<>=＞＜≧≦]|^\d")  # a cell that is a value (a figure, an operator), never a name
_SCORES = ("weight", "score")
_END = frozenset({"合计", "总分", "其他需要说明事项", "其他需说明事项"})
_SECTION_NUMBER = re.compile(r"^[一二三四五六七八九十]{1,2}[、.．]")


def spaced_rows(state: State, columns: list[str], make: Make) -> list[SelfEvalRow] | None:
    """The rows from ``state.i`` (just after the header's run of known column names ``columns``), ``state.i`` moved
    past them; None (nothing consumed, no note added) where the rows are not a line each, or — under a header that did
    not wrap, which the cell-by-cell reading also reads — where a line fits no split or no row is read."""
    start, noted = state.i, len(state.notes)
    header = _header(state, columns)
    if header is None:
        state.i = start
        return None
    rest, lines_from, wrapped = header
    values = [c for c in rest if c not in (*_SCORES, "deviation", "name")]
    scores = [c for c in rest if c in _SCORES]
    if rest[:1] != ["name"] or not values or not scores:
        state.i = start
        return None
    lines = _lines(state.tokens, lines_from)
    reader = _Reader(state, make, values, scores, "deviation" in rest)
    end, k = lines_from, 0
    while k < len(lines):
        cells = lines[k][1]
        key = cell_key(cells[0].text)
        if key in TEXTS or key in _END or _SECTION_NUMBER.match(cells[0].text.strip()):
            break
        nxt = lines[k + 1][1] if k + 1 < len(lines) else None
        k += reader.line(cells, nxt, last=k + 1 == len(lines))
        end = lines[k - 1][0] + len(lines[k - 1][1]) + 1
    if not wrapped and (reader.unsplit or not reader.rows):
        state.i = start
        del state.notes[noted:]
        return None
    state.i = end
    return reader.rows


def _header(state: State, columns: list[str]) -> tuple[list[str], int, bool] | None:
    """The header's columns after 二级, the index where its rows start and whether it wrapped: the rest of the header
    line, where a word that names no column (年度, 实际) is completed by the next line's cell in the same order (指标值,
    完成值). None where the next line does not complete every such word."""
    tokens = state.tokens
    k = state.i
    found: list[str | None] = list(columns)
    heads: list[str] = []
    while k < len(tokens) and (token := tokens[k]) is not None:
        if token.text.strip():
            name = column_key(token.text, INDICATOR_HEADER)
            found.append(INDICATOR_HEADER[name] if name is not None else None)
            heads.extend([] if name is not None else [cell_key(token.text)])
        k += 1
    if k >= len(tokens):
        return None
    if not heads:
        return [c for c in columns if c not in {"level1", "level2"}], k + 1, False
    tails: list[str] = []
    k += 1
    while k < len(tokens) and (token := tokens[k]) is not None:
        tails.extend([cell_key(token.text)] if token.text.strip() else [])
        k += 1
    if len(tails) != len(heads):
        return None
    joined = [column_key(head + tail, INDICATOR_HEADER) for head, tail in zip(heads, tails, strict=True)]
    if any(name is None for name in joined):
        return None
    names = iter(INDICATOR_HEADER[name] for name in joined if name is not None)
    full = [column if column is not None else next(names) for column in found]
    return [c for c in full if c not in {"level1", "level2"}], k + 1, True


def _lines(tokens: list[WebCell | None], start: int) -> list[tuple[int, list[WebCell]]]:
    """(index of its first token, its filled cells) of each line from ``start``; a line's tokens are its cells."""
    out: list[tuple[int, list[WebCell]]] = []
    cells: list[WebCell] = []
    begin, count = start, 0
    for k in range(start, len(tokens)):
        token = tokens[k]
        if token is None:
            if cells and count == len(cells):
                out.append((begin, cells))
            elif cells:
                break  # a line with empty cells: not this shape of copy
            begin, cells, count = k + 1, [], 0
            continue
        count += 1
        cells.extend([token] if token.text.strip() else [])
    if cells and count == len(cells):
        out.append((begin, cells))
    return out


class _Reader:
    """Reads the rows line by line, the categories merged down the rows."""

    def __init__(self, state: State, make: Make, values: list[str], scores: list[str], deviation: bool) -> None:
        self.state, self.make, self.values, self.scores, self.deviation = state, make, values, scores, deviation
        self.levels: dict[str, str] = {}
        self.rows: list[SelfEvalRow] = []
        self.unsplit = 0  # lines that fit no split

    def line(self, cells: list[WebCell], nxt: list[WebCell] | None, *, last: bool) -> int:
        """Reads the row on ``cells`` (and its score line ``nxt`` where its scores wrapped); the lines used."""
        rest = self._categories(cells)
        if last and len(rest) < 1 + len(self.values):  # the page ends inside the table: a fragment, not a row
            self.state.note("selfeval.row_cut", _CUT.format(" ".join(c.text for c in cells)[:80]), cells[0])
            return 1
        if not rest:
            return 1
        split = self._split(rest)
        if split is None and len(rest) == 1 + len(self.values) and nxt and self._scores_only(nxt):
            split = self._split([*rest, *nxt])
            if split is not None:
                self.state.note("selfeval.scores_wrapped", _WRAPPED.format(rest[0].text), nxt[0], NoteLevel.INFO)
                self.rows.append(self.make(split, dict(self.levels), rest[0], self.state))
                return 2
        if split is None:
            return self._unsplit(rest)
        self.rows.append(self.make(split, dict(self.levels), rest[0], self.state))
        return 1

    def _categories(self, cells: list[WebCell]) -> list[WebCell]:
        """The cells after the row's category words (at most two), ``levels`` updated; a category word followed by a
        value is the row's name, not a category."""
        taken = 0
        while taken < 2 and len(cells) - taken > 1 and (term := level_term(cells[taken].text)):
            if _VALUE_START.match(cells[taken + 1].text.strip()):
                break
            is_one = framework.is_level1_term(term) and ("level1" not in self.levels or "level2" in self.levels)
            if is_one and framework.is_level2_term(term) and "level2" in self.levels:
                is_one = False  # 成本指标 after 时效指标: a 二级 of the same 一级
            if is_one:
                self.levels = {"level1": term}
            else:
                self.levels["level2"] = term
            taken += 1
        if taken == len(cells) == 1 and level_term(cells[0].text):
            return []
        return cells[taken:]

    def _split(self, rest: list[WebCell]) -> dict[str, str] | None:
        """name + one cell per value column + the scores (+ a 偏差原因 text): the only split the cells' kinds allow."""
        texts = [c.text.strip() for c in rest]
        width = 1 + len(self.values) + len(self.scores)
        if len(texts) == width + 1 and self.deviation and not _SCORE.match(texts[-1]):
            texts, deviation = texts[:-1], texts[-1]
        else:
            deviation = ""
        if len(texts) != width or _VALUE_START.match(texts[0]):
            return None
        scores = texts[1 + len(self.values) :]
        if not all(_SCORE.match(s) for s in scores):
            return None
        split = {"name": texts[0], **dict(zip(self.values, texts[1 : 1 + len(self.values)], strict=True))}
        split.update(dict(zip(self.scores, scores, strict=True)))
        if deviation:
            split["deviation"] = deviation
        return split

    def _scores_only(self, cells: list[WebCell]) -> bool:
        return len(cells) == len(self.scores) and all(_SCORE.match(c.text.strip()) for c in cells)

    def _unsplit(self, rest: list[WebCell]) -> int:
        self.unsplit += 1
        self.state.note("selfeval.row_unsplit", _UNSPLIT + " ".join(c.text for c in rest)[:80], rest[0])
        return 1


_WRAPPED = "指标「{}」的分值、得分在下一行（单元格中的长文字把这一行分成两行），已接在该行读取；请核对"
_UNSPLIT = (
    "网页复制时空白单元格丢失，这一行的单元格数与表头各栏对不上，分不出指标名称、指标值、完成值、分值和得分，"
    "未读取（不猜测各栏的分界）；请对照原表补录："
)
_CUT = "页面在指标表中间结束（复制不完整），最后只有「{}」，不是完整的指标行，未读取；请对照原表补录其后的指标行"
