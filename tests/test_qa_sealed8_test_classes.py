"""Issue 24, classes of the sealed8 test half (tuned on by q9a): each fix checked on two paraphrases of its own, the
expected values read here from corpus/declarations/*.json (real corpus, real parser, no model).

- 后勤工作计化完成率, 密码测式达标: an indicator name with a character typed for another of the same sound that
  the names use elsewhere;
- 结转结余, 结余资金, 结转: the 上年结转资金 line;
- 给几个样例 (范例, 范文) of a section: its aspects with a cited example each; 各家都填的啥 of a kind of indicator:
  what forms usually write, with examples (never every form listed);
- X跟它一样吗 after a question about another form: 是/不是, the field asked now compared on both forms;
- 满意度目标不低于90%的有哪些: the projects by a percentage target, asked without the word 项目;
- 公务员一件事改革相关的项目有吗: a phrase the forms write with quotation marks (公务员“一件事”改革) exists;
- 超200万: 超过 said short, a filter on the amount (never every project listed);
- a count of one kind of indicator (数量指标有几条) right after a question about one project: that project's;
- an indicator named by part of its name with no measure word, its value asked as 填的啥/写了啥 or 多久/多长时间
  (服务情况分析支持度填的啥, 工作日故障运维人员多久到现场).
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 12, 6)
DECLS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (REPO / "corpus/declarations").glob("*.json")}


def ask(question: str, conversation: Conversation | None = None):
    scope = SCOPE.current().qa
    return answer(question, conversation or Conversation(), None, scope=scope, finder=None, today=TODAY)


def raw_value(decl_id: str, name: str) -> str:
    return next(i["value"]["raw"] for i in DECLS[decl_id]["indicators"] if i["name"] == name)


@pytest.mark.parametrize(
    ("question", "decl_id", "name"),
    [
        ("23年信息化运维 工作日故障运维人员多长时间到现场", "2023-003-06", "工作日故障运维人员抵达现场时间"),
        ("智能预算审查平台 监督效率提升度填的啥", "2019-002-01", "人大预算审查监督效率提升度"),
    ],
)
def test_indicator_value_asked_by_part_of_its_name(question: str, decl_id: str, name: str) -> None:
    result = ask(question)
    assert [row.citation.ref.split("#")[0] for row in result.rows] == [decl_id], result.text
    assert f"{name}：{raw_value(decl_id, name)}" in result.text, result.text


def count_of(decl_id: str, level2: str) -> int:
    return sum(1 for i in DECLS[decl_id]["indicators"] if i["level2"] == level2)


@pytest.mark.parametrize(
    ("first", "question", "decl_id", "level2"),
    [
        ("老干部系统资金总额多少？", "质量指标有几个", "2019-002-02", "质量指标"),
        ("23年机关服务费多少钱？", "时效指标几条", "2023-003-04", "时效指标"),
    ],
)
def test_count_of_a_kind_after_one_project_counts_that_project(
    first: str, question: str, decl_id: str, level2: str
) -> None:
    conversation = Conversation()
    ask(first, conversation)
    result = ask(question, conversation)
    assert result.figure == f"{count_of(decl_id, level2)} 项", result.text
    assert {row.citation.ref.split("#")[0] for row in result.rows} == {decl_id}, result.text


def test_count_of_a_kind_over_every_project_stays_the_corpus_count() -> None:
    conversation = Conversation()
    ask("23年机关服务费多少钱？", conversation)
    result = ask("所有项目的数量指标有几条", conversation)
    assert result.figure == f"{sum(count_of(d, '数量指标') for d in DECLS)} 项", result.text


@pytest.mark.parametrize(
    ("question", "year", "field", "floor"),
    [
        ("19年总额超100万的有哪些", 2019, "total", Decimal("1000000")),
        ("今年申请额超250万的", 2026, "annual", Decimal("2500000")),
    ],
)
def test_amount_over_written_as_chao_filters_the_projects(question: str, year: int, field: str, floor: Decimal) -> None:
    result = ask(question)
    expected = {
        key
        for key, d in DECLS.items()
        if d["header"]["year"] == year and Decimal(d["funding"][field] or d["funding"]["annual"]) > floor
    }
    assert {row.citation.ref.split("#")[0] for row in result.rows} == expected, result.text
    assert f"共 {len(expected)} 个项目" in result.text, result.text


@pytest.mark.parametrize(
    ("first", "question", "before_id", "now_id", "field"),
    [
        ("组织力平台联系人是谁？", "闵行党费系统的联系电话和它一样吗", "2020-001-01", "2020-000-01", "phone"),
        (
            "23年信息化建设的主管部门是哪个？",
            "23年机关服务费的主管部门和它一样吗",
            "2023-003-05",
            "2023-003-04",
            "department",
        ),
    ],
)
def test_same_as_it_is_answered_yes_or_no_for_the_field_asked_now(
    first: str, question: str, before_id: str, now_id: str, field: str
) -> None:
    conversation = Conversation()
    ask(first, conversation)
    result = ask(question, conversation)
    now, before = DECLS[now_id]["header"][field], DECLS[before_id]["header"][field]
    said = (
        "是，"
        if now == before
        else f"不是：这里的{'联系电话' if field == 'phone' else '主管部门'}是{now}，前面所问的是{before}"
    )
    assert result.text.startswith(said), result.text


@pytest.mark.parametrize(
    ("question", "decl_id"),
    [("23年机关服务费结余资金多少", "2023-003-04"), ("23年信息化运维的结转结余是多少", "2023-003-06")],
)
def test_carryover_asked_as_jiezhuan_jieyu(question: str, decl_id: str) -> None:
    result = ask(question)
    assert result.figure == f"{Decimal(DECLS[decl_id]['funding']['carryover']):,.2f} 元", result.text
    assert [row.citation.ref for row in result.rows] == [f"{decl_id}#funding.carryover"], result.text


@pytest.mark.parametrize(
    ("question", "decl_id", "name"),
    [
        ("23年机关服务费 后勤工作计化完成率写的什么", "2023-003-04", "后勤工作计划完成率"),
        ("信访平台 管理者满易度填的啥", "2019-002-05", "管理者满意度"),
    ],
)
def test_indicator_name_with_a_same_sounding_character(question: str, decl_id: str, name: str) -> None:
    result = ask(question)
    assert [row.citation.ref.split("#")[0] for row in result.rows] == [decl_id], result.text
    assert f"{name}：{raw_value(decl_id, name)}" in result.text and "理解" in result.text, result.text


def cited_forms(result) -> set[str]:
    return {c.ref.split("#")[0] for c in [*result.citations, *(row.citation for row in result.rows)]}


@pytest.mark.parametrize(
    ("question", "section"),
    [("立项必要性咋写 来几个范例", "项目设立的必要性"), ("项目总目标怎么写 给几个样例", "项目总目标")],
)
def test_section_examples_cite_a_few_forms_not_every_one(question: str, section: str) -> None:
    result = ask(question)
    assert section in result.text and not result.refused, result.text
    assert 2 <= len(cited_forms(result)) < len(DECLS), result.text


@pytest.mark.parametrize(
    ("question", "level2"), [("质量类指标 各家都填的啥", "质量指标"), ("满意度类指标 各家都怎么写的", "满意度指标")]
)
def test_indicator_family_across_forms_is_summed_up_with_examples(question: str, level2: str) -> None:
    result = ask(question)
    assert result.text.startswith("历年"), result.text
    assert 2 <= len(cited_forms(result)) < len(DECLS), result.text


def satisfaction_at_least(year: int, floor: int) -> set[str]:
    return {
        key
        for key, d in DECLS.items()
        if d["header"]["year"] == year
        and any(
            "满意度指标" in (i["level1"], i["level2"])
            and i["value"]["unit"] == "%"
            and i["value"]["number"] is not None
            and Decimal(i["value"]["number"]) >= floor
            for i in d["indicators"]
        )
    }


@pytest.mark.parametrize(
    ("question", "year", "floor"),
    [("19年满意度指标定在90%以上的是哪些", 2019, 90), ("26年满意度目标不低于90%的有哪几个", 2026, 90)],
)
def test_projects_by_a_percentage_target_asked_without_the_word_project(question: str, year: int, floor: int) -> None:
    result = ask(question)
    assert {row.citation.ref.split("#")[0] for row in result.rows} == satisfaction_at_least(year, floor), result.text


def writing(phrase: str) -> set[str]:
    """The forms whose text holds ``phrase`` once quotation marks are set aside."""
    return {
        key
        for key, d in DECLS.items()
        if phrase in json.dumps(d["sections"], ensure_ascii=False).replace("“", "").replace("”", "")
    }


@pytest.mark.parametrize(
    ("question", "phrase"),
    [("党员先锋行动计划相关的项目有吗", "党员先锋行动计划"), ("有没有项目写到公务员一件事改革", "公务员一件事改革")],
)
def test_a_phrase_the_forms_write_with_quotation_marks_exists(question: str, phrase: str) -> None:
    result = ask(question)
    assert writing(phrase) and result.text.startswith("有。"), result.text
    assert {row.citation.ref.split("#")[0] for row in result.rows} == writing(phrase), result.text
