"""Citations made from, and checked against, the typed corpus.

A citation's ``ref`` names one source (a section, an indicator row, a funding cell, a policy entry);
``verify_citation`` resolves it again and checks that the quoted text is really there, so an answer
can never point at a source that does not say what it quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.corpus.store import Corpus
from assistant.domain.model import Declaration, Indicator, SectionKind, TextSection
from assistant.domain.policy import PolicyReference
from assistant.errors import InputError
from assistant.qa.models import Citation, FundingField

REF = re.compile(r"^(?P<decl>[^#]+)#(?:(?P<ind>indicator-(?P<pos>\d+))|funding\.(?P<fund>\w+)|(?P<section>\w+))$")
BLANK = "（空白）"


def yuan(amount: Decimal) -> str:
    """Exact, as the form wrote it, with thousands separators: 26,413,037.00 元."""
    return f"{amount:,.2f} 元"


def units_of(decl: Declaration) -> list[str]:
    header = decl.header
    return [unit for unit in (header.department, header.applicant, header.implementer) if unit]


def header_citation(decl: Declaration) -> Citation:
    return Citation(ref=f"{decl.id}#header", project=decl.header.name, year=decl.header.year, part="表头", quote=decl.header.name)


def header_text(decl: Declaration) -> str:
    return " ".join([decl.header.name, str(decl.header.year or ""), *units_of(decl)])


def section_citation(decl: Declaration, section: TextSection, quote: str | None = None) -> Citation:
    return Citation(
        ref=f"{decl.id}#{section.kind.value}",
        project=decl.header.name,
        year=decl.header.year,
        part=section.kind.label,
        quote=section.text.strip() if quote is None else quote,
    )


def indicator_citation(decl: Declaration, indicator: Indicator) -> Citation:
    return Citation(
        ref=f"{decl.id}#indicator-{indicator.position}",
        project=decl.header.name,
        year=decl.header.year,
        part=f"绩效指标第{indicator.position}项",
        quote=indicator_line(indicator),
    )


def indicator_line(indicator: Indicator) -> str:
    return f"{indicator.name}：{indicator.value.raw.strip() or BLANK}"


def funding_citation(decl: Declaration, field: FundingField) -> Citation:
    amount: Decimal | None = getattr(decl.funding, field.value)
    return Citation(
        ref=f"{decl.id}#funding.{field.value}",
        project=decl.header.name,
        year=decl.header.year,
        part=field.label,
        quote=BLANK if amount is None else yuan(amount),
    )


def policy_citation(policy: PolicyReference) -> Citation:
    number = f"（{policy.doc_number}）" if policy.doc_number else ""
    return Citation(ref=f"policy:{policy.id}", project=f"《{policy.title}》{number}", year=policy.year, part="政策库", quote=policy.title)


def source_text(corpus: Corpus, policies: Sequence[PolicyReference], ref: str) -> str | None:
    """The full text a ref points to, or None when it points nowhere."""
    if ref.startswith("policy:"):
        policy = next((p for p in policies if p.id == ref.removeprefix("policy:")), None)
        return None if policy is None else f"{policy.title} {policy.doc_number or ''} {policy.description}"
    match = REF.match(ref)
    if match is None:
        return None
    try:
        decl = corpus.get(match["decl"])
    except InputError:
        return None
    return _declaration_part(decl, match)


def _declaration_part(decl: Declaration, match: re.Match[str]) -> str | None:
    if match["section"] == "header":
        return header_text(decl)
    if match["ind"]:
        found = next((i for i in decl.indicators if i.position == int(match["pos"])), None)
        return None if found is None else indicator_line(found)
    if match["fund"]:
        if match["fund"] not in {field.value for field in FundingField}:
            return None
        amount = getattr(decl.funding, match["fund"])
        return BLANK if amount is None else yuan(amount)
    try:
        kind = SectionKind(match["section"])
    except ValueError:
        return None
    section = decl.section(kind)
    return None if section is None else section.text


def verify_citation(corpus: Corpus, policies: Sequence[PolicyReference], citation: Citation) -> bool:
    """True when the ref resolves and its text contains the quote (whitespace ignored)."""
    text = source_text(corpus, policies, citation.ref)
    return text is not None and squash(citation.quote) in squash(text)


def squash(text: str) -> str:
    return "".join(text.split())
