"""Relevance by project type: an indicator whose object belongs to another kind of project.

The declaration's type comes from its own name, labels and text (not its indicators); an indicator
that uses a word distinctive of an incompatible type (系统, 故障响应, 可用时间 of IT work in a training
project; 文艺演出 in a river clean-up) is flagged when the declaration's own text shows no sign of that
type's work (none of its signal words, nor the word itself), whatever the corpus holds. Only where
the type is clear (score and confidence thresholds): a mixed or unknown project makes no claim.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.domain.classify import declaration_type, own_text
from assistant.domain.model import Declaration
from assistant.domain.project_types import TypeVerdict, uninvolved_markers
from assistant.review.base import at_indicator, finding, quoted
from assistant.review.models import Finding

MIN_SCORE = 6.0  # e.g. the type word once in the name (3 × 2), or several in the text
MIN_CONFIDENCE = 0.6  # the winner's share of the top two scores


def clear_type(verdict: TypeVerdict) -> bool:
    return verdict.type is not None and verdict.score >= MIN_SCORE and verdict.confidence >= MIN_CONFIDENCE


def check_type_relevance(decl: Declaration) -> Iterator[Finding]:
    verdict = declaration_type(decl)
    if not clear_type(verdict) or verdict.type is None:
        return
    text = own_text(decl)
    for ind in decl.indicators:
        found = uninvolved_markers(ind.name, verdict.type, text)
        if not found:
            continue
        words = "、".join(f"“{w}”（{t.value}类）" for w, t in found)
        yield finding(
            "REL-TYPE",
            f"本项目为{verdict.type.value}类项目，指标{quoted(ind)}含{words}，项目名称、概况和目标中均未出现，"
            f"不是{verdict.type.value}类项目的常见指标，疑似沿用其他类型项目的指标。",
            at_indicator(ind),
        )
