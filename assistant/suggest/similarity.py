"""How close a brief is to each past declaration: wording, project kind, header and year.

Lexical on purpose (character-bigram TF-IDF): it runs in milliseconds, and the bundled e5-small
model scores short Chinese names too uniformly to rank precedents (see assistant/review/checks_relevance.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain.brief import Brief
from assistant.suggest.bank import DeclarationProfile, IndicatorBank
from assistant.suggest.text import core_name

TEXT_WEIGHT = 0.45
KIND_WEIGHT = 0.2
HEADER_WEIGHT = 0.2
YEAR_WEIGHT = 0.15
YEAR_SPAN = 8  # years apart at which forms stop resembling each other
# The implementing unit predicts a form's style best: it writes the form, often copying last year's.
HEADER_FIELDS = {"implementer": 0.4, "department": 0.2, "nature": 0.2, "category": 0.2}


@dataclass(frozen=True)
class Scored:
    profile: DeclarationProfile
    similarity: float


def brief_kinds(brief: Brief, bank: IndicatorBank) -> list[str]:
    """The brief's header labels and the project-kind words its name contains."""
    labels = [x for x in (brief.nature, brief.category, brief.fund_use) if x]
    return list(dict.fromkeys([*labels, *_kind_terms(brief.name, bank)]))


def _kind_terms(name: str, bank: IndicatorBank) -> set[str]:
    core = core_name(name)
    return {t for t in bank.kind_terms if t in core}


def rank_precedents(brief: Brief, bank: IndicatorBank) -> list[Scored]:
    """Every declaration of the bank with its similarity to the brief (0–1), closest first."""
    text = _text_match(brief, bank)
    kinds = _kind_terms(brief.name, bank)
    scored = []
    for profile in bank.profiles:
        if profile.declaration_id == brief.previous_declaration_id:
            scored.append(Scored(profile, 1.0))  # last year's form of the same project
            continue
        score = TEXT_WEIGHT * text[profile.declaration_id]
        score += KIND_WEIGHT * _jaccard(kinds, _kind_terms(profile.project_name, bank))
        score += HEADER_WEIGHT * _header_match(brief, profile) + YEAR_WEIGHT * _year_match(brief, profile)
        scored.append(Scored(profile, round(min(score, 1.0), 4)))
    return sorted(scored, key=lambda s: (-s.similarity, s.profile.declaration_id))


def _text_match(brief: Brief, bank: IndicatorBank) -> dict[str, float]:
    """TF-IDF cosine of the brief's name and content with each declaration's profile text."""
    query = bank.tfidf.vector(brief.text())
    return {d: bank.tfidf.cosine(query, vector) for d, vector in bank.vectors.items()}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _header_match(brief: Brief, profile: DeclarationProfile) -> float:
    return sum(
        w
        for field, w in HEADER_FIELDS.items()
        if getattr(brief, field) and getattr(brief, field) == getattr(profile, field)
    )


def _year_match(brief: Brief, profile: DeclarationProfile) -> float:
    if profile.year is None:
        return 0.0
    return max(0.0, 1 - abs(brief.year - profile.year) / YEAR_SPAN)
