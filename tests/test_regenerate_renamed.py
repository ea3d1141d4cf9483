"""Regenerating the indicator table after a person renamed a row (new-user trial 2026-12-06, finding 5): the renamed
row still covers the brief's clause it was grounded on, so no second row for that clause comes back. Real corpus,
real SQLite store, rules only."""

from __future__ import annotations

import pytest
from test_cost_consistency import BRIEF_A
from web_support import web_settings

from assistant.domain.brief import load_brief
from assistant.domain.framework import Level1, Level2
from assistant.drafting.models import DraftIndicator
from assistant.services import build_services
from assistant.services.editing import FieldEdit
from assistant.services.protect import keep_indicator_rows
from assistant.store.fields import indicator_path
from assistant.suggest.brief_rows import plan_value

CLAUSE = "学生家长满意度不低于90%"


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("renamed") / "data"))
    yield opened
    opened.close()


def _quoting(rows: list[DraftIndicator], clause: str) -> list[str]:
    return [r.name for r in rows if f"“{clause}”" in r.value.basis]


def test_a_renamed_satisfaction_row_is_not_added_again(services, tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF_A, encoding="utf-8")
    ws = services.workspace()
    saved = ws.draft(load_brief(path), on_event=lambda _: None)
    draft_id, rows = saved.info.draft_id, saved.draft.indicators
    assert len(_quoting(rows, CLAUSE)) == 1
    n = next(i for i, r in enumerate(rows, start=1) if r.level2 is Level2.SATISFACTION)
    ws.edit_fields(draft_id, [FieldEdit(f"指标.{n}.三级指标", "家长满意度")], base=1)
    regenerated = services.drafting.regenerate_indicators(draft_id)
    table = regenerated.draft.indicators
    assert _quoting(table, CLAUSE) == ["家长满意度"]
    assert [r.name for r in table if r.level2 is Level2.SATISFACTION] == ["家长满意度"]
    assert table[n - 1].name == "家长满意度" and len(table) == len(rows)


def _row(level2: Level2, name: str, value: str, clause: str) -> DraftIndicator:
    proposal = plan_value(value, f"计划标准：简报主要内容写明“{clause}”", fields=["主要内容"])
    level1 = Level1.SATISFACTION if level2 is Level2.SATISFACTION else Level1.OUTPUT
    return DraftIndicator(level1=level1, level2=level2, name=name, value=proposal)


def test_two_figures_of_one_clause_stay_two_rows():
    listing = "邀请专家开展专题讲座6场、履职辅导8次"
    renamed = _row(Level2.QUANTITY, "专家讲座场次", "≥6(场)", listing)
    fresh = [
        _row(Level2.QUANTITY, "专题讲座场次", "≥6(场)", listing),
        _row(Level2.QUANTITY, "履职辅导次数", "≥8(次)", listing),
        _row(Level2.SATISFACTION, "参训代表满意度", "≥90(%)", "代表满意度不低于90%"),
    ]
    table, kept = keep_indicator_rows([renamed], fresh, {indicator_path(1, "name")})
    assert [r.name for r in table] == ["专家讲座场次", "履职辅导次数", "参训代表满意度"]
    assert kept == [indicator_path(1, "name")]


TRAINING = """项目名称: 某中心培训项目
年度: 2027
主管部门: 上海市某局
实施单位: 上海市某中心
项目性质: 其他经常性项目
项目类别: 其他运转类
资金: {总额: 600000, 财政资金: 600000, 其他资金: 0, 年度申请: 600000, 上年结转资金: 0}
开始日期: 2027-01-01
结束日期: 2027-12-31
主要内容: 举办培训班12期，每期5万元。
"""


def test_a_renamed_precedent_row_is_not_added_again(services, tmp_path):
    """Red team 2026-12-07 finding 6: a row taken from a precedent (历史标准, no clause of the brief to quote), renamed
    by a person, came back beside the renamed one under its old name."""
    path = tmp_path / "training.yaml"
    path.write_text(TRAINING, encoding="utf-8")
    ws = services.workspace()
    saved = ws.draft(load_brief(path), on_event=lambda _: None)
    draft_id, rows = saved.info.draft_id, saved.draft.indicators
    renamed = {n: r.name for n, r in enumerate(rows, start=1) if r.value.sources}
    assert renamed
    edits = [FieldEdit(f"指标.{n}.三级指标", name + "（人工改）") for n, name in renamed.items()]
    ws.edit_fields(draft_id, edits, base=1)
    table = services.drafting.regenerate_indicators(draft_id).draft.indicators
    names = [r.name for r in table]
    assert all(name + "（人工改）" in names for name in renamed.values())
    assert not set(renamed.values()) & set(names), names
    assert len(table) == len(rows)
