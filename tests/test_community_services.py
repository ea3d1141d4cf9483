"""Briefs of community services (issue 22): several sites, fees and subsidies per unit (长者食堂/助餐, 托育点,
助浴, 镇助餐 — evals/indicators/types/unlisted/briefs/25–28, written before the reader was changed).

A price, fee or subsidy is a 单位成本 only of the object it belongs to, and never one the people served pay; a
row's name never takes in the words or figures of the next clause; the type is a kind of service for residents;
the framework's rows are named from the brief's object, not its whole name; the user's own basis comes first.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.corpus.store import Corpus
from assistant.domain.brief import load_brief
from assistant.domain.classify import brief_type
from assistant.domain.framework import Level1
from assistant.domain.model import SectionKind
from assistant.domain.project_types import ProjectType
from assistant.domain.statements import Kind, read_statements, read_text
from assistant.drafting.as_declaration import to_declaration
from assistant.review.checks_reading import check_reading, cut_reason
from assistant.services.scope import CorpusScope
from assistant.services.writing import draft_brief, draft_context
from assistant.settings import LLMProvider, load_settings
from assistant.suggest.bank import build_bank
from assistant.suggest.brief_rows import output_statements
from assistant.suggest.suggest import suggest

REPO = Path(__file__).resolve().parent.parent
BRIEFS = REPO / "evals" / "indicators" / "types" / "unlisted" / "briefs"
CASES = ["25-elderly-canteen", "26-childcare-points", "27-bathing-service", "28-town-meal-aid"]


@pytest.fixture(scope="module")
def bank():
    return build_bank(Corpus.load(REPO / "corpus").declarations)


def _standards(text: str) -> dict[Decimal, tuple[str, str, bool]]:
    return {
        s.number: (s.unit, s.subject, s.paid_by_users)
        for s in read_text(text, "主要内容")
        if s.kind is Kind.STANDARD and s.number is not None
    }


def test_fees_and_subsidies_per_meal_order_and_place_are_standards_of_their_own_object():
    found = _standards("对80周岁以上老年人就餐每餐补贴4元；送餐费每单12元，每个托位每月800元的标准给予运营补贴。")
    assert found[Decimal(4)][0] == "元/餐"
    assert found[Decimal(12)][:2] == ("元/单", "送餐费")
    assert found[Decimal(800)][0] == "元/托位·月"


def test_shares_of_a_price_follow_it_and_what_the_people_served_pay_is_no_cost():
    found = _standards("每份套餐售价15元，其中政府补贴5元、老年人自付10元。")
    assert found[Decimal(15)][2] and found[Decimal(10)][2]  # the price and the elder's part
    assert found[Decimal(5)] == ("元/份", "政府补贴", False)


@pytest.mark.parametrize("case", CASES)
def test_no_object_takes_in_another_figure_or_a_hanging_connective(case: str):
    for s in output_statements(load_brief(BRIEFS / f"{case}.yaml")):
        assert not re.search(r"\d+[个家名人次份单辆台处]", s.object), (s.object, s.clause)
        assert not re.search(r"(?:和|及|依托|通过)$", s.object), (s.object, s.clause)
        assert s.verb not in {"依托", "通过", "按照"}


@pytest.mark.parametrize("case", CASES)
def test_tables_have_whole_names_and_own_unit_costs(case: str, bank):
    brief = load_brief(BRIEFS / f"{case}.yaml")
    rows = suggest(brief, bank).suggestions
    assert [r.name for r in rows if cut_reason(r.name)] == []
    users_pay = {s.number for s in read_statements(brief) if s.kind is Kind.STANDARD and s.paid_by_users}
    costs = [r for r in rows if r.level1 is Level1.COST and (r.value.unit or "").startswith("元/")]
    assert costs, case
    assert [r.name for r in costs if r.value.number in users_pay] == []
    core = re.sub(r"^\d{4}年度", "", brief.name)
    assert [r.name for r in rows if core in r.name or str(brief.year) in r.name] == []


def test_a_delivery_fee_is_never_the_unit_cost_of_the_food_safety_checks(bank):
    brief = load_brief(BRIEFS / "25-elderly-canteen.yaml")
    rows = suggest(brief, bank).suggestions
    twelve = [r.name for r in rows if r.level1 is Level1.COST and r.value.number == 12]
    assert twelve and all("送餐" in name for name in twelve)
    assert any(r.value.number == 4 and r.value.unit == "元/餐" for r in rows)


@pytest.mark.parametrize("case", ["25-elderly-canteen", "27-bathing-service"])
def test_services_for_residents_have_a_type(case: str):
    verdict = brief_type(load_brief(BRIEFS / f"{case}.yaml"))
    assert verdict.type is ProjectType.SERVICE_PURCHASE and verdict.confidence >= 0.6, verdict.explain()


def test_a_service_paid_as_a_subsidy_says_why_it_has_no_single_type(bank):
    result = suggest(load_brief(BRIEFS / "28-town-meal-aid.yaml"), bank)
    verdict = result.project_type
    assert verdict is not None
    text = verdict.explain()
    assert verdict.type is not None or ("购买服务" in text and "补助/补贴" in text), text


def test_a_rules_draft_puts_the_user_s_own_basis_first_and_cites_it_in_necessity():
    brief = load_brief(REPO / "evals" / "drafting" / "briefs" / "elderly-canteen.yaml")
    settings = load_settings()
    settings.llm.provider = LLMProvider.NONE
    sources = CorpusScope(REPO / "corpus").current()
    draft = draft_brief(brief, settings, None, context=draft_context(brief, sources))
    assert draft.basis and draft.basis[0].title == "上海市养老服务条例" and draft.basis[0].user_supplied
    necessity = draft.section(SectionKind.NECESSITY)
    assert necessity is not None and "《上海市养老服务条例》" in necessity.text
    assert list(check_reading(to_declaration(draft))) == []
