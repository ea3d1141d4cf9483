"""Q&A checks of helper q17b (issue 24, tuned on sealed13_test), with wordings written here; gold from the raw JSON.

A 项目构成 line named by its words in spoken form: 电脑端 is what the forms write PC端, and 那行/那一栏 point at the
line (no subject of their own): that line's amount, never the project's total.
"""

from decimal import Decimal

import pytest

from tests.qa_support import DECLS, ask


def _line(word: str) -> tuple[str, dict]:
    (found,) = [(d["id"], b) for d in DECLS for b in d["budget_lines"] if word in b["name"]]
    return found


@pytest.mark.parametrize("question", ["交党费的系统 电脑端开发那一行金额是多少", "党费系统里电脑端功能开发这栏 多少钱"])
def test_a_spoken_line_name_with_a_pointer_gives_that_line(question):
    decl_id, line = _line("PC端功能开发")
    result = ask(question)
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == {decl_id}
    assert result.figure is not None
    assert Decimal(result.figure.replace(",", "").split()[0]) == Decimal(line["amount"])
    assert line["name"] in result.text
