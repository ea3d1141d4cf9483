"""Writing one section: the model writes plain text with citation markers, streamed to the caller, and
code grounds it (bounded repair); or rules write it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from assistant.domain.model import SectionKind
from assistant.domain.refs import BRIEF_REF
from assistant.drafting.budget import MIN_SECONDS, SECTION_SECONDS, OutOfTime, call_within
from assistant.drafting.context import ContextItem, DraftContext, own_policy_labels
from assistant.drafting.faithful import FaithfulResult, drop_unsupported_claims
from assistant.drafting.goals import brief_outputs
from assistant.drafting.grounding import (
    GroundingResult,
    Sources,
    borrowed_runs,
    brief_numbers,
    brief_text,
    ground_text,
    numbers_in,
)
from assistant.drafting.models import RULES_MODEL, DraftSection, GroundingNote, NoteKind, SectionUsage
from assistant.drafting.necessity import brief_reasons
from assistant.drafting.offtopic import project_domain
from assistant.drafting.on_project import GOALS, stay_on_project
from assistant.drafting.replies import Reading, TextStream, echoed_lines, read_reply
from assistant.errors import ModelError
from assistant.llm.chat import ChatReply, TokenUsage
from assistant.prompts import load_prompt

DRAFTED: tuple[SectionKind, ...] = (
    SectionKind.OVERVIEW,
    SectionKind.NECESSITY,
    SectionKind.GOAL_TOTAL,
    SectionKind.GOAL_ANNUAL,
)


@dataclass(frozen=True)
class SectionSpec:
    guidance: str
    length: int  # characters

    @property
    def max_tokens(self) -> int:
        # Qwen's vocabulary holds most common Chinese words: about 1.8 characters a token (measured on the
        # example draft), so this leaves room for half as much again plus a fence or a few markers.
        return int(self.length * 0.75) + 20


SPECS: dict[SectionKind, SectionSpec] = {
    SectionKind.OVERVIEW: SectionSpec("说明项目由谁实施、做什么、服务谁、主要内容和资金规模，使用简报中的事实。", 150),
    SectionKind.NECESSITY: SectionSpec(
        "论述为什么要做这个项目：简报说到的现状、问题、上级要求和服务对象的需要，不做的后果；只写本项目的事，"
        "不写其他项目或其他领域的内容；提到政策时只用参考材料中的政策。",
        160,
    ),
    # No "可衡量" / "与绩效指标对应": the model sees no indicator table, so those asked it for numbers it could only invent.
    SectionKind.GOAL_TOTAL: SectionSpec(
        "用一两句话写项目实施后要达到的目标：完成哪些产出（数量只用简报中的数字）、对服务对象产生什么效果；"
        "不要复述或照抄主要内容的工作安排。",
        90,
    ),
    SectionKind.GOAL_ANNUAL: SectionSpec(
        "写出本年度要达到的目标：完成哪些产出（数量只用简报中的数字）、达到什么效果；不要照抄主要内容。", 110
    ),
}

# (messages, max_tokens, on_delta) → the whole reply; on_delta gets each piece of text as it comes.
Complete = Callable[[list[BaseMessage], int, Callable[[str], None]], ChatReply]
EventSink = Callable[[str, SectionKind, str], None]


def brief_block(ctx: DraftContext) -> str:
    b = ctx.prompt_brief
    lines = [f"项目名称：{b.name}", f"年度：{b.year}"]
    for label, value in (
        ("主管部门", b.department),
        ("实施单位", b.implementer),
        ("项目性质", b.nature),
        ("项目类别", b.category),
    ):
        if value:
            lines.append(f"{label}：{value}")
    money = {k: v for k, v in b.funding.model_dump().items() if v is not None}
    if money:
        names = {
            "total": "项目资金总额",
            "fiscal": "财政资金",
            "other": "其他资金",
            "annual": "年度申请",
            "carryover": "上年结转资金",
        }
        lines.append("资金：" + "，".join(f"{names[k]}{v}元" for k, v in money.items()))
    if b.start_date or b.end_date:
        lines.append(f"起止日期：{b.start_date or '未填'} 至 {b.end_date or '未填'}")
    lines.append(f"主要内容：{b.content or '（未填写）'}")
    return "\n".join(lines)


NO_POLICIES = "（没有检索到可引用的政策文件：不要提及任何政策文件的名称或文号）"


def context_block(ctx: DraftContext) -> str:
    """The material every section's prompt shows, the same for all sections (one cached prefix)."""
    rows = [ctx.material_note] if ctx.material_note else []
    rows += [f"[{i.label}] {i.text}" for i in ctx.materials] + [f"[{p.label}] {p.text}" for p in ctx.policies]
    if not ctx.policies:
        rows.append(NO_POLICIES)
    return "\n".join(rows)


def section_messages(ctx: DraftContext, kind: SectionKind, *, instruction: str, previous: str) -> list[BaseMessage]:
    """System rules, then the brief and the material (identical for every section, so llama.cpp's server
    reuses their evaluation from one section to the next), then this section's task."""
    spec = SPECS[kind]
    human = load_prompt("section").render(
        brief=brief_block(ctx),
        context=context_block(ctx),
        section_title=kind.label,
        guidance=spec.guidance + _goal_outputs(ctx, kind) + _necessity_reasons(ctx, kind),
        length=spec.length,
        instruction=f"另外：{instruction}" if instruction else "",
        previous=f"\n现有稿（请在此基础上修改）：\n{previous}\n" if previous else "",
        cited=_cited_example(ctx),
    )
    return [SystemMessage(load_prompt("system").render()), HumanMessage(human)]


def _goal_outputs(ctx: DraftContext, kind: SectionKind) -> str:
    """For a goal: the outputs the indicator table takes from the brief's own figures, to be stated as goals."""
    if kind not in GOALS:
        return ""
    outputs = brief_outputs(ctx.suggestions, brief_numbers(ctx.prompt_brief))
    return f"可写入目标的产出（取自简报的数字）：{'；'.join(outputs)}。" if outputs else ""


def _necessity_reasons(ctx: DraftContext, kind: SectionKind) -> str:
    """For 必要性: the brief's own reasons to argue from, or, where it gives none, not to make any up."""
    if kind is not SectionKind.NECESSITY:
        return ""
    reasons = brief_reasons(ctx.prompt_brief).all()
    own = own_policy_labels(ctx)
    basis = f"简报写明的立项依据（必须首先引用，照原样写出名称）：{'、'.join(own)}。" if own else ""
    if not reasons:
        return basis + (
            "简报没有写现状、问题或需求：不要编造，也不要复述主要内容的工作安排，只依据参考材料中的政策写为什么要做。"
        )
    return f"简报写到的理由（据此论述，不要复述工作安排）：{'；'.join(reasons)}。{basis}"


def _cited_example(ctx: DraftContext) -> str:
    """The reply's example cites a label the material has: an example ["S1"] with no S1 shown was copied as it stood."""
    labels = [item.label for item in (*ctx.materials, *ctx.policies)][:1]
    return "[" + ", ".join(f'"{label}"' for label in labels) + "]"


@dataclass
class Written:
    section: DraftSection
    notes: list[GroundingNote]
    usage: SectionUsage


def write_with_model(
    ctx: DraftContext,
    kind: SectionKind,
    complete: Complete,
    *,
    model: str,
    retries: int,
    emit: EventSink,
    instruction: str = "",
    previous: str = "",
    deadline: float | None = None,
    section_seconds: float = SECTION_SECONDS,
) -> Written:
    """Ask, read, ground, keep on the project; send the exact problems back at most ``retries`` times (a
    retry may write half as much again), all within the section's time budget (``section_seconds``, and
    never past ``deadline``, a ``time.perf_counter()`` instant); raise ``SectionFailed`` with the last raw
    reply when no attempt gives text in time."""
    by_label = {i.label: i for i in ctx.materials} | ctx.policy_by_label()
    messages = section_messages(ctx, kind, instruction=instruction, previous=previous)
    sources = _sources(ctx)
    domain = project_domain(ctx)
    tally = _Tally()
    started = time.perf_counter()
    section_end = started + section_seconds if deadline is None else min(started + section_seconds, deadline)
    reading = Reading(raw="")
    floor = min(MIN_SECONDS, section_seconds / 2)  # less time than this left: no (further) call
    for attempt in range(1, retries + 2):
        left = section_end - time.perf_counter()
        if left < floor:
            break
        budget = int(SPECS[kind].max_tokens * (1 + RETRY_BUDGET_GROWTH * (attempt - 1)))
        prose = TextStream()
        try:
            reply, stopped = call_within(
                complete,
                messages,
                budget,
                lambda delta: _emit_prose(emit, kind, prose.feed(delta)),  # noqa: B023 - called within this iteration
                seconds=left,
            )
        except OutOfTime as late:
            tally.seconds += left
            raise SectionFailed(
                f"模型未能在 {left:.0f} 秒的时间预算内写完“{kind.label}”",
                hint=late.hint or "",
                raw_output=reading.raw,
                usage=tally.usage(kind, attempt),
            ) from late
        tally.add(reply.usage, reply.elapsed_s)
        last = attempt > retries or section_end - time.perf_counter() < floor
        reading = read_reply(reply, kind, length=SPECS[kind].length, last_try=last)
        if echoed_lines(reading.prose, brief_block(ctx)) >= ECHO_LINES:
            reading.text, reading.problems = "", ["照抄了简报的条目：请用自己的话写成连续的一段正文"]
        if reading.text:
            grounded, faithful = _ground(reading.text, sources, ctx.dictated)
            extra = stay_on_project(kind, grounded, ctx, domain, last=last)
            if not grounded.problems or last:
                section, notes = _accept(kind, grounded, faithful, reading, by_label, model)
                notes += extra + _stopped_notes(kind, stopped)
                notes += _borrowed_notes(kind, section.text, ctx.materials, brief_text(ctx.prompt_brief))
                return Written(section=section, notes=notes, usage=tally.usage(kind, attempt))
            reading.problems = grounded.problems
        if last:
            break
        emit("retry", kind, "；".join(reading.problems)[:200])
        repair = load_prompt("repair").render(problems="\n".join(f"- {p}" for p in reading.problems))
        messages = messages[:2] + [AIMessage(reading.raw), HumanMessage(repair)]
    tried = tally.calls
    raise SectionFailed(
        f"模型连续 {tried} 次未能给出合格的“{kind.label}”"
        if tried > retries
        else f"模型在“{kind.label}”的时间预算内只完成 {tried} 次尝试，未能给出合格的文字",
        hint="可重试、换用更强的模型（ASSISTANT_LLM__BASE_URL），或用 --llm none 先得到规则草稿",
        raw_output=reading.raw,
        usage=tally.usage(kind, max(tried, 1)),
    )


def _stopped_notes(kind: SectionKind, stopped: str) -> list[GroundingNote]:
    if not stopped:
        return []
    why = "开始重复同样的文字" if stopped == "repetition" else "超过了输出长度上限"
    return [
        GroundingNote(
            kind=NoteKind.TRUNCATED,
            section=kind,
            message=f"模型输出“{kind.label}”时{why}，已在该处停止，保留之前完整的句子，请核对",
        )
    ]


class SectionFailed(ModelError):
    """Every attempt at one section gave no usable text (the model answered, but never a section)."""

    def __init__(self, message: str, *, hint: str, raw_output: str, usage: SectionUsage) -> None:
        super().__init__(message, hint=hint, raw_output=raw_output)
        self.usage = usage


ECHO_LINES = 2  # brief lines copied whole that make a reply an echo, not a section
RETRY_BUDGET_GROWTH = 0.5  # each retry may write half as much again: a cut-off reply needs room


def _emit_prose(emit: EventSink, kind: SectionKind, text: str) -> None:
    if text:
        emit("delta", kind, text)


def _ground(text: str, sources: Sources, dictated: list[str]) -> tuple[GroundingResult, FaithfulResult]:
    faithful = drop_unsupported_claims(text, sources=sources.text, dictated=dictated)
    grounded = ground_text(faithful.text, sources=sources)
    if faithful.removed and not faithful.dropped:  # every sentence made such a claim: ask again
        phrases = "、".join(dict.fromkeys(p for p, _ in faithful.removed))
        grounded.problems.append(f"写了简报和参考材料都没有的内容（{phrases}），只写简报和参考材料说到的内容")
    return grounded, faithful


@dataclass
class _Tally:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    calls: int = 0

    def add(self, usage: TokenUsage, elapsed_s: float) -> None:
        self.calls += 1
        self.prompt_tokens += usage.prompt_tokens
        self.completion_tokens += usage.completion_tokens
        self.seconds += elapsed_s

    def usage(self, kind: SectionKind, attempts: int) -> SectionUsage:
        return SectionUsage(
            section=kind.label,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            seconds=round(self.seconds, 2),
            attempts=attempts,
        )


def _borrowed_notes(kind: SectionKind, text: str, items: list[ContextItem], brief_text: str) -> list[GroundingNote]:
    return [
        GroundingNote(
            kind=NoteKind.BORROWED_TEXT,
            section=kind,
            fragment=run,
            message=f"“{kind.label}”有一段文字与先例“{item.citation.caption}”相同，请确认它适用于本项目",
        )
        for item in items
        for run in borrowed_runs(text, item.text, brief_text)
    ]


def _sources(ctx: DraftContext) -> Sources:
    shown = [*ctx.materials, *ctx.policies]
    text = "\n".join([brief_text(ctx.prompt_brief), *(i.text for i in shown)])
    numbers = brief_numbers(ctx.prompt_brief) | set().union(*(numbers_in(i.text) for i in shown))
    return Sources(text=text, numbers=numbers, policies=ctx.all_policies, user_titles=[b.title for b in ctx.user_basis])


def _accept(
    kind: SectionKind,
    grounded: GroundingResult,
    faithful: FaithfulResult,
    reading: Reading,
    by_label: dict[str, ContextItem],
    model: str,
) -> tuple[DraftSection, list[GroundingNote]]:
    notes = (
        [
            GroundingNote(
                kind=NoteKind.DROPPED_REFERENCE,
                section=kind,
                message=f"“{kind.label}”中提到的政策不在政策库或简报中，已删除所在的句子",
                fragment=ref,
            )
            for ref in grounded.removed_references
        ]
        + [
            GroundingNote(
                kind=NoteKind.UNSUPPORTED_CLAIM,
                section=kind,
                message=f"“{kind.label}”中“{phrase}”在简报和参考材料中都没有依据，{'已删除这部分文字' if faithful.dropped else '请核实'}",
                fragment=sentence,
            )
            for phrase, sentence in faithful.removed
        ]
        + [
            GroundingNote(
                kind=NoteKind.UNGROUNDED_TITLE,
                section=kind,
                message=f"“{kind.label}”中提到的{title}在简报和参考材料中都找不到，请核实",
                fragment=title,
            )
            for title in grounded.unknown_titles
        ]
        + [
            GroundingNote(
                kind=NoteKind.UNGROUNDED_FIGURE,
                section=kind,
                message=f"“{kind.label}”中的数字“{n}”在简报和所引材料中都找不到，请核实",
                fragment=n,
            )
            for n in grounded.ungrounded_figures
        ]
    )
    if reading.cut:
        notes.append(
            GroundingNote(
                kind=NoteKind.TRUNCATED,
                section=kind,
                message=f"模型输出“{kind.label}”时被长度上限截断，已保留完整的句子（或分句），请核对",
            )
        )
    citations = []
    for label in dict.fromkeys(reading.citations):
        if label in by_label:
            citations.append(by_label[label].citation)
        else:
            notes.append(
                GroundingNote(
                    kind=NoteKind.DROPPED_CITATION,
                    section=kind,
                    message=f"模型引用了不存在的材料编号“{label}”，已删除",
                    fragment=label,
                )
            )
    citations.append(BRIEF_REF)
    if grounded.rules_citations is not None:  # the model's text was replaced: the rules' text and its sources
        citations, model = grounded.rules_citations, RULES_MODEL
    return DraftSection(kind=kind, text=grounded.text.strip(), citations=citations, generated_by=model), notes
