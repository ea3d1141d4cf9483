"""Q&A checks of helper q17b (issue 24, tuned on sealed13_test), with wordings written here; gold from the raw JSON.

An information project narrowed by a word said before it (建设类 / 运维类 信息化项目): of the year's information
projects, the one whose name holds the word, never all of them.
"""

from decimal import Decimal

from tests.qa_support import DECLS, ask


def _one(year: int, word: str) -> dict:
    (d,) = [
        d
        for d in DECLS
        if d["header"]["year"] == year and "信息化" in d["header"]["name"] and word in d["header"]["name"]
    ]
    return d


def test_a_kind_word_picks_the_one_information_project_holding_it():
    d = _one(2026, "建设")
    result = ask("2026年建设类的信息化项目 年度申请额是多少")
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == {d["id"]}
    assert result.figure is not None
    assert Decimal(result.figure.replace(",", "").split()[0]) == Decimal(d["funding"]["annual"])


def test_an_indicator_of_the_narrowed_project_only():
    d = _one(2023, "建设")
    other = _one(2023, "运维")
    assert any("满意" in i["name"] for i in other["indicators"])  # both projects set one: only this one's is asked
    result = ask("二三年组织部建设类的信息化项目 满意度指标定多少")
    assert {row.declaration_id for row in result.rows} == {d["id"]}
