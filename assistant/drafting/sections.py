"""Writing one section: with a model (structured output, bounded repair) or by rules."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from assistant.domain.model import SectionKind
from assistant.drafting.context import ContextItem, DraftContext
from assistant.drafting.grounding import GroundingResult, borrowed_runs, brief_numbers, ground_text, numbers_in
from assistant.drafting.models import BRIEF_CITATION, DraftSection, GroundingNote, NoteKind, SectionUsage
from assistant.prompts import load_prompt
from assistant.errors import ModelError
from assistant.llm.chat import StructuredOutputError, StructuredResult

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
    b = ctx.brief
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
    allowed = brief_numbers(ctx.brief) | set().union(*(numbers_in(i.text) for i in by_label.values()))
    prompt_tokens = completion_tokens = 0
    seconds = 0.0
    raw = ""
    for attempt in range(1, retries + 2):
        salvaged = False
        try:
            result = structured(messages, SPECS[kind].max_tokens)
        except StructuredOutputError as exc:
            raw, problems = exc.raw_output or "", [f"输出不是符合要求的 JSON：{exc.problem[:300]}"]
            result = salvage(exc)
            salvaged = result is not None
            if result is None:
                prompt_tokens, completion_tokens = prompt_tokens + exc.usage.prompt_tokens, completion_tokens + exc.usage.completion_tokens
                seconds += exc.elapsed_s
        if result is not None:
            raw = result.raw_text
            prompt_tokens, completion_tokens = prompt_tokens + result.usage.prompt_tokens, completion_tokens + result.usage.completion_tokens
            seconds += result.elapsed_s
            grounded = ground_text(tidy(result.value.text, kind), allowed_numbers=allowed, policies=ctx.all_policies, user_titles=_user_titles(ctx))
            if not grounded.problems or attempt > retries:
                section, notes = _accept(kind, grounded, result.value.citations, by_label, model)
                notes += _borrowed_notes(kind, section.text, items, brief_block(ctx))
                if salvaged:
                    notes.append(GroundingNote(kind=NoteKind.TRUNCATED, section=kind, message=f"模型输出“{kind.label}”时被长度上限截断，已保留完整的句子，请核对"))
                usage = SectionUsage(section=kind.label, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, seconds=round(seconds, 2), attempts=attempt)
                return Written(section=section, notes=notes, usage=usage)
            problems = grounded.problems
        if attempt > retries:
            break
        emit("retry", kind, "；".join(problems)[:200])
        messages = messages[:2] + [AIMessage(raw), HumanMessage(load_prompt("repair").render(problems="\n".join(f"- {p}" for p in problems), raw=raw))]
    raise ModelError(
        f"模型连续 {retries + 1} 次未能给出合格的“{kind.label}”",
        hint="可重试、换用更强的模型（ASSISTANT_LLM__BASE_URL），或用 --llm none 先得到规则草稿",
        raw_output=raw,
    )


_MARKUP = re.compile(r"\*\*|__|^#+\s*", re.MULTILINE)


def tidy(text: str, kind: SectionKind) -> str:
    """Strip what a small model adds out of habit: Markdown, a repeated section title, a number alone on a line."""
    text = _MARKUP.sub("", text).strip()
    text = re.sub(rf"^{re.escape(kind.label)}[：:]\s*", "", text)
    text = re.sub(r"(\d+[.、])\s*\n\s*", r"\1", text)
    return re.sub(r"\n\s*\n", "\n", text).strip()


_TEXT_FIELD = re.compile(r'"text"\s*:\s*"((?:[^"\\]|\\.)*)')
_SENTENCE_END = re.compile(r"^.*[。；！？]", re.DOTALL)


def salvage(exc: StructuredOutputError) -> StructuredResult[SectionOutput] | None:
    """A reply cut off by the token limit still carries usable text: keep its complete sentences."""
    found = _TEXT_FIELD.search(exc.raw_output or "")
    whole = _SENTENCE_END.match(found.group(1)) if found else None
    if whole is None or len(whole.group(0)) < 10:
        return None
    labels = list(dict.fromkeys(re.findall(r'"(S\d+|P\d+)"', exc.raw_output or "")))
    text = _unescape(whole.group(0))
    return StructuredResult(value=SectionOutput(text=text, citations=labels), raw_text=exc.raw_output or "", usage=exc.usage, elapsed_s=exc.elapsed_s)


def _unescape(fragment: str) -> str:
    """A JSON string's content as text (\\n → line break); as it is if the model's escapes are broken."""
    try:
        return json.loads(f'"{fragment}"')
    except json.JSONDecodeError:
        return fragment


def _borrowed_notes(kind: SectionKind, text: str, items: list[ContextItem], brief_text: str) -> list[GroundingNote]:
    return [
        GroundingNote(kind=NoteKind.BORROWED_TEXT, section=kind, fragment=run,
                      message=f"“{kind.label}”有一段文字与先例“{item.citation.label}”相同，请确认它适用于本项目")
        for item in items
        for run in borrowed_runs(text, item.text, brief_text)
    ]  # fmt: skip


def _user_titles(ctx: DraftContext) -> list[str]:
    return [b.title for b in ctx.user_basis]


def _accept(
    kind: SectionKind, grounded: GroundingResult, labels: list[str], by_label: dict[str, ContextItem], model: str
) -> tuple[DraftSection, list[GroundingNote]]:
    notes = [
        GroundingNote(kind=NoteKind.DROPPED_REFERENCE, section=kind, message=f"“{kind.label}”中提到的政策不在政策库或简报中，已删除", fragment=ref)
        for ref in grounded.removed_references
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
