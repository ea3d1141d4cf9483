"""Q&A (issue 24, a class the sealed9 set found): conditions said as officers say them. A number of indicators by
its digits (只有个位数: fewer than 10; 两位数: 10 to 99; 两位数以上: 10 or more), and indicators "related to" a word
(跟验收相关的指标: those whose names write it). Expected projects are computed here from corpus/declarations/*.json."""

import pytest
from qa_support import DECLS, ask


def _listed(result) -> set[str]:
    assert not result.refused, result.text
    return {row.declaration_id for row in result.rows if row.field == "项目"}


@pytest.mark.parametrize(
    ("question", "year", "low", "high"),
    [
        ("指标数只有个位数的有哪些", None, 0, 9),
        ("2019年指标是两位数的项目", 2019, 10, 99),
        ("2023年指标两位数以上的项目", 2023, 10, 10_000),
    ],
)
def test_indicators_counted_by_their_digits(question: str, year: int | None, low: int, high: int) -> None:
    wanted = {d["id"] for d in DECLS if year in (None, d["header"]["year"]) and low <= len(d["indicators"]) <= high}
    assert wanted
    assert _listed(ask(question)) == wanted


@pytest.mark.parametrize(
    ("question", "word"), [("哪些项目有跟验收相关的指标", "验收"), ("哪些项目设了和响应有关的指标", "响应")]
)
def test_projects_with_indicators_related_to_a_word(question: str, word: str) -> None:
    wanted = {d["id"] for d in DECLS if any(word in i["name"] for i in d["indicators"])}
    assert 0 < len(wanted) < len(DECLS)
    assert _listed(ask(question)) == wanted
