"""Faithful content: a sentence that makes a political or background claim none of the sources makes goes.

A small model fills 必要性 with stock political phrases ("加强党对人民的领导以及推动全面从严治党" for a
people's-congress training) that neither the brief, nor the precedents, nor the policies shown say.
Such a claim is only acceptable when a source carries it; the check looks for the key phrase of each
claim, so that the same phrase written by the brief (a party-building project) stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.domain.text import sentences

# Key phrases of claims that need a source: political framing and national-strategy slogans. Each
# is matched as written; a phrase the sources contain is allowed everywhere in the section.
CLAIM_PHRASES: tuple[str, ...] = (
    "党的领导",
    "党对",
    "全面从严治党",
    "从严治党",
    "党风廉政",
    "党的建设",
    "党建引领",
    "政治建设",
    "政治站位",
    "习近平",
    "新时代",
    "中国特色社会主义",
    "两个维护",
    "两个确立",
    "四个意识",
    "四个自信",
    "意识形态",
    "初心使命",
    "伟大复兴",
    "中国梦",
    "治理体系",
    "治理能力现代化",
    "全过程人民民主",
    "人民当家作主",
    "高质量发展",
    "共同富裕",
    "乡村振兴",
    "一带一路",
    "长三角一体化",
    "国际大都市",
    "社会主要矛盾",
    # consequences about the party's or government's standing that no brief states (a new user's draft of
    # a platform upkeep: 不做的后果……可能引发信任危机，影响党的形象和声誉)
    "党的形象",
    "政府形象",
    "党和政府",
    "信任危机",
    "公信力",
    "社会稳定",
)


@dataclass
class FaithfulResult:
    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)  # (phrase, the sentence that made the claim)
    dropped: bool = False  # those sentences were taken out (False: they were all there was, so they stay)


def drop_unsupported_claims(text: str, *, sources: str, dictated: Sequence[str] = ()) -> FaithfulResult:
    """Remove each clause whose claim phrase (``CLAIM_PHRASES``) no source contains, or that writes what an
    instruction hidden in the input dictated (``dictated``), and a sentence left with nothing to say; keep
    the text whole when that would remove everything (then the claim is only reported, and the caller
    asks again). Clause by clause, so that one stock phrase in a one-sentence goal costs no retry."""
    unsupported = [p for p in (*CLAIM_PHRASES, *dictated) if p in text and p not in sources]
    if not unsupported:
        return FaithfulResult(text=text)
    kept, removed = [], []
    for sentence in sentences(text):
        phrase = next((p for p in unsupported if p in sentence), None)
        if phrase is None:
            kept.append(sentence)
            continue
        rest = _without_clauses(sentence, unsupported)
        removed.append((phrase, sentence.strip()))
        kept.append(rest)
    rest = "".join(kept).strip()
    return FaithfulResult(text=rest or text, removed=removed, dropped=bool(rest))


MIN_CLAUSE_CHARS = 6  # what is left of a sentence must still say something (not 是必然要求)


def _without_clauses(sentence: str, phrases: list[str]) -> str:
    """The sentence without its clauses that carry one of ``phrases``; '' when too little is left."""
    end = sentence[-1] if sentence and sentence[-1] in "。；！？\n" else ""
    body = sentence[: len(sentence) - len(end)]
    clauses = [c for c in sentences(body, ends="，,") if not any(p in c for p in phrases)]
    left = "".join(clauses).rstrip("，,")
    return left + end if len(re.findall(r"[\u4e00-\u9fff]", left)) >= MIN_CLAUSE_CHARS else ""
