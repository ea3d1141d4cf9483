"""Grounding: no invented figure, policy or citation survives unreported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from assistant.domain.brief import Brief
from assistant.domain.policy import PolicyReference, find_policy
from assistant.domain.refs import SourceRef
from assistant.domain.text import sentence_pieces, sentences

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LIST_MARKER = re.compile(r"(?:^|[\s（(：:；;。])\d{1,2}(?=[、.．)）])")
_TITLE = re.compile(r"《[^《》]{2,60}》")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*[\u4e00-\u9fff]?\d+号")


def _canonical(number: str) -> str:
    value = Decimal(number)
    return format(value.normalize(), "f") if value == value.to_integral_value() or "." in number else number


def numbers_in(text: str) -> set[str]:
    cleaned = _LIST_MARKER.sub(" ", text)
    return {_canonical(n) for n in _NUMBER.findall(cleaned)}


def brief_numbers(brief: Brief) -> set[str]:
    """Every figure the brief states, in the forms prose may use (元 and 万元, dates split in parts)."""
    found = numbers_in(brief_text(brief)) | {str(brief.year), str(brief.service_days())}
    amounts = [*brief.funding.model_dump().values(), *(line.amount for line in brief.composition)]
    for amount in amounts:
        if amount is not None:
            found |= {_canonical(str(amount)), _canonical(str(Decimal(amount) / 10000))}
    for day in (brief.start_date, brief.end_date):
        if day is not None:
            found |= {str(day.year), str(day.month), str(day.day)}
    return found


def brief_text(brief: Brief) -> str:
    """Every sentence of the brief a draft may take a name, a title or a figure from."""
    parts = [brief.name, brief.department, brief.implementer, brief.content, *brief.policies]
    parts += [f"{step.period}：{step.work}" for step in brief.plan]
    parts += [f"{line.part}：{line.detail or ''}" for line in brief.composition]
    return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class Sources:
    """What a section may draw on: the brief and the material its prompt showed (precedents, policies)."""

    text: str  # the brief's and the material's text, joined
    numbers: set[str]
    policies: list[PolicyReference]  # the whole policy corpus: a known policy may always be named
    user_titles: list[str]

    def knows(self, mention: str) -> bool:
        inner = mention.strip("《》")
        return find_policy(self.policies, mention) is not None or inner in self.user_titles or inner in self.text


# A title that names a rule-setting document: 《…法》《…条例》《…实施意见》《…通知》（试行）…
_POLICY_TITLE = re.compile(
    r"(?:法|条例|办法|规定|规则|细则|意见|通知|决定|决议|规划|纲要|方案|准则|标准|指南|指引|制度|要点|批复|公告|令)(?:（[^（）]{1,6}）)?》$"
)
_EMPTY_BRACKETS = re.compile(r"（\s*）|\(\s*\)|《\s*》|“\s*”")
# What a cut title leaves behind: 根据的要求，按照《》的规定，为落实“”的部署
_DANGLING = re.compile(
    r"(?:根据|按照|依据|依照|遵照|遵循|落实|贯彻|执行)(?:[《》“”\"（）()\s])*的(?:有关|相关)?(?:要求|规定|精神|部署)"
)


def policy_like(mention: str) -> bool:
    """A document number, or a 《title》 of a rule-setting document (not a booklet or a book)."""
    return not mention.startswith("《") or _POLICY_TITLE.search(mention) is not None


def _without(text: str, mentions: list[str]) -> str:
    """Drop the sentences that name an unknown policy (what is left of one reads as nonsense, 根据（）的要求);
    if that leaves nothing, drop only the mentions."""
    kept = "".join(s for s in sentences(text) if not any(m in s for m in mentions)).strip()
    if kept:
        return kept
    for mention in mentions:
        text = text.replace(mention, "")
    return mend_dangling(text)


def mend_dangling(text: str) -> str:
    """Remove the clauses a cut reference left empty (根据的要求，…) and empty brackets; the rest stays."""
    text = _EMPTY_BRACKETS.sub("", text)
    if not _DANGLING.search(text):
        return text
    mended = []
    for sentence in sentences(text):
        clauses = [c for c in sentence_pieces(sentence, ends="，,") if not _DANGLING.search(c)]
        kept = "".join(clauses).strip()
        if kept and kept[-1] not in "。；！？\n":
            kept = kept.rstrip("，,") + (sentence[-1] if sentence[-1] in "。；！？" else "")
        mended.append(kept)
    return "".join(mended).strip()


@dataclass
class GroundingResult:
    text: str
    problems: list[str] = field(default_factory=list)  # what the model is asked to mend (a retry)
    ungrounded_figures: list[str] = field(default_factory=list)
    removed_references: list[str] = field(default_factory=list)
    unknown_titles: list[str] = field(default_factory=list)  # a 《book》 found nowhere: reported, kept
    # set when the rules replaced the model's text (a 必要性 that restated the work plan): what that text cites
    rules_citations: list[SourceRef] | None = None


def ground_text(text: str, *, sources: Sources) -> GroundingResult:
    """Remove policy-like mentions found in no source, mend what they leave; list figures found in no source.

    A title or number the brief or the shown material contains is the user's own fact and stays
    without any retry; only an invented figure is sent back to the model (``problems``).
    """
    result = GroundingResult(text=mend_dangling(text))
    for mention in dict.fromkeys(_TITLE.findall(result.text) + _DOC_NUMBER.findall(result.text)):
        if sources.knows(mention):
            continue
        if policy_like(mention):
            result.removed_references.append(mention)
        else:
            result.unknown_titles.append(mention)
    if result.removed_references:
        result.text = _without(result.text, result.removed_references)
    for number in sorted(numbers_in(result.text) - sources.numbers):
        result.ungrounded_figures.append(number)
        result.problems.append(f"数字“{number}”在简报和参考材料中都找不到，不得编造数字")
    return result


BORROWED_MIN_CHARS = 12  # shorter shared runs are the form's stock phrases (全年稳定运行, 满意度达到)


def borrowed_runs(text: str, source: str, brief_text: str) -> list[str]:
    """Runs of text copied verbatim from a precedent that the brief does not contain: another project's
    content may have been carried over (the prompt allows borrowing the way of writing, not the facts)."""
    blocks = SequenceMatcher(None, text, source, autojunk=False).get_matching_blocks()
    runs = (text[b.a : b.a + b.size] for b in blocks if b.size >= BORROWED_MIN_CHARS)
    return [run for run in runs if run not in brief_text]
