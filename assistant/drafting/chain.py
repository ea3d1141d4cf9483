"""The drafting chain as LangChain runnables: retrieve → sections → basis → indicators → review."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from langchain_core.runnables import RunnableLambda, RunnableSerializable

from assistant.domain.brief import Brief
from assistant.domain.model import SectionKind
from assistant.domain.policy import find_policy, policies_cited_in, policy_label
from assistant.domain.refs import BRIEF_REF, policy_id
from assistant.drafting.as_declaration import reviewed
from assistant.drafting.budget import DRAFT_SECONDS, MIN_SECONDS, SECTION_SECONDS
from assistant.drafting.context import DraftContext, basis_entry, find_written
from assistant.drafting.goals import compose_goal
from assistant.drafting.models import (
    RULES_MODEL,
    BasisEntry,
    Draft,
    DraftIndicator,
    DraftSection,
    GroundingNote,
    NoteKind,
    SectionUsage,
)
from assistant.drafting.necessity import (
    brief_reasons,
    necessity_by_rules,
    no_reasons_note,
    rules_overview,
)
from assistant.drafting.relevance import split_reference
from assistant.drafting.sections import DRAFTED, Complete, SectionFailed, write_with_model
from assistant.drafting.table import draft_indicators
from assistant.errors import ModelError
from assistant.llm.faults import ReplyRejected
from assistant.llm.queue import waiting_text
from assistant.review.checks_relevance import ReviewContext
from assistant.suggest.model_step import Ask, improve

BASIS_LIMIT = 5


@dataclass(frozen=True)
class DraftEvent:
    kind: str  # started / finished / retry / step / ready (the rule-made parts, as text) / delta (the model's text)
    section: str
    message: str
    elapsed_s: float

    @property
    def label(self) -> str:
        """The step's Chinese name in a progress line (开始, 完成, 重试 …); an unknown kind as it is."""
        return _EVENT_TEXT.get(self.kind, self.kind)


_EVENT_TEXT = {
    "started": "开始",
    "finished": "完成",
    "retry": "重试",
    "step": "检索",
    "ready": "已生成",
    "queued": "排队",
}


@dataclass
class Writer:
    """How sections get written: a model behind ``complete``, or rules when it is None."""

    complete: Complete | None
    model: str
    provider: str
    retries: int
    on_event: Callable[[DraftEvent], None]
    started: float = field(default_factory=time.perf_counter)
    down: str | None = None  # why the endpoint failed (a fault of the endpoint, not of one reply): rules from then on
    seconds: float | None = DRAFT_SECONDS  # the whole draft's time budget; None: each section's own only
    section_seconds: float = SECTION_SECONDS  # one section's, its retries included
    ask: Ask | None = None  # one plain model call for the indicator table's model step (None: rules only)
    waited_s: float = 0.0  # time spent in the model's queue: added to the draft's budget
    wait_began: float | None = None
    current: str = ""  # the section being written (the label of the last "started" event)

    @property
    def deadline(self) -> float | None:
        return None if self.seconds is None else self.started + self.seconds + self.waited_s

    def queued(self, ahead: int) -> None:
        """The model's queue: ``ahead`` requests before this one (0: its turn came), shown as a "queued" event."""
        now = time.perf_counter()
        if ahead:
            self.wait_began = now if self.wait_began is None else self.wait_began
            self.emit("queued", self.current, waiting_text(ahead))
        elif self.wait_began is not None:
            self.waited_s, self.wait_began = self.waited_s + now - self.wait_began, None
            self.emit("queued", self.current, "轮到本请求，开始生成")

    def emit(self, kind: str, section: SectionKind | str, message: str = "") -> None:
        label = section.label if isinstance(section, SectionKind) else section
        if kind == "started":
            self.current = label
        self.on_event(
            DraftEvent(
                kind=kind, section=label, message=message, elapsed_s=round(time.perf_counter() - self.started, 2)
            )
        )


@dataclass
class State:
    ctx: DraftContext
    sections: list[DraftSection] = field(default_factory=list)
    basis: list[BasisEntry] = field(default_factory=list)
    indicators: list[DraftIndicator] = field(default_factory=list)
    notes: list[GroundingNote] = field(default_factory=list)
    usage: list[SectionUsage] = field(default_factory=list)


def drafting_chain(writer: Writer, review_context: ReviewContext) -> RunnableSerializable[DraftContext, Draft]:
    return (
        RunnableLambda(State)
        | RunnableLambda(lambda s: _basis(s, writer))
        | RunnableLambda(_indicators)
        | RunnableLambda(lambda s: _show_rule_parts(s, writer))
        | RunnableLambda(lambda s: _sections(s, writer))
        | RunnableLambda(lambda s: _model_indicators(s, writer, review_context))
        | RunnableLambda(lambda s: _assemble(s, writer, review_context))
    )


def _sections(state: State, writer: Writer) -> State:
    for kind in DRAFTED:
        if (
            kind is SectionKind.GOAL_ANNUAL
            and (total := _model_total(state))
            and within_budget_year(state.ctx.prompt_brief)
        ):
            state.sections.append(_annual_as_total(total, state, writer))
        else:
            state.sections.append(_first_draft_section(state, kind, writer))
    state.notes.extend(state.ctx.notes)
    necessity = next((s for s in state.sections if s.kind is SectionKind.NECESSITY), None)
    if necessity is not None and not brief_reasons(state.ctx.prompt_brief):
        state.notes.append(no_reasons_note(necessity.generated_by == RULES_MODEL))
    if state.ctx.prompt_brief.plan:  # 实施计划 only where the brief gives one: its steps, as written
        text = "\n".join(f"{step.period}：{step.work}" for step in state.ctx.prompt_brief.plan)
        state.sections.append(
            DraftSection(kind=SectionKind.PLAN, text=text, citations=[BRIEF_REF], generated_by=RULES_MODEL)
        )
    return state


def _first_draft_section(state: State, kind: SectionKind, writer: Writer) -> DraftSection:
    """A section of a new draft: when the model never gives a usable one in time, the rules text stands in
    (with a note), so a draft is never lost for one section; a rewrite on request raises instead. With less
    than ``MIN_SECONDS`` of the draft's budget left the model is not asked.

    Whatever the model does wrong (refused connection, 429/5xx after retries, a hang, a cut stream, an unreadable
    body, garbage, an endless reply) the sections already written are kept; after a fault of the endpoint itself
    (not of one reply) the later sections are written by rules without calling it again, so the whole draft stays
    within one call's time budget. Each rules section says why and how to retry it (`failed_sections`)."""
    if writer.down is not None:
        return _rules_instead(state, kind, writer, f"模型不可用（{writer.down}）")
    deadline = writer.deadline
    if writer.complete is not None and deadline is not None and deadline - time.perf_counter() < MIN_SECONDS:
        writer.emit("started", kind)
        state.notes.append(
            GroundingNote(
                kind=NoteKind.RULES_ONLY,
                section=kind,
                message=f"起草已用完 {writer.seconds:.0f} 秒的时间预算，“{kind.label}”按简报内容用规则起草，请人工修改或稍后重新生成",
            )
        )
        writer.emit("finished", kind, "按规则起草（时间预算已用完）")
        return rules_section(state.ctx, kind)
    try:
        return write_section(state.ctx, kind, writer, state.notes, state.usage)
    except SectionFailed as failed:
        state.usage.append(failed.usage)
        return _rules_instead(state, kind, writer, failed.message)
    except ModelError as fault:
        if not isinstance(fault, ReplyRejected):
            writer.down = fault.message
        return _rules_instead(state, kind, writer, f"模型出错：{fault.message}")


RETRY_HINT = (
    "可在网页上点“重试失败的部分”一并重试（或对该部分点“重新生成”），"
    "或用 assistant draft --id 草稿编号 --retry-failed 一并重试、--section {section} 单独重试"
)


def _rules_instead(state: State, kind: SectionKind, writer: Writer, why: str) -> DraftSection:
    state.notes.append(
        GroundingNote(
            kind=NoteKind.RULES_ONLY,
            section=kind,
            message=f"{why}，已按简报内容用规则起草，请人工修改或稍后重新生成；"
            + RETRY_HINT.format(section=kind.label),
        )
    )
    writer.emit("finished", kind, "按规则起草")
    return rules_section(state.ctx, kind)


def failed_sections(draft: Draft) -> list[SectionKind]:
    """The sections of a model-written draft that rules wrote instead (a fault or no usable reply): to retry."""
    noted = {n.section for n in draft.notes if n.kind is NoteKind.RULES_ONLY and n.section is not None}
    return [s.kind for s in draft.sections if s.kind in noted and s.generated_by == RULES_MODEL]


def within_budget_year(brief: Brief) -> bool:
    """Whether the brief's own dates put the whole project inside its budget year (an end date is needed:
    without one the project's span is unknown)."""
    start = brief.start_date or date(brief.year, 1, 1)
    return brief.end_date is not None and start.year == brief.end_date.year == brief.year


def _model_total(state: State) -> DraftSection | None:
    """The 项目总目标 just drafted, where a model wrote it (a rules text is no better than its own annual one)."""
    return next((s for s in state.sections if s.kind is SectionKind.GOAL_TOTAL and s.generated_by != RULES_MODEL), None)


def _annual_as_total(total: DraftSection, state: State, writer: Writer) -> DraftSection:
    """年度绩效目标 of a project that lies inside one budget year: the 项目总目标 already covers that year, so
    it is taken over as written (as the six 2023 seed declarations write it), with a note; no model call."""
    writer.emit("started", SectionKind.GOAL_ANNUAL)
    b = state.ctx.prompt_brief
    state.notes.append(
        GroundingNote(
            kind=NoteKind.SAME_AS_TOTAL,
            section=SectionKind.GOAL_ANNUAL,
            message=(
                f"项目实施期（{b.start_date or date(b.year, 1, 1)} 至 {b.end_date}）在 {b.year} 预算年度之内，年度绩效目标照录项目总目标；"
                "如需单列年度目标，请修改或重新生成本节"
            ),
        )
    )
    writer.emit("finished", SectionKind.GOAL_ANNUAL, f"{len(total.text)} 字（照录项目总目标）")
    return total.model_copy(update={"kind": SectionKind.GOAL_ANNUAL})


def write_section(
    ctx: DraftContext,
    kind: SectionKind,
    writer: Writer,
    notes: list[GroundingNote],
    usage: list[SectionUsage],
    *,
    instruction: str = "",
    previous: str = "",
) -> DraftSection:
    writer.emit("started", kind)
    if writer.complete is None:
        section = rules_section(ctx, kind)
        notes.append(
            GroundingNote(
                kind=NoteKind.RULES_ONLY,
                section=kind,
                message=f"“{kind.label}”未使用语言模型，由简报内容按规则生成，请人工润色",
            )
        )
    else:
        written = write_with_model(
            ctx,
            kind,
            writer.complete,
            model=writer.model,
            retries=writer.retries,
            emit=lambda k, s, m: writer.emit(k, s, m),
            instruction=instruction,
            previous=previous,
            deadline=writer.deadline,
            section_seconds=writer.section_seconds,
        )
        section = written.section
        notes.extend(written.notes)
        usage.append(written.usage)
    writer.emit("finished", kind, f"{len(section.text)} 字")
    return section


# -- 立项依据: chosen by code, no model call -----------------------------------------------------------


def _basis(state: State, writer: Writer) -> State:
    """The user's own policies (named in the brief's 政策依据 or its words), then library policies whose
    subject is the project's (`context._policy_candidates` chose them). When there is none, 立项依据 stays
    empty and the note asks for the basis: the nearest policies of another subject are never filled in."""
    ctx = state.ctx
    writer.emit("started", "立项依据")
    labels = ctx.policy_by_label()
    found = [_resolve_basis(label, labels, ctx, state.notes) for label in relevant_policies(ctx)[:BASIS_LIMIT]]
    state.basis = _users_first([*state.basis, *(b for b in found if b is not None), *ctx.user_basis], ctx)
    if not state.basis:
        state.notes.append(
            GroundingNote(
                kind=NoteKind.NO_BASIS,
                section=SectionKind.BASIS,
                message=(
                    "政策库中没有与本项目主题相符的政策文件，立项依据未填写：请写明本项目依据的法律法规、"
                    "上级文件或批示（名称和文号），可在简报“政策依据”中列出后重新起草"
                ),
            )
        )
    writer.emit("finished", "立项依据", f"{len(state.basis)} 项" if state.basis else "未找到相符的政策，请补充")
    return state


def _users_first(basis: list[BasisEntry], ctx: DraftContext) -> list[BasisEntry]:
    """The policies of the brief's 政策依据 first, in the order it lists them (found in the library or not),
    then the others as chosen."""
    order: dict[str, int] = {}
    for n, written in enumerate(ctx.brief.policies):
        found = find_written(ctx.all_policies, written)  # as the candidates were found: by title or by number too
        order.setdefault(found.id if found is not None else f"user:{split_reference(written)[0]}", n)
    rank = {id(b): order.get(b.policy_id or f"user:{b.title}", len(order)) for b in basis}
    return sorted(basis, key=lambda b: rank[id(b)])


def relevant_policies(ctx: DraftContext) -> list[str]:
    """Labels of the candidates for 立项依据: those the brief names first, then the rest in their order
    (all of them fit the project's subject: `context._policy_candidates`)."""
    named = {p.id for written in ctx.brief.policies if (p := find_policy(ctx.all_policies, written)) is not None}
    named |= {p.id for p in policies_cited_in(ctx.all_policies, ctx.prompt_brief.text())}
    return [item.label for item in sorted(ctx.policies, key=lambda i: policy_id(i.citation.ref) not in named)]


def _resolve_basis(label: str, labels: dict, ctx: DraftContext, notes: list[GroundingNote]) -> BasisEntry | None:
    if label in labels:
        return basis_entry(labels[label], ctx.all_policies)
    found = find_policy(ctx.all_policies, label)
    if found is not None:
        return BasisEntry(title=found.title, doc_number=found.doc_number, policy_id=found.id)
    notes.append(
        GroundingNote(
            kind=NoteKind.DROPPED_REFERENCE,
            section=SectionKind.BASIS,
            message=f"立项依据“{label}”不在政策库中，也不是用户提供的文件，已删除",
            fragment=label,
        )
    )
    return None


# -- indicators, rules-only text, assembly -----------------------------------------------------------


def _show_rule_parts(state: State, writer: Writer) -> State:
    """The parts made by rules (立项依据, the indicator table, 实施计划), shown at once, before any prose."""
    parts = "立项依据、指标表" + ("、实施计划" if state.ctx.prompt_brief.plan else "")
    writer.emit("ready", parts, "\n" + rule_parts_text(state))
    return state


def rule_parts_text(state: State) -> str:
    """立项依据, the indicator rows and the brief's plan, as lines of text."""
    lines = ["立项依据："]
    lines += [f"  {policy_label(b.title, b.doc_number)}" for b in state.basis] or [
        "  （未找到与本项目主题相符的政策，请补充）"
    ]
    lines.append(f"绩效指标（{len(state.indicators)} 行）：")
    lines += [f"  {i.level1.value}/{i.level2.value}  {i.name}  {i.value.value}" for i in state.indicators]
    plan = state.ctx.prompt_brief.plan
    if plan:
        lines.append("实施计划：")
        lines += [f"  {step.period}：{step.work}" for step in plan]
    return "\n".join(lines)


def _indicators(state: State) -> State:
    """The suggested table, and its notes (a figure of the project's scope that got no row) in the draft's notes."""
    state.indicators.extend(draft_indicators(state.ctx.suggestions))
    state.notes.extend(GroundingNote(kind=NoteKind.SCOPE_FIGURE, message=n) for n in state.ctx.suggestions.notes)
    return state


def _model_indicators(state: State, writer: Writer, review_context: ReviewContext) -> State:
    """The indicator table's bounded model step (`assistant.suggest.model_step.improve`, the path 指标推荐 and
    重新生成指标表 take too), after the sections: only when the model wrote every section (an endpoint that failed
    once is not asked again) and the draft's time budget has room for one more call; what it proposed and was
    not taken is noted."""
    deadline = writer.deadline
    ruled = any(n.kind is NoteKind.RULES_ONLY for n in state.notes)  # a fault, not a model text rules replaced
    late = deadline is not None and deadline - time.perf_counter() < MIN_SECONDS
    if writer.ask is None or writer.down is not None or ruled or late:
        return state
    writer.emit("step", "指标表", "模型改进指标名称、补充简报写明的指标（数字逐一核对简报）")
    left = None if deadline is None else deadline - time.perf_counter()  # the draft's budget bounds this call too
    improved = improve(state.ctx.suggestions, state.ctx.brief, writer.ask, context=review_context, seconds=left)
    state.indicators = draft_indicators(improved)
    known = set(state.ctx.suggestions.notes)  # noted already by `_indicators`
    state.notes.extend(
        GroundingNote(kind=NoteKind.UNGROUNDED_FIGURE, message=n) for n in improved.notes if n not in known
    )
    return state


NO_GOAL = "（指标表没有可写入目标的产出或效果：请补充本项目完成后要达到的产出（数量、质量、时限）和对服务对象的效果。）"


def rules_section(ctx: DraftContext, kind: SectionKind) -> DraftSection:
    """A section written by rules from the brief: 必要性 from the brief's own reasons and the fitting
    policies, the goals from the indicator rows (`goals.compose_goal`), never the 主要内容 pasted as a goal."""
    b = ctx.prompt_brief
    if kind is SectionKind.NECESSITY:
        text, cites = necessity_by_rules(ctx)
        return DraftSection(kind=kind, text=text, citations=cites, generated_by=RULES_MODEL)
    if kind is SectionKind.OVERVIEW:
        text = rules_overview(b)  # what/where/who/how much; the brief's reasons are 必要性's
    else:
        text = compose_goal(b, ctx.suggestions, annual=kind is SectionKind.GOAL_ANNUAL) or NO_GOAL
    return DraftSection(kind=kind, text=text, citations=[BRIEF_REF], generated_by=RULES_MODEL)


def _assemble(state: State, writer: Writer, review_context: ReviewContext) -> Draft:
    draft = Draft(
        brief=state.ctx.brief,
        provider=writer.provider,
        model=writer.model,
        sections=state.sections,
        basis=state.basis,
        indicators=state.indicators,
        notes=state.notes,
        usage=state.usage,
    )
    return reviewed(draft, review_context)
