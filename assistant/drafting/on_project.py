"""Keeping a model-written section on this project: sentences about another domain removed or sent back, a
target written as something to avoid, a goal that repeats the brief's work plan, and a 必要性 copied from a
precedent or restating the work plan (replaced by the rules' text). Code only, no model call: what is sent back
goes into the next attempt's repair prompt (`sections.write_with_model`)."""

from __future__ import annotations

from assistant.domain.model import SectionKind
from assistant.domain.refs import BRIEF_REF
from assistant.domain.text import sentence_pieces
from assistant.drafting.context import DraftContext
from assistant.drafting.goals import compose_goal, repeats_brief
from assistant.drafting.grounding import GroundingResult, borrowed_runs, brief_text
from assistant.drafting.models import GroundingNote, NoteKind
from assistant.drafting.necessity import necessity_by_rules, pastes_work_plan
from assistant.drafting.offtopic import Domain, drop_foreign, negated_targets, without_sentences

GOALS = (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL)


def stay_on_project(
    kind: SectionKind, grounded: GroundingResult, ctx: DraftContext, domain: Domain, *, last: bool
) -> list[GroundingNote]:
    """Remove sentences about another domain (reported); send back a negated target and a goal that
    repeats the brief, and on the last try remove the one and compose the other from the indicator rows.

    ``grounded`` (the model's text after the claim and grounding checks) is changed in place: its ``text``,
    ``problems`` (what to send back; empty when ``last``), ``ungrounded_figures`` and ``rules_citations`` (set when
    the rules' text replaced the model's). Returns the notes to show on the section."""
    notes: list[GroundingNote] = []
    off = drop_foreign(grounded.text, domain, ctx)  # the text left by the claim check: nothing reported twice
    kept_all = bool(off.removed) and off.text == grounded.text
    if kept_all:  # every sentence was about another domain: ask again
        words = "、".join(dict.fromkeys(w for w, _ in off.removed))
        grounded.problems.append(f"写了与本项目无关的其他领域的内容（{words}），只写本项目简报说到的事")
    else:
        grounded.text = off.text
    notes += [
        GroundingNote(
            kind=NoteKind.FOREIGN_DOMAIN,
            section=kind,
            fragment=sentence,
            message=f"“{kind.label}”中“{words}”属于其他项目或与本项目主题不符的政策，"
            f"{'请删除或改写' if kept_all else '已删除所在的句子'}",
        )
        for words, sentence in off.removed
    ]
    if kind is SectionKind.NECESSITY:
        notes += _own_reasons(grounded, ctx)
    content = ctx.prompt_brief.content
    negated = negated_targets(grounded.text, content)
    if negated and last:
        grounded.text = without_sentences(grounded.text, [s for _, s in negated]) or grounded.text
        notes += [
            GroundingNote(
                kind=NoteKind.NEGATED_TARGET,
                section=kind,
                fragment=sentence,
                message=f"“{kind.label}”把目标“{target}”写成了要避免的情况，已删除该句，请核对",
            )
            for target, sentence in negated
        ]
    elif negated:
        grounded.problems += [
            f"“{sentence}”把简报的目标“{target}”说反了：{target}是要达到的目标，不是要避免的情况"
            for target, sentence in negated
        ]
    if kind in GOALS and repeats_brief(grounded.text, ctx.prompt_brief):
        if not last:
            grounded.problems.append(
                "照抄了简报的主要内容：目标要写项目完成后达到的产出（用简报中的数字）和对服务对象的效果，不要复述工作安排"
            )
        elif composed := compose_goal(ctx.prompt_brief, ctx.suggestions, annual=kind is SectionKind.GOAL_ANNUAL):
            grounded.text, grounded.problems = composed, []
            grounded.ungrounded_figures, grounded.rules_citations = [], [BRIEF_REF]  # the rules wrote it, not the model
            notes.append(
                GroundingNote(
                    kind=NoteKind.GOAL_REWRITTEN,
                    section=kind,
                    message=f"模型写的“{kind.label}”大部分照抄简报的主要内容，已按指标表的产出和效果改写，请核对",
                )
            )
        else:
            notes.append(
                GroundingNote(
                    kind=NoteKind.GOAL_REWRITTEN,
                    section=kind,
                    message=f"“{kind.label}”大部分照抄简报的主要内容，请改写为项目要达到的产出和效果",
                )
            )
    return notes


def _own_reasons(grounded: GroundingResult, ctx: DraftContext) -> list[GroundingNote]:
    """必要性 is this project's reasons: sentences copied from a precedent (another project's reasons) are removed;
    a text that then restates the brief's work plan, or is left empty, is replaced by the rules' text from the
    brief's own reasons and the fitting policies (`necessity_by_rules`). Both are reported; nothing is sent back, so
    this costs no model time. Seen on the embedded model: 4 of 10 test briefs restated the work plan, one copied a
    precedent's 党建信息化 reasons into a neighbourhood-centre draft."""
    brief, kind = ctx.prompt_brief, SectionKind.NECESSITY
    own = brief_text(brief)
    copied = [
        s.strip()
        for s in sentence_pieces(grounded.text)
        if s.strip() and any(borrowed_runs(s, item.text, own) for item in ctx.materials)
    ]
    notes = [
        GroundingNote(
            kind=NoteKind.FOREIGN_DOMAIN,
            section=kind,
            fragment=sentence,
            message="“项目设立的必要性”中这句与先例的原文相同，是其他项目的理由，已删除所在的句子",
        )
        for sentence in copied
    ]
    rest = without_sentences(grounded.text, copied) if copied else grounded.text
    if rest and not pastes_work_plan(rest, brief):
        grounded.text = rest
        return notes
    grounded.text, grounded.rules_citations = necessity_by_rules(ctx)
    grounded.problems, grounded.ungrounded_figures = [], []
    why = "照抄了先例" if not rest else "复述了简报的工作安排（做什么），没有写为什么要做"
    notes.append(
        GroundingNote(
            kind=NoteKind.NECESSITY_REWRITTEN,
            section=kind,
            message=f"模型写的“项目设立的必要性”{why}，已按简报中的现状、问题、上级要求和服务对象的需要改写，请核对",
        )
    )
    return notes
