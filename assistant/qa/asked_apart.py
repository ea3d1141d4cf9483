"""Several questions in one message (red team rt12 #10: 2019年的项目一般满意度填多少？2026年呢？): a later sentence
that only changes what the first asks (X呢？, 那X呢？) is a question of its own, answered apart in the same
conversation, each with its citations, never pooled with the first into one answer.
"""

from __future__ import annotations

import re

from assistant.qa.models import Answer, Route

_SENTENCE = re.compile(r"[^？?]+[？?]*")
_FOLLOW = re.compile(r"^(?:那|那么|还有|换成|再看看?|再问)?[^？?。，,]{1,14}呢[？?]*$")
MAX_PARTS = 4
# 2019年和2026年…一般各填多少 / 分别: the years asked one by one, not pooled
_APART = re.compile(r"分别|各自|各(?:是|为|填|写|定|设|有|一般|怎么|多少)|逐年|分年|每一?年各")
_YEAR_RUN = re.compile(r"(?:(?:19|20)?\d{2}年?(?:和|与|跟|及|、|,|，|以及|还有)){1,3}(?:19|20)?\d{2}年")


def asked_apart(question: str) -> list[str]:
    """The questions of the message in order: the whole message where no later sentence is a 呢 follow-up."""
    sentences = [s.strip() for s in _SENTENCE.findall(question) if s.strip()]
    if not 2 <= len(sentences) <= MAX_PARTS or _FOLLOW.match(sentences[0]):
        return [question]
    if not all(_FOLLOW.match(sentence) for sentence in sentences[1:]):
        return [question]
    return sentences


def years_apart(question: str, years: tuple[int, ...]) -> list[str]:
    """The question once per year where it asks the years 分别/各 in one run (2019年和2026年); [] otherwise."""
    run = _YEAR_RUN.search(question)
    if len(years) < 2 or not _APART.search(question) or run is None:
        return []
    return [f"{question[: run.start()]}{year}年{question[run.end() :]}" for year in years]


def joined(question: str, parts: list[str], results: list[Answer]) -> Answer:
    """One answer of the answers to each part, each under its own question, citations and rows kept."""
    text = "\n\n".join(f"【{part}】\n{result.text}" for part, result in zip(parts, results, strict=True))
    rows = [row for result in results for row in result.rows]
    citations = list(dict.fromkeys(c for result in results for c in result.citations))
    structured = all(result.route is Route.STRUCTURED for result in results)
    return Answer(
        question=question,
        text=text,
        route=Route.STRUCTURED if structured else results[-1].route,
        query=results[-1].query,
        rows=rows,
        citations=citations,
        refused=all(result.refused for result in results),
        notes=[note for result in results for note in result.notes],
    )
