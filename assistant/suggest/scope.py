"""Figures that say where the work is done, not what it delivers: a count of the areas a service sits in.

    is_scope(statement) -> bool;  scope_notes(brief) -> list[str]

``依托辖区13个街镇的社区长者食堂``, ``覆盖13个街镇``, ``为14个街镇困难群众提供…`` → scope, no 数量 row, a note; a count of
facilities per area (``12个街镇执法中队``) or of villages the work is done to (``污水治理6个村``) is an output.
"""

from __future__ import annotations

import re

from assistant.domain.brief import Brief
from assistant.domain.statements import Kind, Statement, read_statements

# Administrative areas a service sits in (街镇, 街道, 村居…); a count of them is where the work is done, not an output.
_AREA = re.compile(r"^(?:街镇|街道|乡镇|村居|居村|居委会|村委会|居委|行政村|社区|片区|镇|村|区|县)")
# What may be counted per area (12个街镇执法中队, 8个村居助餐服务点, 4个社区综合为老服务中心): then the count is of those.
_FACILITY = re.compile(r"站|点|中心|食堂|队|所|室|馆|院|厅|园|组织|支部|党委|委员会|协会|终端|学校|医院|小组")
# Where the noun phrase after the area ends: 的, a break, a conjunction or the clause's own action.
_SET_UP = re.compile(r"(?:设立|建设|新建|建立|设置|开设|建成)(?P<what>[\u4e00-\u9fff]{1,10}?(?:站|点|中心|食堂|室|馆))")
_PLACE_BEFORE = re.compile(
    r"(?:在|依托|为|覆盖|涉及|分布在|分布于|面向|辐射|遍及|服务)(?:辖区|全区|全市|全县|全镇|本区|区内|各)?$"
)
_PHRASE_END = re.compile(
    r"[的，,。；;、和及与]|提供|开展|设立|设置|建设|新建|建立|进行|实施|组织|举办|配备|落实|覆盖|完成"
)


def is_scope(s: Statement) -> bool:
    """A count of the areas the service sits in (依托辖区13个街镇的社区长者食堂, 覆盖13个街镇, 为14个街镇困难群众提供…,
    在3个街道建设长者食堂): the project's scope, not something it delivers, so no 数量 row. The area must be said as a
    place (after 在/依托/为/覆盖…, or before 的); a count of facilities per area (12个街镇执法中队, 8个村居助餐服务点) is
    of those facilities, and villages the work is done to (污水治理6个村) are an output: both stay."""
    return scope_area(s) is not None


def scope_area(s: Statement) -> str | None:
    """The area word of a scope count (街镇), else None: areas are counted in 个/处, and the count's object is the area
    (区人大代表约320名 names people, not an area)."""
    found = _area_count(s)
    if found is None:
        return None
    area, before, rest = found
    end = _PHRASE_END.search(rest)
    if _FACILITY.search(rest[: end.start()] if end else rest) or area_facility(s):
        return None
    placed = _PLACE_BEFORE.search(before) or rest.startswith("的") or _PEOPLE_AFTER.match(rest)
    return area if placed else None


# The people of the areas, counted right after them (组织全区14个街镇基干民兵1200人): the areas say where the people
# come from; the people are the count, the areas no 数量 of 基干民兵.
_PEOPLE_AFTER = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:约|共|计)?\d+(?:\.\d+)?万?(?:人次|人|名|户|位)")


def area_facility(s: Statement) -> str | None:
    """The facility set up in each of the counted areas when the brief gives it no count of its own (在8个村居设立老年
    助餐服务点 → 老年助餐服务点: 8 points, one per 村居); None where it is counted (在5个街镇设立服务点5个)."""
    found = _area_count(s)
    if found is None:
        return None
    set_up = _SET_UP.match(found[2])
    if set_up is None or re.search(r"\d", found[2][set_up.end() :].split("，")[0]):
        return None
    return set_up.group("what")


def _area_count(s: Statement) -> tuple[str, str, str] | None:
    """(area word, text before the figure, text after the area) of a count whose object is an area, else None."""
    area = _AREA.match(s.object)
    if s.kind is not Kind.COUNT or s.unit not in {"个", "处"} or area is None:
        return None
    at = s.clause.find(f"{s.words}{area.group(0)}")
    if at < 0:
        return None
    return area.group(0), s.clause[:at], s.clause[at + len(s.words) + len(area.group(0)) :]


def scope_notes(brief: Brief) -> list[str]:
    """One note per area count left out of the table (Chinese), so the officer sees why the figure has no row."""
    return [
        f"简报{s.field}“{s.clause}”中的{s.words}{scope_area(s)}是服务所在的范围，不是项目的产出，未设数量指标；"
        "如需考核覆盖面，可设覆盖率指标（如街镇覆盖率）"
        for s in read_statements(brief)
        if is_scope(s)
    ]
