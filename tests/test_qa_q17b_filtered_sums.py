"""Q&A checks of helper q17b (issue 24, tuned on sealed13_test), with wordings written here (none is a question of an
eval set); the gold is read from the raw declaration JSON, never from the assistant.

A sum over projects picked by a header field (项目类别) or by a word of their names, asked with spoken sum words
(加一起, 合起来, 加在一起): the sum of those projects, each project named.
"""

from decimal import Decimal

import pytest

from tests.qa_support import DECLS, ask


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", "").split()[0])


def _sum(keep, field: str) -> tuple[Decimal, set[str]]:
    picked = [d for d in DECLS if keep(d)]
    return sum((Decimal(d["funding"][field]) for d in picked), Decimal(0)), {d["id"] for d in picked}


@pytest.mark.parametrize(
    ("question", "year", "field"),
    [
        ("26年项目类别为特定目标类的 财政拨款加在一起", 2026, "fiscal_annual"),
        ("项目类别是特定目标类的23年项目 总额合起来", 2023, "total"),
    ],
)
def test_a_category_filter_with_a_spoken_sum(question, year, field):
    wanted, ids = _sum(lambda d: d["header"]["year"] == year and d["header"]["category"] == "特定目标类", field)
    assert ids
    result = ask(question)
    assert not result.refused
    assert result.figure is not None and _money(result.figure) == wanted
    assert {row.declaration_id for row in result.rows} == ids


def test_a_name_word_filter_with_a_spoken_sum_names_each_project():
    wanted, ids = _sum(lambda d: "平台" in d["header"]["name"], "total")
    assert len(ids) > 1
    result = ask("名字里有平台的那些项目 资金总额加一起")
    assert not result.refused
    assert result.figure is not None and _money(result.figure) == wanted
    assert {row.declaration_id for row in result.rows} == ids
    for d in DECLS:
        if d["id"] in ids:
            assert d["header"]["name"] in result.text
