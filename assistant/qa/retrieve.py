"""The retrieval route: open questions answered from retrieved passages only.

`find_passages` searches with the finder the caller passes (the services' one `SearchService`, which
builds or updates the index on first use); without one, or when the index cannot be used, it falls
back to a keyword overlap over the typed corpus, so the route always works.
Passages are re-read from the corpus by their ref, and quoted as the sentences that best match the
question. With a model, the model may cite only passage numbers it was given; any other is dropped and
reported. Without one, the answer is the passages themselves, each with its citation.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from assistant.corpus.store import Corpus
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.policy import PolicyReference
from assistant.domain.refs import REF, SourceRef, indicator_citation, policy_citation, section_citation
from assistant.domain.text import pairs
from assistant.domain.text import sentences as split_sentences
from assistant.errors import AssistantError, ModelError
from assistant.prompts import load_prompt
from assistant.qa.models import Answer, Route
from assistant.retrieval.finder import Finder

_log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the model path only: langchain loads with the runtime
    from assistant.llm.runtime import LLMRuntime

PASSAGES = 3
QUOTE_CHARS = 160
MIN_OVERLAP = 0.34  # share of the question's content bigrams a passage must contain to count as relevant
_STOP = re.compile(
    r"什么|哪些|怎么|如何|是否|为什么|多少|有没有|请问|一下|介绍|说说|说明|相关|内容|情况|项目|的|了|吗|呢|是|有|在|和|与|中|？|。|，|、|\s|｜"
)


@dataclass(frozen=True)
class Passage:
    citation: SourceRef
    overlap: float


class ModelAnswer(BaseModel):
    answer: str = Field(max_length=400, description="中文回答")
    sources: list[int] = Field(default_factory=list, description="所用资料的编号")


def bigrams(text: str) -> set[str]:
    return pairs(_STOP.split(text))


def overlap(question: str, text: str) -> float:
    wanted = bigrams(question)
    return len(wanted & bigrams(text)) / len(wanted) if wanted else 0.0


def find_passages(
    question: str,
    corpus: Corpus,
    policies: Sequence[PolicyReference],
    *,
    finder: Finder | None,
    year: int | None = None,
    project: str | None = None,
    k: int = PASSAGES,
) -> list[Passage]:
    """The k most relevant passages, from ``finder`` when there is one and it works, else from the corpus directly."""
    refs = _index_refs(finder, question, year=year, k=4 * k) if finder is not None else None
    if refs is None:
        refs = _corpus_refs(question, corpus, policies, year=year)
    passages = [p for ref in refs if (p := _passage(ref, question, corpus, policies)) is not None]
    passages = [p for p in passages if project is None or p.citation.project == project]
    relevant = [p for p in passages if p.overlap >= MIN_OVERLAP]
    return relevant[:k]


def _index_refs(finder: Finder, question: str, *, year: int | None, k: int) -> list[str] | None:
    """The refs the index ranks for ``question``; None when the index cannot be used."""
    try:
        results = finder.search(question, year=year, k=k)
    except Exception:
        # errors, a locked or broken index) must not stop the answer, which then comes from the corpus directly
        return None
    return [ref for result in results for ref in (result.ref, *result.same_text)]


def _corpus_refs(question: str, corpus: Corpus, policies: Sequence[PolicyReference], *, year: int | None) -> list[str]:
    scored: list[tuple[float, str]] = []
    for decl in corpus:
        if year is not None and decl.header.year != year:
            continue
        scored += [(overlap(question, s.text), f"{decl.id}#{s.kind.value}") for s in decl.sections if s.text.strip()]
        scored += [
            (overlap(question, f"{i.name}{i.value.raw}"), f"{decl.id}#indicator-{i.position}") for i in decl.indicators
        ]
    scored += [(overlap(question, f"{p.title}{p.description}"), f"policy:{p.id}") for p in policies]
    return [ref for score, ref in sorted(scored, key=lambda item: -item[0]) if score > 0][:20]


def _passage(ref: str, question: str, corpus: Corpus, policies: Sequence[PolicyReference]) -> Passage | None:
    citation = _citation(ref, question, corpus, policies)
    return None if citation is None else Passage(citation=citation, overlap=overlap(question, citation.quote or ""))


def _citation(ref: str, question: str, corpus: Corpus, policies: Sequence[PolicyReference]) -> SourceRef | None:
    if ref.startswith("policy:"):
        policy = next((p for p in policies if p.id == ref.removeprefix("policy:")), None)
        return policy_citation(policy) if policy else None
    match = REF.match(ref)
    decl = next((d for d in corpus if match and d.id == match["decl"]), None)
    if match is None or decl is None:
        return None
    if match["fund"] or match["section"] == "header":
        return None
    if match["pos"]:
        indicator = next((i for i in decl.indicators if i.position == int(match["pos"])), None)
        return indicator_citation(decl, indicator) if indicator else None
    return _section_passage(decl, match["section"], question)


def _section_passage(decl: Declaration, kind_name: str, question: str) -> SourceRef | None:
    try:
        section = decl.section(SectionKind(kind_name))
    except ValueError:
        return None
    if section is None or not section.text.strip():
        return None
    return section_citation(decl, section, quote=best_sentences(section.text, question))


def best_sentences(text: str, question: str, *, limit: int = QUOTE_CHARS) -> str:
    """The sentence that best matches the question, extended by the next ones up to ``limit`` characters."""
    sentences = [s.strip() for s in split_sentences(text, ends="。；;！？", breaks="\n") if s.strip()]
    if not sentences:
        return text.strip()[:limit]
    best = max(range(len(sentences)), key=lambda i: overlap(question, sentences[i]))
    quote = sentences[best]
    for following in sentences[best + 1 :]:
        if len(quote) + len(following) > limit:
            break
        quote += following
    return quote if len(quote) <= limit else quote[:limit]


def extractive_answer(question: str, passages: Sequence[Passage]) -> Answer:
    lines = ["以下摘自语料库中最相关的段落（未经模型改写）："]
    lines += [f"{i}. “{p.citation.quote}” {p.citation.label}" for i, p in enumerate(passages, 1)]
    return Answer(
        question=question, text="\n".join(lines), route=Route.RETRIEVAL, citations=[p.citation for p in passages]
    )


def model_answer(
    question: str, passages: Sequence[Passage], runtime: LLMRuntime, *, seconds: float | None = None
) -> Answer:
    """The model's answer, citing only the passages it was given, within ``seconds`` when given; falls back to
    quoting on any model failure or timeout (why goes to the log, not into the answer)."""
    from langchain_core.messages import HumanMessage  # the model path only

    try:
        reply = runtime.structured(
            [HumanMessage(content=_prompt(question, passages))], ModelAnswer, max_tokens=200, seconds=seconds
        )
    except (ModelError, AssistantError) as error:
        fallback = extractive_answer(question, passages)
        _log.info("模型未能作答：%s", error.message)
        fallback.notes.append("模型未能作答，改为直接引用原文。")
        return fallback
    return checked_answer(question, reply.value, passages)


def checked_answer(question: str, reply: ModelAnswer, passages: Sequence[Passage]) -> Answer:
    """Keep the citations that point at a given passage; report and drop the rest."""
    valid = [n for n in dict.fromkeys(reply.sources) if 1 <= n <= len(passages)]
    dropped = [n for n in reply.sources if n not in valid]
    text = _MARKER.sub(lambda m: _label(m, passages), reply.answer.strip())
    if not valid or "资料中没有答案" in text:
        fallback = extractive_answer(question, passages)
        fallback.notes.append("模型没有给出有效引用，改为直接引用原文。")
        return fallback
    citations = [passages[n - 1].citation for n in valid]
    notes = [f"已删除 {len(dropped)} 处不指向检索结果的引用：{dropped}"] if dropped else []
    body = text + "\n" + "\n".join(f"- “{c.quote}” {c.label}" for c in citations)
    return Answer(question=question, text=body, route=Route.RETRIEVAL, citations=citations, notes=notes)


_MARKER = re.compile(r"\[(\d+)\]")


def _label(found: re.Match[str], passages: Sequence[Passage]) -> str:
    number = int(found.group(1))
    return passages[number - 1].citation.label if 1 <= number <= len(passages) else ""


def _prompt(question: str, passages: Sequence[Passage]) -> str:
    sources = "\n".join(f"[{i}] {p.citation.label} {p.citation.quote}" for i, p in enumerate(passages, 1))
    return load_prompt("qa_answer").render(question=question, sources=sources)
