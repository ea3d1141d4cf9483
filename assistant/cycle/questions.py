"""Questions over a person's self-evaluations, answered exactly from the forms with citations (a small, rule-based
reader for the two questions officers ask most; the general Q&A lives in `assistant.qa`).

Supported: which indicators were not met and why (“去年哪些指标没有完成？原因是什么？”), and the average score
(“自评平均得分多少？”). The years a question names narrow the forms, read as the general Q&A reads them
(`assistant.qa.years`: 2023年, 23年, 二〇二三年, and 今年/去年/前年/明年 counted from today, not from any form's
year). Each fact cites ``[项目名称 · 年度 · 自评表第N号 第R行]``. Anything else is answered with what can be asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assistant.cycle.numbers import quantize
from assistant.cycle.scoring import score_evaluation
from assistant.domain.cycle import SelfEvaluation
from assistant.qa.cues import Cues
from assistant.qa.lexicon import Lexicon
from assistant.qa.reading import take_unknown_places
from assistant.qa.unit_names import take_unit
from assistant.qa.years import digit_years, take_years

_UNMET = re.compile(r"没有完成|未完成|没完成|未达到|没有达到|未达标|偏差")
_AVERAGE = re.compile(r"平均|均分")
HELP = "目前可以回答：哪些指标没有完成及原因（如“去年哪些指标没有完成？原因是什么？”）、自评平均得分（如“自评平均得分多少？”）。"


@dataclass(frozen=True)
class CycleAnswer:
    text: str
    citations: list[str]
    understood: bool = True


def _cite(form_id: int, ev: SelfEvaluation, row: int | None = None) -> str:
    where = f" 第{row}行" if row is not None else ""
    return f"[{ev.project_name} · {ev.year or '年度未填'} · 自评表第{form_id}号{where}]"


def years_of(question: str, today: date) -> Cues:
    """The years ``question`` names (``years``; 去年 etc. counted from ``today``, said in ``relative_year`` and
    ``relative_to``) and digits before 年 that no budget year can be (``odd_years``), as `assistant.qa` reads them."""
    text = digit_years("".join(question.split()))
    return take_years(text, Cues(), today)[1]


def _held(forms: list[tuple[int, SelfEvaluation]]) -> str:
    years = sorted({ev.year for _, ev in forms if ev.year is not None})
    if not years:
        return "现有自评表都没有填写年度。"
    return f"现有自评表的年度：{'、'.join(f'{y}年' for y in years)}。"


def _units(ev: SelfEvaluation) -> list[str]:
    return [u for u in (ev.department, ev.implementer) if u]


@dataclass(frozen=True)
class Place:
    """The unit or district a question names: ``unit`` a unit some form holds; ``missing`` one none holds (as
    written, e.g. 市教委, 浦东新区); both None: the question names no place."""

    unit: str | None = None
    missing: str | None = None


def place_of(question: str, forms: list[tuple[int, SelfEvaluation]]) -> Place:
    """The unit or district ``question`` names, read as the general Q&A reads units (`assistant.qa.reading`: full
    names, short forms such as 市教委, the level written before them, …委/…局 and Shanghai's districts), against the
    units and project names of ``forms``."""
    text = take_years(digit_years("".join(question.split())), Cues(), date(2000, 1, 1))[0]
    evs = [ev for _, ev in forms]
    units = tuple(dict.fromkeys(u for ev in evs for u in _units(ev)))
    projects = tuple(dict.fromkeys(ev.project_name for ev in evs if ev.project_name))
    lexicon = Lexicon(projects=projects, units=units, years=(), policies=())
    rest, cues = take_unit(text, Cues(), lexicon)
    if cues.unknown_unit is not None:
        return Place(missing=cues.unknown_unit)
    if cues.unit is not None:
        return Place(unit=cues.unit) if cues.unit in units else Place(missing=cues.unit)
    if any(name in text for name in projects):
        return Place()
    found = take_unknown_places(rest, cues, lexicon)[1]
    if found.unknown_district is not None:
        return Place(missing=found.unknown_district)
    if found.unknown_unit is not None and found.unit_level is None:
        return Place(missing=found.unknown_unit)
    return Place()


def _absent(place: str, forms: list[tuple[int, SelfEvaluation]]) -> CycleAnswer:
    units = list(dict.fromkeys(u for _, ev in forms for u in _units(ev)))
    held = f"现有自评表的单位：{'、'.join(units)}。" if units else "现有自评表都没有填写单位。"
    return CycleAnswer(f"没有“{place}”的自评表，无法回答。{held}", [])


def answer(question: str, forms: list[tuple[int, SelfEvaluation]], years: Cues) -> CycleAnswer:
    """``forms``: (form id, self-evaluation) pairs of one person, newest first; ``years``: the question's years
    (`years_of`). A year the question names narrows the forms; none: all of them. A unit the question names
    narrows them to that unit's forms; a unit or district no form holds is answered 没有… (`place_of`)."""
    if not (_UNMET.search(question) or _AVERAGE.search(question)):
        return CycleAnswer(HELP, [], understood=False)
    place = place_of(question, forms)
    if place.missing is not None:
        return _absent(place.missing, forms)
    if place.unit is not None:
        forms = [(i, ev) for i, ev in forms if place.unit in _units(ev)]
    if years.odd_years:
        written = "、".join(years.odd_years)
        return CycleAnswer(f"问题中的“{written}”不是预算年度，没有这样的自评表。{_held(forms)}", [])
    chosen = [(i, ev) for i, ev in forms if ev.year in years.years] if years.years else forms
    scope = "、".join(f"{y}年" for y in years.years) if years.years else "全部自评表"
    if not chosen:
        return CycleAnswer(f"没有找到{scope}的自评表。{_held(forms)}", [])
    if _UNMET.search(question):
        return _unmet(chosen, scope)
    return _average(chosen, scope)


def _unmet(forms: list[tuple[int, SelfEvaluation]], scope: str) -> CycleAnswer:
    lines, cites = [], []
    for form_id, ev in forms:
        card = score_evaluation(ev)
        for s, row in zip(card.rows, ev.rows, strict=True):
            if s.score is None or s.weight is None or s.score >= s.weight:
                continue
            cite = _cite(form_id, ev, s.index + 1)
            reason = (row.deviation or "").strip() or "（未填写偏差原因）"
            lines.append(
                f"- {row.link.name}：目标 {row.target}，实际 {row.actual}，得分 {s.score}/{s.weight}；原因：{reason} {cite}"
            )
            cites.append(cite)
    if not lines:
        return CycleAnswer(f"{scope}中已计分的指标都已完成（得满分）。", [_cite(i, ev) for i, ev in forms])
    return CycleAnswer(f"{scope}中未完成（未得满分）的指标 {len(lines)} 项：\n" + "\n".join(lines), cites)


def _average(forms: list[tuple[int, SelfEvaluation]], scope: str) -> CycleAnswer:
    totals = [(form_id, ev, score_evaluation(ev).total) for form_id, ev in forms]
    scored = [(i, ev, t) for i, ev, t in totals if t is not None]
    pending = [(i, ev) for i, ev, t in totals if t is None]
    if not scored:
        return CycleAnswer(f"{scope}的自评表都还没有填完，无法计算平均得分。", [_cite(i, ev) for i, ev in pending])
    mean = quantize(sum((t for _, _, t in scored), Decimal(0)) / len(scored))
    parts = "；".join(f"{ev.project_name} {t} 分 {_cite(i, ev)}" for i, ev, t in scored)
    note = f"（另有 {len(pending)} 份未填完，未计入）" if pending else ""
    text = f"{scope}已填完的 {len(scored)} 份自评表平均得分 {mean} 分{note}：{parts}"
    return CycleAnswer(text, [_cite(i, ev) for i, ev, _ in scored])
