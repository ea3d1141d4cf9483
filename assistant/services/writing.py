"""Drafting wired to the settings and the model runtime: the writer chosen from them (the model, or rules when
there is none or it cannot start), then one call for a whole draft and one for regenerating a section.
`DraftingService` is what the shells call; this is its wiring of the drafting engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from langchain_core.messages import HumanMessage, SystemMessage

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief
from assistant.domain.model import SectionKind
from assistant.domain.policy import PolicyReference
from assistant.drafting.as_declaration import reviewed
from assistant.drafting.chain import DraftEvent, Writer, drafting_chain, write_section
from assistant.drafting.context import DraftContext, build_context
from assistant.drafting.models import RULES_MODEL, Draft, DraftSection, GroundingNote, NoteKind
from assistant.drafting.sections import SectionFailed
from assistant.errors import InputError, ModelError
from assistant.llm.faults import ReplyRejected
from assistant.llm.runtime import LLMRuntime
from assistant.retrieval.finder import Finder
from assistant.review.checks_relevance import ReviewContext
from assistant.services.saved import ModelRequiredError
from assistant.settings import LLMProvider, Settings
from assistant.store import Origin
from assistant.suggest.bank import IndicatorBank
from assistant.suggest.model_step import MAX_TOKENS, Ask
from assistant.suggest.suggest import suggest

EMBEDDED_MODEL_NAME = "Qwen2.5-Coder-1.5B-Instruct（内置）"
SECTION_NAMES = {
    kind.label: kind
    for kind in (SectionKind.OVERVIEW, SectionKind.NECESSITY, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL)
}
SECTION_NAMES |= {
    "概况": SectionKind.OVERVIEW,
    "必要性": SectionKind.NECESSITY,
    "总目标": SectionKind.GOAL_TOTAL,
    "年度目标": SectionKind.GOAL_ANNUAL,
}


def _ignore(_: DraftEvent) -> None:
    return None


ASK_SECONDS = 90.0  # the indicator table's model step: a person waits on it in 指标推荐, so it is cut well before
# the settings' drafting budget (600 s); on a timeout the rules' table stands, with a note.


def asker(runtime: LLMRuntime | None) -> Ask | None:
    """One plain model call for the indicator table's model step, bounded by ``ASK_SECONDS`` (and the settings)."""
    if runtime is None or not runtime.enabled:
        return None
    live = runtime

    def ask(system: str, user: str, *, seconds: float | None = None) -> str:
        limit = ASK_SECONDS if seconds is None else min(seconds, ASK_SECONDS)
        return live.complete([SystemMessage(system), HumanMessage(user)], max_tokens=MAX_TOKENS, seconds=limit).text

    return ask


def make_writer(
    settings: Settings,
    runtime: LLMRuntime | None,
    on_event: Callable[[DraftEvent], None],
    fallback: list[GroundingNote],
) -> Writer:
    """A model-backed writer for local/openai, a rules writer for none or when the model cannot start."""
    provider = settings.llm.effective_provider()
    if provider is LLMProvider.NONE or runtime is None:
        return Writer(complete=None, model=RULES_MODEL, provider="none", retries=0, on_event=on_event)
    if provider is LLMProvider.LOCAL:
        try:
            runtime.local_server()
        except ModelError as exc:
            fallback.append(
                GroundingNote(kind=NoteKind.RULES_ONLY, message=f"内置模型不可用（{exc.message}），已改用规则起草")
            )
            return Writer(complete=None, model=RULES_MODEL, provider="none", retries=0, on_event=on_event)
    model = settings.llm.model or (EMBEDDED_MODEL_NAME if provider is LLMProvider.LOCAL else "?")
    writer = Writer(
        complete=None,
        model=model,
        provider=provider.value,
        retries=settings.llm.max_retries,
        on_event=on_event,
        ask=asker(runtime),
    )
    writer.complete = lambda messages, max_tokens, on_delta: runtime.stream(
        messages, max_tokens=max_tokens, on_delta=on_delta, on_wait=writer.queued
    )  # the model is shared: a request waits its turn, its position shown as "queued" events
    return writer


class CorpusSources(Protocol):
    """What drafting reads of the corpus: one state of it, loaded once (`assistant.services.scope.CorpusSnapshot`)."""

    @property
    def corpus(self) -> Corpus: ...
    @property
    def policies(self) -> list[PolicyReference]: ...
    @property
    def bank(self) -> IndicatorBank: ...
    @property
    def review_context(self) -> ReviewContext: ...


def draft_context(
    brief: Brief, sources: CorpusSources, *, finder: Finder | None = None
) -> tuple[DraftContext, ReviewContext]:
    """The drafting and review contexts of ``brief`` over one state of the corpus; ``finder``: the hybrid index
    the precedents and policies come from (None: the indicator bank's similarity)."""
    ctx = build_context(brief, suggest(brief, sources.bank), sources.corpus, sources.policies, finder=finder)
    return ctx, sources.review_context


def draft_brief(
    brief: Brief,
    settings: Settings,
    runtime: LLMRuntime | None,
    *,
    context: tuple[DraftContext, ReviewContext],
    on_event: Callable[[DraftEvent], None] = _ignore,
) -> Draft:
    """``context``: the drafting and review contexts (`draft_context`)."""
    fallback: list[GroundingNote] = []
    writer = make_writer(settings, runtime, on_event, fallback)
    ctx, review_context = context
    on_event(
        DraftEvent(
            kind="step",
            section="检索",
            message=f"相似项目 {len(ctx.precedents)} 个，候选政策 {len(ctx.policies)} 项",
            elapsed_s=0.0,
        )
    )
    draft = drafting_chain(writer, review_context).invoke(ctx)
    return draft.model_copy(update={"notes": fallback + draft.notes})


def section_kind(name: str) -> SectionKind:
    try:
        return SECTION_NAMES[name.strip()]
    except KeyError:
        raise InputError(f"不能单独重写“{name}”", hint=f"可选：{'、'.join(SECTION_NAMES)}") from None


def regenerate_section(
    draft: Draft,
    kind: SectionKind,
    instruction: str,
    settings: Settings,
    runtime: LLMRuntime | None,
    *,
    context: tuple[DraftContext, ReviewContext],
    on_event: Callable[[DraftEvent], None] = _ignore,
) -> Draft:
    """Rewrite one section (e.g. 更简洁 / 突出数据共享), keep everything else, review again."""
    notes = [n for n in draft.notes if n.section is not kind]
    writer = make_writer(settings, runtime, on_event, notes)
    ctx, review_context = context
    current = draft.section(kind)
    usage = [u for u in draft.usage if u.section != kind.label]
    section = write_section(
        ctx, kind, writer, notes, usage, instruction=instruction, previous=current.text if current else ""
    )
    sections = [section if s.kind is kind else s for s in draft.sections]
    return reviewed(draft.model_copy(update={"sections": sections, "notes": notes, "usage": usage}), review_context)


@dataclass(frozen=True)
class Retried:
    """Failed sections asked of the model again: the draft with those it ``written`` (the others as they were),
    and why each of the ``failed`` is still by rules (Chinese)."""

    draft: Draft
    written: list[SectionKind] = field(default_factory=list)
    failed: dict[SectionKind, str] = field(default_factory=dict)


def retry_sections(
    draft: Draft,
    kinds: list[SectionKind],
    settings: Settings,
    runtime: LLMRuntime | None,
    *,
    context: tuple[DraftContext, ReviewContext],
    on_event: Callable[[DraftEvent], None] = _ignore,
) -> Retried:
    """Ask the model again for ``kinds`` (sections rules wrote after a fault), one at a time, touching nothing else.
    A section the model fails again keeps its rules text and note; after a fault of the endpoint itself (not of one
    reply) the remaining sections are not asked, so a retry of a down endpoint costs one call's budget."""
    result = Retried(draft)
    down: str | None = None
    for kind in kinds:
        if down is not None:
            result.failed[kind] = down
            continue
        try:
            candidate = regenerate_section(
                result.draft, kind, "", settings, runtime, context=context, on_event=on_event
            )
        except ModelError as fault:
            result.failed[kind] = fault.message
            if not isinstance(fault, SectionFailed | ReplyRejected):
                down = f"模型不可用（{fault.message}）"
            continue
        if candidate.section(kind) is None or model_gave_nothing(candidate, kind):  # e.g. the model did not start
            down = result.failed[kind] = next(
                (n.message for n in reversed(candidate.notes) if n.kind is NoteKind.RULES_ONLY), "语言模型未能使用"
            )
            continue
        result = Retried(candidate, [*result.written, kind], result.failed)
    return result


def keep_if_same_text(current: Draft, rewritten: Draft, kind: SectionKind) -> Draft:
    """``rewritten`` with ``current``'s section ``kind`` (text, citations, writer) and that section's notes back when
    the rewrite gave the same text: the words did not change, so neither do their sources (a model that echoes the
    section citing another precedent would otherwise make a new version that differs only in an unrelated source)."""
    before, after = current.section(kind), rewritten.section(kind)
    if before is None or after is None or before.text.strip() != after.text.strip():
        return rewritten
    sections = [before if s.kind is kind else s for s in rewritten.sections]
    notes = [*(n for n in rewritten.notes if n.section is not kind), *(n for n in current.notes if n.section is kind)]
    return rewritten.model_copy(update={"sections": sections, "notes": notes, "usage": current.usage})


def by_rules(section: DraftSection | None) -> bool:
    return section is not None and section.generated_by == RULES_MODEL


_REPLACED = {NoteKind.GOAL_REWRITTEN, NoteKind.NECESSITY_REWRITTEN}  # the model answered; rules replaced its text


def model_gave_nothing(draft: Draft, kind: SectionKind) -> bool:
    """Whether rules wrote section ``kind`` because no model text came (no model, a fault, a timeout), not because
    the rules replaced a text the model did give (a goal that repeated the brief, a 必要性 that restated the plan)."""
    replaced = any(n.kind in _REPLACED and n.section is kind for n in draft.notes)
    return by_rules(draft.section(kind)) and not replaced


def fallback_reason(draft: Draft) -> str:
    """Why a model-backed rewrite came back written by rules (the writer's note), in a clause."""
    note = next((n for n in reversed(draft.notes) if n.kind is NoteKind.RULES_ONLY), None)
    return note.message.removesuffix("，已改用规则起草") if note is not None else "语言模型未能使用"


def section_origin(section: DraftSection | None, instruction: str) -> Origin:
    if by_rules(section):
        return Origin.TEMPLATE
    return Origin.AI_REVISED if instruction else Origin.AI


def model_for(runtime: LLMRuntime, instruction: str) -> None:
    """`ModelRequiredError` when ``instruction`` is given and no model is in use or the embedded one cannot start
    (rules cannot follow an instruction; a rules rewrite would silently ignore it)."""
    if not instruction.strip():
        return
    if not runtime.enabled:
        raise ModelRequiredError.for_instruction(instruction)
    if runtime.provider is LLMProvider.LOCAL:
        try:
            runtime.local_server()
        except ModelError as exc:
            raise ModelRequiredError.for_instruction(instruction, why=f"内置模型不可用（{exc.message}）") from exc
