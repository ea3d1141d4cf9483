"""Q&A classes of helper q13 (issue 24): questions whose wrong figure is worse than a refusal, each with variants
written here (none is a question of an eval set); the gold is read from the raw declaration JSON.

- a funding line named by who gives it (市里/上级 → 上级财政拨款, 区里/本级 → 本级财政安排, 自筹 → 其他资金) is that
  line; a zero line is answered as 0.00, never replaced by another line;
- A比B 多拨了多少 where one side fits several projects of the year: which ones, and no figure (never one side's);
- a change between years of a count under a condition (words of the indicators' names, a percentage target) applies
  the condition in both years and says 多/少.
"""

from decimal import Decimal

import pytest

from tests.qa_support import DECLS, ask, yuan

DISTRICT = next(d for d in DECLS if d["id"] == "2020-001-01")  # a 区级表 with the three fiscal lines written


@pytest.mark.parametrize(
    ("question", "field", "label"),
    [
        ("组织力平台 市里（上级）给的钱是多少", "fiscal_upper", "上级财政拨款"),
        ("组织力平台 上级拨了多少", "fiscal_upper", "上级财政拨款"),
        ("组织力平台 市财政出了多少", "fiscal_upper", "上级财政拨款"),
        ("组织力平台 区里拨的款有多少", "fiscal_same_level", "本级财政安排"),
        ("组织力平台 本级给了多少", "fiscal_same_level", "本级财政安排"),
        ("组织力平台 单位自筹的钱多少", "other_annual", "其他资金"),
    ],
)
def test_a_funding_line_named_by_its_giver_is_that_line(question, field, label):
    result = ask(question)
    assert not result.refused, result.text
    assert [(row.declaration_id, row.field) for row in result.rows] == [("2020-001-01", label)], result.text
    assert result.figure == yuan(Decimal(DISTRICT["funding"][field])), result.text


def test_the_whole_fiscal_line_is_still_read_without_a_giver():
    result = ask("组织力平台 拨款多少")
    assert result.figure == yuan(Decimal(DISTRICT["funding"]["fiscal_annual"])), result.text


@pytest.mark.parametrize(
    "question",
    [
        "2026年运维那个比党员远教电教工作经费多批了多少",
        "今年党建服务工作经费比运维多给多少钱",
        "26年运维跟党建服务工作经费比 差多少",
    ],
)
def test_a_comparison_whose_other_side_fits_several_projects_gives_no_one_sided_figure(question):
    result = ask(question)
    assert result.refused and result.figure is None and not result.rows, result.text
    assert "信息化运维项目" in result.text and "远程教育网络体系运维" in result.text, result.text
    assert "元" not in result.text, result.text


def test_a_comparison_whose_other_side_fits_one_project_of_the_year_is_still_computed():
    result = ask("23年运维比组织部门建设和管理工作经费 多多少钱")
    assert not result.refused and len(result.rows) == 2, result.text


def _named(year: int, project: str, word: str) -> int:
    decl = next(d for d in DECLS if d["header"]["name"] == project and d["header"]["year"] == year)
    return sum(word in (i["name"] or "") for i in decl["indicators"])


@pytest.mark.parametrize(
    "question",
    [
        "信息化运维 指标名字含“运维”的 2026年较2023年多了几条",
        "运维项目里 名称带“运维”二字的指标 26年比23年多几条",
        "信息化运维项目 名字里有“运维”这俩字的指标 今年比2023年多了几条",
    ],
)
def test_a_change_of_a_count_under_a_name_word_the_project_name_also_holds_applies_it_in_both_years(question):
    result = ask(question)
    assert not result.refused, result.text
    change = _named(2026, "信息化运维项目", "运维") - _named(2023, "信息化运维项目", "运维")
    assert result.figure == f"{change} 项", result.text
    assert "名称含“运维”" in result.text, result.text


def _meeting(year: int, at_least: Decimal) -> int:
    """Projects of ``year`` with a 满意度 indicator whose percentage target is at least ``at_least``."""

    def meets(i: dict) -> bool:
        value = i["value"]
        return "满意度" in (i["name"] or "") and value["unit"] == "%" and Decimal(value["number"]) >= at_least

    return sum(d["header"]["year"] == year and any(value_set(i) and meets(i) for i in d["indicators"]) for d in DECLS)


def value_set(i: dict) -> bool:
    return i["value"]["number"] is not None


@pytest.mark.parametrize(
    ("question", "first", "second", "at_least"),
    [
        ("满意度目标设在95%以上的项目 2026年比2019年多几个", 2026, 2019, "95"),
        ("满意度指标定到85%及以上的项目 19年比26年多几个", 2019, 2026, "85"),
        ("满意度要求不低于90%的项目 2026年比2019年少了几个", 2026, 2019, "90"),
    ],
)
def test_a_change_of_a_count_under_a_value_condition_counts_each_year(question, first, second, at_least):
    result = ask(question)
    assert not result.refused, result.text
    change = _meeting(first, Decimal(at_least)) - _meeting(second, Decimal(at_least))
    assert result.figure == f"{change} 个", result.text
    assert f"{first}年比{second}年" in result.text, result.text
