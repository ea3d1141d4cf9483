"""A policy's 文号 carries the year it was issued (沪财绩〔2024〕5号): a document cited as a project's basis cannot be
issued after the project's year, nor before the 文号 system existed. 沪财绩〔2099〕1号 for a 2027 project, or a 国发
〔2026〕99号 planted by an instruction in a brief (red team rt11), is either mistyped or invented; review says which
section holds it and what to check. Only 文号 written with their bracketed year are read (a standard's year such as
DA/T 31-2017 is no issue year)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.domain.model import Declaration
from assistant.review.base import at_section, finding
from assistant.review.models import Finding

RULE = "BASIS-NUMBER-YEAR"
# 机关代字〔年份〕序号号: 国发〔2026〕99号, 沪财绩[2099]1号, 财预（2021）101号
_NUMBER = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,10}\s*[〔\[［(（]\s*(?P<year>\d{4})\s*[〕\]］)）]\s*第?\s*\d{1,5}\s*号")
FIRST_YEAR = 1949  # no 文号 of a document in force is older


def impossible_numbers(text: str, project_year: int) -> list[tuple[str, int]]:
    """The 文号 in ``text`` whose year is after ``project_year`` or before ``FIRST_YEAR``, with that year, each once."""
    found = [(m.group(0).strip(), int(m["year"])) for m in _NUMBER.finditer(text)]
    return list(dict.fromkeys((n, y) for n, y in found if y > project_year or y < FIRST_YEAR))


def check_number_years(decl: Declaration) -> Iterator[Finding]:
    year = decl.header.year
    if not year:
        return
    for section in decl.sections:
        for number, issued in impossible_numbers(section.text, year):
            why = (
                f"晚于本项目年度 {year} 年，项目申报时不可能已有这份文件"
                if issued > year
                else f"早于 {FIRST_YEAR} 年，不可能是现行文件"
            )
            yield finding(
                RULE,
                f"{section.kind.label}中引用的文号“{number}”年份为 {issued} 年，{why}：疑似抄错或编造的政策。",
                at_section(decl, section.kind),
            )
