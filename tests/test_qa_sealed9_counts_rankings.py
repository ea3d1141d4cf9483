"""Issue 24, classes of the sealed9 test half (tuned on by q10a): each fix checked on wordings and projects of its
own, the expected values read here from corpus/declarations/*.json (real corpus, real parser, no model).

- 名称里有“X”的指标 / 那几条“X…”的指标, counted for one project in two years (26年比23年, 两年各几条): each year's
  number of those indicators and the change (never the money, never every indicator);
- 哪一年报的项目多/少 (no 最), 按年份的项目个数排一下: the years ranked by their number of forms, every year of the
  scope with its count;
- 最多的那个项目: the ranking's winner, no pointer at a project discussed before;
- A比26年B多几条指标, B named by a word of its name and a year: the two forms' indicator counts and the difference;
- same_value naming both projects (A跟B负责人是同一个吗): the gold rests on both forms (evals/qa/gold.py); 是一个人吗
  / 是一个单位吗 asks the same (一样/不一样 said).
"""

import importlib.util
import json
from datetime import date
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


def named(decl_id: str, words: str) -> int:
    return sum(1 for i in DECLS[decl_id]["indicators"] if words in i["name"])


def form(name: str, year: int) -> str:
    return next(k for k, d in DECLS.items() if d["header"]["name"] == name and d["header"]["year"] == year)


@pytest.mark.parametrize(
    ("question", "name", "words", "subject", "other"),
    [
        ("信息化建设项目 名称里有“测试”的指标 26年比23年多几条", "信息化建设项目", "测试", 2026, 2023),
        ("信息化建设那些“安全…”指标 23年比26年少几条", "信息化建设项目", "安全", 2023, 2026),
        ("信息化建设 指标名里有“系统”的 26年比23年少几条", "信息化建设项目", "系统", 2026, 2023),
        ("信息化运维项目 名称里有“响应”的指标 两年各几条", "信息化运维项目", "响应", 2026, 2023),
        ("信息化建设项目里“测试”二字的指标 今年比23年多几条", "信息化建设项目", "测试", 2026, 2023),
    ],
)
def test_indicators_named_with_words_counted_across_two_years(
    question: str, name: str, words: str, subject: int, other: int
) -> None:
    result = ask(question)
    first, second = named(form(name, subject), words), named(form(name, other), words)
    assert result.figure == f"{first - second} 项", result.text
    assert f"名称含“{words}”的指标数量 {first} 项" in result.text, result.text
    assert {row.declaration_id for row in result.rows} == {form(name, subject), form(name, other)}


def years_by_count(unit: str | None) -> dict[int, int]:
    counts: dict[int, int] = {}
    for d in DECLS.values():
        h = d["header"]
        if unit is None or unit in (h.get("department"), h.get("applicant"), h.get("implementer")):
            counts[h["year"]] = counts.get(h["year"], 0) + 1
    return counts


@pytest.mark.parametrize(
    ("question", "unit", "fewest"),
    [
        ("哪一年申报的项目少", None, True),
        ("中共上海市委组织部哪年报的项目多", "中共上海市委组织部", False),
        ("哪个年度报的项目少一些", None, True),
        ("按年份的项目个数从少到多排一下", None, True),
    ],
)
def test_years_ranked_by_their_number_of_forms_without_a_superlative(question: str, unit: str | None, fewest: bool):
    result = ask(question)
    counts = years_by_count(unit)
    year = (min if fewest else max)(counts, key=lambda y: counts[y])
    assert result.figure == f"{counts[year]} 个", result.text
    assert f"是{year}年" in result.text, result.text
    for other, count in counts.items():  # every year of the scope with its count
        assert f"{other}年：{count} 个" in result.text, result.text


def test_a_question_asking_what_a_year_holds_is_no_ranking_of_years() -> None:
    result = ask("组织部哪年的预算是多少")  # 多少 is no 多: not the years ranked by their money
    assert result.query is None or not result.query.by_year, result.text


@pytest.mark.parametrize(
    ("question", "year", "level2", "most"),
    [
        ("23年质量指标最多的那个项目", 2023, "质量指标", True),
        ("26年满意度指标最少的那个项目是哪个", 2026, "服务对象满意度指标", False),
    ],
)
def test_the_one_after_a_superlative_is_the_winner_not_a_pointer(question: str, year: int, level2: str, most: bool):
    result = ask(question)
    counts = {
        k: sum(1 for i in d["indicators"] if i["level2"] == level2)
        for k, d in DECLS.items()
        if d["header"]["year"] == year
    }
    best = (max if most else min)(counts.values())
    assert not result.refused, result.text
    assert result.figure == f"{best} 项", result.text
    assert counts[result.rows[0].declaration_id] == best, result.text


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        ("机关服务费比26年建设多几条指标", "2023-003-04", "2026-004-04"),
        ("党建服务工作经费比26年建设多几个指标", "2026-004-01", "2026-004-04"),
        ("机关服务费跟26年建设 指标差几条", "2023-003-04", "2026-004-04"),
    ],
)
def test_a_project_against_one_named_by_a_word_and_a_year(question: str, first: str, second: str) -> None:
    result = ask(question)
    a, b = len(DECLS[first]["indicators"]), len(DECLS[second]["indicators"])
    assert result.figure == f"{abs(a - b)} 项", result.text
    assert {row.declaration_id for row in result.rows} == {first, second}, result.text
    assert f"{a} 项" in result.text and f"{b} 项" in result.text, result.text


def _gold():
    spec = importlib.util.spec_from_file_location("gold", REPO / "evals/qa/gold.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_value_naming_both_projects_rests_on_both_forms() -> None:
    gold = _gold()
    spec = {"k": "same_value", "ids": ["2020-000-01", "2020-001-01"], "f": ["manager"]}
    assert gold.derive(spec)["ids"] == ["2020-000-01", "2020-001-01"]  # 党费系统跟组织力平台负责人是同一个吗
    assert gold.derive(spec, followup=True)["ids"] == ["2020-001-01"]  # 组织力平台也是这个人吗, after a turn
    result = ask("党费系统跟组织力平台 负责人是同一个人吗")
    assert {row.declaration_id for row in result.rows} == {"2020-000-01", "2020-001-01"}, result.text


@pytest.mark.parametrize(
    ("question", "ids", "field"),
    [
        ("党费系统、组织力平台负责人是一个人吗", ("2020-000-01", "2020-001-01"), "manager"),
        ("机关服务费和23年信息化运维 主管部门是一个单位吗", ("2023-003-04", "2023-003-06"), "department"),
    ],
)
def test_is_it_one_person_of_two_named_forms_says_whether_they_are_the_same(question: str, ids, field: str) -> None:
    result = ask(question)
    same = len({DECLS[i]["header"][field] for i in ids}) == 1
    assert {row.declaration_id for row in result.rows} == set(ids), result.text
    assert result.text.startswith("一样：" if same else "不一样："), result.text


def test_a_field_of_the_one_after_a_superlative_is_that_forms_field() -> None:
    totals = {k: d["funding"]["total"] for k, d in DECLS.items() if d["header"]["year"] == 2019}
    least = min(totals, key=lambda k: float(totals[k]))
    result = ask("19年钱最少的那个项目 起止日期是什么")
    assert {row.declaration_id for row in result.rows} == {least}, result.text
    assert DECLS[least]["header"]["start_date"] in result.text and DECLS[least]["header"]["end_date"] in result.text
    counts = {k: len(d["indicators"]) for k, d in DECLS.items() if d["header"]["year"] == 2026}
    most = max(counts, key=lambda k: counts[k])
    result = ask("26年指标最多的那个项目实施单位是哪个")
    assert {row.declaration_id for row in result.rows} == {most}, result.text
    assert f"实施单位：{DECLS[most]['header']['implementer']}" in result.text, result.text
