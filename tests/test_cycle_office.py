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
