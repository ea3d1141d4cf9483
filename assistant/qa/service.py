"""`answer`: the one Q&A service the CLI and the web chat call.

Structured first: a question the rules read as a query over fields is answered in code. Anything else
goes to retrieval. A question about a unit or project the corpus does not hold is refused with what the
corpus holds instead.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from assistant.corpus.store import Corpus
from assistant.domain.policy import load_policies
from assistant.llm.runtime import LLMRuntime
from assistant.qa.conversation import Conversation
from assistant.qa.execute import Scope, execute, holdings
from assistant.qa.lexicon import Lexicon
from assistant.qa.models import Answer, Route
from assistant.qa.parse import Cues, read_question, to_query
from assistant.qa.retrieve import extractive_answer, find_passages, model_answer
from assistant.settings import Settings


@cache
def load_scope(corpus_dir: Path) -> Scope:
    corpus = Corpus.load(corpus_dir)
    return Scope(corpus=corpus, lexicon=Lexicon.of(corpus, load_policies(corpus_dir / "policies")))


def answer(
    question: str,
    conversation: Conversation,
    settings: Settings,
    runtime: LLMRuntime | None,
    *,
    today: date | None = None,
    scope: Scope | None = None,
) -> Answer:
    """Answer one question in the conversation and record it there; ``scope`` defaults to the configured corpus."""
    scope = scope or load_scope(settings.corpus.corpus_dir)
    cues = conversation.resolve(read_question(question, scope.lexicon, today=today or date.today()))
    result = _route(question, cues, scope, settings, runtime)
    conversation.record(result)
    return result


def _route(question: str, cues: Cues, scope: Scope, settings: Settings, runtime: LLMRuntime | None) -> Answer:
    unknown = _unknown_subject(cues)
    if unknown is not None:
        return _refuse(question, unknown, scope, cues)
    query = to_query(cues)
    if query is not None:
        return execute(query, question, scope)
    return _retrieval(question, cues, scope, settings, runtime)


def _unknown_subject(cues: Cues) -> str | None:
    if cues.unknown_unit and cues.unit is None:
        return f"单位“{cues.unknown_unit}”"
    if cues.unknown_project and cues.project is None and cues.target is not None:
        return f"项目“{cues.unknown_project}”"
    return None


def _refuse(question: str, what: str, scope: Scope, cues: Cues) -> Answer:
    lines = [f"语料库中未找到{what}的申报表。", *holdings(None, scope)]
    if what.startswith("项目"):
        lines.append("现有项目：" + "、".join(scope.lexicon.projects) + "。")
    return Answer(question=question, text="\n".join(lines), route=Route.STRUCTURED if cues.target else Route.RETRIEVAL, refused=True)


def _retrieval(question: str, cues: Cues, scope: Scope, settings: Settings, runtime: LLMRuntime | None) -> Answer:
    year = cues.years[0] if len(cues.years) == 1 else None
    passages = find_passages(settings, question, scope.corpus, scope.lexicon.policies, year=year, project=cues.project)
    if not passages:
        lines = ["语料库中未找到与该问题相关的内容。", *holdings(None, scope)]
        return Answer(question=question, text="\n".join(lines), route=Route.RETRIEVAL, refused=True)
    if runtime is not None and runtime.enabled:
        return model_answer(question, passages, runtime)
    return extractive_answer(question, passages)
