"""Scoring a candidate draft, the same functions for the product and the baseline.

Figures (per case): schema-valid; review errors (the review engine, with the corpus as context);
invented figures (numbers in the final text found in neither the brief nor the material offered)
and invented policies (a 《title》 or document number, in the text or the 立项依据, that resolves to no
policy of corpus/policies and was not named in the brief): ``assistant.drafting.grounding``'s own
checks; required-category coverage (``assistant.suggest.suggest.requirements``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.domain.brief import Brief
from assistant.domain.model import SectionKind
from assistant.domain.policy import PolicyReference, find_policy
from assistant.domain.skeleton import brief_declaration
from assistant.domain.text import pairs
from assistant.drafting.grounding import Sources, brief_numbers, brief_text, ground_text, numbers_in
from assistant.evals.candidate import Candidate
from assistant.review.checks_relevance import ReviewContext
from assistant.review.engine import review
from assistant.review.models import Severity
from assistant.suggest.suggest import requirements


@dataclass
class Score:
    """One case of one system; ``extra`` holds the suite's own figures (indicator F1, kept rows…)."""

    case: str
    system: str
    schema_valid: bool
    review_errors: int
    invented_figures: int
    invented_policies: int
    caught: int
    covered: int
    required: int
    seconds: float
    prompt_tokens: int
    completion_tokens: int
    retries: int
    sections: list[dict] = field(
        default_factory=list
    )  # per call: section, prompt_tokens, completion_tokens, seconds, attempts
    extra: dict[str, float] = field(default_factory=dict)
    failure: str = ""

    @property
    def no_review_error(self) -> bool:
        return self.schema_valid and self.review_errors == 0


def score(case: str, c: Candidate, brief: Brief, policies: list[PolicyReference], context: ReviewContext) -> Score:
    figures, invented = invented_items(c, brief, policies)
    needs = requirements(brief.year)
    covered = sum(1 for need in needs if any(r.level2 in need.accepted for r in c.rows))
    return Score(
        case=case,
        system=c.system,
        schema_valid=c.schema_valid,
        review_errors=review_errors(c, brief, context),
        invented_figures=len(figures),
        invented_policies=len(invented),
        caught=c.caught,
        covered=covered,
        required=len(needs),
        seconds=round(c.seconds, 2),
        prompt_tokens=sum(x.prompt_tokens for x in c.costs),
        completion_tokens=sum(x.completion_tokens for x in c.costs),
        retries=sum(max(x.attempts - 1, 0) for x in c.costs),
        sections=[vars(x) for x in c.costs],
        failure=c.failure,
    )


BRIEF_FIELDS = ("header.", "funding.")  # filled from the brief, not drafted: the same for both systems


def review_errors(c: Candidate, brief: Brief, context: ReviewContext) -> int:
    """Errors the review engine finds in what the system drafted (sections, 立项依据, indicators); errors on
    the header and funding fields, which come from the brief as given (a derived leave-one-out brief has no
    dates, for one), are not the draft's and are left out. A candidate with nothing to review counts as one."""
    if not c.sections and not c.rows:
        return 1
    basis = "\n".join(c.basis)
    sections = [(k, t) for k, t in c.sections.items()] + ([(SectionKind.BASIS, basis)] if basis else [])
    rows = [r for row in c.rows if (r := row.review_row()) is not None]
    report = review(brief_declaration(brief, declaration_id="draft", sections=sections, indicators=rows), context)
    return sum(
        f.severity is Severity.ERROR and not (f.location.field or "").startswith(BRIEF_FIELDS) for f in report.findings
    )


def invented_items(c: Candidate, brief: Brief, policies: list[PolicyReference]) -> tuple[list[str], list[str]]:
    """Figures in no source, and policy mentions resolving to nothing, in the final text and 立项依据."""
    allowed = brief_numbers(brief).union(*(numbers_in(m) for m in c.material))
    named = [p.strip("《》 ") for p in brief.policies]
    sources = Sources(
        text="\n".join([brief_text(brief), *c.material]), numbers=allowed, policies=policies, user_titles=named
    )
    figures: list[str] = []
    mentions: list[str] = []
    for text in c.sections.values():
        grounded = ground_text(text, sources=sources)
        figures += grounded.ungrounded_figures
        mentions += grounded.removed_references
    mentions += [b for b in c.basis if not _resolves(b, policies) and b.strip("《》 ") not in named]
    return figures, mentions


_PARTS = re.compile(r"《([^《》]+)》|[（(]([^（）()]+)[）)]")


def _resolves(entry: str, policies: list[PolicyReference]) -> bool:
    """A 立项依据 entry names a known policy: as a whole, by its 《title》 or by its （document number）."""
    parts = [entry.strip()] + [p for pair in _PARTS.findall(entry) for p in pair if p]
    return any(find_policy(policies, part) is not None for part in parts)


def bigrams(text: str) -> set[str]:
    return pairs(["".join(text.split())])


def jaccard(a: str, b: str) -> float:
    """Character-bigram Jaccard similarity of two Chinese texts (whitespace ignored), 0–1."""
    x, y = bigrams(a), bigrams(b)
    return len(x & y) / len(x | y) if x | y else 0.0
