"""Shapes of a 自评表's indicator table that a copy bends: a two-row header run into one row, a 一级 cell whose
words were lost (only its points, ``(50分)``, are left). Used by ``selfeval_indicators.read_indicators``."""

from __future__ import annotations

import re

from assistant.domain import framework
from assistant.domain.cycle import SelfEvalRow
from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.lost_levels import lead_levels
from assistant.ingest.web_cells import WebCell

# A 一级 cell that lost its category and kept its points (杨楼: ``(50分)`` above 数量指标).
_POINTS_ONLY = re.compile(r"^[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


def labels_before(tokens: list[WebCell | None], at: int, names: dict[str, str], key: object) -> list[str]:
    """The indicator-header columns named just before ``tokens[at]`` (the 一级指标 cell), blank cells and line ends
    skipped: the first row of a two-row header (年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…). ``key`` is the
    reader's label normaliser (text → key of ``names``)."""
    assert callable(key)
    labels: list[str] = []
    j = at - 1
    while j >= 0:
        token = tokens[j]
        if token is not None and token.text:
            column = names.get(key(token.text))
            if column is None or column in {"level1", "level2", "name"}:
                break
            labels.insert(0, column)
        j -= 1
    return labels


def two_row_header(above: list[str], columns: list[str]) -> list[str]:
    """The columns in the rows' order when the header was two rows copied into one (永德: ``年度指标值 | 实际完成值 |
    分值 | 得分 | 偏差… | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位``): ``above`` (the first row) is
    a group label (年度指标值 over 指标性质/指标值/度量单位) that gives way to ``columns`` (the second row, from 一级指标
    on), and its other labels follow them. Without a first row, ``columns`` as they are."""
    return columns + [c for c in above if c not in columns]


def is_lost_level1(text: str) -> bool:
    """A cell that is only a category's points (``(50分)``): where the 一级 stood, its words lost in the copy."""
    return bool(_POINTS_ONLY.match(re.sub(r"\s+", "", text)))


def restore_level1(levels: dict[str, str], lost: WebCell) -> ParseNote | None:
    """Sets ``levels["level1"]`` for a category whose 一级 cell kept only its points (杨楼: ``(50分)`` above 数量指标)
    to the one 一级 the framework places its 二级 under, and returns the note saying so; None (nothing set) where the
    二级 has no single 一级."""
    placement = framework.normalise(None, levels["level2"])
    if placement.level1 is None:
        return None
    levels["level1"] = placement.level1.value
    return ParseNote(
        level=NoteLevel.INFO,
        code="selfeval.level1_restored",
        message=f"一级指标一栏只剩「{lost.text}」（类别名称在复制中丢失），按其下的二级指标「{levels['level2']}」"
        f"归入「{levels['level1']}」；请核对",
        line=lost.line,
        fragment=lost.text,
    )


def restore_blank_level1(levels: dict[str, str], level2: WebCell) -> list[ParseNote]:
    """Sets ``levels["level1"]`` for a 二级 whose 一级 cell is blank (内蒙古: the 一级 column left empty, its words
    lost in the copy) to the one 一级 the framework places that 二级 under, with a note; nothing where the 二级 has no
    single 一级."""
    placement = framework.normalise(None, levels["level2"])
    if placement.level1 is None:
        return []
    levels["level1"] = placement.level1.value
    message = (
        f"一级指标一栏为空，按其右侧的二级指标「{levels['level2']}」归入「{levels['level1']}」（按指标框架补出，"
        "原表此格无文字）；请核对"
    )
    code = "selfeval.level1_blank"
    return [ParseNote(level=NoteLevel.INFO, code=code, message=message, line=level2.line, fragment=level2.text)]


def unwritten_level1(rows: list[SelfEvalRow], notes: list[ParseNote]) -> list[SelfEvalRow]:
    """The first rows of a table whose header names a 一级指标 column, up to the first row with a 一级 written (旺苍,
    阆中: the column's merged cells lost in the copy, the rows starting at their 二级): each given the 一级 the
    framework places its 二级 under, and rows above the first 二级 the 二级 the template's order allows
    (`lost_levels.lead_levels`), with one note naming them; a row nothing can be told of is left as it is."""
    lead = next((i for i, r in enumerate(rows) if r.link.level1_written is not None), len(rows))
    level1s, level2s = lead_levels([(r.link.level2_written, r.link.name, r.target) for r in rows[:lead]])
    placed: list[SelfEvalRow] = []
    named: list[str] = []
    for row, level1, level2 in zip(rows[:lead], level1s, level2s, strict=True):
        if level1 is None:
            placed.append(row)
            continue
        written2 = level2 or row.link.level2_written
        where = framework.normalise(level1, written2)
        update: dict[str, object] = {"level1_written": level1, "level2_written": written2}
        if where.level1 is not None:
            update |= {"level1": where.level1, "level2": where.level2}
        placed.append(row.model_copy(update={"link": row.link.model_copy(update=update)}))
        if written2 and written2 not in named:
            named.append(written2)
    if named:
        given = [r.link.name for r, l2 in zip(rows[:lead], level2s, strict=True) if l2]
        tops = (
            f"；最上面 {len(given)} 行连二级指标也没有写出，按表式中二级指标的先后次序和各行名称补出" if given else ""
        )
        notes.append(
            ParseNote(
                level=NoteLevel.INFO,
                code="selfeval.level1_unwritten",
                message=f"表头有一级指标一栏，但前 {lead} 行没有写出一级指标（复制时丢失），按其二级指标（{'、'.join(named)}）"
                f"在指标框架中的位置补出一级指标{tops}；请核对",
            )
        )
    return placed + rows[lead:]
