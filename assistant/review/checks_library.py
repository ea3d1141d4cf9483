"""A policy a draft says it took from the policy library must be in it as written: a 立项依据 entry not marked the
person's own names a library id whose record has that title and 文号, and a section's 出处 ``policy:<id>`` names a
library id. A draft JSON edited by hand (or passed on) can claim an invented policy; this is where review says so.

Only what a draft claims is checked (`Declaration.library_citations`); a form read from a file cites its own
policies and claims nothing. Without a policy library in the review context nothing can be checked."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.domain.model import Declaration, LibraryCitation, SectionKind
from assistant.domain.policy import PolicyReference, find_policy, normalise_reference, policy_label
from assistant.review.base import at_section, finding
from assistant.review.checks_relevance import ReviewContext
from assistant.review.models import Finding

RULE = "BASIS-NOT-IN-LIBRARY"
_OWN_FIX = (
    "请对照原文核实：确有此文件的，在“立项依据”中按原文改写这一条的名称和文号（作为本人提供的依据）；"
    "查无此文件的，删去这一条。"
)

_CITATION_FIX = "这条出处不能作为依据：请改写该部分，去掉对这份文件的引用，或重新生成该部分。"


def check_library_citations(decl: Declaration, context: ReviewContext) -> Iterator[Finding]:
    if not context.policies:
        return
    by_id = {p.id: p for p in context.policies}
    seen: set[tuple[str, str | None, str | None, SectionKind]] = set()
    for cited in decl.library_citations:
        key = (cited.title, cited.doc_number, cited.policy_id, cited.section)
        if key in seen:
            continue
        seen.add(key)
        problem = _problem(cited, by_id, context.policies)
        if problem is not None:
            where = "立项依据" if cited.section is SectionKind.BASIS else f"{cited.section.label}的出处"
            label = policy_label(cited.title, cited.doc_number)
            fix = _OWN_FIX if cited.section is SectionKind.BASIS else _CITATION_FIX
            yield finding(RULE, f"{where}中的{label}{problem}", at_section(decl, cited.section), fix=fix)


def _problem(
    cited: LibraryCitation, by_id: dict[str, PolicyReference], policies: tuple[PolicyReference, ...]
) -> str | None:
    """Why ``cited`` is not the library record it claims (a Chinese clause), or None when it is."""
    record = by_id.get(cited.policy_id or "")
    named = find_policy(policies, policy_label(cited.title, cited.doc_number)) or find_policy(policies, cited.title)
    if record is not None:
        if cited.section is not SectionKind.BASIS or _same(cited, record):
            return None
        return (
            f"标为取自政策库（编号 {record.id}），但政策库中该编号的文件是{policy_label(record.title, record.doc_number)}，"
            "名称或文号与之不符，疑似编造或抄错的政策。"
        )
    claimed = f"编号“{cited.policy_id}”" if cited.policy_id else "没有政策库编号"
    if named is not None:
        return (
            f"标为取自政策库，但{claimed}不是政策库中的编号；政策库中同名或同文号的文件是"
            f"{policy_label(named.title, named.doc_number)}（编号 {named.id}）。"
        )
    return f"标为取自政策库（{claimed}），但政策库中没有这份文件，也不是用户提供的依据：无法核实，疑似编造的政策。"


def _same(cited: LibraryCitation, record: PolicyReference) -> bool:
    """The entry names ``record``: its title is the record's title or an alias, and its 文号 (when written) the record's."""
    keys = record.reference_keys()
    if normalise_reference(cited.title) not in keys:
        return False
    if not cited.doc_number:
        return True
    return record.doc_number is not None and normalise_reference(cited.doc_number) == normalise_reference(
        record.doc_number
    )


OWN_RULE = "BASIS-OWN-UNVERIFIED"
_ENTRY = re.compile(r"《(?P<title>[^《》]{2,80})》\s*[（(](?P<number>[^（）()]{2,60})[）)]")
_NUMBERED = re.compile(r"\d")


def check_own_numbers(decl: Declaration, context: ReviewContext) -> Iterator[Finding]:
    """A 立项依据 entry the person gave as their own, written with a 文号 the policy library does not hold (neither the
    number nor the title with it): nothing offline can confirm it, so a hint asks them to check the name and number
    against the document. Not an error: the library holds only part of the policies a project may rest on."""
    if not context.policies or not decl.own_policies:
        return
    own = {_plain(t) for t in decl.own_policies}
    for m in _ENTRY.finditer(decl.section_text(SectionKind.BASIS) or ""):
        title, number = m["title"].strip(), m["number"].strip()
        if _plain(title) not in own or not _NUMBERED.search(number):
            continue
        if find_policy(context.policies, number) or find_policy(context.policies, policy_label(title, number)):
            continue
        yield finding(
            OWN_RULE,
            f"立项依据中的{policy_label(title, number)}（用户提供）不在政策库中，本工具无法核实其名称和文号；"
            "请对照原文核对后再提交。",
            at_section(decl, SectionKind.BASIS),
        )


def _plain(title: str) -> str:
    return re.sub(r"\s+", "", title).strip("《》")
