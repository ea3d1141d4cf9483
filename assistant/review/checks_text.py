"""Text addressed to a model or to whoever drafts (prompt injection) inside a form: it states nothing about the
project, and a form passed on from someone else may carry it to the next tool that reads the form. The drafting
chain takes such text out of what reaches a prompt (`assistant.drafting.injection`); review names where it is."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.domain.model import Declaration
from assistant.drafting.injection import looks_injected, neutralise
from assistant.review.base import at_indicator, at_section, finding
from assistant.review.models import Finding

_SHOWN = 40  # characters of the instruction quoted in the message


def check_instructions(decl: Declaration) -> Iterator[Finding]:
    """One warning per section, and per indicator row, holding text that addresses the model or the drafter."""
    for section in decl.sections:
        removed = neutralise(section.text).removed
        if removed:
            yield finding(
                "TEXT-INSTRUCTION",
                f"「{section.kind.label}」中有一段写给模型或起草者的指令：“{_cut(removed[0])}”。",
                at_section(decl, section.kind),
            )
    for ind in decl.indicators:
        texts = [ind.name, ind.value.raw or ""]
        hit = next((t for t in texts if looks_injected(t)), None)
        if hit is not None:
            yield finding("TEXT-INSTRUCTION", f"指标中有写给模型或起草者的指令：“{_cut(hit)}”。", at_indicator(ind))


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
