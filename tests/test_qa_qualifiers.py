"""Issue 24, held4 round: qualifiers officers put on questions that name no project (咱们部门, 刚才那几个项目, 市级/区级,
跨年度, 重点项目, 项目构成里有X的项目), on the real corpus with the real parser, no model. Expected figures are computed
from the corpus's declarations here, not written in."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.qa.qualifiers import rows_hold, spans_years, tier_of
from assistant.qa.sources import verify_citation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 12, 6)
AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")


def ask(question: str, conversation: Conversation | None = None):
    scope = SCOPE.current().qa
    result = answer(question, conversation or Conversation(), None, scope=scope, finder=None, today=TODAY)
    for citation in [*result.citations, *(row.citation for row in result.rows)]:
        assert verify_citation(scope.corpus, scope.lexicon.policies, citation), citation
    return result


def decls():
    return SCOPE.current().qa.corpus.declarations


def yuan(amount: Decimal) -> str:
    return f"{amount:,.2f} 元"


def total(picked) -> str:
    return yuan(sum((d.funding.total for d in picked if d.funding.total is not None), Decimal(0)))


@pytest.mark.parametrize(
    ("question", "year"),
    [("咱们部门2023年哪个项目钱最多", 2023), ("我们单位26年一共几个项目", 2026), ("本部门2019年的项目有哪些", 2019)],
)
def test_the_askers_own_unit_is_no_project_name_and_the_answer_says_it_covers_every_unit(question, year):
    result = ask(question)
    assert not result.refused, result.text
    assert {row.declaration_id for row in result.rows} <= {d.id for d in decls() if d.header.year == year}
    assert "组织部门建设和管理工作经费" not in (result.query.filters.project or "")
    assert "没有写明是哪个单位" in result.text.splitlines()[0]


@pytest.mark.parametrize("back", ["刚才那几个项目一共多少钱", "上面这些项目合计多少钱", "前面说的项目一共多少钱"])
def test_the_projects_just_listed_are_summed_when_referred_back_to(back):
    conversation = Conversation()
    listed = ask("2023年其他运转类的项目有哪些？", conversation)
    ids = {row.declaration_id for row in listed.rows}
    result = ask(back, conversation)
    assert {row.declaration_id for row in result.rows} == ids
    assert result.figure == total([d for d in decls() if d.id in ids])


@pytest.mark.parametrize(
    ("question", "tier"), [("市级项目的资金合计是多少", "市级"), ("区级的项目加起来一共多少钱", "区级")]
)
def test_city_and_district_projects_are_told_apart_by_what_the_forms_write(question, tier):
    result = ask(question)
    picked = [d for d in decls() if tier_of(d) == tier]
    assert picked and len(picked) < len(decls())
    assert result.figure == total(picked)
    assert "闵行区党建服务中心党费缴纳管理系统项目" in {d.header.name for d in decls() if tier_of(d) == "区级"}


def test_a_year_narrows_the_tier():
    result = ask("2023年市级项目资金合计多少钱")
    assert result.figure == total([d for d in decls() if d.header.year == 2023 and tier_of(d) == "市级"])


@pytest.mark.parametrize("question", ["有没有跨年度的项目", "哪些项目是跨年度的", "2023年的跨年度项目有几个"])
def test_multi_year_projects_are_read_from_the_dates_and_none_is_said(question):
    assert not any(spans_years(d) for d in decls())  # every form of the corpus starts and ends in one year
    result = ask(question)
    assert result.refused and "语料库中未找到" in result.text and "跨年度" in result.text
    assert result.figure is None and not AMOUNT.search(result.text)


@pytest.mark.parametrize("question", ["有没有重点项目", "2023年有哪些重点项目", "重大项目的资金合计是多少"])
def test_a_qualifier_the_forms_do_not_record_is_said_so_without_figures(question):
    result = ask(question)
    assert "申报表没有记录" in result.text
    assert result.figure is None and not AMOUNT.search(result.text) and not result.rows
    assert not result.text.startswith(("有。", "没有。"))


def test_a_condition_on_the_budget_lines_looks_in_those_rows_only():
    result = ask("项目构成里有测评费的项目有哪些")
    assert {row.declaration_id for row in result.rows} == {
        d.id for d in decls() if rows_hold(d, result.query.filters.mentions_in, "测评费")
    }
    assert result.rows
    # 验收合格率 is written in indicators, never in a 项目构成 row: none, said so
    refused = ask("项目构成里有验收合格率的项目有哪些")
    assert refused.refused and not refused.rows


def test_a_question_about_one_projects_rows_is_not_read_as_a_condition():
    result = ask("党费缴纳管理系统项目的制度保障有哪些？")
    assert not result.refused and result.query.filters.mentions is None


def test_an_average_of_the_projects_just_listed_keeps_their_scope():
    conversation = Conversation()
    listed = ask("2019年人大有哪些项目？", conversation)
    result = ask("上面那些项目平均多少钱", conversation)
    assert {row.declaration_id for row in result.rows} == {row.declaration_id for row in listed.rows}


def test_a_row_condition_not_written_verbatim_finds_both_halves_in_one_row_and_says_so():
    result = ask("项目构成里有移动端开发的项目有几个")
    lines = [d for d in decls() if any("移动端" in b.name and "开发" in b.name for b in d.budget_lines)]
    assert {row.declaration_id for row in result.rows} == {d.id for d in lines} and lines
    assert "没有原样写" in result.text
