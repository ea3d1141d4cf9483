"""Issue 24 (sealed14_test S14X-absent-04): a unit named by its function (宣传部门, 财政部门, 教育系统, 卫健委, 宣传口)
that no form's 主管部门/申报单位/实施单位 is must be refused with “语料库中没有…”, never answered with every form's
total or indicators; real units (组织部, 人大, 党建服务中心) and 组织部门 as a project's word still answer (real corpus,
real parser, no model)."""

import re
from pathlib import Path

import pytest

from assistant.services.scope import CorpusScope
from tests.qa_support import ask

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("宣传部门的项目 二三年一共报多少钱", "宣传部门"),  # the eval's
        ("财政部门的项目指标几条", "财政部门"),
        ("二三年宣传部门报的项目 哪个项目钱最多", "宣传部门"),
        ("教育系统的项目一共多少钱", "教育系统"),
        ("宣传口的项目有哪些", "宣传口"),
        ("卫健委的项目 哪个项目最多", "卫健委"),
        ("2026年统战部报了几个项目", "统战部"),
    ],
)
def test_unit_named_by_function_is_refused(question: str, unit: str) -> None:
    result = ask(question)
    assert result.refused and "语料库中没有" in result.text and unit in result.text, result.text
    assert result.figure is None and not AMOUNT.search(result.text) and not result.rows, result.text


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("组织部的项目 二三年一共报多少钱", "26,413,037.00 元"),
        ("人大的项目指标几条", "80 项"),
        ("党建服务中心的项目哪个最多", "4,818,000.00 元"),
        ("组织部门建设和管理工作经费 二三年报多少钱", "9,382,600.00 元"),
    ],
)
def test_real_units_and_project_words_still_answer(question: str, says: str) -> None:
    result = ask(question)
    assert not result.refused and says in result.text, result.text
