"""A person's edits followed into the goals the rules wrote (new-user trial 2026-12-07 06h, P5): a row renamed and
given a value in another unit in the same edit (全年培训人数 ≥8(期) → 培训参训人次 ≥400(人次)) is that row put right,
so the goals say the new name and figure; a deleted row's phrase leaves the goals. A person's own text is never
changed. Real services, temp data dir, rules only."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from web_support import web_settings

from assistant.domain.brief import load_brief
from assistant.domain.model import SectionKind
from assistant.drafting.goals import value_phrase
from assistant.services import build_services
from assistant.suggest.models import HUMAN_BASIS

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nu8"
GOALS = {SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL}


def _quiet(_: object) -> None:
    return None


@pytest.fixture
def services(tmp_path: Path):
    opened = build_services(web_settings(tmp_path / "data"))
    yield opened
    opened.close()


def _goals(draft) -> list[str]:
    return [s.text for s in draft.sections if s.kind in GOALS]


@pytest.mark.parametrize(("name", "figure"), [("b4_training.yaml", "400"), ("v2_fire_training.yaml", "240")])
def test_a_row_renamed_into_another_unit_is_followed_into_the_goals(services, name: str, figure: str) -> None:
    saved = services.workspace().draft(load_brief(BRIEFS / name), on_event=_quiet)
    draft_id, latest = saved.info.draft_id, services.store.latest(saved.info.draft_id)
    rows = latest.draft.indicators
    n = next(i for i, r in enumerate(rows) if r.value.unit == "期" and r.name in _goals(latest.draft)[0])
    old_phrase = value_phrase(rows[n].name, rows[n].value.value)
    typed = {"value": f"≥{figure}(人次)", "unit": "人次", "number": Decimal(figure), "basis": HUMAN_BASIS}
    renamed = rows[n].model_copy(update={"name": "培训参训人次", "value": rows[n].value.model_copy(update=typed)})
    edited = latest.draft.model_copy(update={"indicators": [*rows[:n], renamed, *rows[n + 1 :]]})
    after = services.drafting.edit(draft_id, edited, base=latest.number).draft
    for goal in _goals(after):
        assert f"培训参训人次不少于{figure}人次" in goal and old_phrase not in goal, goal
    # the renamed row now holds the figure of 培训人次 too: one quantity, never added to itself
    assert "COST-ARITHMETIC" not in {f.rule_id for f in after.review.findings}, after.review.findings


@pytest.mark.parametrize("name", ["b4_training.yaml", "v2_fire_training.yaml"])
def test_a_deleted_row_leaves_the_rules_goals(services, name: str) -> None:
    saved = services.workspace().draft(load_brief(BRIEFS / name), on_event=_quiet)
    draft_id, latest = saved.info.draft_id, services.store.latest(saved.info.draft_id)
    rows = latest.draft.indicators
    n = next(i for i, r in enumerate(rows) if r.name == "培训人次")
    phrase = value_phrase(rows[n].name, rows[n].value.value)
    assert all(phrase in goal for goal in _goals(latest.draft)), _goals(latest.draft)
    edited = latest.draft.model_copy(update={"indicators": [*rows[:n], *rows[n + 1 :]]})
    after = services.drafting.edit(draft_id, edited, base=latest.number).draft
    for goal in _goals(after):
        assert phrase not in goal and "，，" not in goal and "培训考核合格率" in goal, goal
    assert "GOAL-NAME-STALE" not in {f.rule_id for f in after.review.findings}, after.review.findings
