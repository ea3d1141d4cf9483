"""The indicator table beside the row editor shows 人工填写 as a row's 取值依据 once the person typed its value (new-user
trial 2026-12-07, m-6: a template row saved with the officer's own figure still said 模板参考值). Real store."""

from __future__ import annotations

from decimal import Decimal

from web_support import web_settings

from assistant.domain.brief import example_brief
from assistant.services import build_services
from assistant.services.workspace import IndicatorInput
from assistant.suggest.models import HUMAN_BASIS, Ground
from assistant.web.render import evidence_panel, indicator_rows


def _quiet(_: object) -> None:
    return None


def test_a_typed_value_shows_as_typed(tmp_path) -> None:
    with build_services(web_settings(tmp_path / "data")) as services:
        ws = services.workspace()
        draft_id = ws.draft(example_brief(), on_event=_quiet).info.draft_id
        stored = ws.open(draft_id)
        rows = stored.draft.indicators
        n = next(i for i, r in enumerate(rows, start=1) if r.value.ground is not Ground.PLAN)
        old = rows[n - 1]
        typed = IndicatorInput(old.level1, old.level2, old.name, number=Decimal(4), unit="项")
        saved = ws.put_row(draft_id, n, typed, base=stored.number)
        shown = indicator_rows(ws.open(draft_id))
        assert shown[n - 1][5] == HUMAN_BASIS, shown[n - 1]
        row = saved.draft.indicators[n - 1]
        assert f"（{HUMAN_BASIS}）" in evidence_panel(row.value, row.evidence, name=row.name)
        untouched = next(i for i, r in enumerate(rows, start=1) if i != n)
        assert shown[untouched - 1][5] == rows[untouched - 1].value.ground.value
