"""Review: prices × quantities the declaration's own text states, summed, against its money (nu11, 2026-12-07, helper
nf13), real review engine on declarations made from briefs: the 垃圾分类 brief's 255名 × 600元/人·月 × 12个月 + 12万份 ×
0.8元/份 + 156场 × 1500元/场 = 2,166,000元 exceeds its 1,836,000元 and is flagged with the figures and the section;
a text whose prices make its money, or cover only part of it, is not."""

from __future__ import annotations

from pathlib import Path

from assistant.domain.brief import Brief, load_brief
from assistant.domain.model import SectionKind
from assistant.domain.skeleton import brief_declaration
from assistant.review.engine import review

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nf13"


def _flags(brief: Brief, text: str | None = None) -> list[str]:
    decl = brief_declaration(brief, sections=[(SectionKind.OVERVIEW, text or brief.content)])
    return [f.message for f in review(decl).findings if f.rule_id == "COST-STATED-SUM"]


def test_trash_brief_prices_exceed_its_money() -> None:
    found = _flags(load_brief(BRIEFS / "b1_trash.yaml"))
    assert len(found) == 1
    for part in (
        "255名 × 600元/人·月 × 12个月",
        "12万份 × 0.8元/份",
        "156场 × 1500元/场",
        "2,166,000元",
        "1,836,000元",
    ):
        assert part in found[0]
    assert found[0].startswith("项目概况")


def _brief(total: int) -> Brief:
    return Brief.model_validate({"项目名称": "社区消防设施更新", "年度": 2027, "资金": {"总额": total}})


def test_another_kind_with_grouped_figures_in_the_draft_text() -> None:
    text = "更换老旧小区灭火器箱1,200套，每套180元；维修消防栓300个，每个1,500元。"  # 216,000 + 450,000 = 666,000
    assert any("666,000元" in m for m in _flags(_brief(600000), text))
    assert _flags(_brief(666000), text) == []  # the prices make the money
    assert _flags(_brief(900000), text) == []  # the rest of the money is unpriced work: no error


def test_a_price_without_its_own_quantity_is_not_summed() -> None:
    text = "为全区居民提供上门服务，每人200元。"
    assert _flags(_brief(100), text) == []
