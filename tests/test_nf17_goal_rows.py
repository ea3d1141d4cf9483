"""A row a person adds reaches the goals (nf17 item 3): the 项目总目标/年度绩效目标 the rules composed from the table
is composed again with the new row, a model's goal gets the row's phrase, and a goal the person wrote is never
touched. Through the real CLI (`assistant draft`, `assistant drafts edit --add-row`) and the services the web uses."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from cli_support import cli_env, ok
from fault_server import GOOD, FaultServer
from test_llm_faults import _settings

from assistant.domain.brief import example_brief
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.domain.provenance import Origin
from assistant.domain.values import Operator
from assistant.drafting.models import RULES_MODEL
from assistant.services import build_services
from assistant.services.drafting import DraftingService
from assistant.services.workspace import IndicatorInput, WorkspaceService
from assistant.settings import Settings
from assistant.store.fields import section_path

FIXTURES = Path(__file__).parent / "fixtures" / "nf17"
ROW = "产出指标/数量指标/河道水质采样检测次数/≥24次"
PERSON = "人工写的总目标：全年河道保持干净整洁。"


def _store(tmp_path: Path):
    return build_services(Settings(data_dir=tmp_path / "data")).store


def test_a_rules_goal_is_composed_again_with_an_added_row(tmp_path, monkeypatch):
    cli_env(tmp_path, monkeypatch)
    ok(["draft", str(FIXTURES / "river.yaml")])
    ok(["drafts", "edit", "1", "--add-row", ROW])
    store = _store(tmp_path)
    first, latest = store.get(1, 1), store.latest(1)
    for kind in (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL):
        before, after = first.draft.section(kind), latest.draft.section(kind)
        assert before.generated_by == RULES_MODEL and "河道水质采样检测次数" not in before.text
        assert "河道水质采样检测次数不少于24次" in after.text, after.text
        assert latest.fields[section_path(kind)].origin is Origin.TEMPLATE  # still the rules' text, not the person's
    # a goal the person wrote stays as written when another row is added
    ok(["drafts", "edit", "1", "--field", "section.goal_total", PERSON])
    ok(["drafts", "edit", "1", "--add-row", "效益指标/社会效益指标/河道周边居民投诉办结率/≥98%"])
    last = _store(tmp_path).latest(1)
    assert last.draft.section(SectionKind.GOAL_TOTAL).text == PERSON
    assert "河道周边居民投诉办结率不低于98%" in last.draft.section(SectionKind.GOAL_ANNUAL).text


def test_a_models_goal_gets_the_added_rows_phrase(tmp_path):
    with FaultServer("ok") as server:
        settings = _settings(tmp_path, server.base_url)
        with build_services(settings) as services:
            drafting = DraftingService(settings, services.scope, services.runtime, services.store, author="tester")
            saved = drafting.draft(example_brief())
            goal = saved.draft.section(SectionKind.GOAL_TOTAL)
            assert goal.generated_by != RULES_MODEL and GOOD[:10] in goal.text
            row = IndicatorInput(
                level1=Level1.OUTPUT,
                level2=Level2.QUANTITY,
                name="平台操作培训场次",
                operator=Operator.GE,
                number=Decimal(6),
                unit="场",
            )
            edited = WorkspaceService(drafting).put_row(saved.info.draft_id, None, row, base=saved.info.number)
    text = edited.draft.section(SectionKind.GOAL_TOTAL).text
    assert text.startswith(goal.text.rstrip("。")) and text.endswith("平台操作培训场次不少于6场。"), text
