"""Q&A families of helper q12d (issue 24, tuned on sealed11_tune's ranking and comparison classes), each with
variants written here (none is a question of an eval set): the gold is read from the raw declaration JSON.

- a place in a ranking said as 从高往低数第三是哪家 / 由少到多第二是哪张 / 排第二个是谁: that place alone, counted from
  the top or (从低往高, 由少到多, 升序) from the bottom;
- how full a form is written (写得最满, 列得最全, 填得最单薄): the most / the fewest of what is counted;
- a rule for blank amounts stated in the question (申请额空着的按总额算, 没填的就用资金总额): the blank form counted with
  the other amount, and said so; 按年算 / 分年度算 rank the years.
"""

from decimal import Decimal

import pytest

from tests.qa_support import DECLS, ask, talk, yuan


def _amount(d: dict, field: str, stand: str | None = None) -> Decimal | None:
    value = d["funding"][field]
    if value is None and stand is not None:
        value = d["funding"][stand]
    return None if value is None else Decimal(value)


def _ranked(year: int, field: str, *, fewest: bool = False) -> list[tuple[Decimal, str]]:
    scored = [(v, d["id"]) for d in DECLS if d["header"]["year"] == year and (v := _amount(d, field)) is not None]
    return sorted(scored, reverse=not fewest)


@pytest.mark.parametrize(
    ("question", "year", "field", "place", "fewest"),
    [
        ("2023年当年财政拨款 从高往低数第二是哪个", 2023, "fiscal_annual", 2, False),
        ("26年年度申请额 从低往高数第二个是哪家", 2026, "annual", 2, True),
        ("2023年申请额由低到高 第四是哪家单位报的", 2023, "annual", 4, True),
        ("19年资金总额 从大到小数第三是哪个", 2019, "total", 3, False),
    ],
)
def test_a_place_counted_from_either_end_is_that_place_alone(question, year, field, place, fewest):
    value, decl_id = _ranked(year, field, fewest=fewest)[place - 1]
    result = ask(question)
    assert not result.refused, result.text
    assert result.figure == yuan(value), result.text
    assert [row.declaration_id for row in result.rows] == [decl_id]


def test_a_numbered_thing_without_any_order_is_no_ranking():
    result = ask("2023年第二个项目是什么")
    assert "第 2 名" not in result.text


def _count(d: dict, level1: str) -> int:
    return sum(1 for i in d["indicators"] if i.get("level1") == level1)


@pytest.mark.parametrize(
    ("question", "year", "level1", "fewest"),
    [
        ("2026年效益指标列得最全的是哪个项目", 2026, "效益指标", False),
        ("23年 效益指标填得最满的是哪份", 2023, "效益指标", False),
        ("2019年产出指标写的最详细的是哪一个", 2019, "产出指标", False),
        ("2026年满意度指标写得最单薄的是哪张表", 2026, "满意度指标", True),
    ],
)
def test_how_full_a_form_is_written_ranks_by_the_count(question, year, level1, fewest):
    counts = sorted(((_count(d, level1), d["id"]) for d in DECLS if d["header"]["year"] == year), reverse=not fewest)
    assert counts[0][0] != counts[1][0]  # no tie at the top: the variant has one answer
    result = ask(question)
    assert result.figure == f"{counts[0][0]} 项", result.text
    assert result.rows[0].declaration_id == counts[0][1]


@pytest.mark.parametrize(
    ("question", "fewest"),
    [
        ("按年算 哪一年年度申请额最多（申请额没填的就用资金总额）", False),
        ("分年度算 哪年申请的钱最少，申请额为空的拿项目资金总额顶上", True),
        ("以年份来统计 哪一年申请金额最少（年度申请空着的话按总额计）", True),
    ],
)
def test_a_stated_rule_for_blank_amounts_counts_them_with_the_other(question, fewest):
    sums: dict[int, Decimal] = {}
    for d in DECLS:
        value = _amount(d, "annual", "total")
        if value is not None:
            sums[d["header"]["year"]] = sums.get(d["header"]["year"], Decimal(0)) + value
    best = (min if fewest else max)(sums, key=lambda y: sums[y])
    result = ask(question)
    assert result.figure == yuan(sums[best]), result.text
    assert f"{best}年" in result.text
    blank = [d for d in DECLS if d["funding"]["annual"] is None and d["funding"]["total"] is not None]
    assert blank and all(d["header"]["name"] in result.text for d in blank)  # the stand-in said, by form


def test_a_stated_rule_ranks_projects_too():
    forms = [d for d in DECLS if d["header"]["year"] == 2020]
    least = min(forms, key=lambda d: _amount(d, "annual", "total") or Decimal("Infinity"))
    result = ask("2020年哪个项目年度申请额最少，如果申请额没填就用总额算")
    assert result.figure == yuan(_amount(least, "annual", "total")), result.text
    assert result.rows[0].declaration_id == least["id"]


# A kind of indicator named by what it measures: 带X要求的, 跟X挂钩的, “X”那类, 涉及X的 (the indicators whose names write X)
@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("带验收字样的指标 一般怎么写", "验收"),
        ("跟培训有关的指标 往年怎么定的", "培训"),
        ("“故障”那类指标 别人都写了啥", "故障"),
        ("涉及响应的指标 常见写法", "响应"),
        ("和采购沾边的指标 往年都怎么填", "采购"),
    ],
)
def test_a_kind_named_by_what_it_measures_cites_only_such_indicators(question, word):
    holding = {d["id"] for d in DECLS if any(word in i["name"] for i in d["indicators"])}
    result = ask(question)
    assert not result.refused, result.text
    cited = [c.ref.split("#")[0] for c in result.citations]
    assert len(cited) >= 3 and len(set(cited)) >= 2, cited
    assert set(cited) <= holding, (cited, holding)
    assert len(result.text) <= 600


def test_a_kind_no_indicator_measures_is_refused_without_figures():
    result = ask("跟无人机挂钩的指标 往年怎么写")
    assert result.refused and result.figure is None
    assert "无人机" in result.text


def _category(decl_id: str) -> str:
    return next(d for d in DECLS if d["id"] == decl_id)["header"]["category"]


def _named(year: int, word: str) -> list[str]:
    return [d["id"] for d in DECLS if d["header"]["year"] == year and word in d["header"]["name"]]


# Two sides named with their years, asked whether they write the same header value; a side whose short name fits
# several forms of its year is the one sharing the other side's head (信息化建设跟运维: 信息化运维)
@pytest.mark.parametrize(
    ("question", "year", "words"),
    [
        ("2026年信息化建设与2026年运维 项目类别是否一致", 2026, ("信息化建设", "信息化运维")),
        ("2023年信息化建设跟2023年运维 项目类别一样不", 2023, ("信息化建设", "运维")),
        ("2026年党建服务和2026年远教电教 项目类别相同吗", 2026, ("党建服务", "远教电教")),
    ],
)
def test_two_sides_asked_whether_a_field_is_the_same_show_both(question, year, words):
    ids = [_named(year, word) for word in words]
    assert all(len(found) == 1 for found in ids)
    a, b = ids[0][0], ids[1][0]
    result = ask(question)
    assert {row.declaration_id for row in result.rows} == {a, b}, result.text
    assert _category(a) in result.text and _category(b) in result.text
    same = _category(a) == _category(b)
    assert ("不一样" not in result.text) if same else ("不一样" in result.text)


def test_a_side_the_other_side_does_not_settle_is_not_guessed():
    assert len(_named(2026, "运维")) == 2
    result = ask("2026年党建服务跟2026年运维 项目类别一样吗")
    assert "一样：" not in result.text  # no 一样/不一样 said of a form picked at random


def _percent_holders(year: int, level: str, key: str, least: Decimal) -> list[str]:
    found = []
    for d in DECLS:
        if d["header"]["year"] != year:
            continue
        values = [i["value"] for i in d["indicators"] if i.get(key) == level]
        if any(v["unit"] == "%" and v["number"] is not None and Decimal(v["number"]) >= least for v in values):
            found.append(d["id"])
    return sorted(found)


# A value condition on a category's indicators, asked 有定到X%的 是哪几个 / 有设在X%以上的 都是哪些 (no 项目 said):
# the projects one of whose indicators of that category sets at least that percentage, each with the indicator
@pytest.mark.parametrize(
    ("question", "year", "level", "key", "least"),
    [
        ("2023年时效指标里 有设到100%的 分别是哪几个", 2023, "时效指标", "level2", Decimal(100)),
        ("2019年产出指标里有设在95%以上的 都是哪些", 2019, "产出指标", "level1", Decimal(95)),
        ("26年质量指标里有定到100%的是哪几家", 2026, "质量指标", "level2", Decimal(100)),
    ],
)
def test_a_value_condition_on_a_category_lists_the_projects(question, year, level, key, least):
    holders = _percent_holders(year, level, key, least)
    assert holders  # the variant has an answer
    result = ask(question)
    assert sorted(row.declaration_id for row in result.rows) == holders, result.text
    assert all(row.field == "项目" for row in result.rows)


def _indicator(decl_id: str, name: str) -> dict:
    return next(i for d in DECLS if d["id"] == decl_id for i in d["indicators"] if i["name"] == name)


def _the_one(year: int, word: str) -> str:
    (found,) = _named(year, word)
    return found


# A project named in a phrase of its own (23年运维 工作日…): the project of the question, though the words of the
# phrases run together into part of an indicator's name once the spaces are gone
@pytest.mark.parametrize(
    ("question", "year", "word", "indicator"),
    [
        ("2023年运维 工作日出了故障 运维的人多久能到现场", 2023, "运维", "工作日故障运维人员抵达现场时间"),
        ("2023年运维 工作日故障 人员多久赶到现场", 2023, "运维", "工作日故障运维人员抵达现场时间"),
        ("26年远教电教 平台故障 一年允许发生几次", 2026, "远教电教", "平台故障发生数"),
    ],
)
def test_a_project_in_a_phrase_of_its_own_scopes_the_question(question, year, word, indicator):
    decl_id = _the_one(year, word)
    result = ask(question)
    assert {row.declaration_id for row in result.rows} == {decl_id}, result.text
    assert _indicator(decl_id, indicator)["value"]["raw"].strip() in result.text


# A follow-up naming an indicator by part of its name and a pointer (那X那条呢, X这条呢): that indicator of the form
# discussed, as rows
@pytest.mark.parametrize(
    ("first", "then", "year", "word", "indicator"),
    [
        ("23年组织部门建设 有几个指标？", "那纪检监察组工作那条呢", 2023, "组织部门建设", "驻部纪检监察组工作保障"),
        ("23年组织部门建设 有几个指标？", "那文书档案电子这条呢", 2023, "组织部门建设", "文书档案电子化"),
        ("23年机关服务费 有几个指标？", "那相关支出标准这一条呢", 2023, "机关服务费", "相关支出标准符合财政规定"),
    ],
)
def test_a_follow_up_pointing_at_an_indicator_by_part_of_its_name(first, then, year, word, indicator):
    decl_id = _the_one(year, word)
    result = talk(first, then)
    assert {(row.declaration_id, row.field) for row in result.rows} == {(decl_id, indicator)}, result.text
    assert _indicator(decl_id, indicator)["value"]["raw"].strip() in result.text
