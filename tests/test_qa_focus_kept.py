"""Q&A (issue 24, a class the sealed9 set found): a header field asked as a follow-up (项目性质呢) after a turn about
one project answers for that project, never for every form: 总额 alone is the 项目资金总额 asked (so that turn is a
structured one), and a turn about a named project answered with quoted passages keeps that project in focus.
Figures are computed here from corpus/declarations/*.json."""

from decimal import Decimal

import pytest
from qa_support import DECLS, ask, talk, yuan


@pytest.mark.parametrize("name", ["基层党建及队伍教育管理", "组织部门建设和管理工作经费"])
def test_total_alone_asks_the_project_total(name: str) -> None:
    decl = next(d for d in DECLS if d["header"]["name"] == name)
    result = ask(f"{name}总额是多少")
    assert not result.refused, result.text
    assert result.figure == yuan(Decimal(decl["funding"]["total"])), result.text


@pytest.mark.parametrize(
    ("first", "then", "name"),
    [
        ("组织部门建设和管理工作经费总额多少", "项目类别呢", "组织部门建设和管理工作经费"),
        ("老干部信息管理系统 这是个啥", "项目性质呢", "上海市人大老干部综合信息管理系统建设经费"),
    ],
)
def test_header_field_followup_answers_for_the_project_in_focus(first: str, then: str, name: str) -> None:
    ids = {d["id"] for d in DECLS if d["header"]["name"] == name}
    result = talk(first, then)
    assert not result.refused, result.text
    assert {row.declaration_id for row in result.rows} == ids, result.text
