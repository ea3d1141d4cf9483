"""Suggest an indicator table for a brief: rank the bank's templates, cover the framework, pass review.

1. Rank past declarations by similarity to the brief; a template scores by the similarity of the
   projects that used it (the closest counts fully, each further one half as much as the one before).
2. Take as many indicators per 二级 as the closest projects carried (similarity-weighted).
3. Cover every required category (primer §3) with the best candidate of the whole bank if the
   closest projects lacked it.
4. Run the result through the review engine; repair or replace what it would send back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.domain.brief import Brief
from assistant.domain.classify import brief_fields
from assistant.domain.framework import FRAMEWORK, PARENT, Level1, Level2
from assistant.domain.project_types import TemplateIndicator, catalogue
from assistant.review import lexicon
from assistant.review.checks_framework import COST_EXPECTED_FROM
from assistant.review.checks_relevance import ReviewContext
from assistant.suggest.bank import BankEntry, IndicatorBank, Template
from assistant.suggest.brief_rows import background_notes
from assistant.suggest.costs import side_fee_notes
from assistant.suggest.fit import Fit
from assistant.suggest.guard import blocking_findings, repaired
from assistant.suggest.models import (
    CoverageItem,
    Evidence,
    Ground,
    IndicatorSuggestion,
    Naming,
    Origin,
    Precedent,
    SuggestionSet,
    ValueProposal,
)
from assistant.suggest.naming import BriefNames, name_for
from assistant.suggest.odd_figures import odd_figure_notes
from assistant.suggest.pipeline import fill_gaps, framework_rows, own_rows, read_brief
from assistant.suggest.proposals import propose
from assistant.suggest.scope import scope_notes
from assistant.suggest.similarity import Scored, brief_kinds, rank_precedents
from assistant.suggest.templates import BRIEF_SCORE, template_rows
from assistant.suggest.text import grams, specific_grams
from assistant.suggest.years import year_notes

NEIGHBOURS = 3  # closest declarations whose table sizes set the number of indicators per 二级
DECAY = 0.5  # weight of each further declaration that used a template, relative to the one before
PRECEDENTS_SHOWN = 5
# A brief whose closest past declaration is this similar is a kind the corpus knows (the same project's earlier
# forms score 0.36–0.59; briefs of kinds the corpus lacks 0.17–0.34): its precedents fill gaps even when the
# type rules are unsure (no type template is used then).
KNOWN_SIMILARITY = 0.35
CLOSE_PRECEDENT = 0.5  # a template used by projects this similar (score) fits a brief of unsure type
CROSS_TYPE_WEIGHT = 0.3  # score of a precedent no project of the brief's type used
_SCREEN_IGNORE = frozenset({"DUPLICATE", "COST-ARITHMETIC"})  # table-level: judged on the chosen table, not the pool


@dataclass(frozen=True)
class Requirement:
    label: str
    accepted: frozenset[Level2]


def requirements(year: int) -> list[Requirement]:
    """The categories every declaration of ``year`` must carry (primer §3; Shanghai 2025 cost rule)."""
    found = [
        Requirement(f"{PARENT[l2].value}/{l2.value}", frozenset({l2}))
        for l2 in (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS)
    ]
    found.append(Requirement("效益指标（任一二级）", frozenset(FRAMEWORK[Level1.BENEFIT])))
    found.append(
        Requirement(f"{Level1.SATISFACTION.value}/{Level2.SATISFACTION.value}", frozenset({Level2.SATISFACTION}))
    )
    if year >= COST_EXPECTED_FROM:
        found.append(Requirement(f"成本指标（{COST_EXPECTED_FROM}年起）", frozenset(FRAMEWORK[Level1.COST])))
    return found


def default_context(bank: IndicatorBank) -> ReviewContext:
    """The bank's projects, so the review recognises an indicator copied from one of them."""
    return ReviewContext({p.declaration_id: p.project_name for p in bank.profiles})


def suggest(brief: Brief, bank: IndicatorBank, *, context: ReviewContext | None = None) -> SuggestionSet:
    """An evidenced indicator table for ``brief`` from ``bank``; deterministic, no model, milliseconds.

    Read the brief's statements → rows of its own figures and costs → fill what it leaves empty from its
    type's template and fitting precedents → select per 二级 and pass the review (pipeline.py).
    """
    reading = read_brief(brief)
    own = own_rows(reading)
    ranked = rank_precedents(brief, bank)
    sims = {s.profile.declaration_id: s.similarity for s in ranked}
    fit = Fit.of(reading.verdict, bank, BriefNames.of(brief, bank), brief_text(brief))
    fitting = [s for s in ranked if fit.declaration(s.profile)] or ranked
    context = default_context(bank) if context is None else context
    template = template_rows(brief, reading.verdict, lambda spec: _backing(spec, bank, fit, sims, brief))
    known = bool(ranked) and ranked[0].similarity >= KNOWN_SIMILARITY
    precedents = candidates(brief, bank, sims, fit=fit)
    kept, fillers = fill_gaps(reading, own, template, precedents, (lambda _: True) if known else _in_own_words(fit))
    rows = [*kept, *(r for r in fillers if r.origin is not Origin.PRECEDENT or r.score >= BRIEF_SCORE)]
    pool = _screen(brief, sorted([*kept, *fillers], key=lambda c: (-c.score, c.name)), context)
    # counted after the screen: a stated rate the review moved (工单办结率 from 时效 to 质量) is still wanted there
    chosen = _settle(brief, pool, _wanted(fitting, [*rows, *pool]), requirements(brief.year), context)
    chosen = [*chosen, *framework_rows(reading, chosen)]  # a category a later screen emptied (1320起 dropped) is filled
    return SuggestionSet(
        brief_name=brief.name,
        year=brief.year,
        kinds=brief_kinds(brief, bank),
        project_type=reading.verdict if reading.sure else reading.verdict.unsure(),
        precedents=[_precedent(s) for s in fitting[:PRECEDENTS_SHOWN]],
        suggestions=_ordered(chosen),
        coverage=[CoverageItem(requirement=r.label, covered=_covers(chosen, r)) for r in requirements(brief.year)],
        notes=scope_notes(brief)
        + background_notes(brief)
        + year_notes(brief)
        + side_fee_notes(reading.statements)
        + odd_figure_notes(brief),
    )


def _in_own_words(fit: Fit) -> Callable[[IndicatorSuggestion], bool]:
    """For a brief of unsure type: a precedent that names no kind of work the brief never mentions (系统 in an
    archive brief, 宣传内容 in an election), and is either about the brief's own work (a third of its specific
    words are the brief's) or used by close projects (the same project's earlier forms)."""
    markers = {w for spec in catalogue().types.values() for w in spec.markers}

    def fits(row: IndicatorSuggestion) -> bool:
        if row.naming is Naming.FILLED or any(w in row.name and w not in fit.text for w in markers):
            return False  # a name filled with the brief's own name (…专项整治完善率) proves nothing about it
        if row.score >= CLOSE_PRECEDENT:
            return True
        if not specific_grams(row.name):  # 安全事故发生次数, 管理人员满意度, 验收合格率 in a health-check brief
            return _said_in(row.name, fit.text)
        return fit.about_brief(row.name)

    return fits


# What any indicator name may carry without saying what it measures: the framework's measure words.
_MEASURE_WORDS = re.compile(
    r"满意度|满意率|发生次数|发生率|次数|数量|合格率|达标率|完成率|及时率|覆盖率|准确率|时限|率|度|数"
)


def _said_in(name: str, text: str) -> bool:
    """Whether a generic precedent name's subject (its words before the measure) is the brief's own: 安全事故 in a
    brief that speaks of 安全 and 事故, 管理人员 where the brief names them; a bare measure (满意度) always is."""
    subject = _MEASURE_WORDS.sub("", name)
    return set(grams(subject)) <= set(grams(text))


def brief_text(brief: Brief) -> str:
    return "\n".join(brief_fields(brief).values())


def _wanted(fitting: list[Scored], rows: list[IndicatorSuggestion]) -> dict[Level2, int]:
    """Per 二级: as many as the closest fitting precedents carried, and at least the rows the brief's figures fill."""
    wanted = quotas(fitting)
    for level2 in Level2:
        filled = len({r.name for r in rows if r.level2 is level2 and r.score >= BRIEF_SCORE})
        wanted[level2] = max(wanted.get(level2, 0), filled)
    return wanted


def _backing(
    spec: TemplateIndicator, bank: IndicatorBank, fit: Fit, sims: dict[str, float], brief: Brief
) -> tuple[ValueProposal, list[Evidence]] | None:
    """The usual value of fitting precedents whose names end with the template's measure (历史标准)."""
    if spec.measure is None:
        return None
    entries = [e for t in bank.templates for e in t.entries if e.name.endswith(spec.measure) and fit.entry(t, e)]
    value = propose(spec.name, spec.level2, entries, sims, brief) if entries else None
    if value is None:
        return None
    return value, [e for e in _evidence_rows(entries, sims) if e.declaration_id in value.sources]


def candidates(
    brief: Brief, bank: IndicatorBank, sims: dict[str, float], *, fit: Fit | None = None
) -> list[IndicatorSuggestion]:
    """One candidate per template that has a usable value (and, given ``fit``, fitting entries), best score first."""
    names = BriefNames.of(brief, bank)
    templates = bank.templates if fit is None else [t for t in map(fit.template, bank.templates) if t is not None]
    found = []
    for template in templates:
        candidate = _candidate(template, bank.root(template), names, sims, brief)
        if candidate is not None:
            found.append(candidate if fit is None else _weighed(candidate, template, fit))
    return sorted(found, key=lambda c: (-c.score, c.name))


def _weighed(candidate: IndicatorSuggestion, template: Template, fit: Fit) -> IndicatorSuggestion:
    """A precedent used only by projects of other types, or naming objects the brief never mentions
    (到村任职选调生… in a party-work brief about 两新组织), ranks below those that are the brief's own."""
    weight = 1.0 if any(fit.same_type(e) for e in template.entries) else CROSS_TYPE_WEIGHT
    weight *= 1.0 if fit.about_brief(candidate.name) else CROSS_TYPE_WEIGHT
    return candidate if weight == 1.0 else candidate.model_copy(update={"score": round(candidate.score * weight, 4)})


def _candidate(
    template: Template, family: Template, names: BriefNames, sims: dict[str, float], brief: Brief
) -> IndicatorSuggestion | None:
    named = name_for(template, names, sims)
    if named is None:
        return None
    name, naming = named
    level2, notes = template.level2, []
    value = propose(name, level2, template.entries, sims, brief)
    if value is None and name.endswith("及时率"):
        # Precedents wrote 及时 for a rate: the name becomes a quality (及时性) rather than the value a number.
        notes.append(f"先例对“{name}”填写了定性值，名称改为“{name[:-1]}性”")
        name = name[:-1] + "性"
        value = propose(name, level2, template.entries, sims, brief)
    if value is None:
        return None
    return IndicatorSuggestion(
        level1=PARENT[level2],
        level2=level2,
        name=name,
        template=template.label,
        family=family.label,
        naming=naming,
        value=value,
        evidence=_evidence(template, sims),
        score=template_score(template, sims),
        notes=notes,
    )


def template_score(template: Template, sims: dict[str, float]) -> float:
    """Similarity of the projects that used a template: the closest fully, each further one ``DECAY`` times less."""
    ordered = sorted((sims.get(d, 0.0) for d in template.declaration_ids), reverse=True)
    return round(sum(s * DECAY**n for n, s in enumerate(ordered)), 4)


def _evidence(template: Template, sims: dict[str, float]) -> list[Evidence]:
    return _evidence_rows(template.entries, sims)


def _evidence_rows(entries: list[BankEntry], sims: dict[str, float]) -> list[Evidence]:
    rows = [
        Evidence(
            declaration_id=e.declaration_id,
            project_name=e.project_name,
            year=e.year,
            indicator_name=e.name,
            position=e.position,
            value=e.value.raw.strip(),
            similarity=sims.get(e.declaration_id, 0.0),
        )
        for e in entries
    ]
    return sorted(rows, key=lambda r: (-r.similarity, r.declaration_id))


def quotas(ranked: list[Scored]) -> dict[Level2, int]:
    """Indicators per 二级: the similarity-weighted mean count of the closest declarations."""
    top = ranked[:NEIGHBOURS]
    total = sum(s.similarity for s in top) or 1.0
    return {l2: round(sum(s.similarity * s.profile.level2_counts.get(l2, 0) for s in top) / total) for l2 in Level2}


def _screen(brief: Brief, pool: list[IndicatorSuggestion], context: ReviewContext) -> list[IndicatorSuggestion]:
    """Candidates the review engine accepts, repaired where it says how."""
    found = blocking_findings(brief, pool, context)
    kept = (repaired(c, found.get(n, []), ignore=_SCREEN_IGNORE) for n, c in enumerate(pool))
    return [c for c in kept if c is not None]


def _settle(
    brief: Brief,
    pool: list[IndicatorSuggestion],
    wanted: dict[Level2, int],
    needs: list[Requirement],
    context: ReviewContext,
) -> list[IndicatorSuggestion]:
    """Select, review the table once, select again without what it flagged, check once more; no loop.

    Each candidate already passed the review alone (``_screen``); what is left are findings on the table as a
    whole (a duplicate, a unit cost that does not add up): a row the review can repair is repaired, one it
    cannot is replaced by the next candidate of its 二级, and a replacement it still flags is left out."""
    chosen = select(pool, wanted, needs)
    found = blocking_findings(brief, chosen, context)
    if not found:
        return chosen
    for n, findings in found.items():
        pool = _replace(pool, chosen[n], repaired(chosen[n], findings, ignore=frozenset()))
    chosen = select(pool, wanted, needs)
    flagged = blocking_findings(brief, chosen, context)
    return [c for n, c in enumerate(chosen) if n not in flagged]


def _replace(
    pool: list[IndicatorSuggestion], old: IndicatorSuggestion, new: IndicatorSuggestion | None
) -> list[IndicatorSuggestion]:
    """The pool with ``old`` (matched by template and name) replaced by ``new``, or removed when None."""
    same = [c.template == old.template and c.name == old.name for c in pool]
    return [new if hit else c for c, hit in zip(pool, same, strict=True) if not hit or new is not None]  # type: ignore[misc]


def select(
    pool: list[IndicatorSuggestion], wanted: dict[Level2, int], needs: list[Requirement]
) -> list[IndicatorSuggestion]:
    """The best candidates per 二级 up to ``wanted``, then the best of the whole pool for any unmet requirement."""
    chosen: list[IndicatorSuggestion] = []
    for level2 in Level2:
        for candidate in (c for c in pool if c.level2 is level2):
            if sum(1 for c in chosen if c.level2 is level2) >= wanted.get(level2, 0):
                break
            if not _repeats(candidate, chosen):
                chosen.append(candidate)
    for need in needs:
        if not _covers(chosen, need):
            best = next((c for c in pool if c.level2 in need.accepted and not _repeats(c, chosen)), None)
            if best is not None:
                chosen.append(best.model_copy(update={"for_coverage": True}))
    return chosen


def _repeats(candidate: IndicatorSuggestion, chosen: list[IndicatorSuggestion]) -> bool:
    """Same name, same measure (…及时性 / …及时率), a second name filled into the same family, or, next to a
    template row, a name containing the other or ending with the same rate in the same 二级 (培训人次 /
    党员培训人次; 参训人员满意度 / 培训学员满意度)."""
    key = lexicon.measure_key(candidate.name)
    filled = candidate.naming is Naming.FILLED
    return any(
        c.name == candidate.name
        or lexicon.measure_key(c.name) == key
        or (filled and c.naming is Naming.FILLED and c.family == candidate.family)
        or _same_brief_figure(c, candidate)
        or _same_zero(c, candidate)
        or (
            _templated(c, candidate)
            and c.level2 is candidate.level2
            and (c.name in candidate.name or candidate.name in c.name or _same_rate(c.name, candidate.name))
        )
        for c in chosen
    )


_QUOTED = re.compile(r"“([^”]+)”")


def _same_brief_figure(a: IndicatorSuggestion, b: IndicatorSuggestion) -> bool:
    """Two rows holding one counted figure the brief states once (培训期数 and 全年培训班次, both ≥8(期) from
    “全年举办…培训班8期”): one stated figure is one row."""
    if a.value.ground is not Ground.PLAN or b.value.ground is not Ground.PLAN:
        return False
    if a.value.unit in {None, "%"} or b.value.unit is None or a.value.number != b.value.number:
        return False
    if a.value.unit.split("/")[0] != b.value.unit.split("/")[0]:
        return False  # 1(次/处) and a precedent's 1(次) from one clause are one figure
    qa, qb = _QUOTED.search(a.value.basis), _QUOTED.search(b.value.basis)
    return qa is not None and qb is not None and (qa[1] in qb[1] or qb[1] in qa[1])


def _same_zero(a: IndicatorSuggestion, b: IndicatorSuggestion) -> bool:
    """Two targets of zero on one harm (施工安全事故发生次数 =0(起) of the brief, a precedent's 安全事故发生次数 =0(次))."""
    zero = all(r.value.number == 0 and r.value.value.startswith("=") for r in (a, b))
    return zero and (a.name.endswith(b.name) or b.name.endswith(a.name))


def _same_rate(a: str, b: str) -> bool:
    """Both end with a rate of one group (参训人员满意度 / 培训学员满意度; 考核合格率 / 考核通过率)."""
    group = catalogue().rate_group(a)
    return group is not None and group is catalogue().rate_group(b)


def _templated(a: IndicatorSuggestion, b: IndicatorSuggestion) -> bool:
    return Naming.TEMPLATE in {a.naming, b.naming}


def _covers(chosen: list[IndicatorSuggestion], need: Requirement) -> bool:
    return any(c.level2 in need.accepted for c in chosen)


def _ordered(chosen: list[IndicatorSuggestion]) -> list[IndicatorSuggestion]:
    order = {l2: n for n, l2 in enumerate(l2 for children in FRAMEWORK.values() for l2 in children)}
    return sorted(chosen, key=lambda c: (order[c.level2], -c.score, c.name))


def _precedent(scored: Scored) -> Precedent:
    p = scored.profile
    return Precedent(
        declaration_id=p.declaration_id,
        project_name=p.project_name,
        year=p.year,
        similarity=scored.similarity,
        kinds=list(p.kinds),
    )
