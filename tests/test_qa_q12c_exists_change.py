"""Q&A families of helper q12c (issue 24, tuned on sealed11_tune's existence, change and listing classes), each with
variants written here (none is a question of an eval set): the gold is read from the raw declaration JSON.

- existence asked after the thing (铺光缆的活儿 有项目不, 有项目包括吗, 有项目么, 有没有项目, 有哪个项目做过) or before it
  (有项目买过服务器吗):
  有 with the forms writing the thing (less a verb of buying or laying: 租服务器 → 服务器), or 没有 with no figure;
- a change between years of a filtered total (项目类别, an amount band, an indicator's word), of money or of a count,
  with the years written in Chinese numerals without 年 (二〇二六较二〇二三) or compared with 较, the sign said;
- listings: 名里有“X”的哪几笔, a description settling a short name two projects fit, 没一级指标的有哪些.
"""

import json
from decimal import Decimal

import pytest

from assistant.qa.years import digit_years
from tests.qa_support import DECLS, ask, yuan

AMOUNT_WRITTEN = "元"


def _writes(word: str) -> list[str]:
    return sorted(d["id"] for d in DECLS if word in json.dumps(d, ensure_ascii=False))


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("租服务器的 有没有项目", "服务器"),
        ("铺光缆的活儿 有项目不", "光缆"),
        ("装空调 有哪个项目做过", "空调"),
        ("请保安的 有项目包括吗", "保安"),
        ("人脸识别 有项目包含吗", "人脸识别"),
        ("大数据方面的 有项目么", "大数据"),
        ("保安服务 有项目不", "保安"),
        ("有项目买过服务器吗", "服务器"),  # the asking first, then the thing
        ("有没有项目铺过光缆", "光缆"),
        ("有项目做过驻场运维吗", "驻场"),
    ],
)
def test_existence_asked_after_the_thing_lists_the_forms_writing_it(question, word):
    result = ask(question)
    assert not result.refused, result.text
    assert "有。" in result.text and "语料库中有" in result.text
    assert sorted({row.declaration_id for row in result.rows}) == _writes(word)


@pytest.mark.parametrize(
    "question",
    [
        "养老院 有项目干过没",
        "买无人机的 有没有项目",
        "充电桩的活 有项目嘛",
        "有项目买过挖掘机吗",  # 挖掘 is written (深度挖掘), 挖掘机 is not: no part of the thing stands for it
        "打印机的 有项目嘛",  # 打印 is written, 机 alone is no name's word
    ],
)
def test_existence_of_a_thing_no_form_writes_is_no_with_no_figure(question):
    result = ask(question)
    assert result.refused and "没有" in result.text
    assert result.figure is None and not result.rows and AMOUNT_WRITTEN not in result.text.split("\n")[0]


def test_chinese_numeral_years_without_nian_are_years():
    assert digit_years("二〇二六比二〇二三少了多少") == "2026年比2023年少了多少"
    assert digit_years("二零二三年") == "2023年"
    assert digit_years("二〇二三一五") == "二〇二三一五"  # a longer run of numerals is no year


def _sum(field: str, year: int, **where) -> Decimal:
    picked = [d for d in DECLS if d["header"]["year"] == year and all(d["header"][k] == v for k, v in where.items())]
    return sum((Decimal(d["funding"][field]) for d in picked if d["funding"][field] is not None), Decimal(0))


@pytest.mark.parametrize(
    ("question", "field", "category"),
    [
        ("其他运转类的财政拨款 二〇二六比二〇二三差多少", "fiscal_annual", "其他运转类"),
        ("特定目标类申请额 26年较23年掉了多少", "annual", "特定目标类"),
        ("特定目标类的申请额 二〇二六较之二〇二三缩水多少", "annual", "特定目标类"),
    ],
)
def test_change_of_a_category_total_between_years_is_signed(question, field, category):
    change = _sum(field, 2026, category=category) - _sum(field, 2023, category=category)
    result = ask(question)
    assert not result.refused, result.text
    assert result.figure == (f"-{yuan(-change)}" if change < 0 else yuan(change))
    assert ("减少" if change < 0 else "增加") in result.text
    assert "2026年" in result.text.split("\n")[0] and "2023年" in result.text.split("\n")[0]  # the years read


def _counted(field: str, year: int, least: int) -> int:
    return sum(
        1
        for d in DECLS
        if d["header"]["year"] == year and d["funding"][field] is not None and Decimal(d["funding"][field]) >= least
    )


@pytest.mark.parametrize(
    ("question", "field", "least"),
    [
        ("申请额两百万往上的 26年比23年多几个", "annual", 2_000_000),
        ("财政拨款三百万开外的 二〇二六比二〇二三少了几个", "fiscal_annual", 3_000_000),
    ],
)
def test_change_of_a_count_of_projects_in_an_amount_band(question, field, least):
    change = _counted(field, 2026, least) - _counted(field, 2023, least)
    result = ask(question)
    assert not result.refused, result.text
    assert result.figure == f"{change} 个"
    assert ("减少" if change < 0 else "增加" if change > 0 else "持平") in result.text


def _named(name: str, year: int, word: str) -> int:
    decl = next(d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year)
    return sum(word in i["name"] for i in decl["indicators"])


@pytest.mark.parametrize(
    ("question", "name", "word"),
    [
        ("信息化建设 带“验收”的指标 二〇二六比二〇二三差几条", "信息化建设项目", "验收"),
        ("运维项目 带“故障”的指标 二〇二六较二〇二三涨了几条", "信息化运维项目", "故障"),
    ],
)
def test_change_of_indicators_holding_a_word(question, name, word):
    change = _named(name, 2026, word) - _named(name, 2023, word)
    result = ask(question)
    assert not result.refused, result.text
    assert result.figure == f"{change} 项"
    assert "2026年" in result.text.split("\n")[0] and "2023年" in result.text.split("\n")[0]  # the years read


def test_projects_whose_name_holds_a_word_asked_with_na_ji_bi():
    result = ask("名字里有“平台”二字的 是哪几笔")
    assert not result.refused, result.text
    assert sorted(row.declaration_id for row in result.rows) == sorted(
        d["id"] for d in DECLS if "平台" in d["header"]["name"]
    )


def test_a_description_settles_a_short_name_two_projects_fit():
    decl = next(d for d in DECLS if "IPTV" in json.dumps(d, ensure_ascii=False))
    result = ask("IPTV那套运维 时效指标都有哪些")
    assert not result.refused, result.text
    wanted = sorted(i["name"] for i in decl["indicators"] if i["level2"] == "时效指标")
    assert sorted(row.field for row in result.rows) == wanted
    assert {row.declaration_id for row in result.rows} == {decl["id"]}


def test_indicators_with_no_first_level_of_a_described_project():
    decl = next(d for d in DECLS if "光缆" in json.dumps(d, ensure_ascii=False))
    result = ask("人大机房那笔 没一级指标的有哪些")
    assert not result.refused, result.text
    assert sorted(row.field for row in result.rows) == sorted(i["name"] for i in decl["indicators"] if not i["level1"])
