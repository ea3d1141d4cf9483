"""立项依据 that fits the project (issue 22): a policy's subject, from its title and optional scope, against
the brief's own words; the user's own policies first, written 《题名》（文号）; nothing filled in when nothing fits.

The real corpus and policy library, and library entries constructed here (the library is growing: a
`scope` line per entry), on the issue's two briefs of kinds the corpus lacks (evals/drafting/briefs/).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ConfigDict

from assistant.domain.brief import load_brief
from assistant.domain.model import SectionKind
from assistant.domain.policy import PolicyReference
from assistant.drafting.as_declaration import to_declaration
from assistant.drafting.chain import Writer, drafting_chain
from assistant.drafting.context import build_context
from assistant.drafting.models import NoteKind
from assistant.drafting.relevance import brief_project, fitting_policies, policy_fits, split_reference
from assistant.review.checks_relevance import ReviewContext
from assistant.review.subject import Project, fits, title_subject
from assistant.services.scope import CorpusScope
from assistant.suggest.suggest import suggest

REPO = Path(__file__).resolve().parent.parent
SOURCES = CorpusScope(REPO / "corpus").current()
BRIEFS = REPO / "evals" / "drafting" / "briefs"
# what the issue's drafts cited for a legislative-research brief: policies of other projects sharing 人大/上海
FOREIGN_TO_LEGISLATION = {
    "budget-online-supervision-guidance",
    "sh-budget-review-regulation",
    "sh-urban-party-building-task-list",
}


class ScopedPolicy(PolicyReference):
    """A library entry with the one-line scope newer entries carry."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    scope: str | None = None


def _policy(pid: str, title: str, scope: str | None = None, number: str | None = None) -> ScopedPolicy:
    return ScopedPolicy(
        id=pid,
        title=title,
        doc_number=number,
        issuer="全国人民代表大会常务委员会",
        year=None,
        kind="法律",
        status="未核实",
        description="测试用条目。",
        source_note="测试构造。",
        scope=scope,
    )


ARCHIVE_LAW = _policy("archives-law", "中华人民共和国档案法", "规定档案的收集、整理、保护和利用")
LEGISLATION_LAW = _policy("legislation-law", "中华人民共和国立法法", "规定法律、法规和规章的制定、修改和废止")
# a title of generic words only: fits a project through its scope or not at all
EVALUATION_RULES = _policy("evaluation-rules", "上海市人大常委会工作规定", "地方性法规立法后评估的组织、方法和报告")


def _library(*extra: PolicyReference) -> list[PolicyReference]:
    """The real library with ``extra`` entries; an entry the library already has (by id) is not added twice."""
    have = {p.id for p in SOURCES.policies}
    return [*SOURCES.policies, *(p for p in extra if p.id not in have)]


def _ctx(name: str, extra: list[PolicyReference] = ()):
    brief = load_brief(BRIEFS / f"{name}.yaml")
    policies = _library(*extra)
    return build_context(brief, suggest(brief, SOURCES.bank), SOURCES.corpus, policies)


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("关于推进地方人大预算联网监督工作的指导意见", ["预算联网监督"]),
        ("上海市预算审查监督条例", ["预算审查监督"]),
        ("中华人民共和国档案法", ["档案"]),
        ("中华人民共和国立法法", ["立法"]),
        ("纸质档案数字化规范", ["纸质档案数字化"]),
        ("中华人民共和国全国人民代表大会和地方各级人民代表大会选举法", ["选举"]),
        ("贯彻〈中共市委关于全面加强城市基层党建工作的意见〉的任务责任清单", ["城市基层党建"]),
    ],
)
def test_a_title_s_subject_leaves_out_bodies_regions_and_generic_words(title, subject):
    assert title_subject(title) == subject


def test_the_issue_s_foreign_policies_do_not_fit_a_legislative_research_brief():
    project = brief_project(load_brief(BRIEFS / "legislation.yaml"))
    by_id = {p.id: p for p in SOURCES.policies}
    assert not any(policy_fits(project, by_id[pid]) for pid in FOREIGN_TO_LEGISLATION)
    assert policy_fits(project, LEGISLATION_LAW) and not policy_fits(project, ARCHIVE_LAW)
    assert policy_fits(project, EVALUATION_RULES)  # by its scope: 立法后评估 is the brief's own word
    assert not fits(project, EVALUATION_RULES.title)  # its title alone says nothing of the subject


def test_a_one_word_subject_needs_the_name_or_more_than_one_mention():
    assert fits(Project(name="纸质档案数字化加工", text="纸质档案数字化加工"), "中华人民共和国档案法")
    assert not fits(Project(name="立法调研", text="立法调研，调阅档案一次"), "中华人民共和国档案法")
    assert fits(Project(name="人民群众来信来访平台", text="平台"), "关于创新群众工作方法解决信访突出问题的意见")


def test_one_incidental_word_of_the_name_is_not_the_subject():
    """Red team 2026-12-07 finding 11: 秘密 in a training project's name drew 保守国家秘密法 (subject 保守…秘密)."""
    project = Project(name="鲍勃的秘密项目", text="鲍勃的秘密项目\n举办培训班12期，每期5万元。")
    found = [p.id for p in fitting_policies(project, SOURCES.policies)]
    assert not {"state-secrets-law", "state-secrets-law-regulation"} & set(found), found
    secrets = Project(name="涉密人员保守国家秘密培训", text="涉密人员保守国家秘密培训\n举办保密培训班4期。")
    assert fits(secrets, "中华人民共和国保守国家秘密法")


def test_the_library_is_scanned_for_fitting_policies_most_specific_first():
    project = brief_project(load_brief(BRIEFS / "archive.yaml"))
    found = [p.id for p in fitting_policies(project, _library(ARCHIVE_LAW, LEGISLATION_LAW))]
    assert found[0] == "da-t-31-2017"  # 纸质档案数字化: the brief's own object, word for word
    assert {"archives-law", "archives-law-regulation"} <= set(found)
    assert not {"legislation-law", "election-law", "food-safety-law", *FOREIGN_TO_LEGISLATION} & set(found)
    assert len(found) == len(set(found))


def test_a_legislative_brief_gets_no_foreign_basis_and_is_asked_for_one():
    ctx = _ctx("legislation")
    assert not {p.citation.ref.removeprefix("policy:") for p in ctx.policies} & FOREIGN_TO_LEGISLATION
    draft = drafting_chain(_rules_writer(), ReviewContext()).invoke(ctx)
    if not ctx.policies:
        assert draft.basis == []
        note = next(n for n in draft.notes if n.kind is NoteKind.NO_BASIS)
        assert "请写明本项目依据" in note.message
    assert not {b.policy_id for b in draft.basis} & FOREIGN_TO_LEGISLATION


def test_a_fitting_library_policy_comes_in_and_a_foreign_one_does_not():
    ctx = _ctx("legislation", [ARCHIVE_LAW, LEGISLATION_LAW])
    draft = drafting_chain(_rules_writer(), ReviewContext()).invoke(ctx)
    assert "legislation-law" in [b.policy_id for b in draft.basis]
    assert "archives-law" not in [b.policy_id for b in draft.basis]
    assert NoteKind.NO_BASIS not in {n.kind for n in draft.notes}


def test_the_user_s_own_policy_comes_first_written_as_title_and_number():
    # the library holds DA/T 31-2017, the policy the archive brief names: it comes first, as the library entry
    draft = drafting_chain(_rules_writer(), ReviewContext()).invoke(_ctx("archive", [ARCHIVE_LAW]))
    assert (draft.basis[0].policy_id, draft.basis[0].title, draft.basis[0].doc_number) == (
        "da-t-31-2017",
        "纸质档案数字化规范",
        "DA/T 31-2017",
    )
    assert "archives-law" in [b.policy_id for b in draft.basis]
    lines = to_declaration(draft).section_text(SectionKind.BASIS).splitlines()
    assert lines[0] == "《纸质档案数字化规范》（DA/T 31-2017）"
    assert "《中华人民共和国档案法》" in lines and len(lines) == len(set(lines))


def test_a_policy_the_library_lacks_is_the_user_s_own_written_as_title_and_number():
    brief = load_brief(BRIEFS / "archive.yaml")
    library = [p for p in _library(ARCHIVE_LAW) if p.id != "da-t-31-2017"]
    ctx = build_context(brief, suggest(brief, SOURCES.bank), SOURCES.corpus, library)
    draft = drafting_chain(_rules_writer(), ReviewContext()).invoke(ctx)
    first = draft.basis[0]
    assert (first.title, first.doc_number, first.user_supplied) == ("纸质档案数字化规范", "DA/T 31-2017", True)
    assert "archives-law" in [b.policy_id for b in draft.basis[1:]]
    lines = to_declaration(draft).section_text(SectionKind.BASIS).splitlines()
    assert lines[0] == "《纸质档案数字化规范》（DA/T 31-2017）" and "《中华人民共和国档案法》" in lines


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("纸质档案数字化规范（DA/T 31—2017", ("纸质档案数字化规范", "DA/T 31-2017")),
        ("《纸质档案数字化规范》DA/T 31-2017", ("纸质档案数字化规范", "DA/T 31-2017")),
        ("《关于印发某办法的通知》(沪府办发[2023]16号)", ("关于印发某办法的通知", "沪府办发〔2023〕16号")),
        ("关于印发某办法的通知（沪府办发〔2023〕16号）", ("关于印发某办法的通知", "沪府办发〔2023〕16号")),
        ("《中华人民共和国档案法》", ("中华人民共和国档案法", None)),
        ("中华人民共和国档案法", ("中华人民共和国档案法", None)),
    ],
)
def test_a_policy_the_user_writes_is_split_into_title_and_number(written, expected):
    assert split_reference(written) == expected


def _rules_writer() -> Writer:
    return Writer(complete=None, model="rules", provider="none", retries=0, on_event=lambda e: None)


class _NearestPolicies:
    """An index whose policy hits are the ones the issue's draft got: nearest by shared words (人大, 上海)."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids

    def search(self, query: str, *, kind=None, k: int = 10):
        from assistant.retrieval.models import DocKind, SearchResult

        if kind is not DocKind.POLICY:
            return []
        return [
            SearchResult(
                rank=n, score=1.0 / n, kind=DocKind.POLICY, source=pid, policy_id=pid, ref=f"policy:{pid}", snippet=""
            )
            for n, pid in enumerate(self.ids, start=1)
        ]


def test_policies_the_index_finds_nearest_are_dropped_when_their_subject_is_another():
    brief = load_brief(BRIEFS / "legislation.yaml")
    finder = _NearestPolicies(sorted(FOREIGN_TO_LEGISLATION) + ["legislation-law"])
    ctx = build_context(brief, suggest(brief, SOURCES.bank), SOURCES.corpus, _library(LEGISLATION_LAW), finder=finder)
    refs = [p.citation.ref for p in ctx.policies]
    assert "policy:legislation-law" in refs and len(refs) == len(set(refs))
    assert not {ref.removeprefix("policy:") for ref in refs} & FOREIGN_TO_LEGISLATION
