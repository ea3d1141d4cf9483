"""A 自评表's fund row whose figures ran together (``年度资金总额:21182118100%``: 2118 | 2118 | 100%), split only where
its own 执行率 proves the split: every way of cutting the digits into the row's columns is tried, and a cut counts
only when its 全年执行数 / 全年预算数 gives the written rate (to the rate's last written digit; a 0% rate only with
nothing executed or scored), no 分值 is above 100 and no 得分 above its 分值, and no amount is above what one
project can hold (1000亿元: ``211821181 | 0 | 0%`` fits the rate too, in 万元). A column is read only where every such cut gives it the same figure; a row with no such cut is not
read."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.selfeval_cells import FUND_COLUMN_NAMES

_AMOUNT = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_RATE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?%")
_MAX_GLUED = 32  # a fund row's figures: a longer run is left unread (bounded work)
_MAX_PIECE = 15  # one figure: 12 digits (1000亿元) and its decimals
_MAX_BARE = 18  # figures with a rate written without % (many more cuts): a longer run is left unread (bounded work)
_MAX_BARE_RATE = 6  # a rate without its %: 100.00 at most
_MONEY = ("initial_budget", "full_year_budget", "executed")
_MOST_YUAN = Decimal(10) ** 11  # 1000亿元: no one project's budget is larger


def split_glued(text: str, columns: list[str], *, wan: bool) -> dict[str, Decimal]:
    """The figures of ``text`` (digits of the row's cells run together) for ``columns`` (the fund header's column
    names in order: initial_budget, full_year_budget, executed, weight, rate, score), each only where every cut the
    rate proves agrees on it; {} when the row has no rate column, no written rate, or no cut fits. ``wan``: the
    block's amounts are in 万元."""
    text = text.replace(",", "")
    if "rate" not in columns or len(text) > _MAX_GLUED:
        return {}
    if "full_year_budget" not in columns or "executed" not in columns:
        return {}
    most = _MOST_YUAN / 10000 if wan else _MOST_YUAN
    bare = "%" not in text  # an OCR copy's rate without its % (1 for 100%, or 98.5)
    if bare and len(text) > _MAX_BARE:
        return {}
    fits = _fits_bare if bare else _fits
    cuts = [cut for cut in _cuts(text, columns, bare=bare) if fits(cut) and all(cut.get(c, 0) <= most for c in _MONEY)]
    if not cuts:
        return {}
    agreed: dict[str, Decimal] = {}
    for column in columns:
        values = {cut.get(column) for cut in cuts}
        if len(values) == 1 and (value := values.pop()) is not None and column in _WORDS:
            agreed[column] = value
    if not {"full_year_budget", "executed"} <= agreed.keys():
        return {}
    if bare and (rate := agreed.get("rate")) is not None and abs(rate * 100 - _percent(agreed)) <= _EXACT:
        agreed["rate"] = rate * 100  # written as a ratio (1 for 100%): kept as the percentage the model holds
    return agreed


_EXACT = Decimal("0.5")


def _percent(agreed: dict[str, Decimal]) -> Decimal:
    return agreed["executed"] / agreed["full_year_budget"] * 100


_WORDS = FUND_COLUMN_NAMES


_FIGURE_RUN = re.compile(r"^([\d.,%]+)(.*)$", re.S)


def figure_run(text: str) -> tuple[str, str]:
    """(the figures a run-together cell starts with, the text after them): an OCR copy's fund row runs on into the
    next block's scrambled label (``1.561.56120度效标O0B…``); the text after the figures is no figure of the row."""
    found = _FIGURE_RUN.match(text.strip())
    return (found[1], found[2].strip()) if found else (text, "")


def glued_note(
    row: str, glued: str, line: int | None, proven: dict[str, Decimal], rest: str = "", columns: tuple[str, ...] = ()
) -> ParseNote:
    """The info note of a fund row ``row`` whose figures ``glued`` were split as ``proven`` (``rest``: the text the
    run went on into, not read; ``columns``: the row's columns, those not proven named as unread)."""
    read = "、".join(f"{_WORDS[c]} {v}{'%' if c == 'rate' else ''}" for c, v in proven.items() if c in _WORDS)
    after = f"；其后连着的文字「{rest[:30]}」不是该行的数字，未读取" if rest else ""
    if unsplit := [_WORDS[c] for c in columns if c in _WORDS and c not in proven]:
        after += f"；{'、'.join(unsplit)}有不止一种分法，未读取（不猜测）"
    return ParseNote(
        level=NoteLevel.INFO,
        code="selfeval.fund_glued_split",
        message=f"「{row}」的各栏数字连在了一起（{glued}），按执行率核对只有一种分法：{read}{after}；请核对",
        line=line,
        fragment=glued,
    )


def _cuts(text: str, columns: list[str], *, bare: bool = False) -> list[dict[str, Decimal]]:
    """Every way of reading ``text`` as ``columns`` in order, each piece a well-formed figure (no leading zero; the
    rate ends with %); trailing columns may be blank."""
    if not text:
        return [{}]
    if not columns:
        return []
    column, rest = columns[0], columns[1:]
    pattern = _RATE if column == "rate" and not bare else _AMOUNT
    out: list[dict[str, Decimal]] = []
    longest = _MAX_BARE_RATE if bare and column == "rate" else _MAX_PIECE
    for end in range(1, min(len(text), longest) + 1):
        piece = text[:end]
        if column != "rate" and piece.endswith("%"):
            break  # an amount never holds the rate's %, nor does any longer piece
        if not pattern.fullmatch(piece):
            continue
        for tail in _cuts(text[end:], rest, bare=bare):
            out.append({column: Decimal(piece.removesuffix("%")), **tail})
    return out


def _fits_bare(cut: dict[str, Decimal]) -> bool:
    """A rate written without its %: the cut counts only where 执行数 / 全年预算数 is that figure exactly (to two
    places), read as a ratio (1 for 100%) or as a percentage (98.5), and the 得分 is no more than its 分值."""
    budget, executed, rate = cut.get("full_year_budget"), cut.get("executed"), cut.get("rate")
    if budget is None or executed is None or rate is None or budget == 0 or executed == 0 or rate == 0:
        return False  # a bare 0 proves no cut: a small execution rounds to it however the digits are cut
    ratio = executed / budget
    if abs(ratio - rate) > Decimal("0.005") and abs(ratio * 100 - rate) > Decimal("0.005"):
        return False
    weight, score = cut.get("weight"), cut.get("score")
    return (weight is None or weight <= 100) and (weight is None or score is None or score <= weight)


def _fits(cut: dict[str, Decimal]) -> bool:
    """The cut's 执行数 / 全年预算数 rounds to its written rate, and its 得分 is no more than its 分值."""
    budget, executed, rate = cut.get("full_year_budget"), cut.get("executed"), cut.get("rate")
    if budget is None or executed is None or rate is None or budget == 0:
        return False
    exponent = rate.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    if abs(executed / budget * 100 - rate) > step / 2:
        return False
    weight, score = cut.get("weight"), cut.get("score")
    if rate == 0 and (executed != 0 or (score is not None and score != 0)):
        return False  # a 0% rate is nothing executed and nothing scored (810 of 2,118,211 would be written 0.04%)
    return (weight is None or weight <= 100) and (weight is None or score is None or score <= weight)
