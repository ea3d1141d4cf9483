"""A row renamed and revalued in one edit, and a changed 资金.总额 (new-user trial 2026-12-07 03h, P6b/P6c): the goals
the rules wrote follow both the new name and the new value; a person's goal is kept and review flags it; a new 总额
rewrites the money sentence of the rules' 项目概况 and proposes the cost rows computed again (项目总成本 from the new
total where 年度申请/财政资金 equalled the old one). Real rules, real corpus, real SQLite store in a temp dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_support import web_settings

from assistant.domain.brief import Brief, load_brief
from assistant.domain.model import SectionKind
from assistant.services import build_services
from assistant.services.editing import FieldEdit

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nu7"
CANTEEN = Brief.model_validate(
    {
        "项目名称": "机关食堂食品安全检测服务",
        "年度": 2027,
        "主管部门": "上海市静安区机关事务管理局",
        "资金": {"总额": 120000, "财政资金": 120000, "年度申请": 120000},
        "主要内容": "委托检测机构全年抽检食堂食品240批次，每批次检测费用500元；检测报告在3个工作日内出具；"
        "就餐人员满意度不低于90%。",
    }
)


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("revalue") / "data"))
    yield opened.workspace()
    opened.close()


def _text(draft, kind: SectionKind) -> str:
    return next(s.text for s in draft.sections if s.kind is kind)


def _goal_row(draft, unit: str) -> tuple[int, str, str]:
    """(position, name, value) of a row in ``unit`` that the rules' 项目总目标 names."""
    goal = _text(draft, SectionKind.GOAL_TOTAL)
    return next(
        (n, r.name, r.value.value)
        for n, r in enumerate(draft.indicators, start=1)
        if r.name in goal and r.value.unit == unit
    )


CASES = [
    (load_brief(BRIEFS / "b3_animal.yaml"), "小时", "≤1.5小时", "接报到场时限", "接报到场时限不超过1.5小时"),
    (CANTEEN, "个工作日", "≤2个工作日", "检测报告出具用时", "检测报告出具用时不超过2个工作日"),
]


@pytest.mark.parametrize(("brief", "unit", "value", "name", "phrase"), CASES)
def test_a_rename_and_a_new_value_in_one_edit_are_both_followed(ws, brief, unit, value, name, phrase):
    draft_id = ws.draft(brief, on_event=_quiet).info.draft_id
    n, old, _ = _goal_row(ws.open(draft_id, None).draft, unit)
    edits = [FieldEdit(f"指标.{n}.指标值", value), FieldEdit(f"指标.{n}.三级指标", name)]
    saved, _ = ws.edit_fields(draft_id, edits, base=None)
    stored = ws.open(draft_id, saved.info.number).draft
    for kind in (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL):
        assert phrase in _text(stored, kind) and old not in _text(stored, kind), _text(stored, kind)
    assert "GOAL-VALUE-MISMATCH" not in {f.rule_id for f in stored.review.findings}


def test_a_person_s_goal_is_kept_and_flagged(ws):
    brief, unit, value, name, _ = CASES[0]
    draft_id = ws.draft(brief, on_event=_quiet).info.draft_id
    draft = ws.open(draft_id, None).draft
    n, old, _ = _goal_row(draft, unit)
    mine = f"本人撰写：{old}不超过2小时，全年收容1600只。"
    saved, _ = ws.edit_fields(draft_id, [FieldEdit("项目总目标", mine)], base=None)
    edits = [FieldEdit(f"指标.{n}.指标值", value), FieldEdit(f"指标.{n}.三级指标", name)]
    saved, _ = ws.edit_fields(draft_id, edits, base=None)
    stored = ws.open(draft_id, saved.info.number).draft
    assert _text(stored, SectionKind.GOAL_TOTAL) == mine
    assert {"GOAL-NAME-STALE", "GOAL-VALUE-MISMATCH"} & {f.rule_id for f in stored.review.findings}


@pytest.mark.parametrize(
    ("brief", "total", "wan", "old"),
    [(load_brief(BRIEFS / "b3_animal.yaml"), "98万", "98", "96"), (CANTEEN, "130000", "13", "12")],
)
def test_a_new_total_rewrites_the_rules_money_sentence_and_proposes_the_cost_rows(ws, brief, total, wan, old):
    draft_id = ws.draft(brief, on_event=_quiet).info.draft_id
    saved, proposal = ws.edit_fields(draft_id, [FieldEdit("资金.总额", total)], base=None)
    stored = ws.open(draft_id, saved.info.number).draft
    overview = _text(stored, SectionKind.OVERVIEW)
    assert f"项目资金{wan}万元" in overview and f"项目资金{old}万元" not in overview, overview
    assert proposal is not None, "no cost proposal after 资金.总额 changed"
    costs = {r.name: r.value.value for r in proposal.draft.indicators}
    assert costs.get("项目总成本") == f"≤{wan}(万元)", costs
    assert "年度申请" in (proposal.instruction or ""), proposal.instruction


def test_a_person_s_overview_keeps_its_amount(ws):
    brief = load_brief(BRIEFS / "b3_animal.yaml")
    draft_id = ws.draft(brief, on_event=_quiet).info.draft_id
    mine = "本项目由本人撰写概况，项目资金96万元。"
    ws.edit_fields(draft_id, [FieldEdit("项目概况", mine)], base=None)
    saved, _ = ws.edit_fields(draft_id, [FieldEdit("资金.总额", "98万")], base=None)
    assert _text(ws.open(draft_id, saved.info.number).draft, SectionKind.OVERVIEW) == mine
