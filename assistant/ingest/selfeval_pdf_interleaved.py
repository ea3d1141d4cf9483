"""A 自评表's indicator rows in a PDF's text whose two-line cells the text layer interleaved (广水 2021).

A PDF's text comes line by line across the page. Where a row's cells wrap onto a second line, the copy gives the
first line of every cell of the row, then the second line of every cell, with a cell centred in the row (the
二级 ``数量指标 15 分``) and the 评价标准's lines in between::

    乡村道路建设 300 公 300 公 15 1、提供三级指标完成程度的佐证资料; 养护里程 里 里 数量指 2、三级指标分值按… 标 15 分

The values prove the order: each value's first line (a figure and a unit's first characters, ``300 公``, which are
no unit on their own) is completed by a second-line piece into a unit (``公`` + ``里`` = 公里), and those pieces
stand together, as many as the values, right after the name's second line. So the row is: the name's first line
(the piece before the first value), the values, one or two score figures, the other columns' first lines, the
name's second line (the piece right before the completing pieces), the completing pieces. A row is read only where
exactly one place after its figures completes every value; the 二级 is the category whose first characters follow
(``数量指``, completed by a later ``标``), its 一级 the written category the framework places it under. Each reading
is noted; what follows the last row read and is not read is quoted in a note, never made a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.cycle.units import unit_of
from assistant.domain import framework
from assistant.domain.cycle import SelfEvalRow
from assistant.domain.model import NoteLevel
from assistant.ingest.selfeval_cells import State, cell_key
from assistant.ingest.selfeval_indicators import row_of
from assistant.ingest.selfeval_pdf_runs import written_level1
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term

_FIGURE = re.compile(r"^[≥≤<>=＞＜]{0,2}\d[\d,]*(?:\.\d+)?$")
_SCORE = re.compile(r"^\d{1,3}(?:\.\d+)?$")
_NAME_PART = re.compile(r"^[\u4e00-\u9fff（）()、]{2,20}$")
_UNIT_PART = re.compile(r"^[\u4e00-\u9fff]{1,2}$")
_TABLE_START = frozenset({"一级指标", "一级"})
_WINDOW = 8  # pieces between a row's figures and its name's second line (the other columns' first lines)


@dataclass(frozen=True)
class _Row:
    start: int  # index of the name's first line
    end: int  # index after the completing pieces
    name: str
    values: list[str]
    scores: list[str]
    tail: int  # index of the name's second line


def interleaved_rows(state: State) -> list[SelfEvalRow]:
    """The rows read as the module's docstring says, noted; [] where none is."""
    pieces = [t for t in state.tokens if t is not None and t.text.strip()]
    start = next((k for k, c in enumerate(pieces) if cell_key(c.text) in _TABLE_START), None)
    if start is None:
        return []
    header = {cell_key(c.text) for c in pieces[start : start + 24]}
    found: list[_Row] = []
    k = start + 1
    while k < len(pieces):
        row = _row_at(pieces, k)
        if row is None:
            k += 1
            continue
        found.append(row)
        k = row.end
    if not found:
        return []
    terms = [c.text.strip() for c in pieces[start:] if level_term(c.text)]
    rows = []
    for row in found:
        level2 = _level2(pieces, row.end)
        levels = {"level2": level2, "level1": written_level1(level2, terms)} if level2 else {}
        values = {"name": row.name, "target": row.values[0], "actual": row.values[1] if len(row.values) > 1 else ""}
        values |= _scores(row.scores, header)
        rows.append(row_of(values, levels, pieces[row.start], state))
    _notes(state, pieces, found)
    return rows


def _row_at(pieces: list[WebCell], k: int) -> _Row | None:
    """The row whose name's first line is ``pieces[k]``, or None where the pieces after it are not one."""
    text = [c.text.strip() for c in pieces]
    if not _name_part(text[k]):
        return None
    heads: list[tuple[str, str]] = []
    at = k + 1
    while len(heads) < 3 and at + 1 < len(text) and _FIGURE.match(text[at]) and _unit_head(text[at + 1]):
        heads.append((text[at], text[at + 1]))
        at += 2
    if not 1 <= len(heads) <= 2:
        return None
    scores: list[str] = []
    while at < len(text) and _SCORE.match(text[at]) and len(scores) < 2:
        scores.append(text[at])
        at += 1
    fits = [j for j in range(at, min(at + _WINDOW, len(text) - len(heads))) if _completes(text, j, heads)]
    if len(fits) != 1:
        return None  # no place, or two, where the values' second lines stand: the order proves nothing
    j = fits[0]
    values = [f"{figure}{head}{text[j + 1 + n]}" for n, (figure, head) in enumerate(heads)]
    return _Row(k, j + 1 + len(heads), text[k] + text[j], values, scores, j)


def _completes(text: list[str], j: int, heads: list[tuple[str, str]]) -> bool:
    """``text[j]`` is a name's second line and the pieces after it complete every value's unit, in order."""
    if not _name_part(text[j]):
        return False
    return all(
        _UNIT_PART.match(text[j + 1 + n]) and unit_of(head + text[j + 1 + n]).kind is not None
        for n, (_, head) in enumerate(heads)
    )


def _name_part(text: str) -> bool:
    return bool(_NAME_PART.match(text)) and not level_term(text) and not _prefix_term(text)


def _unit_head(text: str) -> bool:
    """A unit's first characters, no unit on its own (``公`` of 公里, ``平方`` of 平方米)."""
    return bool(_UNIT_PART.match(text)) and unit_of(text).kind is None


@lru_cache(maxsize=4096)
def _prefix_term(text: str) -> str | None:
    """The one category term that ``text`` (two characters or more) begins and does not complete (``数量指``)."""
    terms = {t for t in framework.level_terms() if t.startswith(text) and t != text} if len(text) >= 2 else set()
    return terms.pop() if len(terms) == 1 else None


def _level2(pieces: list[WebCell], at: int) -> str:
    """The 二级 right after a row's last piece: a category term, or its first characters completed by a piece within
    the next few (``数量指`` … ``标``); "" where neither."""
    if at >= len(pieces):
        return ""
    text = pieces[at].text.strip()
    if framework.is_level2_term(text):
        return text
    term = _prefix_term(text)
    if term is None or not framework.is_level2_term(term):
        return ""
    rest = term[len(text) :]
    return term if any(c.text.strip() == rest for c in pieces[at + 1 : at + 1 + _WINDOW]) else ""


def _scores(scores: list[str], header: set[str]) -> dict[str, str]:
    """The row's score figures by the header's words: 自评(分) [复核(分)] → score; 分值 得分 → weight, score."""
    if scores and ("自评" in header or "自评分" in header):
        return {"score": scores[0]}
    if len(scores) == 2 and {"分值", "得分"} <= header:
        return {"weight": scores[0], "score": scores[1]}
    if len(scores) == 1 and "得分" in header and "分值" not in header:
        return {"score": scores[0]}
    return {}


def _notes(state: State, pieces: list[WebCell], found: list[_Row]) -> None:
    heads = [pieces[r.start].text.strip() for r in found]
    state.notes = [
        n for n in state.notes if not (n.code == "selfeval.row_unsplit" and any(h in n.message for h in heads))
    ]
    read = "；".join(f"{r.name}（{pieces[r.start].text.strip()}+{pieces[r.tail].text.strip()}）：{'、'.join(r.values)}"
                    for r in found)  # fmt: skip
    state.note(
        "selfeval.interleaved_rows",
        f"指标表来自 PDF，单元格折成两行后文字按行交错（先是各格的第一行，再是第二行）；数值的单位被折开，"
        f"由其后的第二行补全，据此读出 {len(found)} 行：{read}；请对照原表核对",
        pieces[found[0].start],
        NoteLevel.WARNING,
    )
    rest = [c.text.strip() for c in pieces[found[-1].end :] if _name_part(c.text.strip())]
    if rest:
        state.note(
            "selfeval.interleaved_rest",
            f"其后的文字分不出指标行（没有可补全的数值），未读取：{' '.join(rest)[:80]}；请对照原表补录",
            pieces[found[-1].end] if found[-1].end < len(pieces) else None,
        )
