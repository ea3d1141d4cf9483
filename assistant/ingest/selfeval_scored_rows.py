"""One 自评表 indicator row whose cells ran together with two-decimal scores or a 全年实际值 other than its 指标值
(原州: ``38.75万元1038.7536.29.342021年底初步预算资金…``: 三级 ``38.75万元`` | 分值 10 | 指标值 38.75 | 全年实际值 36.2 |
得分 9.34 | 未完成原因 ``2021年底…``), read only where its figures prove their own edges.

The figures are the first run of digits after the name (a name never ends in a digit) that cuts into 分值 | 指标值 |
全年实际值 | 得分, each written as a figure is (no leading zero, at most two decimals), with 0 < 分值 ≤ 100 and 得分 ≤ 分值,
and either the 全年实际值 repeating the 指标值 or the 得分 being the 分值 times the share completed (实际值 / 指标值) to
its written digits. A run followed by ``年`` may end in the year that opens the reason after it (``…9.342021年底``).
Every run and every cut is tried, the run as written and without such a year; the row is read only when exactly one
reading remains, else it is left to the note that says it could not be split.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.model import NoteLevel, ParseNote

COLUMNS = ("name", "weight", "target", "actual", "score")
_RUN = re.compile(r"(?<![\d.])\d[\d.]*")
_FIGURE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")
_YEAR_END = re.compile(r"(?:19|20)\d{2}$")
_MAX_TEXT = 600  # one row's cell: a longer one is left to the note (bounded work)
_MAX_RUN = 24  # four figures of a row: a longer run is no row's figures (bounded work)
_MOST_POINTS = Decimal(100)


def scored_row(text: str, line: int | None, columns: list[str]) -> tuple[dict[str, str], ParseNote] | None:
    """The row ``text`` holds as {column: text} and the note saying how it was split, when ``columns`` are 三级 | 分值 |
    指标值 | 全年实际值 | 得分 and exactly one reading proves itself; None otherwise."""
    if tuple(columns) != COLUMNS or len(text) > _MAX_TEXT:
        return None
    readings = [reading for match in _RUN.finditer(text) if match.start() > 0 for reading in _readings(text, match)]
    if len(readings) != 1:
        return None
    row = readings[0]
    note = ParseNote(
        level=NoteLevel.INFO,
        code="selfeval.row_scored",
        message=f"网页复制时单元格连在了一起：「{row['name'][:40]}」后的数字只有一种分法能使得分与分值、指标值和全年实际值"
        f"相符，读作分值 {row['weight']}、指标值 {row['target']}、全年实际值 {row['actual']}、得分 {row['score']}"
        + ("，其后的文字读作未完成原因" if row.get("deviation") else "")
        + "；请核对",
        line=line,
        fragment=text,
    )
    return row, note


def _readings(text: str, match: re.Match[str]) -> list[dict[str, str]]:
    run = match.group()
    runs = [run]
    if text.startswith("年", match.end()) and _YEAR_END.search(run):
        runs.append(run[:-4])  # ``9.342021年底…``: the run may end in the reason's year
    out = []
    for figures in runs:
        if not figures or len(figures) > _MAX_RUN:
            continue
        rest = text[match.start() + len(figures) :].strip(" ,，;；")
        for weight, target, actual, score in _cuts(figures):
            if _proves(weight, target, actual, score):
                row = {"name": text[: match.start()], "weight": weight, "target": target, "actual": actual}
                out.append({**row, "score": score, **({"deviation": rest} if rest else {})})
    return out


def _cuts(run: str) -> list[tuple[str, str, str, str]]:
    """Every way of cutting ``run`` into four figures as a form writes them."""
    n = len(run)
    return [
        (run[:i], run[i:j], run[j:k], run[k:])
        for i in range(1, n - 2)
        if _FIGURE.fullmatch(run[:i])
        for j in range(i + 1, n - 1)
        if _FIGURE.fullmatch(run[i:j])
        for k in range(j + 1, n)
        if _FIGURE.fullmatch(run[j:k]) and _FIGURE.fullmatch(run[k:])
    ]


def _proves(weight: str, target: str, actual: str, score: str) -> bool:
    points, got, goal, done = Decimal(weight), Decimal(score), Decimal(target), Decimal(actual)
    if not 0 < points <= _MOST_POINTS or got > points:
        return False
    if target == actual:
        return True
    if goal <= 0:
        return False
    share = done / goal  # more than planned gives more than the 分值: no reading (a capped score proves no edge)
    places = len(score.partition(".")[2])
    return abs(points * share - got) < Decimal("0.5") * Decimal(10) ** -places


def scored_rows(text: str, line: int | None, columns: list[str]) -> tuple[list[dict[str, str]], list[ParseNote]] | None:
    """`scored_row` in the shape `selfeval_repeat.proven_rows` gives (rows, notes)."""
    found = scored_row(text, line, columns)
    return ([found[0]], [found[1]]) if found is not None else None
