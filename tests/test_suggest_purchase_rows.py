"""Briefs of a new user (2026-12-07 03h) and variants of other kinds: a count in a measure word for animals or plants
(1600只, 300株) is the main output and its per-unit price (每只…600元) a unit-cost row checked against the money; a
service bought (收容救助服务, 委托…救助服务) is no subsidy, so no 补助 rows and no FW-MISSING-L2 of the tool's own making;
a figure a sentence of reasons gives as how things run (目前…查档利用年均8600人次) is a note, not an output; a standard
that names nothing itself (按每页0.45元计) is named from its unit. Real rules, real corpus, rules only."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_support import web_settings

from assistant.domain.brief import Brief, load_brief
from assistant.domain.framework import Level2
from assistant.services import build_services
from assistant.suggest.brief_rows import background_notes, output_statements, statement_rows
from assistant.suggest.costs import cost_rows

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nu7"
TREES = Brief.model_validate(
    {
        "项目名称": "街道行道树补植养护服务外包",
        "年度": 2027,
        "主管部门": "上海市闵行区绿化和市容管理局",
        "资金": {"总额": 360000, "财政资金": 360000, "年度申请": 360000},
        "主要内容": "委托专业养护单位补植行道树300株，每株补植养护费用1200元；补植成活率不低于95%。"
        "目前辖区行道树缺株较多，市民年均反映缺株问题约150件，影响街道景观。",
    }
)

STREET = Brief.model_validate(
    {
        "项目名称": "街面流浪乞讨人员救助服务",
        "年度": 2027,
        "主管部门": "上海市黄浦区民政局",
        "资金": {"总额": 240000, "财政资金": 240000, "年度申请": 240000},
        "主要内容": "委托社会组织开展街面流浪乞讨人员巡查劝导救助服务，全年开展街面巡查480次，每次巡查服务费用500元；"
        "发现求助人员后30分钟内到场。",
    }
)


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("purchase") / "data"))
    yield opened.workspace()
    opened.close()


def _drafted(workspace, brief: Brief):
    saved = workspace.draft(brief, on_event=_quiet)
    return saved.draft


def _rows(draft) -> dict[str, str]:
    return {r.name: r.value.value for r in draft.indicators}


@pytest.mark.parametrize(
    ("brief", "count", "unit_cost"),
    [
        (load_brief(BRIEFS / "b3_animal.yaml"), "≥1600(只)", "600(元/只)"),
        (TREES, "≥300(株)", "1200(元/株)"),
        (STREET, "≥480(次)", "500(元/次)"),
    ],
)
def test_a_count_in_a_measure_word_and_its_price_are_rows_and_no_subsidy_rows(workspace, brief, count, unit_cost):
    draft = _drafted(workspace, brief)
    rows = {r.value.value: r for r in draft.indicators}
    assert count in rows and rows[count].level2 is Level2.QUANTITY, _rows(draft)
    assert rows[count].value.ground == "计划标准", rows[count].value
    cost = next((r for r in draft.indicators if r.value.value.endswith(unit_cost)), None)
    assert cost is not None and cost.level2 is Level2.ECONOMIC_COST, _rows(draft)
    assert not any("补助" in name or "补贴" in name for name in _rows(draft)), _rows(draft)
    assert "FW-MISSING-L2" not in {f.rule_id for f in draft.review.findings}, draft.review.findings


def test_the_standard_times_the_count_is_checked_against_the_money():
    brief = load_brief(BRIEFS / "b3_animal.yaml")
    rows = cost_rows(brief, output_statements(brief)).unit_costs
    notes = [n for r in rows for n in r.notes]
    assert any("1600只 × 600元/只 = 960,000元" in n and "一致" in n for n in notes), notes


@pytest.mark.parametrize(("brief", "figure"), [(load_brief(BRIEFS / "b2_archive.yaml"), "8600"), (TREES, "150")])
def test_a_figure_of_how_things_run_now_is_a_note_not_an_output(brief, figure):
    values = [r.value.value for r in statement_rows(output_statements(brief))]
    assert not any(f"{figure}(" in v for v in values), values
    assert any(figure in n and "必要性" in n for n in background_notes(brief)), background_notes(brief)


def test_a_standard_that_names_nothing_is_named_from_its_unit():
    brief = load_brief(BRIEFS / "b2_archive.yaml")
    names = [r.name for r in cost_rows(brief, output_statements(brief)).unit_costs]
    assert names == ["单页加工成本"], names
    other = Brief(name="老旧小区电表更换", year=2027, content="更换老旧电表800只，按每只150元计，共计12万元。")
    names = [r.name for r in cost_rows(other, output_statements(other)).unit_costs]
    assert names and not any(n.startswith("按") for n in names) and all("只" in n for n in names), names


DOGS_NO_COUNT = Brief.model_validate(
    {
        "项目名称": "流浪犬只收容救助服务购买",
        "年度": 2027,
        "主管部门": "上海市松江区农业农村委员会",
        "资金": {"总额": 960000, "财政资金": 960000, "年度申请": 960000},
        "开始日期": "2027-01-01",
        "结束日期": "2027-12-31",
        "主要内容": "通过政府购买服务委托具备资质的收容机构开展流浪犬只收容救助，收容犬只狂犬病免疫率达到100%。\n"
        "2026年全区接到流浪犬扰民、伤人投诉1320起，较上年上升15%。",
    }
)
FIRE = Brief.model_validate(
    {
        "项目名称": "老旧小区消防安全检查服务",
        "年度": 2027,
        "主管部门": "上海市虹口区消防救援支队",
        "资金": {"总额": 500000, "财政资金": 500000, "年度申请": 500000},
        "开始日期": "2027-01-01",
        "结束日期": "2027-12-31",
        "主要内容": "委托第三方对老旧小区开展消防安全检查，检查问题整改率达到95%。\n"
        "2026年辖区老旧小区发生火灾42起，群众投诉消防通道堵塞210件。",
    }
)


@pytest.mark.parametrize(("brief", "figures"), [(DOGS_NO_COUNT, ["1320"]), (FIRE, ["42", "210"])])
def test_last_year_s_figures_are_no_output_and_the_draft_has_every_required_category(workspace, brief, figures):
    draft = _drafted(workspace, brief)
    values = list(_rows(draft).values())
    assert not any(f"{f}(" in v for f in figures for v in values), _rows(draft)
    assert all(any(f in n for n in background_notes(brief)) for f in figures), background_notes(brief)
    assert "FW-MISSING-L2" not in {f.rule_id for f in draft.review.findings}, draft.review.findings
