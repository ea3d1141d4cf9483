"""Issue 24 (held-out officer questions): 也是她吗 / 也是他负责吗 / 也是这个人吗 after a 负责人 or 联系人 answer asks the
same header field of the project now named. Expected values are read here from the corpus JSON."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
DECLS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus/declarations").glob("*.json"))]


def header(name: str, field: str) -> str:
    return next(d["header"][field] for d in DECLS if d["header"]["name"] == name)


@pytest.mark.parametrize(
    ("first", "then", "project", "field", "label"),
    [
        (
            "党费缴纳管理系统的负责人是谁",
            "组织力建设信息化平台也是她吗",
            "组织力建设信息化平台",
            "manager",
            "项目负责人",
        ),
        (
            "组织力建设信息化平台的负责人是谁",
            "党费系统也是她负责吗？",
            "闵行区党建服务中心党费缴纳管理系统项目",
            "manager",
            "项目负责人",
        ),
        (
            "组织力建设信息化平台的联系人是谁",
            "党费缴纳管理系统也是这个人吗",
            "闵行区党建服务中心党费缴纳管理系统项目",
            "contact",
            "联系人",
        ),
    ],
)
def test_also_him_asks_the_same_field_of_the_project_named(
    first: str, then: str, project: str, field: str, label: str
) -> None:
    conversation = Conversation()
    today = date(2026, 12, 6)
    scope = SCOPE.current().qa
    answer(first, conversation, None, scope=scope, finder=None, today=today)
    result = answer(then, conversation, None, scope=scope, finder=None, today=today)
    assert f"{project}（" in result.text and f"的{label}：{header(project, field)}" in result.text, result.text


def of_year(name: str, year: int) -> dict:
    return next(d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year)


@pytest.mark.parametrize(
    ("first", "a", "b", "year"),
    [
        ("比较信息化建设项目和信息化运维项目2023年的预算", "信息化建设项目", "信息化运维项目", 2023),
        ("2023年机关服务费和信息化运维项目哪个钱多", "机关服务费", "信息化运维项目", 2023),
    ],
)
@pytest.mark.parametrize("then", ["那俩的项目类别是什么", "这俩的项目类别呢", "那两个项目的类别分别是？"])
def test_the_two_asks_the_field_of_both_projects_compared(first: str, a: str, b: str, year: int, then: str) -> None:
    conversation = Conversation()
    today = date(2026, 12, 6)
    scope = SCOPE.current().qa
    answer(first, conversation, None, scope=scope, finder=None, today=today)
    result = answer(then, conversation, None, scope=scope, finder=None, today=today)
    for name in (a, b):
        category = of_year(name, year)["header"]["category"]
        assert f"{name}（{year}） 的项目类别：{category}" in result.text, result.text


def test_the_two_count_the_indicators_of_each() -> None:
    conversation = Conversation()
    today = date(2026, 12, 6)
    scope = SCOPE.current().qa
    answer("比较信息化建设项目和信息化运维项目2023年的预算", conversation, None, scope=scope, finder=None, today=today)
    result = answer("这俩各有几个指标", conversation, None, scope=scope, finder=None, today=today)
    for name in ("信息化建设项目", "信息化运维项目"):
        assert f"{name}（2023） 的绩效指标（{len(of_year(name, 2023)['indicators'])} 项）" in result.text, result.text


def top_two_of(year: int) -> list[dict]:
    forms = [d for d in DECLS if d["header"]["year"] == year and d["funding"].get("total")]
    return sorted(forms, key=lambda d: -Decimal(d["funding"]["total"]))[:2]


@pytest.mark.parametrize("then", ["那俩的项目类别是什么", "这两个的项目类别呢"])
def test_the_two_after_a_top_two_ranking_are_the_two_ranked(then: str) -> None:
    conversation = Conversation()
    today = date(2026, 12, 6)
    scope = SCOPE.current().qa
    answer("2023年预算最多的前两个项目", conversation, None, scope=scope, finder=None, today=today)
    result = answer(then, conversation, None, scope=scope, finder=None, today=today)
    top = top_two_of(2023)
    for decl in top:
        assert f"{decl['header']['name']}（2023） 的项目类别：{decl['header']['category']}" in result.text, result.text
    assert result.text.count("的项目类别：") == 2, result.text
