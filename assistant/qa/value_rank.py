"""Rankings by an indicator's target value (满意度最高的项目, 哪个项目的验收合格率最高).

A ranking question that names an indicator or a category and no money word asks about the indicators' values,
never the projects' money. Only values that measure the asked category count (`select.measures_asked`: a 投诉件数
filed under 满意度 is no satisfaction value), and only numbers in the most common unit are compared (≥95(%) against
85%); a project's highest (or lowest) such value stands for it. Values in another unit, or in words, are listed
apart as not ranked, and the answer says so.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from assistant.domain.model import Declaration, Indicator
from assistant.domain.refs import indicator_citation
from assistant.domain.values import ValueKind
from assistant.qa.models import Query, Result, Row
from assistant.qa.select import indicators_of, level_label, measures_asked


def rank_by_value(query: Query, decls: list[Declaration], unit: str | None = None) -> Result:
    """Projects ordered by the asked indicator's target value; each row cites the indicator it came from. ``unit``:
    the unit the question asks the values in (按“次”算的); None: the most common unit of the values found."""
    what = f"“{query.filters.indicator_name}”" if query.filters.indicator_name else level_label(query.filters)
    asked = f"以“{unit}”计的{what}" if unit else what
    found = [(d, i) for d in decls for i in indicators_of(d, query.filters) if measures_asked(i, query.filters)]
    if not found:
        return Result(lines=[f"这些申报表都没有{what}，无法按它排序。"], rows=[])
    numeric = [(d, i) for d, i in found if i.value.kind is ValueKind.QUANTITATIVE and i.value.number is not None]
    if not numeric:
        return _unranked(f"各项目的{what}目标值都不是数值，不能比较大小；各项目写的值如下：", found)
    if unit is None:  # values in another unit (or none) are not compared with these
        unit = Counter(i.value.unit or "" for _, i in numeric).most_common(1)[0][0]
    elif not any(i.value.unit == unit for _, i in numeric):
        return _unranked(f"这些申报表的{what}中没有以“{unit}”计的目标值，无法按它排序；各项目写的值如下：", found)
    apart = [(d, i) for d, i in found if (d, i) not in numeric or (i.value.unit or "") != unit]
    numeric = [(d, i) for d, i in numeric if (i.value.unit or "") == unit]
    best: dict[str, tuple[Declaration, Indicator]] = {}
    for decl, indicator in numeric:  # a project's highest value (lowest, for 最低) stands for it
        held = best.get(decl.id)
        if held is None or _better(indicator, held[1], query.descending):
            best[decl.id] = (decl, indicator)
    ordered = sorted(best.values(), key=lambda p: _number(p[1]), reverse=query.descending)
    word = "最高" if query.descending else "最低"
    top_value = _number(ordered[0][1])
    ties = [d for d, i in ordered if _number(i) == top_value]
    first = ordered[0][1].value.raw
    head = (
        f"{asked}目标值{word}的是{_title(ties[0])}：{first}。"
        if len(ties) == 1
        else f"{asked}目标值{word}的有 {len(ties)} 个并列：{'、'.join(_title(d) for d in ties)}，各 {first}。"
    )
    lines = [
        head,
        *(
            f"{n}. {_title(d)}：{i.name} {i.value.raw} {indicator_citation(d, i).label}"
            for n, (d, i) in enumerate(ordered, 1)
        ),
    ]
    if apart:
        lines += _apart_lines(apart, unit, listed=asked == what or len(apart) <= APART_LISTED)
    without = len({d.id for d in decls} - {d.id for d, _ in found})
    if without:
        lines.append(f"另有 {without} 份申报表没有{what}，未参加排序。")
    return Result(lines=lines, rows=[_row(d, i) for d, i in ordered], figure=first)


def _unranked(head: str, found: list[tuple[Declaration, Indicator]]) -> Result:
    """No ranking (no numbers, or none in the unit asked): why, then each project's value as written, cited."""
    lines = [head, *(f"- {_title(d)}：{i.name} {i.value.raw} {indicator_citation(d, i).label}" for d, i in found)]
    return Result(lines=lines, rows=[_row(d, i) for d, i in found])


APART_LISTED = 10  # values apart listed one by one under a unit asked; more are counted by the unit they are in


def _apart_lines(apart: list[tuple[Declaration, Indicator]], unit: str, *, listed: bool) -> list[str]:
    """The values left out of the ranking: each with its project and citation, or (many, under a unit the question
    asked) counted by the unit they are written in."""
    if listed:
        return [
            f"以下 {len(apart)} 项的值不是以“{unit or '无单位'}”计的数值，未参加排序：",
            *(
                f"- {_title(d)}：{i.name} {i.value.raw or '（空白）'} {indicator_citation(d, i).label}"
                for d, i in apart
            ),
        ]
    kinds = Counter(
        f"以“{i.value.unit}”计" if i.value.number is not None and i.value.unit else "文字或无单位" for _, i in apart
    )
    counted = "、".join(f"{kind} {n} 项" for kind, n in kinds.most_common())
    return [f"另有 {len(apart)} 项的值不是以“{unit}”计的数值（{counted}），未参加排序。"]


def _number(indicator: Indicator) -> Decimal:
    return indicator.value.number or Decimal(0)


def _better(new: Indicator, held: Indicator, descending: bool) -> bool:
    return _number(new) > _number(held) if descending else _number(new) < _number(held)


def _title(decl: Declaration) -> str:
    return f"{decl.header.name}（{decl.header.year or '年度不详'}）"


def _row(decl: Declaration, indicator: Indicator) -> Row:
    return Row(
        declaration_id=decl.id,
        project=decl.header.name,
        year=decl.header.year,
        field=indicator.name,
        value=indicator.value.raw,
        citation=indicator_citation(decl, indicator),
    )
