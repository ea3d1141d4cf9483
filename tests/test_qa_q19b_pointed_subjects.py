"""Which project and which field a question points at (helper q19b, issue 24, tuned on sealed14_tune field,
comparison, followup and colloquial ids), with wordings written here beside the eval's; gold from the raw declaration
JSON.

- 实施单位 asked by what the unit does (由哪家单位来干, 哪个部门负责实施, 负责执行的单位); 是不是一家 asks sameness;
- 它设了X没 (写的哪条), 有X没有: whether one project set X, never the corpus's projects that lack it;
- 环节 names a 制度保障 document's stages (管到哪些环节);
- 可持续 alone names the 可持续影响 category (可持续那条);
- a character that starts or ends three characters the forms write is no homophone typo (管离退休 is no 管理退休);
- a short name read inside a resolved description (干部 of 搞援派干部培训那笔) leaves no choice between projects;
- a description's money word asked right after it (那笔钱多少, 那个项目 钱多少) asks the money; a short name read across
  a description (干部信息化项目 of 离退休干部信息化那个项目) yields to what the description's content points at.
"""

import json
from decimal import Decimal

import pytest

from tests.qa_support import DECLS, ask, talk, yuan

BY_ID = {d["id"]: d for d in DECLS}


def _id(name: str, year: int) -> str:
    (found,) = [d["id"] for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year]
    return found


def _only(word: str) -> str:
    (found,) = [d["id"] for d in DECLS if word in d["header"]["name"]]
    return found


def _writing(*words: str) -> str:
    """The one form whose text writes every word."""
    (found,) = [d["id"] for d in DECLS if all(w in json.dumps(d, ensure_ascii=False) for w in words)]
    return found


def _level(form: str, level: str) -> set[str]:
    return {i["name"] for i in BY_ID[form]["indicators"] if level in (i["level1"], i["level2"])}


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("26年那个信息化建设 具体由哪家单位来干", ("信息化建设项目", 2026)),
        ("26年信息化建设项目 由哪家单位来做", ("信息化建设项目", 2026)),
        ("23年机关服务费 是哪个部门负责实施的", ("机关服务费", 2023)),
        ("23年机关服务费 负责实施的是哪个单位", ("机关服务费", 2023)),
    ],
)
def test_the_implementer_asked_by_what_the_unit_does(question: str, form: tuple[str, int]) -> None:
    wanted = BY_ID[_id(*form)]["header"]["implementer"]
    result = ask(question)
    assert not result.refused and wanted in result.text, result.text
    assert [(row.declaration_id, row.field) for row in result.rows] == [(_id(*form), "实施单位")]


def test_the_projects_a_unit_carries_out_are_listed_not_its_implementer() -> None:
    """X负责实施的项目: the unit's projects (a filter), no 实施单位 field asked."""
    wanted = {
        d["id"] for d in DECLS if d["header"]["year"] == 2026 and d["header"]["implementer"] == "上海市党建服务中心"
    }
    result = ask("2026年党建服务中心负责实施的项目有哪些")
    assert {row.declaration_id for row in result.rows} == wanted
    assert all(row.field == "项目" for row in result.rows)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("运维项目23版跟26版 负责实施的是不是一家", "信息化运维项目"),
        ("信息化建设项目23版跟26版 负责执行的单位一样不", "信息化建设项目"),
        ("23年那个信息化建设 实施单位和26年的是一家吗", "信息化建设项目"),
    ],
)
def test_two_versions_implementer_compared(question: str, name: str) -> None:
    forms = [_id(name, 2023), _id(name, 2026)]
    units = [BY_ID[f]["header"]["implementer"] for f in forms]
    assert units[0] != units[1]  # the corpus's two versions differ
    result = ask(question)
    assert not result.refused and result.text.startswith("不一样"), result.text
    assert all(unit in result.text for unit in units)
    assert {row.declaration_id for row in result.rows} == set(forms)


@pytest.mark.parametrize(
    ("turns", "form", "level"),
    [
        (("机关服务费23年总额", "那它设了成本指标没 写的哪条"), ("机关服务费", 2023), "成本指标"),
        (("机关服务费23年总额", "它设了成本指标没有"), ("机关服务费", 2023), "成本指标"),
        (("机关服务费23年总额", "它有时效指标没 写的什么"), ("机关服务费", 2023), "时效指标"),
        (("组织力平台 总额多少", "它定了质量指标没 列一下"), ("组织力建设信息化平台", 2020), "质量指标"),
    ],
)
def test_whether_the_project_discussed_set_a_level(turns: tuple[str, str], form: tuple[str, int], level: str) -> None:
    wanted = _level(_id(*form), level)
    assert wanted
    result = talk(*turns)
    assert not result.refused, result.text
    assert {row.field for row in result.rows} == wanted
    assert {row.declaration_id for row in result.rows} == {_id(*form)}


def test_which_of_several_forms_lack_a_level_is_still_a_filter() -> None:
    """23年的项目都设了成本指标没有: no one project, so the forms without one are listed (as before)."""
    lacking = {d["id"] for d in DECLS if d["header"]["year"] == 2023 and not _level(d["id"], "成本指标")}
    result = ask("2023年的项目都设了成本指标没有")
    assert {row.declaration_id for row in result.rows} == lacking


@pytest.mark.parametrize(
    ("question", "document"),
    [
        ("编制管理办法那条制度 管到哪些环节", "项目预算编制管理办法"),
        ("资金拨付审批制度 用在哪几个环节", "资金拨付审批制度"),
        ("预算申报管理办法 适用于什么环节", "项目预算申报管理办法"),
    ],
)
def test_a_documents_stages_asked_as_its_steps(question: str, document: str) -> None:
    held = [(d["id"], s) for d in DECLS for s in d["safeguards"] if s["document"] == document]
    assert held
    result = ask(question)
    assert not result.refused, result.text
    assert {(row.declaration_id, row.field) for row in result.rows} == {(f, document) for f, _ in held}
    for _, s in held:
        assert all(stage["stage"] in result.text for stage in s["stages"] if stage["applies"])


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("手机上交党费那个系统 可持续那条写的什么", _only("党费缴纳")),
        ("23年信息化运维 可持续方面设了几条", "2023-003-06"),
        ("组织力平台 可持续的指标是啥", _only("组织力")),
    ],
)
def test_sustainability_named_by_its_first_word(question: str, form: str) -> None:
    wanted = _level(form, "可持续影响指标")
    result = ask(question)
    assert not result.refused, result.text
    assert {row.field for row in result.rows} == wanted
    assert {row.declaration_id for row in result.rows} == {form}


def test_a_written_word_beside_a_name_character_is_no_typo() -> None:
    form = _only("老干部")
    (name,) = [i["name"] for i in BY_ID[form]["indicators"] if i["name"] == "平台使用人员满意度"]
    result = ask("管离退休老同志信息那套系统 平台使用人员满意度")
    assert not result.refused and "管理退休" not in result.text, result.text
    assert [(row.declaration_id, row.field) for row in result.rows] == [(form, name)]


def test_a_real_typo_beside_a_name_is_still_read() -> None:
    form = _only("老干部")
    result = ask("老干布系统 总额多少")
    assert yuan(Decimal(BY_ID[form]["funding"]["total"])) in result.text, result.text


@pytest.mark.parametrize(
    "question", ["印内刊、搞援派干部培训那笔 学员满意度目标", "印内刊、搞援派干部培训那笔 学员满意度"]
)
def test_a_short_name_inside_a_description_leaves_no_choice(question: str) -> None:
    (form,) = {d["id"] for d in DECLS for i in d["indicators"] if "内刊" in i["name"]}
    (name,) = [i["name"] for i in BY_ID[form]["indicators"] if "学员满意度" in i["name"]]
    result = ask(question)
    assert not result.refused, result.text
    assert [(row.declaration_id, row.field) for row in result.rows] == [(form, name)]


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("管保洁食堂那笔钱多少", _writing("保洁", "食堂")),
        ("管保洁食堂那笔钱 一共多少", _writing("保洁", "食堂")),
        ("离退休干部信息化那个项目 钱多少", _only("老干部")),
    ],
)
def test_money_asked_right_after_a_description(question: str, form: str) -> None:
    result = ask(question)
    assert not result.refused and yuan(Decimal(BY_ID[form]["funding"]["total"])) in result.text, result.text
    assert {row.declaration_id for row in result.rows} == {form}


def test_a_follow_up_comparison_keeps_the_described_project() -> None:
    first, second = _only("老干部"), _only("来信来访")
    amounts = [Decimal(BY_ID[f]["funding"]["annual"]) for f in (first, second)]
    result = talk("离退休干部信息化那个项目 钱多少", "跟信访平台比呢 谁多 差多少")
    assert not result.refused and result.figure == yuan(abs(amounts[0] - amounts[1])), result.text
    assert {row.declaration_id for row in result.rows} == {first, second}
