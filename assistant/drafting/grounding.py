"""Grounding: no invented figure, policy or citation survives unreported."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.domain.brief import Brief
from assistant.domain.policy import PolicyReference, find_policy

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
    found = numbers_in(f"{brief.name}\n{brief.content}") | {str(brief.year), str(brief.service_days())}
    for amount in brief.funding.model_dump().values():
        if amount is not None:
            found |= {_canonical(str(amount)), _canonical(str(Decimal(amount) / 10000))}
    for day in (brief.start_date, brief.end_date):
        if day is not None:
            found |= {str(day.year), str(day.month), str(day.day)}
    return found


_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？\n]?")
_EMPTY_BRACKETS = re.compile(r"（\s*）|\(\s*\)|《\s*》")


def _without(text: str, mentions: list[str]) -> str:
    """Drop the sentences that name an unknown policy (what is left of one reads as nonsense, 根据（）的要求);
    if that leaves nothing, drop only the mentions."""
    kept = "".join(s for s in _SENTENCE.findall(text) if not any(m in s for m in mentions)).strip()
    if kept:
        return kept
    for mention in mentions:
        text = text.replace(mention, "")
    return _EMPTY_BRACKETS.sub("", text).strip()


@dataclass
class GroundingResult:
    text: str
    problems: list[str] = field(default_factory=list)
    ungrounded_figures: list[str] = field(default_factory=list)
    removed_references: list[str] = field(default_factory=list)


def ground_text(text: str, *, allowed_numbers: set[str], policies: list[PolicyReference], user_titles: list[str]) -> GroundingResult:
    """Remove policy mentions that resolve to nothing known; list figures found in no source."""
    result = GroundingResult(text=text)
    for mention in _TITLE.findall(text) + _DOC_NUMBER.findall(text):
        if find_policy(policies, mention) is None and mention.strip("《》") not in user_titles:
            result.removed_references.append(mention)
            result.problems.append(f"提到了参考材料中没有的政策“{mention}”，不得编造政策文件")
    if result.removed_references:
        result.text = _without(text, result.removed_references)
    for number in sorted(numbers_in(result.text) - allowed_numbers):
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
