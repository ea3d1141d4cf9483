"""Sentences that leave the project: another domain's policy or object, or the brief's own target negated.

A small model fills 必要性 with what the corpus it was shown is about: "符合国家关于涉密专用信息设备集中采购的
相关政策要求" in an archive-digitisation draft, 人大预算联网监督 in a legislative-research one. Such a sentence
names a policy that does not fit the project, or an object (a run of three characters or more) that only
another project or a non-fitting policy speaks of, and neither the brief nor a fitting policy nor the
shown material does: it is removed and reported. A sentence that turns the brief's own target around
("避免纸质档案零损毁" for a brief that aims at 零损毁) is sent back to the model, and removed if it stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.domain.policy import find_policy, policies_cited_in
from assistant.domain.refs import policy_id
from assistant.domain.text import sentence_pieces
from assistant.drafting.context import DraftContext
from assistant.drafting.grounding import brief_text
from assistant.drafting.relevance import policy_scope
from assistant.review.subject import domain_bigrams, foreign_runs, text_bigrams

_TITLE = re.compile(r"《([^《》]{2,60})》")
# A target stated as an absence (零损毁, 零差错, 无遗漏, 不重不漏) and a verb that would make it a harm.
_ZERO = re.compile(r"零[\u4e00-\u9fff]{1,3}")
_ABSENCE = re.compile(r"(?:零|无|不)[\u4e00-\u9fff]{1,3}|不重不漏")
_AVOID = r"(?:避免|防止|杜绝|减少|降低|以免|谨防|造成|导致|出现)"


@dataclass(frozen=True)
class Domain:
    """What a draft may speak of (``allowed`` pieces) and what belongs to other projects (``foreign``)."""

    allowed: set[str]
    foreign: set[str]
    foreign_titles: set[str] = field(default_factory=set)  # library policies that do not fit the project
    foreign_text: str | None = None  # the texts ``foreign`` comes from, one a line


def project_domain(ctx: DraftContext) -> Domain:
    """The brief, its fitting policies and the shown material against the rest of the library and the
    corpus's other project names."""
    fitting = {policy_id(item.citation.ref) for item in ctx.policies}
    own = [brief_text(ctx.prompt_brief), *(i.text for i in ctx.materials), *(p.text for p in ctx.policies)]
    own += [b.title for b in ctx.user_basis]
    kept = [p for p in ctx.all_policies if p.id in fitting]
    own += [f"{p.title} {policy_scope(p) or ''}" for p in kept]
    others = [p for p in ctx.all_policies if p not in kept]
    vocabulary = [*ctx.others, *(f"{p.title} {policy_scope(p) or ''}" for p in others)]
    return Domain(
        allowed=text_bigrams("\n".join(own)),
        foreign=domain_bigrams(vocabulary),
        foreign_titles={p.id for p in others},
        foreign_text="\n".join(vocabulary),
    )


@dataclass
class OffTopic:
    text: str  # what is left
    removed: list[tuple[str, str]] = field(default_factory=list)  # (the other domain's words, the sentence)


def drop_foreign(text: str, domain: Domain, ctx: DraftContext) -> OffTopic:
    """``text`` without its sentences about another domain; the whole text stays when nothing would be left
    (then the caller asks again)."""
    kept, removed = [], []
    for sentence in sentence_pieces(text):
        words = foreign_words(sentence, domain, ctx) if sentence.strip() else []
        if words:
            removed.append(("、".join(words), sentence.strip()))
        else:
            kept.append(sentence)
    rest = "".join(kept).strip()
    return OffTopic(text=rest or text, removed=removed)


def foreign_words(sentence: str, domain: Domain, ctx: DraftContext) -> list[str]:
    """A non-fitting library policy the sentence names, or another domain's object it speaks of."""
    titles = []
    for title in _TITLE.findall(sentence):
        policy = find_policy(ctx.all_policies, title)
        if policy is not None and policy.id in domain.foreign_titles:
            titles.append(f"《{title}》")
    titles += [
        f"《{p.title}》"
        for p in policies_cited_in(ctx.all_policies, sentence)
        if p.id in domain.foreign_titles and f"《{p.title}》" not in titles
    ]  # named without 《》 (根据预算审查监督条例的规定)
    plain = _TITLE.sub(" ", sentence)
    return titles + foreign_runs(plain, allowed=domain.allowed, foreign=domain.foreign, said_in=domain.foreign_text)


def negated_targets(text: str, brief: str) -> list[tuple[str, str]]:
    """(target, sentence) for each sentence that makes a harm of an absence-target: any 零X, and the brief's
    own 无X/不X targets (避免…零损毁, 防止…不重不漏)."""
    targets = set(_ZERO.findall(text)) | {t for t in _ABSENCE.findall(brief) if t in text}
    found = []
    for sentence in filter(str.strip, sentence_pieces(text)):
        for target in sorted(targets, key=len, reverse=True):
            if re.search(_AVOID + r"[^，。；！？]{0,16}?" + re.escape(target), sentence):
                found.append((target, sentence.strip()))
                break
    return found


def without_sentences(text: str, sentences: list[str]) -> str:
    """``text`` without the given sentences ('' when nothing is left)."""
    return "".join(s for s in sentence_pieces(text) if not s.strip() or s.strip() not in sentences).strip()
