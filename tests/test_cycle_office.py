"""Monitoring tables and self-evaluations exported in the official layouts (.docx, .xlsx) and imported back."""

from datetime import date
from decimal import Decimal as D

import pytest

from assistant.cycle.scoring import score_evaluation
from assistant.cycle.start import monitoring_from, selfeval_from
from assistant.domain.cycle import Band, Deviation, DeviationCause, FundKind, Possibility
from assistant.errors import InputError
from assistant.office.cycle_layout import monitoring_layout, selfeval_layout, write_form
from assistant.office.cycle_read import form_kind, read_monitoring, read_selfeval


def _filled_selfeval(decl):
    ev = selfeval_from(decl, form_id="s1")
    rows = []
    for row in ev.rows:
        value = row.target_value
        if value is not None and value.number is not None:
            actual = f"{value.number}{value.unit or ''}"
        else:
            actual = row.target or "已完成"
        extra = {"band": Band.ACHIEVED, "score": row.weight} if value is None or value.number is None else {}
        rows.append(row.model_copy(update={"actual": actual, **extra}))
    rows[-1] = rows[-1].model_copy(update={"evidence": "问卷调查，回收有效问卷120份"})
    total = ev.funds[0].model_copy(update={"executed": D("1000000.5"), "full_year_budget": D("1180655")})
    ev = ev.model_copy(
        update={"rows": rows, "funds": [total, *ev.funds[1:]], "goal_achieved": "完成", "conclusion": "总体完成"}
    )
    card = score_evaluation(ev)
    return ev.model_copy(update={"total_score": card.total})


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_selfeval_round_trip(corpus, tmp_path, fmt):
    decl = corpus.get("2023-003-05")
    ev = _filled_selfeval(decl)
    path = write_form(selfeval_layout(ev), fmt, tmp_path / f"自评.{fmt}")
    assert form_kind(path) == "selfeval"
    back = read_selfeval(path)
    assert (back.project_name, back.department, back.implementer, back.year) == (
        ev.project_name,
        ev.department,
        ev.implementer,
        ev.year,
    )
    assert back.fund(FundKind.TOTAL) is not None
    assert back.fund(FundKind.TOTAL).executed == D("1000000.5")
    assert back.total_score == ev.total_score and back.total_score is not None
    assert back.goal_planned == ev.goal_planned and back.conclusion == "总体完成"
    assert len(back.rows) == len(ev.rows)
    for mine, theirs in zip(ev.rows, back.rows, strict=True):
        for name in ("target", "actual", "weight", "band", "evidence"):
            assert getattr(theirs, name) == getattr(mine, name), (mine.link.name, name)
        assert (theirs.link.name, theirs.link.level1, theirs.link.level2) == (
            mine.link.name,
            mine.link.level1,
            mine.link.level2,
        )
    assert score_evaluation(back).total == score_evaluation(ev).total


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_monitoring_round_trip(corpus, tmp_path, fmt):
    decl = corpus.get("2023-003-05")
    table = monitoring_from(decl, form_id="m1", as_of=date(2023, 6, 30))
    rows = list(table.rows)
    rows[0] = rows[0].model_copy(
        update={
            "actual_to_date": "9个",
            "expected_full_year": "18个",
            "possibility": Possibility.POSSIBLE,
            "deviation": Deviation(causes=[DeviationCause.STAFF, DeviationCause.OTHER], text="需求方人员调整"),
            "corrective_measures": "9月前补足",
        }
    )
    budget = table.budget.model_copy(update={"adjusted_budget": D("1100000"), "executed": D("420000.25")})
    table = table.model_copy(update={"rows": rows, "budget": budget})
    path = write_form(monitoring_layout(table), fmt, tmp_path / f"监控.{fmt}")
    assert form_kind(path) == "monitoring"
    back = read_monitoring(path)
    assert back.as_of == date(2023, 6, 30) and back.year == 2023
    assert back.budget.executed == D("420000.25") and back.budget.adjusted_budget == D("1100000")
    assert back.goal == table.goal
    assert [r.link.name for r in back.rows] == [r.link.name for r in table.rows]
    assert [r.target for r in back.rows] == [r.target for r in table.rows]
    first = back.rows[0]
    assert (first.actual_to_date, first.expected_full_year, first.possibility) == ("9个", "18个", Possibility.POSSIBLE)
    assert first.deviation.causes == [DeviationCause.STAFF, DeviationCause.OTHER]
    assert first.corrective_measures == "9月前补足"


def test_import_refuses_other_files(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="不是 .docx 或 .xlsx"):
        read_selfeval(path)


def test_a_published_layout_with_extra_columns_reads_by_its_labels(tmp_path):
    """A district-style 自评表 (万元, a 调整后预算数 column, 指标性质, 一级 merged down, 执行率 as a percentage cell)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    rows = [
        ["项目支出绩效自评表"],
        ["（2022年度）"],
        ["项目名称", "社区综合服务项目"],
        ["主管部门", "某区民政局", None, None, "实施单位", "某街道办事处"],
        ["项目资金（万元）", None, "年初预算数", "调整后预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 25, 25, 25, 21.54576, 10, 0.8618304, 8.62],
        [None, "其中：当年财政拨款", 25, 25, 25, 21.54576, None, None, None],
        ["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
        [None, "完成社区服务12场", None, None, None, "完成12场"],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        [None, "产出指标", "数量指标", "服务场次", "正向", "≥12场", "12场", 50, 50, None],
        [None, None, "质量指标", "投诉次数", "反向", "≤2次", "3次", 10, 5, "个别活动组织不到位，已整改"],
        [None, "满意度指标", "服务对象满意度指标", "居民满意度", "正向", "≥90%", "95%", 30, 30, None],
        ["总分", None, None, None, None, None, None, 100, 93.62, None],
    ]
    for r in rows:
        sheet.append(r)
    sheet.merge_cells("B11:B12")
    sheet["H6"].number_format = "0.00%"
    path = tmp_path / "published.xlsx"
    book.save(path)
    ev = read_selfeval(path)
    assert (ev.project_name, ev.year, ev.implementer, ev.amount_unit) == (
        "社区综合服务项目",
        2022,
        "某街道办事处",
        "万元",
    )
    total = ev.fund(FundKind.TOTAL)
    assert (total.full_year_budget, total.executed, total.rate, total.score) == (
        D(25),
        D("21.54576"),
        D("86.18304"),
        D("8.62"),
    )
    assert ev.goal_planned == "完成社区服务12场" and ev.goal_achieved == "完成12场"
    assert [r.link.level1_written for r in ev.rows] == ["产出指标", "产出指标", "满意度指标"]
    assert [(r.target, r.actual, r.weight, r.score) for r in ev.rows] == [
        ("≥12场", "12场", D(50), D(50)),
        ("≤2次", "3次", D(10), D(5)),
        ("≥90%", "95%", D(30), D(30)),
    ]
    assert ev.total_score == D("93.62")
    card = score_evaluation(ev)
    assert card.total == D("93.62") and card.rows[1].score == D("5.00")  # (1 − (3 − 2) ÷ 2) × 10
