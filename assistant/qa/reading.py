"""The subjects a question names: units (also misspelt), projects by full or short name, header fields, 项目构成 /
制度保障 rows and a named row, 项目类别 values, and units or districts the corpus lacks."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.cues import CUT as _CUT
from assistant.qa.cues import Cues
from assistant.qa.cues import common as _common
from assistant.qa.cues import cut as _cut
from assistant.qa.entities import DISTRICT, Names, exact_names, phrases, resolve
from assistant.qa.lexicon import HEADER_TERMS, ROW_TERMS, Lexicon
from assistant.qa.models import HeaderField, RowKind

UNKNOWN_UNIT = re.compile(r"[\u4e00-\u9fa5]{1,12}?(?:委员会|局|厅|委|办公室|中心|医院|学校|大学)")


def take_unit(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    for alias, unit in lexicon.unit_aliases():
        if alias in text and not _starts_a_name(text, alias, lexicon):
            return _cut(text, alias), replace(cues, unit=unit)
    return text, cues


def take_misspelt_unit(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """After the projects: 组织布 where no project was named (组织里建设信息化平台 is a project misspelt)."""
    if cues.unit is not None or cues.project is not None:
        return text, cues
    return _take_misspelt_unit(text, cues, lexicon)


def _starts_a_name(text: str, alias: str, lexicon: Lexicon) -> bool:
    """组织部门建设经费: 组织部 there begins a project's name, not the unit (the next character says so)."""
    start = text.find(alias)
    longer = text[start : start + len(alias) + 1]
    return len(longer) > len(alias) and any(longer in project for project in lexicon.projects)


def _take_misspelt_unit(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """组织布, 组织不: a short form of three or more characters with one character miswritten, where the written
    character belongs to no project or unit name (组织力 is a project's own word, never 组织部 misspelt)."""
    held = set("".join((*lexicon.projects, *lexicon.units)))
    for alias, unit in lexicon.unit_aliases():
        if len(alias) < 3:
            continue
        for i in range(len(alias)):
            pattern = re.escape(alias[:i]) + "(.)" + re.escape(alias[i + 1 :])
            if (found := re.search(pattern, text)) and found.group(1) not in held:
                return _cut(text, found.group()), replace(cues, unit=unit)
    return text, cues


def take_exact_projects(text: str, lexicon: Lexicon) -> tuple[str, list[tuple[int, str]]]:
    """Project names written whole (before units: 组织部 is also part of 组织部门建设和管理工作经费)."""
    found = []
    for name in exact_names(text, lexicon.projects):
        found.append((text.find(name), name))
        text = _cut(text, name)
    return text, found


def take_projects(text: str, cues: Cues, lexicon: Lexicon, exact: list[tuple[int, str]], full: str) -> tuple[str, Cues]:
    """The projects named whole or by a short form, in the order written (at most two), or an absent one."""
    names = _names(lexicon)
    resolution = resolve(phrases(text, _CUT), names)
    found = [(position, name, name) for position, name in exact]
    for match in resolution.matches:
        if match.name not in {name for _, name, _ in found}:
            found.append((max(full.find(match.phrase[:2]), 0), match.name, match.phrase))
            text = _cut_phrase(text, match.phrase)
    found.sort()
    if not found:
        absent = resolution.absent if cues.unknown_unit is None else None
        return text, replace(cues, unknown_project=absent, candidates=resolution.candidates)
    first = found[0][1]
    versus = found[1][1] if len(found) > 1 else None
    matched = tuple((written, name) for _, name, written in found if written != name)
    held = len(lexicon.years_of(first))
    return text, replace(
        cues, project=first, versus=versus, matched=matched, ambiguous=resolution.ambiguous, project_years=held
    )


def _cut_phrase(text: str, phrase: str) -> str:
    """Cut the written span a phrase came from (its characters in order, with at most the noise words between)."""
    pattern = ".{0,4}?".join(map(re.escape, phrase))
    return re.sub(pattern, _CUT, text, count=1)


_NAMES: dict[tuple[str, ...], Names] = {}


def _names(lexicon: Lexicon) -> Names:
    if lexicon.projects not in _NAMES:
        _NAMES[lexicon.projects] = Names(lexicon.projects)
    return _NAMES[lexicon.projects]


def take_unknown_places(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """A unit (…委, …局) or a district (浦东新区) the corpus does not hold."""
    if cues.unit is None and cues.project is None and (unknown := UNKNOWN_UNIT.search(text)):
        cues = replace(cues, unknown_unit=unknown.group())
    if (district := DISTRICT.search(text)) and not any(
        district.group(1) in held for held in (*lexicon.projects, *lexicon.units)
    ):
        cues = replace(cues, unknown_district=district.group())
    return text, cues


def take_fields(text: str, cues: Cues) -> tuple[str, Cues]:
    """Header fields (项目负责人, 联系电话…) and 项目构成 / 制度保障 rows."""
    fields: list[HeaderField] = []
    for term, named in HEADER_TERMS:
        if term in text:
            fields += [f for f in named if f not in fields]
            text = _cut(text, term)
    rows = next((kind for term, kind in ROW_TERMS if term in text), None)
    if rows is not None:
        text = _cut(text, next(term for term, kind in ROW_TERMS if term in text))
    return text, replace(cues, header_fields=tuple(fields), rows=rows or cues.rows)


def take_category(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """A 项目类别 value (特定目标类) filters the projects; 项目类别 is then no field asked for."""
    for category in lexicon.categories:
        if category in text:
            fields = tuple(f for f in cues.header_fields if f is not HeaderField.CATEGORY)
            return _cut(text, category), replace(cues, category=category, header_fields=fields)
    return text, cues


_MONEY = re.compile(r"钱|费用|金额|元|预算|花|多少")  # not 费 alone: 党费缴纳移动端 asks about functions


def take_named_line(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """软件测评费是多少钱: a 项目构成 line named with a money word is that line's amount, not an indicator."""
    if not _MONEY.search(text):
        return text, cues
    spans = {span for name in lexicon.budget_lines if len(span := _common(text, name)) >= 5 and _CUT not in span}
    spans = {span for span in spans if not any(span in project for project in lexicon.projects)}
    if not spans:
        return text, cues
    span = max(sorted(spans), key=len)
    return _cut(text, span), replace(cues, rows=RowKind.BUDGET_LINES, row_name=span)


def take_row_name(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """A 项目构成 line named by its own words (第三方接口开发, 安全测评费用)."""
    if cues.rows is not RowKind.BUDGET_LINES or cues.row_name:
        return text, cues
    spans = {span for name in lexicon.budget_lines if len(span := _common(text, name)) >= 4 and _CUT not in span}
    if not spans:
        return text, cues
    span = max(sorted(spans), key=len)
    return _cut(text, span), replace(cues, row_name=span)


def masked(full: str, cues: Cues, lexicon: Lexicon) -> str:
    """The question with the names it holds blanked out, so that their words (数量, 项目) are not read as intent."""
    for name in (*(w for w, _ in cues.matched), cues.project, cues.versus, cues.indicator_name, cues.row_name):
        if name:
            full = full.replace(name, "◇")
    return full
