"""Writing one section: with a model (structured output, bounded repair) or by rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from assistant.domain.model import SectionKind
from assistant.drafting.context import ContextItem, DraftContext
from assistant.drafting.grounding import GroundingResult, Sources, borrowed_runs, brief_numbers, brief_text, ground_text, numbers_in
from assistant.drafting.models import BRIEF_CITATION, DraftSection, GroundingNote, NoteKind, SectionUsage
from assistant.prompts import load_prompt
from assistant.errors import ModelError
from assistant.llm.chat import StructuredOutputError, StructuredResult, TokenUsage

DRAFTED: tuple[SectionKind, ...] = (SectionKind.OVERVIEW, SectionKind.NECESSITY, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL)


@dataclass(frozen=True)
class SectionSpec:
    guidance: str
    length: int  # characters

    @property
    def max_tokens(self) -> int:
        # Qwen's vocabulary holds most common Chinese words: about 1.8 characters a token (measured on the
        # example draft), so this leaves room for half as much again plus the JSON wrapper.
        return int(self.length * 0.75) + 30


SPECS: dict[SectionKind, SectionSpec] = {
    SectionKind.OVERVIEW: SectionSpec("说明项目由谁实施、做什么、服务谁、主要内容和资金规模，使用简报中的事实。", 150),
    SectionKind.NECESSITY: SectionSpec("直接论述为什么要做这个项目（政策要求、现实需要、不做的后果），不要复述本要求；提到政策时只用参考材料中的政策。", 160),
    SectionKind.GOAL_TOTAL: SectionSpec("用一两句话概括项目实施后要达到的总体目标，可衡量、与内容对应，不要逐条照抄主要内容。", 90),
    SectionKind.GOAL_ANNUAL: SectionSpec("直接写出本年度完成哪些工作、达到什么效果，与绩效指标对应，不要复述本要求。", 110),
}


class SectionOutput(BaseModel):
    text: str = Field(min_length=1, description="正文")
    citations: list[str] = Field(default_factory=list, description="所借鉴参考材料的编号，如 S1")


Structured = Callable[[list[BaseMessage], int], StructuredResult[SectionOutput]]
EventSink = Callable[[str, SectionKind, str], None]


def brief_block(ctx: DraftContext) -> str:
    b = ctx.prompt_brief
    lines = [f"项目名称：{b.name}", f"年度：{b.year}"]
    for label, value in (("主管部门", b.department), ("实施单位", b.implementer), ("项目性质", b.nature), ("项目类别", b.category)):
        if value:
            lines.append(f"{label}：{value}")
    money = {k: v for k, v in b.funding.model_dump().items() if v is not None}
    if money:
        names = {"total": "项目资金总额", "fiscal": "财政资金", "other": "其他资金", "annual": "年度申请"}
        lines.append("资金：" + "，".join(f"{names[k]}{v}元" for k, v in money.items()))
    if b.start_date or b.end_date:
        lines.append(f"起止日期：{b.start_date or '未填'} 至 {b.end_date or '未填'}")
    lines.append(f"主要内容：{b.content or '（未填写）'}")
    return "\n".join(lines)


NO_POLICIES = "（没有检索到可引用的政策文件：不要提及任何政策文件的名称或文号）"


def _context_block(items: list[ContextItem], policies: list[ContextItem], *, needs_policies: bool) -> str:
    rows = [f"[{i.label}] {i.text}" for i in items] + [f"[{p.label}] {p.text}" for p in policies]
    if needs_policies and not policies:
        rows.append(NO_POLICIES)
    return "\n".join(rows) or "（无）"


def section_messages(ctx: DraftContext, kind: SectionKind, items: list[ContextItem], *, instruction: str, previous: str) -> list[BaseMessage]:
    spec = SPECS[kind]
    human = load_prompt("section").render(
        section_title=kind.label,
        guidance=spec.guidance,
        length=spec.length,
        instruction=f"另外：{instruction}" if instruction else "",
        brief=brief_block(ctx),
        context=_context_block(items, ctx.policies if kind is SectionKind.NECESSITY else [], needs_policies=kind is SectionKind.NECESSITY),
        previous=f"\n现有稿（请在此基础上修改）：\n{previous}\n" if previous else "",
    )
    return [SystemMessage(load_prompt("system").render()), HumanMessage(human)]


@dataclass
class Written:
    section: DraftSection
    notes: list[GroundingNote]
    usage: SectionUsage


def write_with_model(
    ctx: DraftContext, kind: SectionKind, structured: Structured, *, model: str, retries: int,
    emit: EventSink, instruction: str = "", previous: str = "",
) -> Written:  # fmt: skip
    items = ctx.section_items(kind)
    by_label = {i.label: i for i in items} | (ctx.policy_by_label() if kind is SectionKind.NECESSITY else {})
    messages = section_messages(ctx, kind, items, instruction=instruction, previous=previous)
    sources = _sources(ctx, list(by_label.values()))
    tally = _Tally()
    for attempt in range(1, retries + 2):
        outcome = _attempt(structured, messages, kind, attempt, tally)
        if outcome.text is not None:
            grounded = ground_text(tidy(outcome.text, kind), sources=sources)
            if not grounded.problems or attempt > retries:
                section, notes = _accept(kind, grounded, outcome.citations, by_label, model)
                notes += _borrowed_notes(kind, section.text, items, brief_block(ctx))
                if outcome.cut:
                    notes.append(GroundingNote(kind=NoteKind.TRUNCATED, section=kind, message=f"模型输出“{kind.label}”时被长度上限截断，已保留完整的句子，请核对"))
                return Written(section=section, notes=notes, usage=tally.usage(kind, attempt))
            outcome.problems = grounded.problems
        if attempt > retries:
            break
        emit("retry", kind, "；".join(outcome.problems)[:200])
        repair = load_prompt("repair").render(problems="\n".join(f"- {p}" for p in outcome.problems), raw=outcome.raw)
        messages = messages[:2] + [AIMessage(outcome.raw), HumanMessage(repair)]
    raise ModelError(
        f"模型连续 {retries + 1} 次未能给出合格的“{kind.label}”",
        hint="可重试、换用更强的模型（ASSISTANT_LLM__BASE_URL），或用 --llm none 先得到规则草稿",
        raw_output=outcome.raw,
    )


@dataclass
class _Tally:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0

    def add(self, usage: TokenUsage, elapsed_s: float) -> None:
        self.prompt_tokens += usage.prompt_tokens
        self.completion_tokens += usage.completion_tokens
        self.seconds += elapsed_s

    def usage(self, kind: SectionKind, attempts: int) -> SectionUsage:
        return SectionUsage(section=kind.label, prompt_tokens=self.prompt_tokens, completion_tokens=self.completion_tokens,
                            seconds=round(self.seconds, 2), attempts=attempts)  # fmt: skip


@dataclass
class _Outcome:
    """One reply: its usable text (None when there is none) and citations, or the problems to send back."""

    raw: str
    text: str | None = None
    citations: list[str] = field(default_factory=list)
    cut: bool = False  # the reply was cut off and its unfinished sentence dropped
    problems: list[str] = field(default_factory=list)


MIN_SALVAGED_CHARS = 10
RETRY_BUDGET_GROWTH = 0.5  # each retry may write half as much again: a cut-off reply needs room


def _attempt(structured: Structured, messages: list[BaseMessage], kind: SectionKind, attempt: int, tally: _Tally) -> _Outcome:
    budget = int(SPECS[kind].max_tokens * (1 + RETRY_BUDGET_GROWTH * (attempt - 1)))
    try:
        result = structured(messages, budget)
    except StructuredOutputError as exc:
        tally.add(exc.usage, exc.elapsed_s)
        return _Outcome(raw=exc.raw_output or "", problems=[f"输出不是符合要求的 JSON：{exc.problem[:300]}"])
    tally.add(result.usage, result.elapsed_s)
    text = result.value.text
    if not result.truncated:
        return _Outcome(raw=result.raw_text, text=text, citations=result.value.citations)
    kept = complete_sentences(text)
    if len(kept) < MIN_SALVAGED_CHARS:
        return _Outcome(raw=result.raw_text, problems=[f"输出因长度上限被截断，没有一句完整的话：请把正文写短，{SPECS[kind].length} 字以内"])
    return _Outcome(raw=result.raw_text, text=kept, citations=result.value.citations, cut=kept != text.strip())


_SENTENCE_END = re.compile(r"^.*[。；！？]", re.DOTALL)


def complete_sentences(text: str) -> str:
    """What a cut-off text says in whole sentences (up to its last 。；！？); empty when it has none."""
    found = _SENTENCE_END.match(text.strip())
    return found.group(0) if found else ""


_MARKUP = re.compile(r"\*\*|__|^#+\s*", re.MULTILINE)


def tidy(text: str, kind: SectionKind) -> str:
    """Strip what a small model adds out of habit: Markdown, a repeated section title, a number alone on a line."""
    text = _MARKUP.sub("", text).strip()
    text = re.sub(rf"^{re.escape(kind.label)}[：:]\s*", "", text)
    text = re.sub(r"(\d+[.、])\s*\n\s*", r"\1", text)
    return re.sub(r"\n\s*\n", "\n", text).strip()


def _borrowed_notes(kind: SectionKind, text: str, items: list[ContextItem], brief_text: str) -> list[GroundingNote]:
    return [
        GroundingNote(kind=NoteKind.BORROWED_TEXT, section=kind, fragment=run,
                      message=f"“{kind.label}”有一段文字与先例“{item.citation.label}”相同，请确认它适用于本项目")
        for item in items
        for run in borrowed_runs(text, item.text, brief_text)
    ]  # fmt: skip


def _sources(ctx: DraftContext, shown: list[ContextItem]) -> Sources:
    text = "\n".join([brief_text(ctx.prompt_brief), *(i.text for i in shown)])
    numbers = brief_numbers(ctx.prompt_brief) | set().union(*(numbers_in(i.text) for i in shown))
    return Sources(text=text, numbers=numbers, policies=ctx.all_policies, user_titles=[b.title for b in ctx.user_basis])


def _accept(
    kind: SectionKind, grounded: GroundingResult, labels: list[str], by_label: dict[str, ContextItem], model: str
) -> tuple[DraftSection, list[GroundingNote]]:
    notes = [
        GroundingNote(kind=NoteKind.DROPPED_REFERENCE, section=kind, message=f"“{kind.label}”中提到的政策不在政策库或简报中，已删除所在的句子", fragment=ref)
        for ref in grounded.removed_references
    ] + [
        GroundingNote(kind=NoteKind.UNGROUNDED_TITLE, section=kind, message=f"“{kind.label}”中提到的{title}在简报和参考材料中都找不到，请核实", fragment=title)
        for title in grounded.unknown_titles
    ] + [
        GroundingNote(kind=NoteKind.UNGROUNDED_FIGURE, section=kind, message=f"“{kind.label}”中的数字“{n}”在简报和所引材料中都找不到，请核实", fragment=n)
        for n in grounded.ungrounded_figures
    ]  # fmt: skip
    citations = []
    for label in dict.fromkeys(labels):
        if label in by_label:
            citations.append(by_label[label].citation)
        else:
            notes.append(GroundingNote(kind=NoteKind.DROPPED_CITATION, section=kind, message=f"模型引用了不存在的材料编号“{label}”，已删除", fragment=label))
    citations.append(BRIEF_CITATION)
    return DraftSection(kind=kind, text=grounded.text.strip(), citations=citations, generated_by=model), notes
