"""Batch 8 (issue 25): classes found on tune8's real pages, each read through the product's self-evaluation reader
(``read_self_evaluation_file``, as ``assistant cycle import`` does).

阆中's 车购税 绩效目标自评表 was copied from a web page with each row of the table on a line of its own and the cells of
each row run together (``地方主管部门阆中市交通运输局资金使用单位阆中市交通运输局``, ``年度资金总额:40004000100%``,
``数量指标建设普通省道二级公路32.1公里2020``): it was refused as holding no 项目名称 (`selfeval_lines`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.cycle import FundKind
from assistant.errors import NotADeclarationError
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_file
from assistant.ingest.selfeval_lines import twice

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found"
LANGZHONG = FOUND / "tune8" / "langzhong_chegoushui_flat.txt"


def test_row_per_line_run_together_selfeval_is_read_from_the_real_page() -> None:
    evaluation, notes = read_self_evaluation_file(LANGZHONG)
    assert (
        evaluation.project_name == "车辆购置税收入补助地方资金(普通省道公路建设)"
    )  # 地方资金 inside the name cuts nothing
    assert (evaluation.department, evaluation.implementer) == ("财政部", "阆中市交通运输局")
    assert evaluation.year == 2021
    assert evaluation.amount_unit == "万元"
    total = evaluation.fund(FundKind.TOTAL)
    assert total is not None
    assert (total.full_year_budget, total.executed, total.rate) == (Decimal("4000"), Decimal("4000"), Decimal("100"))
    read = [(r.link.level2_written, r.link.name, r.target, r.actual) for r in evaluation.rows]
    assert read == [
        ("数量指标", "建设普通省道二级公路32.1公里", "20", "20"),
        ("质量指标", "建设符合验收要求", "20", "20"),
        ("时效指标", "按期完成投资", "10", "10"),
        ("经济效益指标", "对经济发展的促进作用", "10", "10"),  # 经济效益 / 指标 wrapped over two lines
        ("社会效益指标", "基本公共服务水平", "10", "10"),
        ("生态效益指标", "交通建设符合环评审批要求", "10", "10"),
        ("服务对象满意度指标", "改善通行服务水平群众满意度", "20", "20"),  # 服务对象 / 满意度指标
    ]
    assert evaluation.rows[-1].link.level1_written == "满意度指标"
    codes = [n.code for n in notes]
    assert codes[0] == "selfeval.run_together"  # the reader says the cells ran together and were cut
    assert "selfeval.fund_glued_split" in codes  # 40004000100%: the rate proves 4000 | 4000 | 100%


_PAGE = """\
某县项目支出绩效目标自评表
(2023年度)
项目名称乡村道路养护经费
主管部门某县交通运输局实施单位某县公路养护中心
项目资金
(万元)
全年预算数(A)全年执行数(B)预算执行率(B/A)
年度资金总额:5050100%
绩效指标一级
指标
二级指标三级指标指标值全年实际完成值未完成原因和改进措施
数量指标养护里程120公里120公里
质量指标养护合格率95%95%
时效指标按期完成率1012
"""


def test_a_row_whose_two_values_differ_is_noted_not_split() -> None:
    """Values written twice are proven by their repetition; ``1012`` (10 | 12, or 101 | 2, …) is not, and the row is
    noted with its text instead of read by guessing."""
    evaluation, notes = read_self_evaluation_text(_PAGE, "page.txt")
    assert (evaluation.project_name, evaluation.department, evaluation.implementer, evaluation.year) == (
        "乡村道路养护经费",
        "某县交通运输局",
        "某县公路养护中心",
        2023,
    )
    assert [(r.link.name, r.target, r.actual) for r in evaluation.rows] == [
        ("养护里程", "120公里", "120公里"),
        ("养护合格率", "95%", "95%"),
    ]
    unsplit = [n for n in notes if n.code == "selfeval.row_unsplit"]
    assert any("按期完成率1012" in (n.message + (n.fragment or "")) for n in unsplit)


def test_a_declaration_copied_the_same_way_is_not_cut_as_a_self_evaluation() -> None:
    """青山's 绩效目标表 (a declaration, no 完成值 column, no 自评表 title) copied the same way stays what it was for
    the self-evaluation reader: refused."""
    with pytest.raises(NotADeclarationError):
        read_self_evaluation_file(FOUND / "tune" / "qingshan_bochuo_gaizao_flat.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("按期完成投资1010", ("按期完成投资", "10")),
        ("建设普通省道二级公路32.1公里2020", ("建设普通省道二级公路32.1公里", "20")),
        ("受益群众满意度≥95%≥95%", ("受益群众满意度", "≥95%")),
        ("按期完成率1012", None),  # not one value twice
        ("次数1111", None),  # 11 | 11 or 1 | 1 with a name ending in 11: more than one reading
        ("项目32020", None),  # the name would end in a figure: where its digits end is not shown
        ("1010", None),  # no name
    ],
)
def test_twice_splits_only_a_value_proven_by_its_repetition(text: str, expected: tuple[str, str] | None) -> None:
    assert twice(text) == expected
