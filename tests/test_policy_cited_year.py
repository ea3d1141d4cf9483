"""The year shown beside a library policy's 《题名》（文号） agrees with the number (new-user trial, 2026-12-06:
食品安全法实施条例（国务院令第721号） shown with 2009, the first adoption; 721号 is the 2019 revision's order)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain.policy import PolicyReference, load_policies
from assistant.domain.refs import policy_citation

LIBRARY = {p.id: p for p in load_policies(Path(__file__).resolve().parent.parent / "corpus" / "policies")}


def _policy(number: str | None, year: int, dates: list[tuple[str, str]]) -> PolicyReference:
    return PolicyReference.model_validate(
        {
            "id": "x",
            "title": "某条例",
            "doc_number": number,
            "issuer": "国务院",
            "year": year,
            "kind": "行政法规",
            "status": "未核实",
            "description": "某",
            "source_note": "测试",
            "dates": [{"date": d, "event": e} for d, e in dates],
        }
    )


def test_the_food_safety_regulation_is_cited_with_its_orders_year():
    policy = LIBRARY["food-safety-law-regulation"]
    assert policy.year == 2009 and policy_citation(policy).year == 2019


@pytest.mark.parametrize(
    ("number", "year", "dates", "shown"),
    [
        ("国务院令第1号", 2009, [("2009-07-20", "公布"), ("2019-03-26", "修订通过"), ("2019-10-11", "公布")], 2019),
        ("国务院令第2号", 1995, [("1995-11-22", "发布"), ("2020-08-03", "修订")], None),  # revised, no 公布: unsure
        ("国务院令第3号", 1992, [("1992-06-28", "发布")], 1992),
        ("国务院令第4号", 2011, [], 2011),
        (None, 2009, [("2009-02-28", "通过"), ("2021-04-29", "修正")], 2009),  # no number to contradict
    ],
)
def test_an_orders_number_shows_the_year_of_its_last_promulgation_or_none(number, year, dates, shown):
    assert _policy(number, year, dates).cited_year == shown


def test_every_library_year_shown_beside_a_number_agrees_with_it():
    for policy in LIBRARY.values():
        shown = policy.cited_year
        if policy.doc_number and "〔" in policy.doc_number:
            assert shown is not None and f"〔{shown}〕" in policy.doc_number
        if shown is not None and policy.dates:
            assert shown in {d.year for d in policy.dates}, policy.id
