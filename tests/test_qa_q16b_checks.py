"""Q&A checks of helper q16b (issue 24, tuned on sealed13_tune), with wordings written here (none is a question of an
eval set); the gold is read from the raw declaration JSON, never from the assistant.

- a condition on indicators' values in a unit other than % (365天, 30分钟) compares values written in that unit;
- 不超过N: at most, the number itself included (超过 alone: at least);
- a count the question asserts (有没有N个指标, 是不是报了N个项目) is checked: 是 / 不是, with the forms' count.
"""

from decimal import Decimal

from tests.qa_support import DECLS, ask


def _with_value(name: str, unit: str, keep) -> set[str]:
    return {
        d["id"]
        for d in DECLS
        for i in d["indicators"]
        if name in i["name"] and i["value"]["unit"] == unit and keep(Decimal(i["value"]["number"]))
    }


def test_a_value_in_days_picks_the_projects_whose_indicator_writes_it():
    wanted = _with_value("无安全事故运行时间", "天", lambda n: n >= 360)
    assert wanted
    result = ask("承诺年度系统无安全事故运行时间定在360天以上的项目有哪些")
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == wanted


def test_at_most_includes_the_number_itself():
    wanted = _with_value("工作日故障响应时间", "分钟", lambda n: n <= 30)
    assert wanted
    result = ask("工作日故障响应时间要求不超过30分钟的项目")
    assert {row.declaration_id for row in result.rows} == wanted
    assert "不超过30分钟" in result.text


def _count(name: str, year: int) -> int:
    (d,) = [d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year]
    return len(d["indicators"])


def test_an_asserted_count_of_indicators_that_is_wrong_is_said_so():
    actual = _count("信息化运维项目", 2026)
    result = ask(f"信息化运维项目26年是不是设了{actual + 3}个指标")
    assert result.text.splitlines()[1].startswith("不是")
    assert f"{actual} 项" in result.text


def test_an_asserted_count_of_projects_that_is_right_is_confirmed():
    held = sum(1 for d in DECLS if d["header"]["year"] == 2019)
    result = ask(f"19年一共报了{held}个项目对吧")
    assert any(line.startswith("是，") for line in result.text.splitlines())
    assert "不是" not in result.text


def test_a_count_bounding_a_condition_is_no_assertion():
    result = ask("有没有超过15个指标的项目")
    assert not any(line.startswith(("是，", "不是：")) for line in result.text.splitlines())


def test_a_bare_count_checked_after_the_count_asked():
    actual = _count("机关服务费", 2023)
    result = ask(f"机关服务费23年一共几条指标 是{actual}条吧")
    assert any(line.startswith("是，") for line in result.text.splitlines())


def test_a_number_of_indicators_after_a_bound_is_no_value_of_one():
    wanted = {d["id"] for d in DECLS if len(d["indicators"]) < 10}
    result = ask("绩效指标不满10个的项目都有哪些")
    assert {row.declaration_id for row in result.rows} == wanted
