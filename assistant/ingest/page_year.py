"""The year of a declaration whose form writes none, from the page it was published on: the page's ``<title>``
(a saved .html) or its text (a notice above the form: ``关于下达2023年中央残疾人事业发展补助资金的通知``).

A year is taken only where the page names exactly one: a year written ``2023年``/``2023年度`` counts, a date
(``2022年1月26日``, ``2023-03-27``) or a document number (``〔2022〕334号``) does not, and two different years named
(``根据2022年…下达2023年预算``) give none. Each year taken is noted (``header.year_from_page``)."""

from __future__ import annotations

import re

from assistant.domain.model import Declaration, NoteLevel, ParseNote
from assistant.ingest.assemble import declaration_id

_YEAR = re.compile(r"(?<![\d\-/.])((?:19|20)\d{2})\s*年(?:度)?(?!\s*\d{1,2}\s*月)")
_SOURCE = re.compile(r"^\s*source\s*[:：]", re.IGNORECASE)


def page_year(lines: list[str]) -> int | None:
    """The one year ``lines`` name (module docstring), else None."""
    years = {int(m[1]) for line in lines if not _SOURCE.match(line) for m in _YEAR.finditer(line)}
    return years.pop() if len(years) == 1 else None


def with_page_year(declarations: list[Declaration], lines: list[str], where: str) -> list[Declaration]:
    """``declarations`` with the page's one year (`page_year` of ``lines``) set on those that have none, each noted
    naming ``where`` the year was found (网页标题 / 页面正文)."""
    if all(d.header.year is not None for d in declarations):
        return declarations
    year = page_year(lines)
    if year is None:
        return declarations
    return [_with_year(d, year, where) if d.header.year is None else d for d in declarations]


def _with_year(decl: Declaration, year: int, where: str) -> Declaration:
    note = ParseNote(
        level=NoteLevel.INFO,
        code="header.year_from_page",
        message=f"申报表未写年度，{where}只写了 {year} 年，按 {year} 年读取；请核对",
        field="year",
    )
    return decl.model_copy(
        update={
            "id": declaration_id(year, decl.provenance.source_file, decl.provenance.index_in_file),
            "header": decl.header.model_copy(update={"year": year}),
            "parse_notes": [*decl.parse_notes, note],
        }
    )
