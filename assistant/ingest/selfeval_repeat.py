"""自评表 indicator rows whose cells ran together (中江: ``安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米…``),
split only where the row proves its own edges: its 全年实际值 repeats its 年度指标值 exactly (or after one stray scan
mark where an operator stood, ``80%^80%``), between a 分值 and a 得分 of at most three digits and two decimals
(得分 ≤ 分值 ≤ 100), after a name that neither starts nor ends with a digit and holds no operator (≥) nor such a row
itself. Every way of cutting the text into such rows is tried; the rows are read only when exactly one way covers the
whole text."""

from __future__ import annotations

import re

from assistant.domain.model import NoteLevel, ParseNote

# The columns of a run-together row this reader can prove, in the order the form gives them.
PROVABLE = ("name", "weight", "target", "actual", "score")
_POINTS = re.compile(r"\d{1,3}(?:\.\d{1,2})?")
_OPERATOR = re.compile(r"[≥≤><=＝≧≦]")  # a value's, never a name's
_MAX_TEXT = 400  # a run of rows longer than this is left to the note (bounded work)
_MAX_VALUE = 30  # characters of one 指标值
_STRAY = re.compile(r"[\^~`'\"*#$&@|\\]")  # a mark a scan leaves for an operator, never a value's own character


def proven_rows(
    text: str, line: int | None, columns: list[str], *, numbered: bool = False
) -> tuple[list[dict[str, str]], list[ParseNote]] | None:
    """`split_repeated` of one cell's ``text`` and the info note saying so; a copy that ends in an ellipsis (``……``)
    after the last 得分 is read up to it and noted as cut there. Where the whole cell does not prove its rows but its
    rows are numbered (``指标1…8550万粒550万粒8指标2…``), each numbered row that proves its own edges is read and the
    others are noted (`numbered_rows`); ``numbered``: the page numbers its rows, so a cell that starts with a lone
    ``1`` right after a category (``生态效益指标`` | ``1病害减少…``) starts with that numbering. None where no row
    proves its edges."""
    cut = text.rstrip("…").removesuffix("...")
    found = split_repeated(cut, columns)
    if not found:
        return numbered_rows(cut, line, columns, numbered=numbered)
    names = "、".join(f["name"] for f in found)
    ending = "；复制的文字在此以省略号结束，其后的内容未复制" if cut != text else ""
    note = ParseNote(
        level=NoteLevel.INFO,
        code="selfeval.row_proven",
        message=f"网页复制时单元格连在了一起：每行的全年实际值与年度指标值相同，分值、得分均为数字，按此只有一种分法，"
        f"读作 {len(found)} 行（{names[:60]}）{ending}{_strays(found)}；请核对",
        line=line,
        fragment=text,
    )
    return found, [note]


# A row's numbering run into the text (``…8指标2…``): 指标 and one or two digits, then no figure (指标1.5 is no number).
ROW_NUMBER = re.compile(r"指标\d{1,2}(?=[^\d.%])")
_MAX_NUMBERED = 2 * _MAX_TEXT  # a longer cell is left to the note (bounded work: each row is proven alone)
_LONE_ONE = re.compile(r"^1(?=[\u4e00-\u9fff])")


def numbered_rows(
    text: str, line: int | None, columns: list[str], *, numbered: bool
) -> tuple[list[dict[str, str]], list[ParseNote]] | None:
    """The rows of a cell cut before each ``指标N`` numbering, each read where it alone proves its edges (one row,
    its 全年实际值 repeating its 年度指标值); the others noted, not read. None where no piece proves itself."""
    if len(text) > _MAX_NUMBERED:
        return None
    starts = [m.start() for m in ROW_NUMBER.finditer(text)]
    lone = bool(numbered and _LONE_ONE.match(text))
    if (not starts or starts[0] != 0) and not lone:
        return None
    bounds = [0, *(s for s in starts if s > 0), len(text)]
    found: list[dict[str, str]] = []
    unread: list[str] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = text[start:end]
        rows = split_repeated(piece[1:] if start == 0 and lone else piece, columns)
        if rows is not None and len(rows) == 1:
            found.extend(rows)
        else:
            unread.append(piece)
    if not found:
        return None
    notes = [
        ParseNote(
            level=NoteLevel.INFO,
            code="selfeval.row_proven",
            message=f"网页复制时单元格连在了一起：按「指标N」编号分行，{'、'.join(f['name'] for f in found)[:60]} 的全年实际值"
            f"与年度指标值相同，分值、得分均为数字，只有一种分法，读取{_strays(found)}；请核对",
            line=line,
            fragment=text,
        )
    ]
    notes.extend(
        ParseNote(
            level=NoteLevel.WARNING,
            code="selfeval.row_unsplit",
            message="网页复制时空白单元格丢失，这一行无法按顺序分出指标名称、指标值、分值和得分，未读取（不猜测各栏的分界）："
            + piece[:80],
            line=line,
            fragment=piece,
        )
        for piece in unread
    )
    return found, notes


def _strays(found: list[dict[str, str]]) -> str:
    """The rows whose 全年实际值 repeats the 年度指标值 only after a stray mark, named for the note."""
    marked = [f"「{f['name'][:20]}」的实际值「{f['actual']}」" for f in found if f["actual"] != f["target"]]
    return f"（{'、'.join(marked)}开头多一个识别符号，疑为运算符识别错误，按原文保留）" if marked else ""


def split_repeated(text: str, columns: list[str]) -> list[dict[str, str]] | None:
    """The rows of ``text`` as {column: text} when ``columns`` (the table's columns up to 得分) are 三级指标 | 分值 |
    年度指标值 | 全年实际值 | 得分 and exactly one cut into such rows covers ``text``; None otherwise."""
    if tuple(columns) != PROVABLE or len(text) > _MAX_TEXT:
        return None
    memo: dict[int, list[list[dict[str, str]]]] = {}
    found = _parses(text, 0, memo)
    return found[0] if len(found) == 1 else None


def _parses(text: str, start: int, memo: dict[int, list[list[dict[str, str]]]]) -> list[list[dict[str, str]]]:
    """Up to two ways of reading ``text[start:]`` as rows (two are enough to know it is not one)."""
    if start == len(text):
        return [[]]
    if start in memo:
        return memo[start]
    out: list[list[dict[str, str]]] = []
    for row, end in _rows_at(text, start):
        for tail in _parses(text, end, memo):
            out.append([row, *tail])
            if len(out) == 2:
                memo[start] = out
                return out
    memo[start] = out
    return out


def _rows_at(text: str, start: int) -> list[tuple[dict[str, str], int]]:
    """Every (row, end) that reads one row from ``start``: name, 分值, a value, the same value again, 得分."""
    out: list[tuple[dict[str, str], int]] = []
    if text[start].isdigit() or text[start] == ".":
        return out  # a name never starts with a digit or a point: that is the 得分 before it
    limit = _first_row_end(text, start)
    for name_end in range(start + 1, len(text)):
        if name_end >= limit or _OPERATOR.match(text, name_end - 1):
            break  # a name never holds a value's operator or a whole row: the row ends before it
        if text[name_end - 1].isdigit() or not text[name_end].isdigit():
            continue
        for weight in _points_at(text, name_end):
            at = name_end + len(weight)
            for size in range(1, min(_MAX_VALUE, (len(text) - at) // 2) + 1):
                target = text[at : at + size]
                for actual in _repeats(text, at + size, target):
                    end = at + size + len(actual)
                    for score in _points_at(text, end):
                        if float(score) <= float(weight) <= 100:
                            row = {"name": text[start:name_end], "weight": weight, "target": target}
                            out.append(({**row, "actual": actual, "score": score}, end + len(score)))
    return out


def _repeats(text: str, at: int, target: str) -> list[str]:
    """The 全年实际值 at ``at`` that repeats ``target``: the same text, or the same after one stray mark a scan made of
    its operator (原州: ``80%^80%``, the ≥ read as ``^``); kept as written."""
    found = [target] if text.startswith(target, at) else []
    if at < len(text) and _STRAY.match(text[at]) and text.startswith(target, at + 1) and target[:1].isdigit():
        found.append(text[at : at + 1 + len(target)])
    return found


def _first_row_end(text: str, start: int) -> int:
    """Where the first thing that reads as a row's figures after ``start`` ends (``…10≥266米≥266米1``: a digit, a
    value written twice, a digit): a name from ``start`` ends before it. ``len(text) + 1`` when there is none."""
    ends = [
        end + 1
        for at in range(start + 1, len(text))
        if text[at - 1].isdigit()
        for size in range(1, min(_MAX_VALUE, (len(text) - at - 1) // 2) + 1)
        for actual in _repeats(text, at + size, text[at : at + size])
        if (end := at + size + len(actual)) < len(text) and text[end].isdigit()
    ]
    return min(ends, default=len(text) + 1)


def _points_at(text: str, at: int) -> list[str]:
    """The 分值/得分 figures that can start at ``at`` (1–3 digits, up to two decimals: 原州's ``9.34``)."""
    return [m for size in range(1, min(6, len(text) - at + 1)) if _POINTS.fullmatch(m := text[at : at + size])]
