"""A declaration read from a file (last year's form, a colleague's Word or Excel copy) as the start of a new draft.

Everything the file says is carried over as written: header and funding into the brief, each text section,
立项依据 (titles resolved against the policy library where they can be, otherwise kept as the person's own),
and each indicator row with its value (取值依据 历史标准, the row it came from named). Nothing is invented, and
nothing is dropped silently: what cannot be carried (a row outside the current framework, a budget line with
no amount, last year's dates in a new year) is a Chinese note of the draft.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from assistant.domain.brief import Brief, BriefFunding, CompositionLine, describe_brief_error
from assistant.domain.model import Declaration, Indicator, SectionKind
from assistant.domain.policy import PolicyReference, find_policy
from assistant.drafting.models import (
    BasisEntry,
    Draft,
    DraftIndicator,
    DraftSafeguard,
    DraftSection,
    GroundingNote,
    NoteKind,
)
from assistant.errors import InputError
from assistant.suggest.models import Ground, ValueProposal

UPLOADED = "上传的申报表"  # ``model`` of the draft and ``generated_by`` of its sections (shown as 起草方式)
EDITED_SECTIONS = (SectionKind.OVERVIEW, SectionKind.NECESSITY, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL)
_TITLE = re.compile(r"《([^《》]{2,80})》")


@dataclass(frozen=True)
class Carried:
    """The new draft (not yet reviewed) and what carrying it over noted, in Chinese."""

    draft: Draft
    notes: list[str]


def draft_from_declaration(
    decl: Declaration, *, source: str, year: int | None, policies: Sequence[PolicyReference]
) -> Carried:
    """``decl`` (read from the file ``source``) as a draft for budget year ``year`` (default: the year it states)."""
    notes: list[str] = []
    brief = _brief(decl, year, notes)
    sections = _sections(decl, notes)
    basis = _basis(decl.section_text(SectionKind.BASIS) or "", policies, notes)
    indicators = [row for ind in decl.indicators if (row := _indicator(ind, source, notes)) is not None]
    draft = Draft(
        brief=brief,
        provider="none",
        model=UPLOADED,
        sections=sections,
        basis=basis,
        indicators=indicators,
        safeguards=[
            DraftSafeguard(category=r.category, document=r.document, measures=r.measures) for r in decl.safeguards
        ],
        notes=[GroundingNote(kind=NoteKind.FROM_FILE, message=n) for n in notes],
    )
    return Carried(draft=draft, notes=notes)


def _brief(decl: Declaration, year: int | None, notes: list[str]) -> Brief:
    h = decl.header
    new_year = h.year if year is None else year
    if new_year is None:
        raise InputError(f"上传的申报表“{h.name}”没有写年度", hint="请填写新草稿的年度后再开始")
    moved = h.year is not None and new_year != h.year
    if moved:
        notes.append(f"新草稿为 {new_year} 年度；资金金额沿用上传的 {h.year} 年申报表，请按本年度核对")
        if h.start_date or h.end_date:
            notes.append(
                f"上传的申报表的起止日期（{h.start_date or '—'} 至 {h.end_date or '—'}）属于 {h.year} 年，未沿用，请填写本年度的日期"
            )
    if h.period:
        notes.append(f"上传的申报表写明项目期 {h.period}（没有起止日期），简报没有该栏目：请填写本年度的开始、结束日期")
    data = {
        "name": h.name,
        "year": new_year,
        "department": h.department or h.applicant,
        "implementer": h.implementer,
        "nature": h.nature,
        "category": h.category,
        "fund_use": _first_ticked(decl),
        "funding": _funding(decl),
        "start_date": None if moved else h.start_date,
        "end_date": None if moved else h.end_date,
        "content": decl.section_text(SectionKind.OVERVIEW) or "",
        "composition": _composition(decl, notes),
        "policies": _TITLE.findall(decl.section_text(SectionKind.BASIS) or ""),
    }
    try:
        return Brief.model_validate(data)
    except ValidationError as exc:
        raise InputError(
            f"上传的申报表的表头或资金无法作为简报：{describe_brief_error(exc)}", hint="请在原文件中改正该项后重新上传"
        ) from exc


def _first_ticked(decl: Declaration) -> str | None:
    use = decl.header.fund_use
    return use.selected[0] if use and use.selected else None


def _funding(decl: Declaration) -> BriefFunding:
    money = decl.funding
    return BriefFunding(
        total=money.total,
        fiscal=money.fiscal_total or money.fiscal_annual,
        other=money.other_total or money.other_annual,
        annual=money.annual,
        carryover=money.carryover,
    )


def _composition(decl: Declaration, notes: list[str]) -> list[CompositionLine]:
    lines = []
    for line in decl.budget_lines:
        if line.amount is None or not line.name.strip():
            notes.append(
                f"项目构成第 {line.line} 行“{line.name or line.content or ''}”没有名称或金额，未放入简报的项目构成，请人工补充"
            )
            continue
        lines.append(CompositionLine(名称=line.name, 内容=line.content or line.detail, 金额=line.amount))
    return lines


def _sections(decl: Declaration, notes: list[str]) -> list[DraftSection]:
    """The four edited sections always (blank where the file has none, with a note), then every other section
    the file fills, 立项依据 apart (it becomes the basis list)."""
    sections = []
    for kind in EDITED_SECTIONS:
        text = decl.section_text(kind) or ""
        if not text.strip():
            notes.append(f"上传的申报表没有填写“{kind.label}”，请补写或用“重新生成”起草")
        sections.append(DraftSection(kind=kind, text=text, generated_by=UPLOADED))
    others = [
        s for s in decl.sections if s.kind not in EDITED_SECTIONS and s.kind is not SectionKind.BASIS and s.text.strip()
    ]
    seen = set(EDITED_SECTIONS)
    for section in others:
        if section.kind not in seen:
            seen.add(section.kind)
            sections.append(DraftSection(kind=section.kind, text=section.text, generated_by=UPLOADED))
    return sections


def _basis(text: str, policies: Sequence[PolicyReference], notes: list[str]) -> list[BasisEntry]:
    titles = list(dict.fromkeys(_TITLE.findall(text)))
    if text.strip() and not titles:
        notes.append(f"立项依据中没有《》标出的文件名，原文未放入立项依据列表，请人工填写：{text.strip()[:120]}")
    entries = []
    for title in titles:
        found = find_policy(policies, title)
        if found is not None:
            entries.append(BasisEntry(title=found.title, doc_number=found.doc_number, policy_id=found.id))
        else:
            entries.append(BasisEntry(title=title, user_supplied=True))
    return entries


def _indicator(ind: Indicator, source: str, notes: list[str]) -> DraftIndicator | None:
    if ind.level1 is None or ind.level2 is None:
        written = "/".join(w for w in (ind.level1_written, ind.level2_written) if w) or "未写明"
        notes.append(
            f"指标第 {ind.position} 行“{ind.name}”（{written}）不在现行指标框架中，未放入指标表："
            f"请确定一级、二级指标后用“新增为一行”加入（原值：{ind.value.raw or '空白'}）"
        )
        return None
    v = ind.value
    value = ValueProposal(
        value=v.render(),
        kind=v.kind,
        operator=v.operator,
        number=v.number,
        unit=v.unit,
        ground=Ground.HISTORY,
        basis=f"沿用上传的申报表（{source}）指标第 {ind.position} 行的指标值",
    )
    return DraftIndicator(level1=ind.level1, level2=ind.level2, name=ind.name, value=value)
