"""A change between two years of a count under a value condition (issue 24): ``满意度定到90%以上的项目 26年比19年少几个``.

`special.by_value` finds the projects one of whose indicators meets the condition across the years asked; asked for a
change between two years, that list counted as one is no answer. `value_change` counts the projects meeting the
condition in each year and gives the difference, with 多/少 said: the first year said against the second where the
question writes 比 (26年比19年), else the later year against the earlier.
"""

from __future__ import annotations

import re

from assistant.qa.models import Answer, Row, structured

_THAN = re.compile(r"比(?![较例重率])")


def value_change(
    question: str, years: tuple[int, ...], rows: list[Row], year_of: dict[str, int | None], said: str
) -> Answer:
    """The per-year counts of ``rows`` (one per project meeting ``said``) and their difference."""
    first, second = years if _THAN.search(question) else (max(years), min(years))
    counts = {y: sum(year_of.get(r.declaration_id or "") == y for r in rows) for y in (first, second)}
    change = counts[first] - counts[second]
    how = "持平" if change == 0 else f"{'多' if change > 0 else '少'} {abs(change)} 个"
    lines = [f"{said}的项目：{first}年比{second}年{how}（按各表填写的百分比目标值比对）。"]
    for year in (second, first):
        lines.append(f"{year}年：{counts[year]} 个")
        held = [r for r in rows if year_of.get(r.declaration_id or "") == year]
        lines += [f"  - {r.value} {r.citation.label}" for r in held]
    return structured(question, lines, rows, figure=f"{change} 个")
