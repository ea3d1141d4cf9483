"""A published 自评表 read with what it states: the 年度资金总额 row written as 0 over its 其中：本年财政拨款 row that
carries the money is the sum of its parts (so the execution rate is computed), and a qualitative row whose 实际完成值
says 达成预期指标 is in the 达成 band with its published 得分 kept (new-user trial 2026-12-07, M-4). Real pages of
池州市贵池区棠溪镇 (2022, fixtures/real_pages/found/selfeval_guichi_*.txt, ``source:`` on the first line)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.cycle.scoring import score_evaluation
from assistant.domain.cycle import Band, FundKind
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_published import band_of

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found"


def _read(name: str):
    page = FOUND / name
    return read_self_evaluation_text(page.read_text(encoding="utf-8"), page.name)


@pytest.mark.parametrize(
    ("name", "initial", "budget", "executed"),
    [
        ("selfeval_guichi_weituo.txt", Decimal(90), Decimal("89.974"), Decimal("89.974")),
        ("selfeval_guichi_cunji.txt", Decimal("202.64"), Decimal("132.912"), Decimal("132.912")),
    ],
)
def test_a_zero_total_is_the_sum_of_its_parts(name: str, initial: Decimal, budget: Decimal, executed: Decimal) -> None:
    evaluation, notes = _read(name)
    total = evaluation.fund(FundKind.TOTAL)
    figures = (total.initial_budget, total.full_year_budget, total.executed, total.weight)
    assert figures == (initial, budget, executed, Decimal(10)), figures
    assert any(n.code == "selfeval.total_from_parts" for n in notes), notes
    card = score_evaluation(evaluation)
    assert card.budget.score is not None and "无法计算" not in (card.budget.problem or ""), card.budget


def test_published_scores_of_qualitative_rows_are_kept() -> None:
    evaluation, notes = _read("selfeval_guichi_weituo.txt")
    qualitative = [r for r in evaluation.rows if r.actual == "达成预期指标"]
    assert len(qualitative) == 6 and all(r.band is Band.ACHIEVED for r in qualitative)
    card = score_evaluation(evaluation)
    assert all(r.score is not None and r.problem is None for r in card.rows), card.rows
    assert card.budget.score is not None
    assert card.partial_total == Decimal(80) + card.budget.score, card.partial_total  # every 得分 as published


def test_a_total_with_its_own_figures_is_kept() -> None:
    evaluation, notes = _read("selfeval_qingshen_gongzi.txt")
    assert evaluation.fund(FundKind.TOTAL).full_year_budget == Decimal("251.89")
    assert not any(n.code == "selfeval.total_from_parts" for n in notes)


@pytest.mark.parametrize(
    ("words", "band"),
    [
        ("达成预期指标", Band.ACHIEVED),
        ("已完成", Band.ACHIEVED),
        ("达到预期目标", Band.ACHIEVED),
        ("部分达成", Band.PARTIAL),
        ("基本完成", Band.PARTIAL),
        ("未完成", Band.NOT_ACHIEVED),
        ("效果明显", None),  # the officer's judgement: no band read from it
        ("100", None),
    ],
)
def test_band_words(words: str, band: Band | None) -> None:
    assert band_of(words) is band
