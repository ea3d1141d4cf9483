"""Indicator rows for review tests: ``(一级, 二级, 三级, 指标值)`` tuples as the typed rows the parser would give."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.domain.framework import normalise
from assistant.domain.model import Indicator
from assistant.domain.values import parse_value


def indicator_rows(rows: Iterable[tuple[str, str, str, str]]) -> list[Indicator]:
    """One `Indicator` per row, categories placed by the framework, values parsed; positions from 1, lines from 101."""
    indicators = []
    for n, (l1, l2, name, value) in enumerate(rows, start=1):
        placed = normalise(l1, l2)
        indicators.append(
            Indicator(
                position=n,
                line=100 + n,
                level1_written=l1,
                level2_written=l2,
                level1=placed.level1,
                level2=placed.level2,
                name=name,
                name_written=name,
                value=parse_value(value),
            )
        )
    return indicators
