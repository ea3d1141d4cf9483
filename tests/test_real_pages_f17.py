"""Classes left on the seen halves after session 10 (helper f17), each tested on the real page it was seen on and
on a variant written here. Tuned on tune9 and tune7/test7 (seen halves); test11, test12 and batch 14 not read.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from assistant.domain.cycle import SelfEvaluation
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_forms

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"


def _codes(notes: list) -> set[str]:
    return {n.code for n in notes}


def _rows(form: SelfEvaluation) -> list[tuple[str | None, str | None, str, str]]:
    return [(r.link.level1_written, r.link.level2_written, r.link.name, r.target) for r in form.rows]


# -- 1. A document mirror's 自评表 whose values stand away from their names, proven by the points -------------------


def test_mirror_rows_away_from_their_names_read_in_order_real_page() -> None:
    ((form, notes),) = read_self_evaluation_forms(FOUND / "tune9" / "chddh_jishan_yibao_selfeval_xlsx.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "全县参合人数", "8755"),  # 8755 … 分值 得分 … 8676 15 13: among the column names
        ("产出指标", "质量指标", "资金是否全部纳入医保统筹", "100%"),
        ("产出指标", "时效指标", "资金是否全部及时纳入", "100%"),
        ("产出指标", "成本指标", "配套资金每人每年", "75元"),  # 成本指标 right above its row: a 二级
        ("效益指标", "社会效益", "是否解决建档立卡人员看病难贵问题", "95%"),  # 效益指 / 标(30 分); 人 / 员看病难贵问题
        ("满意度指标", None, "是否满意", "95%"),  # 服务对象满 … 意度指标: split around the name, not joined
    ]
    assert [r.weight for r in form.rows] == [Decimal(n) for n in (15, 15, 10, 10, 30, 10)]
    assert [r.actual for r in form.rows][0] == "8676"
    assert "selfeval.mirror_rows_in_order" in _codes(notes)
    assert "selfeval.mirror_rows_unread" not in _codes(notes)


_MIRROR = (
    "项目支出绩效自评表 (2021年度) 项目名称 乡村道路养护 主管部门 县交通局 项目资金 年初预算数 (万元) 年度资金总额 "
    "实施单位 全年预算数 全年执行数 分值 执行率 得分 40 38 10 95% 9 一级 指标 二级指标 三级指标 数量指标 "
    "指标1:养护道路里程 绩 效 指 标 县公路站 产出 指标 实际 指标值 完成值 120公里 分值 得分 118公里 30 29 "
    "质量指标 指标1:养护路段验收合格率 100% 100% 20 20 ≥95% 96% 30 30 90% 92% 10 10 100 98 "
    "效益指标 社会效益指标 指标1:群众出行条件改 善程度 满意度指标 服务对象满意度指标 指标1:沿线群众满意度 总分"
)


def test_mirror_rows_away_from_their_names_variant() -> None:
    form, notes = read_self_evaluation_text(f"乡村道路养护自评表.xlsx\n{_MIRROR}\n", "mirror.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "养护道路里程", "120公里"),
        ("产出指标", "质量指标", "养护路段验收合格率", "100%"),
        ("效益指标", "社会效益指标", "群众出行条件改善程度", "≥95%"),
        ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "90%"),
    ]
    assert [r.score for r in form.rows] == [Decimal(29), Decimal(20), Decimal(30), Decimal(10)]
    assert "selfeval.mirror_rows_in_order" in _codes(notes)


def test_mirror_rows_whose_points_do_not_add_up_stay_unread() -> None:
    text = _MIRROR.replace("100 98 效益指标", "95 98 效益指标")  # 30+20+30+10 = 90, +10 for the funds: not 95
    form, notes = read_self_evaluation_text(f"乡村道路养护自评表.xlsx\n{text}\n", "mirror.txt")
    assert [r.link.name for r in form.rows] == ["养护路段验收合格率"]  # only the row with values beside it
    assert "selfeval.mirror_rows_unread" in _codes(notes)
    assert "selfeval.mirror_rows_in_order" not in _codes(notes)


def test_mirror_rows_with_a_group_too_few_stay_unread() -> None:
    text = _MIRROR.replace("90% 92% 10 10 ", "")
    form, notes = read_self_evaluation_text(f"乡村道路养护自评表.xlsx\n{text}\n", "mirror.txt")
    assert [r.link.name for r in form.rows] == ["养护路段验收合格率"]
    assert "selfeval.mirror_rows_unread" in _codes(notes)


def test_mirror_rows_whose_gap_is_a_budget_figure_stay_unread() -> None:
    text = _MIRROR.replace("100 98 效益指标", "130 98 效益指标")  # 130 - 90 = 40, the budget, not a 分值 beside a rate
    form, notes = read_self_evaluation_text(f"乡村道路养护自评表.xlsx\n{text}\n", "mirror.txt")
    assert [r.link.name for r in form.rows] == ["养护路段验收合格率"]
    assert "selfeval.mirror_rows_unread" in _codes(notes)
