"""The indicator table of a 自评表 a document site flattened from a Word file (a ``.doc`` turned into one line of text:
``三级指标 年初目标值 (A) 实际完成值 (B) 得分 服务外包在岸(万美元) 20000 23333.56 10 支持服务贸易、服务外 包企业数量 3 3 10
企业国际质量提升 获得目的国 (地区)受 众欢迎 受目的国受 众欢迎显著 10 …``).

Every line a cell wrapped onto became a piece of its own, separated by a space, so a cell is a run of pieces. Figures
do not wrap, so where a row's values are figures the row is read between them: the name is the text before its
figures. Where a row's values are words, its cells are told apart by their lines' widths: a wrapped line fills its
column (within one character: a PDF or Word line breaks before a word that does not fit), so a cell ends at its first
line that does not fill the column, and a line that fills it is followed by the rest of its cell. The name column's
width is what the page shows it to be (the wrapped names of its figure rows); the value columns' width is the
widest line among them. A run is read only where exactly one cutting into cells keeps to this; a row whose 完成值 and
得分 the conversion moved away (no score after it, the next category next) is read with its name and 指标值 only,
noted. Everything else after the header is quoted in a note, never made a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from assistant.domain.cycle import SelfEvalRow
from assistant.domain.model import NoteLevel
from assistant.ingest.selfeval_cells import FUND_HEADER, INDICATOR_HEADER, TEXTS, State, cell_key, column_key
from assistant.ingest.selfeval_indicators import row_of
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term

_MARK = re.compile(r"^[（(][A-Z/]{1,3}[)）]$")  # (A), (B): a column's letter in a cell of its own
_FIGURE = re.compile(r"^[≥≤<>=＞＜≧≦]{0,2}\d[\d.,]*[%％]?(?:以上|以下|以内)?$")
_PAGE = re.compile(r"^[—\-－]\s*\d{1,3}\s*[—\-－]$")  # —1—: a page number
_SCORES = frozenset({"weight", "score"})
_LEVEL1 = frozenset({"产出指标", "效益指标", "满意度指标"})
_MAX_RUN = 24  # pieces in one run of words cut into cells (the cuttings tried grow with its square)
_STOP = frozenset({*INDICATOR_HEADER, *FUND_HEADER, *TEXTS, "总分", "合计"})


@dataclass(frozen=True)
class Piece:
    cell: WebCell

    @property
    def text(self) -> str:
        return self.cell.text.strip()

    @property
    def width(self) -> float:
        """The line's width in full-width characters (Latin letters, digits and ASCII brackets count half)."""
        return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in self.text)


@dataclass
class _Read:
    rows: list[tuple[dict[str, str], dict[str, str], WebCell]]
    partial: list[str]  # names read with their 指标值 only
    unread: list[str]


def wrapped_rows(state: State) -> list[SelfEvalRow]:
    """The rows of a flattened Word table after a header ``三级指标 | <value columns> | <score columns>`` (see the
    module's docstring), noted; [] where there is no such header or no row is read."""
    pieces = [Piece(t) for t in state.tokens if t is not None and t.text.strip()]
    found = _header(pieces)
    if found is None:
        return []
    values, scores, start = found
    read = _read(pieces[start:], values, scores)
    if read is None or not read.rows:
        return []
    anchor = read.rows[0][2]
    state.notes = [n for n in state.notes if n.code not in {"selfeval.row_unsplit", "selfeval.level1_restored"}]
    state.note(
        "selfeval.wrapped_cells",
        f"指标表由 Word 文档转成了连续文字（单元格内的折行成了空格）：有数字的行按数字分栏，文字的行按各栏每行的宽度"
        f"（折行的一行占满栏宽，格内最后一行不满）分栏，读出 {len(read.rows)} 行；请对照原表核对",
        anchor,
        NoteLevel.INFO,
    )
    if read.partial:
        state.note(
            "selfeval.wrapped_partial",
            f"{'、'.join(f'「{n}」' for n in read.partial)} 的实际完成值和得分不在其旁边（转换时移到了表格后面），"
            "只读取了名称和指标值，未读取完成值和得分（不猜测）；请对照原表补录",
            anchor,
        )
    if read.unread:
        state.note(
            "selfeval.wrapped_unread",
            f"指标表中以下文字分不出属于哪一行、哪一栏，未读取（不猜测）：{' '.join(read.unread)[:120]}；请对照原表补录",
            anchor,
        )
    return [row_of(v, level, cell, state) for v, level, cell in read.rows]


def _header(pieces: list[Piece]) -> tuple[list[str], int, int] | None:
    """(value columns, number of score columns, index after the header) for a run ``三级指标`` followed by value
    columns then 分值/得分 columns only; None where the page has none."""
    for k, piece in enumerate(pieces):
        if cell_key(piece.text) != "三级指标":
            continue
        columns: list[str] = []
        j = k + 1
        while j < len(pieces) and (
            _MARK.match(pieces[j].text) or column_key(pieces[j].text, INDICATOR_HEADER) is not None
        ):
            if not _MARK.match(pieces[j].text):
                columns.append(INDICATOR_HEADER[column_key(pieces[j].text, INDICATOR_HEADER) or ""])
            j += 1
        values = [c for c in columns if c not in _SCORES]
        scores = len(columns) - len(values)
        if values and scores and columns[: len(values)] == values and set(values) <= {"target", "actual"}:
            return values, scores, j
    return None


def _read(pieces: list[Piece], values: list[str], scores: int) -> _Read | None:
    runs = _runs(pieces)
    width = _name_width(runs, len(values) + scores)
    if width is None:
        return None
    read = _Read([], [], [])
    levels: dict[str, str] = {}
    for kind, run, figures in runs:
        if kind == "level":
            levels = {"level1" if run[0].text in _LEVEL1 else "level2": run[0].text}
            continue
        if kind == "stop":
            read.unread += [p.text for p in run]
            continue
        if len(figures) == len(values) + scores:
            cells = {"name": _joined(run)} | {c: f.text for c, f in zip(values, figures, strict=False)}
        elif len(figures) == scores and (split := _split(run, width, len(values) + 1, edge=True)) is not None:
            cells = {"name": split[0]} | dict(zip(values, split[1:], strict=True))
        elif not figures and (split := _split(run, width, 2, edge=True)) is not None:
            cells = {"name": split[0], "target": split[1]}
            read.partial.append(split[0])
        else:
            read.unread += [p.text for p in (*run, *figures)]
            continue
        if figures:
            tail = [f.text for f in figures[len(figures) - scores :]]
            cells |= dict(zip(["weight", "score"][-scores:], tail, strict=True))
        read.rows.append((cells, dict(levels), run[0].cell))
    return read


def _runs(pieces: list[Piece]) -> list[tuple[str, list[Piece], list[Piece]]]:
    """The pieces after the header as (kind, text run, the figures after it): ``row`` runs, ``level`` (a category,
    its wrapped pieces joined) and ``stop`` (everything from the first label of another block on)."""
    out: list[tuple[str, list[Piece], list[Piece]]] = []
    k = 0
    run: list[Piece] = []
    while k < len(pieces):
        category = _category(pieces, k)
        if category is not None or _stops(pieces[k]):
            if run:
                out.append(("row", run, []))
                run = []
            if category is None:
                end = next((j for j in range(k, len(pieces)) if _PAGE.match(pieces[j].text)), len(pieces))
                out.append(("stop", pieces[k:end], []))  # quoted up to the page's end (its notes are no table)
                return out
            joined, k = category
            out.append(("level", [joined], []))
            continue
        if _FIGURE.match(pieces[k].text) and run:
            figures = []
            while k < len(pieces) and _FIGURE.match(pieces[k].text):
                figures.append(pieces[k])
                k += 1
            out.append(("row", run, figures))
            run = []
            continue
        if _FIGURE.match(pieces[k].text):  # a figure with no name before it
            out.append(("stop", pieces[k:], []))
            return out
        run.append(pieces[k])
        k += 1
    if run:
        out.append(("row", run, []))
    return out


def _category(pieces: list[Piece], k: int) -> tuple[Piece, int] | None:
    """A framework category at ``pieces[k]``, written whole or wrapped over up to three pieces (``社会效益`` ``指标``,
    ``可持续影`` ``响指标``): (the category as one piece, the index after it)."""
    for n in (3, 2, 1):
        text = "".join(p.text for p in pieces[k : k + n])
        if len(pieces[k : k + n]) == n and text.endswith("指标") and level_term(text) is not None:
            return Piece(WebCell(text, pieces[k].cell.line)), k + n
    return None


def _stops(piece: Piece) -> bool:
    key = cell_key(piece.text)
    return key in _STOP or bool(_PAGE.match(piece.text))


def _name_width(runs: list[tuple[str, list[Piece], list[Piece]]], columns: int) -> float | None:
    """The name column's width as the page shows it: the widest non-last line of a name wrapped in a row whose values
    are figures; None where no name wrapped (text rows are then not cut)."""
    widths = [p.width for kind, run, figures in runs if kind == "row" and len(figures) == columns for p in run[:-1]]
    return max(widths) if widths else None


def _joined(run: list[Piece]) -> str:
    return "".join(p.text for p in run)


def _split(run: list[Piece], name_width: float, cells: int, *, edge: bool) -> list[str] | None:
    """``run`` cut into ``cells`` cells (the name, then values), where exactly one cutting keeps every cell's wrapped
    lines full and its last line not (unless the cell ends at ``edge``: a figure or a category after the run); None
    where no cutting or several do."""
    found: list[list[str]] = []
    if len(run) > _MAX_RUN:
        return None  # a cell of a form wraps onto a few lines: a longer run is no row
    for cuts in combinations(range(1, len(run)), cells - 1):
        parts = [run[a:b] for a, b in zip((0, *cuts), (*cuts, len(run)), strict=True)]
        value_width = max(p.width for part in parts[1:] for p in part)
        widths = [name_width, *[value_width] * (cells - 1)]
        last = len(parts) - 1
        if all(
            _fits(part, w, at_edge=edge and i == last) for i, (part, w) in enumerate(zip(parts, widths, strict=True))
        ):
            found.append([_joined(part) for part in parts])
    return found[0] if len(found) == 1 else None


def _fits(part: list[Piece], width: float, *, at_edge: bool) -> bool:
    full = [p.width >= width - 1 for p in part]
    if any(p.width > width + 0.5 for p in part) or _FIGURE.match(part[0].text):
        return False
    return all(full[:-1]) and (at_edge or not full[-1])
