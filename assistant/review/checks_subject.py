"""Drafts that leave the project: a 立项依据 policy of another subject, a goal that repeats the project's
description, a 必要性 sentence about another domain (`subject.py` says what a subject is).

Each claims only what its words show: a policy is judged by its title (and the library's one-line scope
where the context holds the library); a title whose subject is only generic words (《宪法》) is not judged.
A goal is a copy when 60% of it (30 characters at least) is runs of six characters or more found in 项目概况 or the
budget lines' content (the 年度绩效目标 of a one-year project may equal the 项目总目标: that is allowed).
A 必要性 repeats the project when, its reasons and the policies it names taken off, what is left is the work of
项目概况 pasted and makes half of it or more.
A necessity sentence is about another domain when it names a policy that does not fit, or speaks of an
object (three characters or more) that only another known project or a non-fitting policy names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.domain.model import Declaration, SectionKind
from assistant.domain.policy import find_policy
from assistant.domain.text import sentences
from assistant.review.base import at_section, finding
from assistant.review.checks_relevance import ReviewContext
from assistant.review.models import Finding
from assistant.review.reasons import reason_kind, without_policy_clauses
from assistant.review.subject import (
    Project,
    copied_share,
    domain_bigrams,
    fits,
    foreign_runs,
    is_copy,
    judgeable,
    text_bigrams,
    title_subject,
    with_long_forms,
)

_TITLE = re.compile(r"《([^《》]{2,80})》")
# A policy cited with its issuers and number after the title (《…规定》（教育部 国家卫生健康委员会令第45号）, 沪府办
# 〔2024〕12号): who issued it is no subject of the sentence, so those words are not read as the project's domain.
_CITED = re.compile(
    r"《[^《》]{2,80}》(?:\s*[（(][^（）()]{0,80}[）)])?|[（(][^（）()]{0,60}(?:〔\d{4}〕|\[\d{4}\]|令第|第\d+号)[^（）()]{0,20}[）)]"
)
_OWN_SECTIONS = (SectionKind.OVERVIEW, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL, SectionKind.PLAN)


def project_of(decl: Declaration) -> Project:
    """What the declaration says it is: name, overview, goals, plan, budget lines and indicator names (not
    its 立项依据 or 必要性, which are what is judged)."""
    parts = [decl.header.name, *(decl.section_text(kind) or "" for kind in _OWN_SECTIONS)]
    parts += [f"{line.name} {line.content or ''} {line.detail or ''}" for line in decl.budget_lines]
    parts += [ind.name for ind in decl.indicators]
    return Project(name=decl.header.name, text=with_long_forms("\n".join(p for p in parts if p)))


def _scope(title: str, context: ReviewContext) -> str | None:
    policy = find_policy(list(context.policies), title) if context.policies else None
    scope = getattr(policy, "scope", None) if policy is not None else None
    return scope if isinstance(scope, str) else None


def _off_subject(project: Project, title: str, context: ReviewContext, own: frozenset[str] = frozenset()) -> bool:
    """Whether ``title`` is of another subject than the project; a policy the person gave for it (``own``: the
    brief's 政策依据 or a 《title》 in its 主要内容) is the project's own, whatever its words."""
    if _plain(title) in own:
        return False
    return judgeable(title_subject(title, kind_as_subject=False)) and not fits(project, title, _scope(title, context))


def _own(decl: Declaration) -> frozenset[str]:
    return frozenset(_plain(t) for t in decl.own_policies)


def _plain(title: str) -> str:
    return re.sub(r"\s+", "", title).strip("《》")


def check_basis_subject(decl: Declaration, context: ReviewContext) -> Iterator[Finding]:
    project, own = project_of(decl), _own(decl)
    for title in dict.fromkeys(_TITLE.findall(decl.section_text(SectionKind.BASIS) or "")):
        if _off_subject(project, title, context, own):
            yield finding(
                "BASIS-OFF-SUBJECT",
                f"立项依据《{title}》的主题（{'、'.join(title_subject(title))}）与本项目的名称、概况和目标都不相符，"
                "疑似沿用了其他项目的政策依据。",
                at_section(decl, SectionKind.BASIS),
            )


def check_goal_repeats(decl: Declaration) -> Iterator[Finding]:
    source = "\n".join(
        [decl.section_text(SectionKind.OVERVIEW) or ""]
        + [f"{line.content or ''}\n{line.detail or ''}" for line in decl.budget_lines]
    )
    for kind in (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL):
        goal = decl.section_text(kind) or ""
        share = copied_share(goal, source)
        if goal.strip() and is_copy(goal, source):
            yield finding(
                "GOAL-REPEATS",
                f"{kind.label}有 {share:.0%} 的文字照抄项目概况（主要内容），写的是要做的工作，不是要达到的目标。",
                at_section(decl, kind),
            )


_CLAUSE_END = re.compile(r"[。；;！？!?\n]")


def check_necessity_repeats(decl: Declaration) -> Iterator[Finding]:
    """A 必要性 whose sentences, the reasons (现状、问题、上级要求、服务对象的需要) and the policies it carries out
    taken off, are mostly the work of 项目概况 pasted: it says what is done, not why."""
    necessity = decl.section_text(SectionKind.NECESSITY) or ""
    overview = decl.section_text(SectionKind.OVERVIEW) or ""
    rest = [
        plain
        for sentence in _CLAUSE_END.split(necessity)
        if (plain := without_policy_clauses(sentence.strip())) and reason_kind(plain) is None
    ]
    work = "。".join(rest)
    if (
        work
        and overview
        and is_copy(work, overview)
        and copied_share(work, overview) * len(work) >= 0.5 * len(necessity)
    ):
        yield finding(
            "NEC-REPEATS",
            f"必要性有 {copied_share(work, overview) * len(work) / len(necessity):.0%} 的文字是项目概况中的工作安排，"
            "没有说明为什么要做（现状、存在的问题、上级要求或服务对象的需要）。",
            at_section(decl, SectionKind.NECESSITY),
        )


OWN_PIECES = 3  # specific two-character pieces a sentence shares with the project (多层住宅: 多层, 层住, 住宅)


def _about_project(sentence: str, specific: set[str]) -> bool:
    """A sentence that names the project's own object in words of its own (田林街道60岁以上老年人占比高，多层住宅上下楼
    困难 in a lift project about 多层住宅): the project's reason, whatever other domain also speaks of 老年人."""
    return len(domain_bigrams([sentence]) & specific) >= OWN_PIECES


def check_necessity_domain(decl: Declaration, context: ReviewContext) -> Iterator[Finding]:
    project, own = project_of(decl), _own(decl)
    basis = decl.section_text(SectionKind.BASIS) or ""
    fitting = [t for t in _TITLE.findall(basis) if not _off_subject(project, t, context, own)]
    allowed = text_bigrams("\n".join([project.text, *fitting]))
    vocabulary = [name for pid, name in context.other_projects.items() if pid != decl.id]
    vocabulary += [f"{p.title} {getattr(p, 'scope', None) or ''}" for p in context.policies]
    foreign = domain_bigrams(vocabulary)
    specific = domain_bigrams([project.text])
    for sentence in sentences(decl.section_text(SectionKind.NECESSITY) or ""):
        titles = [f"《{t}》" for t in _TITLE.findall(sentence) if _off_subject(project, t, context, own)]
        plain = _CITED.sub(" ", sentence)
        runs = (
            []
            if _about_project(plain, specific)
            else foreign_runs(plain, allowed=allowed, foreign=foreign, said_in="\n".join(vocabulary))
        )
        words = titles + runs
        if words:
            yield finding(
                "NEC-OFF-DOMAIN",
                f"必要性中“{sentence.strip()}”说的是{'、'.join(words)}，本项目的名称、概况、目标和相符的政策都没有涉及，"
                "疑似其他项目的内容。",
                at_section(decl, SectionKind.NECESSITY),
            )
