"""Drafting a new user's briefs (2026-12-07, helper nf9): a same-type precedent's row enters a draft only where its
object is the brief's (食堂服务满意度 and 公务用车保障率 from 机关服务费 never in a 公厕保洁 or 绿化养护 draft); volumes,
areas and lengths (立方米, 平方公里, 公顷, 亩, 延米, 吨公里) are figures like 平方米. Real rules, real corpus, rules only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from web_support import web_settings

from assistant.domain.brief import load_brief
from assistant.domain.framework import Level2
from assistant.domain.model import SectionKind
from assistant.domain.statement_base import plain
from assistant.domain.statements import read_text
from assistant.services import build_services

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nu8"


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("nf9") / "data"))
    yield opened.workspace()
    opened.close()


@pytest.mark.parametrize(
    ("name", "foreign"),
    [
        ("v3_toilets.yaml", ("食堂", "公务用车")),  # 公厕保洁: the brief never speaks of a canteen or official cars
        ("v9_greening.yaml", ("食堂", "公务用车")),  # 绿化养护 in 机关办公区: same precedent, another kind of work
    ],
)
def test_a_precedent_row_about_another_object_is_left_out(workspace, name: str, foreign: tuple[str, ...]) -> None:
    brief = load_brief(BRIEFS / name)
    draft = workspace.draft(brief, on_event=_quiet).draft
    names = [row.name for row in draft.indicators]
    assert not any(word in row_name for word in foreign for row_name in names), names
    assert not any(word in brief.text() for word in foreign)
    assert any(row.name == "项目总成本" for row in draft.indicators), names  # the draft is still a full table


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("清除淤泥3000立方米", "3000", "立方米"),
        ("治理水土流失面积12平方公里", "12", "平方公里"),  # never 12 公里
        ("完成货物运输5000吨公里", "5000", "吨公里"),  # never 5000 吨
        ("修复驳岸800延米", "800", "延米"),
        ("造林20公顷", "20", "公顷"),
        ("养护公益林1200亩", "1200", "亩"),
        ("新建道路2公里", "2", "公里"),  # the units known before stay as they were
        ("收运垃圾300吨", "300", "吨"),
    ],
)
def test_a_volume_area_or_length_is_a_figure_the_reader_knows(text: str, number: str, unit: str) -> None:
    found = [(plain(s.number), s.unit) for s in read_text(text, "主要内容")]
    assert found == [(number, unit)], found


@pytest.mark.parametrize(
    ("name", "output", "cost"),
    [("v10_dredging.yaml", "≥3000(立方米)", "=80(元/立方米)"), ("v11_forest_care.yaml", "≥1200(亩)", "=300(元/亩)")],
)
def test_a_brief_in_cubic_metres_or_mu_gets_its_rows(workspace, name: str, output: str, cost: str) -> None:
    draft = workspace.draft(load_brief(BRIEFS / name), on_event=_quiet).draft
    rows = {row.value.value: row for row in draft.indicators}
    assert output in rows and rows[output].level2 is Level2.QUANTITY, rows
    assert rows[output].name.endswith(("方量", "面积")), rows[output].name
    assert cost in rows and rows[cost].level2 is Level2.ECONOMIC_COST, rows


@pytest.mark.parametrize(
    ("name", "stated", "derived_unit"),
    [("b4_training.yaml", "=1500(元/人次)", "元/期"), ("v12_meetings.yaml", "=300(元/人次)", "元/场")],
)
def test_a_stated_standard_is_the_one_cost_row_of_its_money(
    workspace, name: str, stated: str, derived_unit: str
) -> None:
    """培训费 8期，400人次，每人次1500元: 600,000元 ÷ 8期 = 75000元/期 is the same money's second standard."""
    draft = workspace.draft(load_brief(BRIEFS / name), on_event=_quiet).draft
    costs = [(row.name, row.value.value) for row in draft.indicators if row.level2 is Level2.ECONOMIC_COST]
    assert any(value == stated for _, value in costs), costs
    assert not any(f"({derived_unit})" in value for _, value in costs), costs
    assert any(row_name == "项目总成本" for row_name, _ in costs), costs


@pytest.mark.parametrize(
    ("name", "row", "value"),
    [
        ("b3_archive.yaml", "档案数字化页数", "≥60(万页)"),  # 2027年完成60万页: the project's object names the measure
        ("v6_sewer_two_years.yaml", "雨污混接改造数量", "≥150(处)"),
        ("v13_screening_two_years.yaml", "筛查人次", "≥4000(人次)"),  # 2027年筛查4000人次: the year is not the name
    ],
)
def test_a_phased_year_s_share_is_named_by_its_measure(workspace, name: str, row: str, value: str) -> None:
    brief = load_brief(BRIEFS / name)
    draft = workspace.draft(brief, on_event=_quiet).draft
    rows = {r.name: r.value.value for r in draft.indicators}
    assert rows.get(row) == value, rows
    assert not any(re.match(r"(?:19|20)\d{2}年", n) for n in rows), rows
    goals = {s.kind: s.text for s in draft.sections}
    annual, total = goals[SectionKind.GOAL_ANNUAL], goals[SectionKind.GOAL_TOTAL]
    assert annual.startswith(f"{brief.year}年度，{row}不少于"), annual  # never 2027年度，2027年度完成页数…
    assert annual.count(str(brief.year)) == 1, annual
    assert f"{brief.year}年{row}不少于" in total, total  # the whole project's goal says whose year the share is
