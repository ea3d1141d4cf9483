"""The year of a declaration whose form writes none, from the page it was published on: the page's ``<title>``
(a saved .html) or its text (a notice above the form: ``关于下达2023年中央残疾人事业发展补助资金的通知``).

A year is taken only where the page names exactly one: a year written ``2023年``/``2023年度`` counts, a date
(``2022年1月26日``, ``2023-03-27``) or a document number (``〔2022〕334号``) does not, and two different years named
(``根据2022年…下达2023年预算``) give none, unless the form's own 年度目标 names one of them alone (``到2022年底…``);
otherwise a warning says the year could not be told. Each year taken is noted (``header.year_from_page``)."""

from __future__ import annotations

import re

from assistant.domain.model import Declaration, NoteLevel, ParseNote, SectionKind
from assistant.domain.region import TITLE_NOTE, other_region, place_in_title
from assistant.ingest.assemble import declaration_id

_YEAR = re.compile(r"(?<![\d\-/.])((?:19|20)\d{2})\s*年(?:度)?(?!\s*\d{1,2}\s*月)")
_SOURCE = re.compile(r"^\s*source\s*[:：]", re.IGNORECASE)


def page_year(lines: list[str]) -> int | None:
    """The one year ``lines`` name (module docstring), else None."""
    years = page_years(lines)
    return years.pop() if len(years) == 1 else None


def with_page_year(declarations: list[Declaration], lines: list[str], where: str) -> list[Declaration]:
    """``declarations`` with the page's one year (`page_year` of ``lines``) set on those that have none, each noted
    naming ``where`` the year was found (网页标题 / 页面正文)."""
    if all(d.header.year is not None for d in declarations):
        return declarations
    year = page_year(lines)
    if year is None:
        return [_from_goal(d, lines, where) if d.header.year is None else d for d in declarations]
    return [_with_year(d, year, where) if d.header.year is None else d for d in declarations]


def page_years(lines: list[str]) -> set[int]:
    """Every year ``lines`` name, as `page_year` counts them."""
    return {int(m[1]) for line in lines if not _SOURCE.match(line) for m in _YEAR.finditer(line)}


def _from_goal(decl: Declaration, lines: list[str], where: str) -> Declaration:
    """A form with no year on a page naming several: the one year its own 年度目标 names (``到2022年底…``), where the
    rest of the page names it too, noted with the others; else a warning that its year could not be told (none is
    made up)."""
    years = page_years(lines)
    if len(years) < 2:
        return decl
    goals = [s.text for s in decl.sections if s.kind is SectionKind.GOAL_ANNUAL and s.text.strip()]
    goal = {int(m[1]) for text in goals for m in _YEAR.finditer(text)}
    rest = [line for line in lines if not any(text in line or line.strip() in text for text in goals if line.strip())]
    years_elsewhere = page_years(rest)
    named = "、".join(str(y) for y in sorted(years))
    if len(goal) == 1 and (year := next(iter(goal))) in years_elsewhere:
        return _with_year(
            decl,
            year,
            where,
            f"申报表未写年度；{where}写有 {named} 多个年度，申报表自己的年度目标只写了 {year} 年，按 {year} 年读取；请核对",
        )
    note = ParseNote(
        level=NoteLevel.WARNING,
        code="header.year_unclear",
        message=f"申报表未写年度，{where}写有 {named} 多个年度，无法判断是哪一年，年度未填写（不猜测）；请对照原表补填",
        field="year",
    )
    return decl.model_copy(update={"parse_notes": [*decl.parse_notes, note]})


def _with_year(decl: Declaration, year: int, where: str, message: str | None = None) -> Declaration:
    note = ParseNote(
        level=NoteLevel.INFO,
        code="header.year_from_page",
        message=message or f"申报表未写年度，{where}只写了 {year} 年，按 {year} 年读取；请核对",
        field="year",
    )
    return decl.model_copy(
        update={
            "id": declaration_id(year, decl.provenance.source_file, decl.provenance.index_in_file),
            "header": decl.header.model_copy(update={"year": year}),
            "parse_notes": [*decl.parse_notes, note],
        }
    )


def with_title_place(declarations: list[Declaration], lines: list[str]) -> list[Declaration]:
    """``declarations`` whose units name no place, noted with the one place the page's form title starts with
    (``鄂州市2022年市直部门预算项目支出绩效目标表``, `place_in_title`), so that the form is not called a Shanghai one."""
    places = {place for line in lines if not _SOURCE.match(line) and (place := place_in_title(line))}
    if len(places) != 1:
        return declarations
    place = places.pop()
    note = ParseNote(
        level=NoteLevel.INFO,
        code=TITLE_NOTE,
        message=f"表题写明「{place}」：这是其他地区的表式，不是上海的市级/区级表，按通用读法读取；请核对各栏",
        fragment=place,
    )
    return [
        d.model_copy(update={"parse_notes": [*d.parse_notes, note]}) if other_region(d) is None else d
        for d in declarations
    ]
