"""NEC-REPEATS (issue 22): a 必要性 that is the work of 项目概况 pasted after "为落实…等要求" is a finding; one that
argues from the project's reasons is not, and no filed declaration of the corpus is flagged."""

from __future__ import annotations

from pathlib import Path

from test_review_subject import _draft

from assistant.domain.brief import load_brief
from assistant.domain.model import SectionKind
from assistant.drafting.as_declaration import to_declaration
from assistant.drafting.necessity import rules_necessity
from assistant.review.checks_relevance import ReviewContext
from assistant.review.checks_subject import check_necessity_repeats
from assistant.review.engine import review
from assistant.review.reasons import reason_kind, without_policy_clauses
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
BRIEFS = REPO / "evals" / "drafting" / "briefs"
ELECTION_LAW = "《中华人民共和国全国人民代表大会和地方各级人民代表大会选举法》"


def _election(necessity: str):
    brief = load_brief(BRIEFS / "election.yaml")
    overview = f"{brief.name}由上海市某区选举委员会办公室实施。{brief.content}"
    return _draft(
        "election",
        {
            SectionKind.OVERVIEW: overview,
            SectionKind.NECESSITY: necessity,
            SectionKind.GOAL_TOTAL: "通过本项目的实施，投票站设立数量不少于620个；选民满意度不低于90%。",
            SectionKind.GOAL_ANNUAL: "2027年度，投票站设立数量不少于620个；选民满意度不低于90%。",
        },
        [],
    )


def test_the_election_necessity_that_pasted_the_work_is_a_finding():
    brief = load_brief(BRIEFS / "election.yaml")
    work = "；".join(line.strip("。") for line in brief.content.splitlines()[2:4])  # 开展…培训…；制作…公告
    pasted = f"为落实{ELECTION_LAW}等要求，依法组织本区区人大代表换届选举；{work}，有必要设立本项目。"
    decl = to_declaration(_election(pasted))
    assert [f.rule_id for f in check_necessity_repeats(decl)] == ["NEC-REPEATS"]
    assert "NEC-REPEATS" in {f.rule_id for f in review(decl, ReviewContext()).findings}


def test_a_necessity_from_reasons_or_asking_for_them_is_no_finding():
    brief = load_brief(BRIEFS / "election.yaml")
    asking = rules_necessity(brief, [ELECTION_LAW])
    reasons = "目前本区选民流动人口多、选民登记工作量大，基层选举工作人员缺乏经验，需要集中培训。有必要设立本项目。"
    for necessity in (asking, reasons):
        assert list(check_necessity_repeats(to_declaration(_election(necessity)))) == []


def test_no_filed_declaration_of_the_corpus_is_flagged():
    declarations = CorpusScope(REPO / "corpus").current().corpus.declarations
    assert declarations
    assert [d.id for d in declarations if list(check_necessity_repeats(d))] == []


def test_policy_clauses_and_the_closing_are_taken_off():
    text = f"为落实{ELECTION_LAW}、《上海市区和乡镇人民代表大会代表直接选举实施细则》等要求，依法组织换届选举，有必要设立本项目"
    assert without_policy_clauses(text) == "依法组织换届选举"
    assert reason_kind("依法组织换届选举") is None
    assert reason_kind("根据网络安全法的要求，三级系统每年至少测评一次") == "mandate"


def test_a_change_over_last_year_is_how_things_went_not_a_target():
    # New-user trial: 2025年受理案件较上年增长18% became 产出指标“…增长达标率 ≥18(%)” and was promised in both goals.
    assert reason_kind("2025年受理案件较上年增长18%") == "situation"
    assert reason_kind("来访量同比下降12%") == "situation"
    assert reason_kind("开展普法讲座40场") is None  # the work stays the work
