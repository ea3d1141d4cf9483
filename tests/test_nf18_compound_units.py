"""A product unit (5700人·天, 1200人次·天, 30台·年) is never a count of its first unit (nu14 P1, helper nf18): the
figure is read whole, and its row, if any, carries the product unit; rules only, real reader and bank."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.corpus.store import Corpus
from assistant.domain.brief import load_brief
from assistant.domain.statements import Kind, read_text
from assistant.suggest.bank import build_bank
from assistant.suggest.suggest import suggest

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nf18"
REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "number", "unit", "first"),
    [
        ("全年培训330人次、5700人·天，按综合定额标准每人每天400元安排。", "5700", "人·天", "人"),
        ("本年度组织志愿服务1200人次·天，覆盖12个社区。", "1200", "人次·天", "人次"),
        ("全年保障大型设备运行维护30台·年，每台每年维保费2万元。", "30", "台·年", "台"),
    ],
)
def test_a_product_unit_is_read_whole(text: str, number: str, unit: str, first: str) -> None:
    counts = [(s.number, s.unit) for s in read_text(text, "主要内容") if s.kind is Kind.COUNT]
    assert (Decimal(number), unit) in counts, counts
    assert (Decimal(number), first) not in counts, counts


@pytest.fixture(scope="module")
def bank():
    return build_bank(Corpus.load(REPO / "corpus").declarations)


def test_person_days_never_become_people_in_the_table(bank) -> None:
    rows = suggest(load_brief(BRIEFS / "b3_dangxiao.yaml"), bank).suggestions
    values = [(r.name, r.value.value) for r in rows]
    assert not any(v.startswith("≥5700(人") and not v.endswith("(人·天)") for _, v in values), values
    assert all(v == "≥5700(人·天)" for _, v in values if "5700" in v), values
