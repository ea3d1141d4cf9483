"""Q&A (issue 24, sealed10 tune classes): 二级指标 kinds (数量指标, 时效指标, 可持续影响指标…) counted, ranked and
listed in spoken wording: 表里一共多少条 counts the indicators (表里 is where, not what); …最多的那个 ranks the
projects by that kind (no described thing); a short name several projects fit alike (机关, 运维) is the one filed in
the year asked. Figures computed here from corpus/declarations/*.json."""

from collections import Counter

import pytest
from qa_support import DECLS, ask


def kind_count(year: int, level2: str) -> Counter:
    return Counter(
        d["id"] for d in DECLS if d["header"]["year"] == year for i in d["indicators"] if i["level2"] == level2
    )


@pytest.mark.parametrize(("question", "year", "level2"), [("时效指标 26年的表里总共几条", 2026, "时效指标")])
def test_kind_counted_in_the_forms(question: str, year: int, level2: str) -> None:
    result = ask(question)
    assert result.figure is not None and result.figure.startswith(f"{sum(kind_count(year, level2).values())} ")


@pytest.mark.parametrize(
    ("question", "year", "level2", "most"),
    [("23年时效指标最少的那个", 2023, "时效指标", False), ("26年数量指标最多的那个", 2026, "数量指标", True)],
)
def test_kind_ranked_by_the_one(question: str, year: int, level2: str, most: bool) -> None:
    counts = kind_count(year, level2)
    for d in DECLS:
        if d["header"]["year"] == year:
            counts.setdefault(d["id"], 0)
    best = (max if most else min)(counts.values())
    result = ask(question)
    assert not result.refused
    assert result.figure is not None and result.figure.startswith(f"{best} ")
    assert result.rows[0].declaration_id in {i for i, n in counts.items() if n == best}


def test_short_name_of_two_projects_resolved_by_year() -> None:
    # 机关 is written by 机关服务费 (2023) and 市人大机关…改造建设经费 (2019) alike
    held = [d for d in DECLS if d["header"]["year"] == 2019 and "机关" in d["header"]["name"]]
    assert len(held) == 1
    form = held[0]
    result = ask("19年机关 时效指标有哪些")
    assert not result.refused
    wanted = sorted({i["name"] for i in form["indicators"] if i["level2"] == "时效指标"})
    assert sorted({row.field for row in result.rows}) == wanted
    assert {row.declaration_id for row in result.rows} == {form["id"]}


def test_kind_picked_from_the_project_just_counted() -> None:
    from assistant.qa.conversation import Conversation

    form = next(d for d in DECLS if d["header"]["name"] == "党建服务工作经费")
    conversation = Conversation()
    ask("党建服务工作经费一共几个指标", conversation)
    result = ask("时效的是哪条", conversation)
    wanted = sorted({i["name"] for i in form["indicators"] if i["level2"] == "时效指标"})
    assert wanted and sorted({row.field for row in result.rows}) == wanted
    assert {row.declaration_id for row in result.rows} == {form["id"]}


@pytest.mark.parametrize(("question", "word"), [("指标名带故障的项目有哪些", "故障"), ("指标名含验收的项目", "验收")])
def test_projects_by_a_word_of_their_indicator_names(question: str, word: str) -> None:
    wanted = {d["id"] for d in DECLS if any(word in i["name"] for i in d["indicators"])}
    result = ask(question)
    assert wanted and {row.declaration_id for row in result.rows} == wanted
    assert {row.field for row in result.rows} == {"项目"}
