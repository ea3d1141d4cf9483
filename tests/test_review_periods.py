"""NAME-VALUE-CONFLICT on a per-period name over the year's figure and COST-ARITHMETIC on a unit cost per a unit the
declaration prices otherwise (nu12 findings 2 and 3): nu12's own drafts as the rules wrote them (每人每月探访次数 ≥48(次);
单批次检测成本 ≤4800(元/批次) beside 1200元/样次), and tables of other kinds (助残, 桥梁检测) with the same faults.
Real review engine, real briefs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.domain.brief import load_brief
from assistant.domain.framework import PARENT, Level2
from assistant.domain.model import Declaration
from assistant.domain.skeleton import IndicatorRow, brief_declaration
from assistant.drafting.as_declaration import to_declaration
from assistant.drafting.models import Draft
from assistant.review.engine import review

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nu12"


def _nu12_draft(name: str) -> Declaration:
    data = json.loads((BRIEFS / name).read_text(encoding="utf-8"))
    data.pop("format", None)
    data.pop("review", None)  # the review is computed again here
    return to_declaration(Draft.model_validate(data))


def _table(brief: str, rows: list[tuple[Level2, str, str]]) -> Declaration:
    return brief_declaration(
        load_brief(BRIEFS / brief), indicators=[IndicatorRow(PARENT[l2], l2, n, v) for l2, n, v in rows]
    )


def _flagged(decl: Declaration, rule: str) -> set[str]:
    return {f.location.indicator.name for f in review(decl).findings if f.rule_id == rule and f.location.indicator}


_FEE = Level2.ECONOMIC_COST


@pytest.mark.parametrize(
    ("decl", "name"),
    [
        (lambda: _nu12_draft("b1_yanglao.draft.json"), "每人每月探访次数"),
        (lambda: _table("v2_disabled.yaml", [(Level2.QUANTITY, "每户每月服务次数", "≥24(次)")]), "每户每月服务次数"),
    ],
)
def test_a_per_month_name_over_the_years_figure_is_flagged(decl, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in _flagged(decl(), "NAME-VALUE-CONFLICT")


def test_a_per_month_name_over_the_months_figure_is_not_flagged() -> None:
    decl = _table("v2_disabled.yaml", [(Level2.QUANTITY, "每户每月服务次数", "≥2(次)")])
    assert "每户每月服务次数" not in _flagged(decl, "NAME-VALUE-CONFLICT")


@pytest.mark.parametrize(
    ("decl", "name"),
    [
        (lambda: _nu12_draft("b2_yinshui.draft.json"), "单批次检测成本"),
        (lambda: _table("v1_bridge.yaml", [(_FEE, "单批次桥梁检测成本", "≤12000(元/批次)")]), "单批次桥梁检测成本"),
    ],
)
def test_a_unit_cost_per_a_unit_the_text_prices_otherwise_is_flagged(decl, name: str) -> None:  # type: ignore[no-untyped-def]
    assert name in _flagged(decl(), "COST-ARITHMETIC")


def test_the_stated_price_itself_is_not_flagged() -> None:
    decl = _table("v1_bridge.yaml", [(_FEE, "桥梁定期检测标准", "=3000(元/座次)")])
    assert not _flagged(decl, "COST-ARITHMETIC")
