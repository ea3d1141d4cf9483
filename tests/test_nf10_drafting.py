"""Drafting a new user's briefs (nu10, 2026-12-07, helper nf10), rules only, real reader and corpus:

- a fee per unit that names nothing it pays for (委托第三方抽查，每户100元) is never the project's unit cost: the 项目构成
  line that names it names the row (第三方安装质量抽查标准), and without one it has no row but a note quoting it;
- one stated standard is one row (每名老人补贴300元 and the line's 每人300元);
- a deadline the brief states (2027年9月15日前完成全部补助资金拨付) is the 时效 row as stated and the goals say it; an
  end date that is not a month's end is no 月底前; a row named from the project keeps its whole object;
- a count of the areas the people come from (组织全区12个街道社区助浴员80人) is scope, not a 数量 of people;
- a deadline row renamed and given another date in one edit is followed into the goals, and the history says so.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from web_support import web_settings

from assistant.domain.brief import load_brief
from assistant.domain.framework import Level2
from assistant.domain.model import SectionKind
from assistant.review.reasons import reason_kind
from assistant.services import build_services
from assistant.services.editing import FieldEdit
from assistant.suggest.brief_rows import output_statements, statement_rows
from assistant.suggest.costs import cost_rows
from assistant.suggest.scope import scope_notes
from assistant.suggest.text import short_object
from assistant.suggest.years import end_deadline

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nf10"
GOALS = {SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL}


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("nf10") / "data"))
    yield opened
    opened.close()


def _draft(services, name: str):
    return services.workspace().draft(load_brief(BRIEFS / name), on_event=_quiet)


def _goals(draft) -> list[str]:
    return [s.text for s in draft.sections if s.kind in GOALS]


def _costs(name: str) -> dict[str, str]:
    brief = load_brief(BRIEFS / name)
    return {r.name: r.value.value for r in cost_rows(brief, output_statements(brief)).rows}


# -- unit costs ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fee", "named"),
    [
        ("gas_alarms_lines.yaml", "=100(元/户)", "第三方安装质量抽查标准"),
        ("nu10_elevator.yaml", "=10000(元/台)", "第三方审价及质量监督标准"),
        ("nu10_summer.yaml", "=15(元/人)", "学生意外伤害保险标准"),
    ],
)
def test_a_bare_fee_takes_the_name_of_the_line_it_pays_for(name: str, fee: str, named: str) -> None:
    costs = _costs(name)
    assert costs.get(named) == fee, costs
    assert not any(value == fee and row.startswith("单") for row, value in costs.items()), costs


def test_a_bare_fee_no_line_names_gets_a_note_not_a_unit_cost(services) -> None:
    draft = _draft(services, "gas_alarms.yaml").draft
    assert not any(r.value.value == "=100(元/户)" for r in draft.indicators), [r.name for r in draft.indicators]
    notes = [n.message for n in draft.notes]
    assert any("“每户100元”" in n and "不能作为单位成本" in n for n in notes), notes
    assert any(r.value.value == "=800(元/户)" for r in draft.indicators)  # the named subsidy standard stays


@pytest.mark.parametrize(("name", "figure"), [("bathing.yaml", "300"), ("nu10_summer.yaml", "600")])
def test_one_standard_stated_per_name_and_per_person_is_one_row(name: str, figure: str) -> None:
    costs = _costs(name)
    same = [row for row, value in costs.items() if value.startswith(f"={figure}(元/")]
    assert len(same) == 1, costs


# -- deadlines -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "row", "value"),
    [
        ("gas_alarms.yaml", "补助资金拨付完成时限", "2027年9月15日前"),
        ("nu10_elevator.yaml", "补贴资金拨付完成时限", "2027年11月30日前"),
    ],
)
def test_a_stated_deadline_is_the_timeliness_row_and_the_goals_say_it(services, name: str, row: str, value: str):
    draft = _draft(services, name).draft
    timely = [(r.name, r.value.value) for r in draft.indicators if r.level2 is Level2.TIMELINESS]
    assert timely == [(row, value)], timely
    for goal in _goals(draft):
        assert f"{row}为{value}" in goal and "12月底前" not in goal, goal


def test_an_end_date_inside_a_month_is_that_day() -> None:
    assert end_deadline(date(2027, 8, 13)) == "8月13日前"
    assert end_deadline(date(2027, 12, 31)) == "12月底前"
    assert end_deadline(date(2028, 2, 29)) == "2月底前"


def test_the_summer_scheme_ends_on_its_day(services) -> None:
    draft = _draft(services, "nu10_summer.yaml").draft
    timely = [r.value.value for r in draft.indicators if r.level2 is Level2.TIMELINESS]
    assert timely == ["8月13日前"], timely


@pytest.mark.parametrize(
    ("name", "short"),
    [("既有多层住宅加装电梯财政补贴", "既有多层住宅加装电梯"), ("困难群众临时救助资金", "困难群众临时救助")],
)
def test_a_project_object_is_never_cut_to_a_budget_word(name: str, short: str) -> None:
    assert short_object(name) == short


# -- areas counted before the people ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "areas", "people"),
    [("bathing.yaml", "12个街道", "≥80(人)"), ("nu10_militia.yaml", "14个街镇", "≥1200(人)")],
)
def test_areas_counted_before_their_people_are_scope(name: str, areas: str, people: str) -> None:
    brief = load_brief(BRIEFS / name)
    rows = {r.value.value: r.name for r in statement_rows(output_statements(brief))}
    assert people in rows and not any(v.endswith("(个)") and "1" in v for v in rows if v.startswith(("≥12", "≥14")))
    assert any(areas in n for n in scope_notes(brief)), scope_notes(brief)


# -- a deadline row renamed and re-dated --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["gas_alarms_lines.yaml", "nu10_elevator.yaml"])
def test_a_deadline_renamed_and_redated_is_followed_not_deleted(services, name: str) -> None:
    saved = _draft(services, name)
    latest = services.store.latest(saved.info.draft_id)
    rows = latest.draft.indicators
    n = next(i for i, r in enumerate(rows) if r.level2 is Level2.TIMELINESS) + 1
    assert all(rows[n - 1].name in g for g in _goals(latest.draft)), _goals(latest.draft)
    edits = [FieldEdit(f"indicator.{n}.name", "资金拨付到位时限"), FieldEdit(f"indicator.{n}.value", "2027年9月30日前")]
    after, _ = services.drafting.edit_fields(saved.info.draft_id, edits)
    for goal in _goals(after.draft):
        assert "资金拨付到位时限为2027年9月30日前" in goal, goal
    label = services.store.latest(saved.info.draft_id).info.section or ""
    assert "指标名称" in label and "删除的指标" not in label, label


# -- each person's days, and a reason said as a trend ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "row"), [("bathing.yaml", "人均培训天数 ≥5(天)"), ("nu10_militia.yaml", "人均训练天数 ≥15(天)")]
)
def test_each_persons_days_are_a_quantity_row(name: str, row: str) -> None:
    brief = load_brief(BRIEFS / name)
    rows = {f"{r.name} {r.value.value}": r for r in statement_rows(output_statements(brief))}
    assert row in rows and rows[row].level2 is Level2.QUANTITY, list(rows)
    assert not any(r.value.unit == "天" and r.value.number and r.value.number > 100 for r in rows.values()), list(rows)


@pytest.mark.parametrize("sentence", ["近年汛期极端天气增多，基干民兵是应急抢险的骨干力量", "近年来辖区暴雨内涝多发"])
def test_a_trend_in_recent_years_is_a_reason(sentence: str) -> None:
    assert reason_kind(sentence) == "situation"


def test_the_militia_necessity_uses_the_stated_reason(services) -> None:
    draft = _draft(services, "nu10_militia.yaml").draft
    necessity = next(s.text for s in draft.sections if s.kind is SectionKind.NECESSITY)
    assert "近年汛期极端天气增多" in necessity and "未写明立项理由" not in necessity, necessity
