"""Issue 24: a short name that several projects fit alike (智能, 教育, 机关, 组织), with nothing in the question (year,
unit, indicator) narrowing it to one, is asked back with the candidates and their years and units: never a sum, a
field, a section or an indicator count over every form (远教花了多少钱 once added up all 13 forms). A year or an
indicator that only one of them has decides; a question for the projects themselves (有哪些) lists them. Real corpus,
real parser, no model."""

import re
from datetime import date
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")


def ask(question: str):
    return answer(question, Conversation(), None, scope=SCOPE.current().qa, finder=None, today=date(2026, 12, 6))


@pytest.mark.parametrize(
    ("question", "fits"),
    [
        (
            "智能花了多少钱",
            ("上海市人大智能预算审查平台建设项目经费", "上海人大系统人民群众来信来访智能化工作平台建设经费"),
        ),
        ("教育 联系人是谁", ("基层党建及队伍教育管理", "党组织建设和党员教育管理")),
        (
            "智能 有几个指标",
            ("上海市人大智能预算审查平台建设项目经费", "上海人大系统人民群众来信来访智能化工作平台建设经费"),
        ),
        ("机关 立项依据是什么", ("机关服务费", "市人大机关信息系统基础设施改造建设经费")),
        ("2023年组织花了多少钱", ("党组织建设和党员教育管理", "组织部门建设和管理工作经费")),
        ("远教花了多少钱", ("党员远教电教工作经费", "上海市党员干部现代远程教育网络体系运维（非信息化项目）")),
        ("运维 联系人是谁", ("信息化运维项目", "上海市党员干部现代远程教育网络体系运维（非信息化项目）")),
    ],
)
def test_a_short_name_several_projects_fit_is_asked_back(question, fits):
    said = ask(question)
    assert said.refused and "哪个项目" in said.text, said.text
    assert said.figure is None and not AMOUNT.search(said.text) and not said.rows, said.text
    for name in fits:
        assert name in said.text
    assert "组织力建设信息化平台" not in said.text  # 2023年组织: the 2020 project is not offered
    assert "年；" in said.text  # each candidate with its years and units


def test_the_candidates_carry_year_and_unit():
    said = ask("机关 立项依据是什么")
    assert "机关服务费（2023年；中共上海市委组织部）" in said.text
    assert "市人大机关信息系统基础设施改造建设经费（2019年；上海市人民代表大会常务委员会办公厅）" in said.text


def test_a_year_only_one_of_them_was_filed_in_decides():
    said = ask("2020年组织花了多少钱")
    assert not said.refused and said.figure == "240,000.00 元", said.text


def test_an_indicator_only_one_of_them_has_decides():
    said = ask("26年运维 运维工作完成及时率是多少")
    assert not said.refused and "信息化运维项目" in said.text and "=100" in said.text, said.text


def test_a_question_for_the_projects_themselves_lists_them():
    said = ask("智能的项目有哪些")
    assert not said.refused and "相符的项目有 2 个" in said.text, said.text


def test_a_generic_thing_name_two_projects_write_whole_is_asked_back():
    said = ask("管理系统的负责人是谁")  # 老干部…信息管理系统 and 党费缴纳管理系统: once every form's 负责人
    assert said.refused and "哪个项目" in said.text and not said.rows, said.text
    assert "闵行区党建服务中心党费缴纳管理系统项目（2020年；单位未填）" in said.text


def test_a_generic_thing_name_one_project_writes_whole_is_that_project():
    said = ask("2019年信息系统花了多少钱")  # once the sum of every 2019 form
    assert said.figure == "2,226,216.00 元" and "市人大机关信息系统基础设施改造建设经费" in said.text, said.text
