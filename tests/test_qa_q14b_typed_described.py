"""Issue 24, helper q14b (tuned on sealed11_test's typo, colloquial and follow-up classes), on wordings of its own:

- an indicator name typed with a character of the same sound and without its own punctuation (课程设计设制情况 for
  课程设计、设置情况), or only its end so typed (建设竣工及实性: the end of several names; the project named picks);
- a project named by what it does where a money word is part of the description (给人大搞预算联网监督那个平台): no
  money asked; a plural pointer (管网站那些外网运维的) and a unit the project serves, which its form writes (公务员局):
  no unit asked of; a unit the corpus lacks inside the description (市教委网站…) is still refused;
- a unit's short name before the description (闵行 + 用手机交党费那个);
- the first place said as officers say it (排头名, 拿头名, 排在首位), then 它 of the winner;
- a 制度保障 row asked by its document right after a question about one project's 制度保障.

Real corpus, real parser, no model.
"""

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
DECLS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus" / "declarations").glob("*.json"))]
AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")


def ask(*turns: str):
    conversation = Conversation()
    said = None
    for question in turns:
        said = answer(question, conversation, None, scope=SCOPE.current().qa, finder=None, today=date(2026, 12, 6))
    assert said is not None
    return said


def _rows(result) -> set[tuple[str | None, str]]:
    return {(row.declaration_id, row.field) for row in result.rows}


def _indicator(decl_id: str, name: str) -> dict:
    decl = next(d for d in DECLS if d["id"] == decl_id)
    return next(i for i in decl["indicators"] if i["name"] == name)


@pytest.mark.parametrize(
    ("question", "decl_id", "name"),
    [
        ("基层党建 课程设记设置情况", "2023-003-03", "课程设计、设置情况"),
        ("党组织建设和党员教育管理 课程设计设制定的啥", "2023-003-02", "课程设计、设置"),
        ("预算审查平台 建设竣工及实性定的啥", "2019-002-01", "人大智能预算审查平台建设竣工及时性"),
        ("老干部系统 竣工及实性定的啥", "2019-002-02", "老干部综合信息管理系统建设竣工及时性"),
    ],
)
def test_an_indicator_name_typed_with_a_homophone_is_that_indicator(question, decl_id, name):
    result = ask(question)
    assert not result.refused and _rows(result) == {(decl_id, name)}, result.text
    assert _indicator(decl_id, name)["value"]["raw"] in result.text, result.text
    assert "按“" in result.text  # said how the words were read


def test_a_typed_name_end_the_named_project_lacks_is_refused_not_quoted():
    result = ask("电子会务系统 建设竣工及使性")  # its form sets 系统建设完成及时率, no …竣工及时性
    assert result.refused and not result.rows and result.figure is None, result.text


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("帮人大管预算联网监督那个平台 数据对外共享那条咋写", "人大预算数据外部有关单位共享"),
        ("人大预算联网监督那个平台 数据对外共享那条咋写", "人大预算数据外部有关单位共享"),
    ],
)
def test_a_money_word_inside_the_words_naming_a_project_asks_no_money(question, name):
    result = ask(question)
    assert not result.refused and _rows(result) == {("2019-002-01", name)}, result.text
    assert result.figure is None and not AMOUNT.search(result.text), result.text


def test_the_money_of_a_project_so_described_is_still_asked_where_a_money_word_follows():
    result = ask("给人大搞预算联网监督那个平台 花了多少钱")
    assert result.figure is not None and _rows(result) == {("2019-002-01", "项目资金总额")}, result.text


@pytest.mark.parametrize(
    ("question", "decl_id", "name"),
    [
        ("23年给公务员局考录系统那些运维的 年度服务可用时间填的啥", "2023-003-06", "年度服务可用时间"),
        ("管公务员局网站那些外网运维的 驻场几个人", "2023-003-06", "驻场人员数量"),
        # a thing of the unit's in other words than the form's (招录 for 考录): the unit is still the one served
        ("公务员局招录系统那些运维的 驻场几个人", "2023-003-06", "驻场人员数量"),
    ],
)
def test_a_unit_a_described_project_serves_is_no_unit_asked_of(question, decl_id, name):
    result = ask(question)
    assert not result.refused and _rows(result) == {(decl_id, name)}, result.text


@pytest.mark.parametrize("question", ["市教委网站那些运维的 驻场几个人", "给市教委做网站那些运维的 驻场几个人"])
def test_a_unit_the_corpus_lacks_inside_a_description_is_refused(question):
    result = ask(question)
    assert result.refused and not result.rows and "市教委" in result.text, result.text


def test_a_plural_pointer_at_projects_listed_describes_none():
    result = ask("带满意度指标的那些项目有哪些")
    assert not result.refused and "共 17 个项目" in result.text, result.text


def test_a_unit_short_name_before_a_described_project_keeps_the_project():
    result = ask("闵行 用手机交党费那个 第三方接口开发写的啥")
    assert not result.refused and _rows(result) == {("2020-000-01", "第三方接口开发")}, result.text


def _first(year: int, field: str) -> str:
    held = [d for d in DECLS if d["header"]["year"] == year and d["funding"][field] is not None]
    return max(held, key=lambda d: Decimal(d["funding"][field]))["id"]


@pytest.mark.parametrize(
    ("first", "then", "year", "field", "asked"),
    [
        ("2023年 资金总额拿头名的是哪个？", "它的满意度指标有哪些", 2023, "total", "满意度"),
        ("二〇一九年 预算排在首位的是哪笔", "它的联系人是谁", 2019, "total", "联系人"),
        ("2026年 申请额数第一的是哪个项目", "它的成本指标有哪些", 2026, "annual", "成本"),
    ],
)
def test_the_first_place_said_as_officers_say_it_is_ranked_and_it_is_the_winner(first, then, year, field, asked):
    ranked = ask(first)
    winner = _first(year, field)
    assert not ranked.refused and ranked.rows[0].declaration_id == winner, ranked.text
    result = ask(first, then)
    assert not result.refused and result.rows, result.text
    assert {row.declaration_id for row in result.rows} == {winner}, result.text


@pytest.mark.parametrize(
    ("before", "question", "document", "category"),
    [
        ("党费系统 制度保障都写了啥", "专款专用制度那条 属于哪类", "专款专用制度", "财务管理制度"),
        ("党费系统的制度保障", "资金拨付审批制度那条 归哪类", "资金拨付审批制度", "财务管理制度"),
        ("组织力平台的制度保障列一下", "实施方案那条 属于哪类", "组织力建设信息化平台实施方案", "项目管理制度"),
    ],
)
def test_a_safeguard_row_asked_by_its_document_after_that_project_is_that_row(before, question, document, category):
    result = ask(before, question)
    assert not result.refused and {field for _, field in _rows(result)} == {document}, result.text
    assert f"制度类别：{category}" in result.text, result.text


def test_a_document_the_project_discussed_lacks_is_not_another_row():
    result = ask("党费系统 制度保障都写了啥", "内部财务管理制度那条 属于哪类")
    assert not result.rows and result.refused, result.text


def test_a_document_the_project_discussed_lacks_is_said_to_be_missing_from_its_form():
    result = ask("党费系统 制度保障都写了啥", "内部财务管理制度那条 属于哪类")
    assert "语料库中没有“内部财务管理制度”这一制度保障行" in result.text, result.text
    assert "专款专用制度" in result.text  # the documents the form does write


def test_a_longer_document_sharing_a_row_s_end_is_not_that_row():
    result = ask("党费系统 内部财务管理制度 一般写什么措施")  # 合同管理制度 shares only 管理制度
    assert "合同管理制度（制度类别" not in result.text, result.text
