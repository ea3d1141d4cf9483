"""An indicator table with two sets of columns side by side (东莞's 批复表: 一级指标 | 二级指标 | 三级指标 | 指标值 |
二级指标 | 三级指标 | 计划指标值, under 中期滚动目标 | 年度目标): the second set is the year's, the first the longer
period's. Forms put the longer period first (中长期目标 before 年度目标, 长期目标 before 年度目标), so the first set's
二级/三级/指标值 headers are read as the 中期 columns (kept in each row's 备注) and the second set as the year's
indicators, noted; a header that names its periods itself (``三级指标（长期）``) is left as it is."""

from __future__ import annotations

from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_slots import level_term
from assistant.office.indicators import Role, role_of
from assistant.office.periods import PERIODS_MESSAGE

_SET = (Role.LEVEL2, Role.NAME, Role.VALUE)


def relabel_periods(cells: list[WebCell]) -> tuple[list[WebCell], ParseNote | None]:
    """``cells`` (a header row) with the first of two 二级/三级/指标值 sets qualified as 中期, and the note saying
    so; ``cells`` unchanged and None where the header holds no such pair of sets."""
    roles = [role_of(c.text) for c in cells]
    places = [k for k, r in enumerate(roles) if r in _SET]
    sets = [[roles[k] for k in places[i : i + 3]] for i in (0, 3)]
    if len(places) != 6 or any(s != list(_SET) for s in sets) or Role.LONG_TERM in roles:
        return cells, None
    if places != [*range(places[0], places[0] + 6)]:
        return cells, None
    at = places[0]
    marked = [WebCell(f"{c.text.strip()}（中期）", c.line) for c in cells[at : at + 3]]
    out = [*cells[:at], *cells[at + 3 : at + 6], *marked, *cells[at + 6 :]]  # the year's set first, as rows will be
    note = ParseNote(
        level=NoteLevel.INFO,
        code="web.two_periods",
        message=PERIODS_MESSAGE,
        line=cells[places[3]].line,
        fragment=" | ".join(c.text for c in cells),
    )
    return out, note


def year_first(cells: list[WebCell]) -> list[WebCell]:
    """A data row of such a table (its cells after the 绩效指标 column) with the year's set moved before the longer
    period's, as `relabel_periods` moved the header: ``一级 | 二级 | 三级 | 值 | 二级' | 三级' | 值'`` becomes
    ``一级 | 二级' | 三级' | 值' | 二级 | 三级 | 值`` (the 一级 is the two sets' own); a row without categories
    (``三级 | 值 | 三级' | 值'``) gets an empty 二级 for the longer period. A row of any other shape is left as
    it is (its cells then go where their content fits)."""
    first_plain = next((k for k, c in enumerate(cells) if c.text and not level_term(c.text)), None)
    if first_plain is None:
        return cells
    split = next((k for k in range(first_plain, len(cells)) if level_term(cells[k].text)), None)
    if split is None:
        if first_plain or len(cells) != 4:
            return cells
        return [*cells[2:], WebCell("", cells[0].line), *cells[:2]]
    levels, own, year = cells[:first_plain], cells[first_plain:split], cells[split:]
    year_levels = [c for c in year if level_term(c.text)]
    if len(own) != 2 or len(year) != 3 or len(year_levels) != 1 or not 1 <= len(levels) <= 2:
        return cells
    return [*levels[:-1], *year, levels[-1], *own]
