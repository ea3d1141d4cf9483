"""An indicator table with two sets of 二级/三级/指标值 columns side by side in a Word or Excel form (中期滚动目标 |
年度目标): forms put the longer period first, so the first set is kept in each row's 备注 as 中期 and the second read
as the year's indicators, noted. The web reader does the same for copied pages (`ingest.web_two_periods`)."""

from __future__ import annotations

from assistant.office.indicator_columns import Column, Role

PERIODS_MESSAGE = (
    "指标表并列两套二级指标、三级指标和指标值（如中期目标与年度目标），按表样惯例前一套为中期、后一套为年度："
    "按后一套读取指标，前一套的内容记入各行备注；请核对两套的先后"
)
_SET = [Role.LEVEL2, Role.NAME, Role.VALUE]
_LONGER = {Role.LEVEL2: Role.LONG_TERM, Role.NAME: Role.LONG_TERM, Role.VALUE: Role.LONG_VALUE}


def year_set(columns: list[Column]) -> list[Column] | None:
    """``columns`` with the first of two 二级/三级/指标值 sets made the 中期 columns; None where the header holds no
    such pair of sets (or names its periods itself: ``三级指标（长期）``)."""
    ordered = sorted(columns, key=lambda c: c.cell.col)
    sets = [c for c in ordered if c.role in _SET]
    if [c.role for c in sets] != _SET * 2 or any(c.role is Role.LONG_TERM for c in columns):
        return None
    first = {id(c) for c in sets[:3]}
    return [Column(_LONGER[c.role], f"{c.title}（中期）", c.cell) if id(c) in first else c for c in columns]
