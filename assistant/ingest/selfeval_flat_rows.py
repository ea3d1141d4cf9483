"""The indicator rows of a 自评表 whose table a document site flattened into running text (衡山 2020:
``产 出 指 标数量 指标5000吨稻谷、500吨成 品粮储备到位率100%100%库存数量真实率100%`` / ``2、100%质量 指标…``).

The document's line wraps put spaces inside words (``数量 指标``, ``成 品粮``) and its pages start with ``2、``; the
table has no 分值/得分 columns, only 年度指标值 | 全年完成值 | 未完成原因. Rows are read where the text shows their
edges: categories (spaced or not) cut the text; inside a category a row ends where one value is written twice
(指标值 and 完成值 the same: ``…真实率100%100%``, ``…比例00``, ``…安全性高高``), the value standing after a word, not
inside a figure; the last row before the next category may instead end the text with two different values
(``调查290%100%``) or a rate and words (``100%无没有轮换…``: the words are kept whole as the deviation and noted,
not split, the 完成值 left blank). What stays unread is returned for a note quoting it, never a guessed row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.cycle import SelfEvalRow
from assistant.domain.framework import level_terms
from assistant.domain.model import NoteLevel
from assistant.ingest.selfeval_cells import State
from assistant.ingest.selfeval_indicators import row_of

_LEVEL1 = frozenset({"产出指标", "效益指标", "满意度指标"})
_CATEGORIES = sorted((t for t in level_terms() if t.endswith("指标")), key=len, reverse=True)
_CATEGORY = re.compile("|".join(r"\s*".join(map(re.escape, word)) for word in _CATEGORIES))
_VERTICAL = re.compile(r"绩\s*效\s*指\s*标")  # the table's vertical 一级 heading, repeated at a page's top
_PAGE_MARK = re.compile(r"^\d{1,2}、")  # 2、 3、: a document site's page numbers at a line's start
_HEADER_END = re.compile(r"改\s*进\s*措\s*施")
_HEAD_START = re.compile(r"一\s*级")
_TABLE_END = re.compile(r"说明|注[:：]")
_UNITS = "%|起|个|人次|次|公里|平方米|米|吨|天|人|户|家|所|件|项|台|辆|场|万元|元"
_VALUE = rf"(?:\d+(?:\.\d+)?(?:{_UNITS})?|高|低|好|良好|优|是|否|无)"
_TWICE = re.compile(rf"(?<![\d.])({_VALUE})\1(?![\d.%])")
_TWO_VALUES = re.compile(rf"^(?P<name>\D+?[\u4e00-\u9fff])(?P<target>{_VALUE})(?P<actual>{_VALUE})$")
_RATE_AND_WORDS = re.compile(
    r"^(?P<name>\D+?[\u4e00-\u9fff])(?P<target>\d+(?:\.\d+)?%)(?P<rest>[\u4e00-\u9fff][^\d%]*)$"
)


@dataclass(frozen=True)
class FlatRow:
    level1: str | None
    level2: str | None
    name: str
    target: str
    actual: str
    rest: str  # what followed the values unsplit (完成值 and 原因 run together); "" when nothing did


def flat_rows(lines: list[str]) -> tuple[list[FlatRow], list[str]] | None:
    """(rows read, pieces left unread) of the flattened indicator table in ``lines`` (the page's text lines), or None
    where there is no such table (no header from 一级 to 改进措施 naming 三级指标 and 完成值 without 分值/得分, followed
    by a category)."""
    text = "".join(_PAGE_MARK.sub("", line.strip()) for line in lines)
    header = _HEADER_END.search(text)
    if header is None:
        return None
    head_start = max((m.start() for m in _HEAD_START.finditer(text, 0, header.start())), default=None)
    words = re.sub(r"\s+", "", text[head_start : header.end()]) if head_start is not None else ""
    if "三级指标" not in words or "完成值" not in words or "分值" in words or "得分" in words:
        return None  # not this layout: a table with 分值/得分 columns is read by the other readers
    end = _TABLE_END.search(text, header.end())
    body = _VERTICAL.sub("", text[header.end() : end.start() if end else len(text)])
    cuts = list(_CATEGORY.finditer(body))
    if not cuts or cuts[0].start() > 0:
        return None
    rows: list[FlatRow] = []
    unread: list[str] = []
    level1: str | None = None
    level2: str | None = None
    for k, cut in enumerate(cuts):
        word = re.sub(r"\s+", "", cut.group())
        if word in _LEVEL1:
            level1, level2 = word, None
        else:
            level2 = word
        segment = body[cut.end() : cuts[k + 1].start() if k + 1 < len(cuts) else len(body)]
        found, left = _segment_rows(segment, level1, level2)
        rows += found
        unread += [left] if left else []
    return rows, unread


def _segment_rows(segment: str, level1: str | None, level2: str | None) -> tuple[list[FlatRow], str]:
    rows: list[FlatRow] = []
    at = 0
    for match in _TWICE.finditer(segment):
        name = re.sub(r"\s+", "", segment[at : match.start()])
        if not name or not re.search(r"[\u4e00-\u9fff]$", name):
            continue  # a value inside a figure or right after another value: no row's end
        rows.append(FlatRow(level1, level2, name, match[1], match[1], ""))
        at = match.end()
    left = re.sub(r"\s+", "", segment[at:])
    if not left:
        return rows, ""
    if (two := _TWO_VALUES.match(left)) is not None:  # 市民满意度调查290%100%: two values end the text
        rows.append(FlatRow(level1, level2, two["name"], two["target"], two["actual"], ""))
    elif (rate := _RATE_AND_WORDS.match(left)) is not None:  # 100%无没有轮换…: a rate, then words kept whole
        rows.append(FlatRow(level1, level2, rate["name"], rate["target"], "", rate["rest"]))
    else:
        return rows, left
    return rows, ""


def flattened_rows(state: State) -> list[SelfEvalRow]:
    """The rows `flat_rows` reads from the page behind ``state``'s cells (its lines rebuilt from the cells' line
    numbers), each noted as read from flattened text; [] where it finds no such table."""
    by_line: dict[int, list[str]] = {}
    for token in state.tokens:
        if token is not None and token.text:
            by_line.setdefault(token.line, []).append(token.text)
    found = flat_rows(["".join(parts) for _, parts in sorted(by_line.items())])
    if found is None or not found[0]:
        return []
    rows, unread = found
    anchor = next(t for t in state.tokens if t is not None)
    state.note(
        "selfeval.flat_rows",
        f"指标表被压成了连续文字（文档网站的转换，折行处夹有空格、页首有页码）：按指标类别和“指标值与完成值写了两遍”"
        f"处分出 {len(rows)} 行；请对照原表核对",
        anchor,
        NoteLevel.INFO,
    )
    for row in rows:
        if row.rest:
            state.note(
                "selfeval.flat_rest",
                f"「{row.name}」的指标值 {row.target} 之后是「{row.rest}」：完成值和未完成原因连在一起分不开，"
                "整段作为偏差原因保留，完成值未读取（不猜测）；请对照原表补录完成值",
                anchor,
            )
    for piece in unread:
        state.note(
            "selfeval.flat_unread",
            f"连续文字中的「{piece[:60]}」分不出指标名称和数值，未读取（不猜测）；请对照原表补录",
            anchor,
        )
    values = [
        {"name": r.name, "target": r.target, "actual": r.actual, "deviation": r.rest}
        if r.actual
        else {"name": r.name, "target": r.target, "deviation": r.rest}
        for r in rows
    ]
    levels = [{"level1": r.level1 or "", "level2": r.level2 or ""} for r in rows]
    return [row_of(v, level, anchor, state) for v, level in zip(values, levels, strict=True)]
