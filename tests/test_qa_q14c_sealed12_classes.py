"""Q&A classes of helper q14c (issue 24, tuned on sealed12_tune), each with wordings written here (none is a question
of an eval set); the gold is read from the raw declaration JSON, never from the assistant.

- a thing asked about of which the forms write only a fragment (车联网: 联网) is absent: 没有, with no rows;
- years written as two Chinese numerals (二六年, 一九年) are years;
- 带X二字的指标: the indicators whose names hold X, counted per year;
- 设了X指标的项目 + money: the forms holding such indicators pick whose money is summed or compared;
- a project named verb first (缴党费的系统: 党费缴纳…系统) resolves, and a follow-up after a refusal is refused;
- a described project with two words only its form writes (食堂, 保洁) resolves beside a word no form writes;
- 这几条列出来 after a count lists what was counted; 留的哪个号 asks a field, no second project;
- 非信息化项目 in a name is no filter on IT projects; 有管X的项目没 is an existence question;
- 没过/不满 N 条, 过百万: bounds; a year a named project was never filed in is refused, with its other years.
"""

import json
from decimal import Decimal

import pytest

from assistant.qa.years import digit_years
from tests.qa_support import DECLS, ask, talk, yuan

BY_ID = {d["id"]: d for d in DECLS}


def _writes(word: str) -> list[str]:
    return sorted(d["id"] for d in DECLS if word in json.dumps(d, ensure_ascii=False))


def _named(word: str) -> dict:
    (found,) = [d for d in DECLS if word in d["header"]["name"]]
    return found


@pytest.mark.parametrize("question", ["有谁报过车联网的项目吗", "以前有人做过自媒体的项目吗"])
def test_a_thing_whose_fragment_alone_is_written_is_absent(question):
    assert not _writes(question[4:7]) or not _writes("车联网")  # the whole word is in no form
    result = ask(question)
    assert result.refused and "没有" in result.text.split("\n")[0]
    assert not result.rows and result.figure is None


def test_a_word_of_latin_letters_after_a_verb_is_still_found():
    result = ask("带APP的项目有没有")
    assert not result.refused and "语料库中有" in result.text
    assert sorted({row.declaration_id for row in result.rows}) == _writes("APP")


def test_two_chinese_numerals_before_nian_are_a_year():
    assert digit_years("一九年和二〇年的项目") == "19年和20年的项目"
    assert digit_years("二三年内完成") == "二三年内完成"  # a duration, no year
    assert digit_years("十二年") == "十二年"


def test_a_unit_count_in_a_year_written_in_chinese_numerals():
    picked = [d for d in DECLS if d["header"]["year"] == 2026 and d["header"]["department"] == "中共上海市委组织部"]
    count = sum(1 for d in picked for i in d["indicators"] if i["level2"] == "质量指标")
    result = ask("组织部二六年的表 质量指标加起来几条")
    assert result.figure == f"{count} 项"


def test_indicators_named_with_a_word_said_with_its_characters_counted():
    def held(year: int) -> int:
        (d,) = [d for d in DECLS if d["header"]["name"] == "信息化运维项目" and d["header"]["year"] == year]
        return sum("响应" in i["name"] for i in d["indicators"])

    result = ask("信息化运维项目 带响应两个字的指标 26年比23年少了几条")
    assert result.figure == f"{held(2026) - held(2023)} 项"


def _annual(year: int, level1: str) -> Decimal:
    picked = [
        d
        for d in DECLS
        if d["header"]["year"] == year
        and any(i["level1"] == level1 for i in d["indicators"])
        and d["funding"]["annual"]
    ]
    return sum((Decimal(d["funding"]["annual"]) for d in picked), Decimal(0))


def test_indicators_pick_the_projects_whose_money_is_summed():
    result = ask("设了成本指标的项目 23年申请额一共多少")
    assert result.figure == yuan(_annual(2023, "成本指标"))


def test_indicators_pick_the_projects_whose_money_changes():
    change = _annual(2026, "成本指标") - _annual(2023, "成本指标")
    result = ask("设了成本指标的项目 年度申请额26年比23年多了多少")
    assert result.figure == ("-" if change < 0 else "") + yuan(abs(change))


def test_a_project_named_verb_first_resolves():
    form = _named("党费缴纳")
    result = ask("闵行缴党费的系统 联系人是谁")
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == {form["id"]}
    assert form["header"]["contact"] in result.text


def test_a_follow_up_after_a_refused_project_is_refused_too():
    first = ask("收房租的系统 负责人叫啥")
    assert first.refused and not first.rows
    result = talk("收房租的系统 负责人叫啥", "联系电话呢")
    assert result.refused and not result.rows and result.figure is None


def test_a_described_project_with_two_words_of_its_own_beside_an_unwritten_one():
    form = _named("机关服务")
    assert _writes("派车") == []
    result = ask("管保洁食堂还派车那笔 总额是多少")
    assert not result.refused
    assert result.figure == yuan(Decimal(form["funding"]["total"]))


def test_a_count_then_those_listed():
    form = _named("老干部")
    names = sorted({i["name"] for i in form["indicators"] if i["level2"] == "质量指标"})
    result = talk("老干部信息系统有几条质量指标", "那几条都列一下")
    assert sorted({row.field for row in result.rows}) == names


def test_which_number_of_a_field_names_no_second_project():
    form = _named("党费缴纳")
    result = ask("党费缴纳系统 联系电话留的哪个号")
    assert not result.refused
    assert form["header"]["phone"] in result.text


def test_a_name_that_says_it_is_no_it_project_is_no_it_filter():
    form = _named("非信息化")
    result = ask("远程教育网络体系运维（非信息化项目）的项目类别是什么")
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == {form["id"]}


@pytest.mark.parametrize(("question", "word"), [("有管食堂的项目没", "食堂"), ("有负责保洁的项目不", "保洁")])
def test_existence_asked_with_mei_or_bu_after_a_managing_verb(question, word):
    result = ask(question)
    assert not result.refused and "语料库中有" in result.text
    assert sorted({row.declaration_id for row in result.rows}) == _writes(word)


def test_bounds_said_as_not_yet_and_past():
    under = sorted(d["id"] for d in DECLS if d["header"]["year"] == 2023 and len(d["indicators"]) < 11)
    assert sorted(row.declaration_id for row in ask("二三年 指标数不满11条的项目").rows) == under
    over = {
        year: sum(
            1
            for d in DECLS
            if d["header"]["year"] == year and d["funding"]["annual"] and Decimal(d["funding"]["annual"]) > 2_000_000
        )
        for year in (2019, 2023)
    }
    result = ask("申请额过两百万的项目 23年比19年多几个")
    assert result.figure == f"{over[2023] - over[2019]} 个"


def test_a_year_a_named_project_was_never_filed_in_is_refused_with_its_other_years():
    form = _named("党组织建设和党员教育管理")
    result = ask("党组织建设和党员教育管理 2020年那版的培训人数写的多少")
    assert result.refused and "语料库中没有2020年" in result.text and result.figure is None
    assert {row.declaration_id for row in result.rows} == {form["id"]}


def test_a_description_with_a_thing_no_form_echoes_stays_absent():
    result = ask("管保洁食堂还修无人机那笔 总额是多少")
    assert result.refused and result.figure is None and not result.rows
