"""Sums over chosen 项目构成 rows of one project (issue 24, q10c): each row's amount shown, then their sum; a named
row the form lacks is said, and no partial sum stands for the whole. Real corpus, real parser, no model; the gold
amounts read the raw JSON."""

from decimal import Decimal

from qa_support import DECLS, ask, yuan

LINES = {b["name"]: Decimal(b["amount"]) for d in DECLS if d["id"] == "2020-000-01" for b in d["budget_lines"]}


def test_two_named_rows_are_shown_each_and_summed():
    result = ask("闵行党费缴纳系统的PC端功能开发跟软件测评费合起来是多少钱")
    pc, test = LINES["党费缴纳PC端功能开发"], LINES["软件测评费"]
    assert result.figure == yuan(pc + test)
    assert f"{pc:,.2f}" in result.text and f"{test:,.2f}" in result.text
    assert {row.field for row in result.rows} == {"党费缴纳PC端功能开发", "软件测评费"}


def test_a_row_the_form_lacks_gives_no_partial_sum():
    result = ask("党费缴纳系统项目构成中第三方接口开发与机房租赁费总共多少")
    assert result.figure is None and not result.refused
    assert "没有“机房租赁费”" in result.text and f"{LINES['第三方接口开发']:,.2f}" in result.text
    assert yuan(LINES["第三方接口开发"]) + "：" not in result.text.split("\n")[0]


def test_two_projects_summed_are_not_read_as_rows():
    result = ask("2023年信息化建设项目和信息化运维项目加起来多少钱")
    assert "项目构成" not in result.text.split("\n")[0]


def test_rows_joined_by_a_bare_plus_are_summed():
    result = ask("党费缴纳管理系统项目构成中移动端功能开发加第三方接口开发是多少")
    assert result.figure == yuan(LINES["党费缴纳移动端功能开发"] + LINES["第三方接口开发"])
