"""Q&A structured route: the parser on the issue's examples, exact sums, refusals, citations (offline, no model)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.qa.conversation import Conversation
from assistant.qa.models import FundingField, Route, Target
from assistant.qa.parse import read_question
from assistant.qa.queries import to_query
from assistant.qa.sources import verify_citation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope
from assistant.settings import LLMProvider, Settings

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")  # the corpus as the services load it: once
TODAY = date(2026, 11, 22)


@pytest.fixture
def settings(tmp_path) -> Settings:
    """The real corpus, an empty data folder (no index: retrieval falls back to keywords), no model."""
    built = Settings(data_dir=tmp_path)
    built.corpus.corpus_dir = REPO / "corpus"
    built.llm.provider = LLMProvider.NONE
    return built


@pytest.fixture
def scope():
    return SCOPE.current().qa


def ask(question: str, settings: Settings, conversation: Conversation | None = None):
    return answer(question, conversation or Conversation(), None, scope=SCOPE.current().qa, finder=None, today=TODAY)


def query_of(question: str, scope):
    return to_query(read_question(question, scope.lexicon, today=TODAY))


def test_parser_reads_last_year_project_and_category(scope):
    query = query_of("去年信息化运维项目的时效指标有哪些？", scope)
    assert query.target is Target.LIST_INDICATORS
    assert query.filters.years == (2025,)
    assert query.filters.project == "信息化运维项目"
    assert query.filters.level2 is Level2.TIMELINESS


def test_parser_resolves_doc_number_in_any_bracket(scope):
    for written in ("组厅字[2017]7号", "组厅字〔2017〕7号", "组厅字（2017）7号"):
        query = query_of(f"哪些项目引用了{written}？", scope)
        assert query.target is Target.CITING_POLICY
        assert query.filters.policy_id == "zutingzi-2017-7"


def test_parser_reads_unit_short_form_and_funding_sum(scope):
    query = query_of("2023年组织部各项目资金合计多少？", scope)
    assert query.target is Target.SUM_FUNDING
    assert query.filters.unit == "中共上海市委组织部"
    assert query.funding_field is FundingField.TOTAL


def test_parser_matches_project_by_containment(scope):
    query = query_of("人大智能预算审查平台的年度绩效目标是什么？", scope)
    assert query.target is Target.SHOW_SECTION
    assert query.filters.project == "上海市人大智能预算审查平台建设项目经费"
    assert query.section is SectionKind.GOAL_ANNUAL


def test_parser_reads_lacking_a_category(scope):
    query = query_of("2026年哪些项目没有成本指标？", scope)
    assert query.target is Target.LIST_PROJECTS
    assert query.filters.level1 is Level1.COST and query.filters.lacks_level


def test_sum_is_exact_decimal(settings):
    result = ask("2023年组织部各项目资金合计多少？", settings)
    assert result.figure == "26,413,037.00 元"
    assert sum(row.amount for row in result.rows) == Decimal("26413037.00")
    assert len(result.rows) == 6 and not result.refused


def test_blank_amounts_are_reported_not_summed_as_zero(settings):
    result = ask("2020年各项目年度资金申请总额合计多少？", settings)
    assert result.figure == "411,500.00 元"
    assert any("组织力建设信息化平台" in note and "空白" in note for note in result.notes)


def test_all_blank_gives_no_figure(settings):
    result = ask("2026年组织部项目资金总额合计多少？", settings)
    assert result.figure is None
    assert "均为空白" in result.text and "12,482,226.00 元" in result.text


def test_absent_year_offers_nearest_years(settings):
    """Issue 24: a year the corpus lacks is refused with the nearest years offered, never answered from them."""
    result = ask("去年信息化运维项目的时效指标有哪些？", settings)
    assert "语料库中没有2025年" in result.text and "最接近的年度：2023年、2026年" in result.text
    assert result.refused and not result.rows and result.figure is None


def test_citing_policy_lists_both_2020_projects(settings):
    result = ask("哪些项目引用了组厅字[2017]7号？", settings)
    assert {row.declaration_id for row in result.rows} == {"2020-000-01", "2020-001-01"}


@pytest.mark.parametrize(
    "question",
    [
        "上海市财政局有哪些项目？",
        "社区食堂改造项目的时效指标有哪些？",
        "2026年人大有哪些项目？",
        "上海市今年的GDP增速是多少？",
    ],
)
def test_refusals_say_not_found_and_what_is_there(settings, question):
    result = ask(question, settings)
    assert result.refused and not result.citations
    said = "语料库中未找到" in result.text or "语料库中没有" in result.text
    assert said and "2019年、2020年、2023年、2026年" in result.text


def test_every_citation_points_to_a_real_row(settings, scope):
    questions = [
        "2023年组织部各项目资金合计多少？",
        "党费缴纳系统的项目负责人是谁？",
        "2023年组织部哪个项目预算最多？",
        "哪些项目引用了组厅字[2017]7号？",
        "人大智能预算审查平台的年度绩效目标是什么？",
    ]
    for question in questions:
        result = ask(question, settings)
        assert result.citations
        for citation in [*result.citations, *(row.citation for row in result.rows)]:
            assert verify_citation(scope.corpus, scope.lexicon.policies, citation), citation


def test_a_citation_that_misquotes_fails_verification(settings, scope):
    citation = ask("机关服务费的项目资金总额是多少？", settings).citations[0]
    wrong = citation.model_copy(update={"quote": "2,760,001.00 元"})
    assert verify_citation(scope.corpus, scope.lexicon.policies, citation)
    assert not verify_citation(scope.corpus, scope.lexicon.policies, wrong)
    assert not verify_citation(
        scope.corpus, scope.lexicon.policies, citation.model_copy(update={"ref": "2099-000-01#funding.total"})
    )


def test_route_is_structured_for_fields(settings):
    assert ask("2023年有几个项目？", settings).route is Route.STRUCTURED


def test_a_header_field_citation_quotes_that_field_not_the_project_name(settings, scope):
    """Red team 2026-12-06 #7: the 出处 of 项目负责人 read 项目负责人：<the project's name>."""
    filled = ask("党费缴纳系统的项目负责人是谁？", settings).rows[0]
    assert filled.citation.part == "项目负责人" and filled.citation.quote == filled.value != filled.project
    assert verify_citation(scope.corpus, scope.lexicon.policies, filled.citation)
    blank = ask("党员远教电教工作经费的项目负责人是谁？", settings).rows[0]
    assert blank.value == "（未填写）" and not blank.citation.quote
