"""Issue 24, held4 round: homophone typos, names by a distinctive part, changes in the number of projects, bare
follow-ups of a ranking, sections by other words, existence of what the forms write (real corpus, no model)."""

from datetime import date
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.qa.homophones import correct
from assistant.qa.lexicon import vocabulary
from assistant.qa.models import Measure, Target
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 12, 6)


def ask(question: str, conversation: Conversation | None = None):
    scope = SCOPE.current().qa
    return answer(question, conversation or Conversation(), None, scope=scope, finder=None, today=TODAY)


def named(fragment: str) -> set[str]:
    return {d.id for d in SCOPE.current().qa.corpus.declarations if fragment in d.header.name}


def read_as(question: str) -> str:
    lexicon = SCOPE.current().qa.lexicon
    return correct(question, (*lexicon.projects, *lexicon.units), vocabulary(lexicon))[0]


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        ("那个老干布系统的负责人是谁", "老干部综合信息管理系统"),
        ("信仿平台的立项依据是啥", "来信来访"),
        ("党废缴纳系统一共多少钱", "党费缴纳管理系统"),
        ("机关服务废的食堂满意度是多少", "机关服务费"),
    ],
)
def test_a_character_typed_for_another_of_the_same_sound_is_read_as_the_corpus_writes_it(question, fragment):
    result = ask(question)
    assert not result.refused, result.text
    assert {row.declaration_id for row in result.rows} == named(fragment)
    assert result.text.startswith("问题中的“")  # how it was read is said


@pytest.mark.parametrize(
    "question",
    [
        "2019年人大的信访平台项目立项依据是什么？",
        "各位大佬，满意度一般写多少",
        "智慧停车项目有没有",
        "代表履职平台花了多少钱",
    ],
)
def test_words_that_are_no_typo_are_left_as_written(question):
    assert read_as(question) == question


def test_a_project_named_by_a_distinctive_part_before_that_project():
    result = ask("会务系统那个项目满意度指标有哪些")
    assert {row.declaration_id for row in result.rows} == named("电子会务系统")


def test_a_change_in_the_number_of_projects_counts_projects():
    result = ask("2026年比2023年项目多了还是少了几个")
    held = [d.header.year for d in SCOPE.current().qa.corpus.declarations]
    assert result.query.measure is Measure.PROJECTS
    assert result.figure == f"{held.count(2026) - held.count(2023)} 个"


def test_a_bare_follow_up_of_a_ranking_keeps_its_scope_and_measure():
    conversation = Conversation()
    first = ask("2019年哪个项目指标最多？", conversation)
    result = ask("最少的是哪个", conversation)
    assert result.query.target is Target.RANK and result.query.measure is Measure.INDICATORS
    assert result.query.filters.years == (2019,) and not result.query.descending
    assert result.rows[0].declaration_id != first.rows[0].declaration_id


def test_money_asked_for_with_yao_is_the_amount_applied_for():
    result = ask("远教电教今年要了多少钱")
    decl = next(d for d in SCOPE.current().qa.corpus.declarations if d.id in named("远教电教"))
    assert result.figure == f"{decl.funding.annual:,.2f} 元"


def test_project_overview_is_read_as_the_overview_section():
    result = ask("项目概述大家一般怎么写")
    assert not result.refused and result.query.target is Target.SECTION_ASPECTS


def test_existence_of_what_the_forms_write_searches_their_text_and_a_loose_fit_is_no_project():
    found = ask("有没有做过档案电子化的项目")
    assert found.text.startswith("有。") and {r.declaration_id for r in found.rows} == {
        d.id for d in SCOPE.current().qa.corpus.declarations if any("档案电子化" in i.name for i in d.indicators)
    }
    # 档案数字化 is now read as the forms' 档案电子化 (new user 2026-12-07: 没有 was wrong); 修复 no form writes
    absent = ask("有没有做过档案修复的项目")
    assert absent.refused and absent.text.startswith("没有。") and "电子会务" not in absent.text.splitlines()[1]
