"""Q&A checks of helper q19a (issue 24, tuned on sealed14_tune): counting, filtering and ranking over indicators and
projects, each class with the eval's wording and wordings written here; the gold is read from the raw declaration
JSON, never from the assistant.
"""

from decimal import Decimal

import pytest

from assistant.qa.thresholds import number
from tests.qa_support import DECLS, ask


def _ids(keep) -> set[str]:
    return {d["id"] for d in DECLS if keep(d)}


def _holds(d: dict, word: str) -> bool:
    return any(word in i["name"] for i in d["indicators"])


def _annual(d: dict) -> Decimal:
    return Decimal(d["funding"]["annual"] or 0)


# -- Chinese numerals with a last digit of the unit below (两百五 = 250), a range closed by 区间, forms said as 表


@pytest.mark.parametrize(("written", "value"), [("两百五", 250), ("一百二", 120), ("三千五", 3500), ("一百零五", 105)])
def test_a_last_digit_counts_the_unit_below(written, value):
    assert number(written) == value


@pytest.mark.parametrize(
    ("question", "low", "high"),
    [
        ("年度申请在两百五到三百万区间的表", 2_500_000, 3_000_000),
        ("年度申请额在一百二到两百万区间的项目", 1_200_000, 2_000_000),
        ("年度申请一百五到两百五十万之间的申报表", 1_500_000, 2_500_000),
    ],
)
def test_an_amount_window_in_chinese_numerals(question, low, high):
    wanted = _ids(lambda d: d["funding"]["annual"] is not None and low <= _annual(d) <= high)
    assert wanted
    result = ask(question)
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == wanted


# -- a category and a number of indicators said with 只有


@pytest.mark.parametrize(
    ("question", "category", "most"),
    [
        ("特定目标类 指标只有十条及以下的", "特定目标类", 10),
        ("其他运转类 指标只有十一条及以下的", "其他运转类", 11),
        ("特定目标类里 指标仅有八条及以下的", "特定目标类", 8),
    ],
)
def test_a_category_with_few_indicators(question, category, most):
    wanted = _ids(lambda d: d["header"]["category"] == category and len(d["indicators"]) <= most)
    assert wanted
    result = ask(question)
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == wanted


# -- 时限 said of a time the forms write 时间


def _minutes_at_least(d: dict, word: str, least: int) -> bool:
    return any(
        word in i["name"] and i["value"]["unit"] == "分钟" and Decimal(i["value"]["number"]) >= least
        for i in d["indicators"]
        if i["value"].get("number") is not None
    )


@pytest.mark.parametrize("question", ["响应时限写的30分钟及以上的项目", "响应时限在30分钟以上的项目"])
def test_a_time_limit_is_the_time_the_forms_write(question):
    wanted = _ids(lambda d: _minutes_at_least(d, "响应时间", 30))
    assert wanted
    result = ask(question)
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == wanted


# -- 指标跟X沾边 (a word of indicators' names said after 指标), forms counted as 几张表


@pytest.mark.parametrize(
    ("question", "year", "word"),
    [
        ("今年有几张表的指标跟故障沾边", 2026, "故障"),
        ("23年有几张表的指标和培训有关", 2023, "培训"),
        ("19年有几个项目的指标跟验收相关", 2019, "验收"),
    ],
)
def test_forms_whose_indicators_touch_a_word_counted(question, year, word):
    wanted = _ids(lambda d: d["header"]["year"] == year and _holds(d, word))
    assert wanted
    result = ask(question)
    assert not result.refused
    assert result.figure == f"{len(wanted)} 个"
    assert {row.declaration_id for row in result.rows} == wanted


# -- years ranked by the forms that set a kind of indicator


@pytest.mark.parametrize(
    ("question", "word"), [("哪一年 设“及时”类指标的项目最多", "及时"), ("哪一年设“故障”类指标的项目最多", "故障")]
)
def test_years_ranked_by_forms_setting_a_word(question, word):
    years: dict[int, int] = {}
    for d in DECLS:
        if _holds(d, word):
            years[d["header"]["year"]] = years.get(d["header"]["year"], 0) + 1
    top = max(years.values())
    leaders = [y for y, n in years.items() if n == top]
    assert len(leaders) == 1
    result = ask(question)
    assert not result.refused
    assert result.figure == f"{top} 个"
    assert f"{leaders[0]}年" in result.text.splitlines()[0]


# -- indicators with no 一级 said with 没挂


@pytest.mark.parametrize("question", ["19年那批里 没挂一级指标的管理类条目合计几条", "19年的表 没挂上一级指标的有几条"])
def test_indicators_with_no_level1_counted(question):
    wanted = sum(1 for d in DECLS if d["header"]["year"] == 2019 for i in d["indicators"] if not i.get("level1"))
    assert wanted
    result = ask(question)
    assert not result.refused
    assert result.figure == f"{wanted} 项"


# -- the indicators two years of one project share, asked as 重样


@pytest.mark.parametrize(
    ("question", "name", "level2"),
    [
        ("运维项目两年的时效指标 有没有重样的", "信息化运维项目", "时效指标"),
        ("信息化建设项目两年的质量指标 有没有重样的", "信息化建设项目", "质量指标"),
    ],
)
def test_names_two_years_share(question, name, level2):
    forms = [d for d in DECLS if d["header"]["name"] == name]
    assert len(forms) == 2
    names = [{i["name"] for i in d["indicators"] if i.get("level2") == level2} for d in forms]
    shared = names[0] & names[1]
    result = ask(question)
    assert not result.refused
    assert "都设有的绩效指标" in result.text
    if shared:
        assert result.figure == f"{len(shared)} 项"
        assert all(n in result.text for n in shared)
    else:
        assert "没有同名的指标" in result.text


# -- a place counted from the fewest: 指标少的排第二


@pytest.mark.parametrize(
    ("question", "year", "place"),
    [("今年指标少的排第二的是哪张表", 2026, 2), ("23年指标少的排第二是哪个项目", 2023, 2)],
)
def test_a_place_counted_from_the_fewest(question, year, place):
    forms = sorted((d for d in DECLS if d["header"]["year"] == year), key=lambda d: len(d["indicators"]))
    wanted = forms[place - 1]
    assert len(forms[place - 2]["indicators"]) < len(wanted["indicators"]) < len(forms[place]["indicators"])
    result = ask(question)
    assert not result.refused
    assert result.figure == f"{len(wanted['indicators'])} 项"
    assert [row.declaration_id for row in result.rows] == [wanted["id"]]


# -- a category's stem with a fullness word (写得最满, 写得最少): its indicators counted


@pytest.mark.parametrize(
    ("question", "year", "level2", "most"),
    [
        ("26年哪张表社会效益写得最满", 2026, "社会效益指标", True),
        ("23年哪个项目时效写得最少", 2023, "时效指标", False),
        ("26年哪张表数量那块写得最全", 2026, "数量指标", True),
    ],
)
def test_a_category_written_fullest(question, year, level2, most):
    counts = {
        d["id"]: sum(1 for i in d["indicators"] if i.get("level2") == level2)
        for d in DECLS
        if d["header"]["year"] == year
    }
    best = max(counts.values()) if most else min(counts.values())
    result = ask(question)
    assert not result.refused
    assert result.figure == f"{best} 项"
    assert result.rows[0].declaration_id in {i for i, n in counts.items() if n == best}


# -- 跟X有关的指标 of one project, changed between two years: indicators counted, not money


@pytest.mark.parametrize(
    ("question", "name", "word", "years"),
    [
        ("运维项目 跟故障有关的指标 26版比23版多了还是少了", "信息化运维项目", "故障", (2023, 2026)),
        ("信息化建设项目 和验收相关的指标 23年到26年增加了几条", "信息化建设项目", "验收", (2023, 2026)),
    ],
)
def test_a_change_of_indicators_about_a_word(question, name, word, years):
    count = {
        d["header"]["year"]: sum(1 for i in d["indicators"] if word in i["name"])
        for d in DECLS
        if d["header"]["name"] == name
    }
    result = ask(question)
    assert not result.refused
    assert result.figure == f"{count[years[1]] - count[years[0]]} 项"


# -- 一九年 before 多出 is a year (多 after 年 is a duration only at the end or before 的/了)


def test_a_year_in_chinese_numerals_before_a_comparison_word():
    over = [d for d in DECLS if d["funding"]["annual"] is not None and _annual(d) > 2_500_000]
    by_year = {y: sum((_annual(d) for d in over if d["header"]["year"] == y), Decimal(0)) for y in (2019, 2023)}
    result = ask("年申请超250万的项目 二三年合计比一九年多出多少")
    assert not result.refused
    assert result.figure == f"{by_year[2023] - by_year[2019]:,.2f} 元"
    shorter = ask("名字带建设的项目 二六年比一九年多了多少钱")
    assert shorter.query is not None and set(shorter.query.filters.years) == {2019, 2026}


# -- 质量那档: a category named with 那档, as with 那块


@pytest.mark.parametrize(
    ("question", "decl_id", "level2"),
    [
        ("组织部门建设管理经费 质量那档写了哪些", "2023-003-01", "质量指标"),
        ("党建服务工作经费 时效那档写了哪些", "2026-004-01", "时效指标"),
    ],
)
def test_a_category_named_with_dang(question, decl_id, level2):
    decl = next(d for d in DECLS if d["id"] == decl_id)
    wanted = [i["name"] for i in decl["indicators"] if i.get("level2") == level2]
    assert wanted
    result = ask(question)
    assert not result.refused
    assert all(n in result.text for n in wanted)
    assert "项目资金总额" not in result.text


# -- 满意度有定在九十以下的没: whether any form sets such a value, answered 有 or 没有


def _satisfaction_below(d: dict, bound: int) -> bool:
    return any(
        i.get("level1") == "满意度指标" and i["value"]["unit"] == "%" and Decimal(i["value"]["number"]) < bound
        for i in d["indicators"]
        if i["value"].get("number") is not None
    )


@pytest.mark.parametrize(
    ("question", "year", "bound"),
    [
        ("今年的表里 满意度有定在九十以下的没", 2026, 90),
        ("23年有没有满意度定在八十五以下的", 2023, 85),
        ("23年的表里 满意度有定在九十以下的没", 2023, 90),
    ],
)
def test_whether_a_value_below_is_set(question, year, bound):
    wanted = _ids(lambda d: d["header"]["year"] == year and _satisfaction_below(d, bound))
    result = ask(question)
    if wanted:
        assert result.text.splitlines()[-len(wanted) - 1].startswith("有。语料库中有")
        assert {row.declaration_id for row in result.rows} == wanted
    else:
        assert result.refused and "没有。" in result.text


# -- 那几张表 points at forms (a demonstrative, as 那几个): what is counted is named after it


@pytest.mark.parametrize(("question", "year", "level2"), [("23年那几张表 时效指标一共几条", 2023, "时效指标")])
def test_those_forms_point_and_count_nothing(question, year, level2):
    wanted = sum(1 for d in DECLS if d["header"]["year"] == year for i in d["indicators"] if i.get("level2") == level2)
    result = ask(question)
    assert not result.refused
    assert result.figure == f"{wanted} 项"
