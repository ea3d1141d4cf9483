"""必要性 reads the reason where the brief writes it (nu11, 2026-12-07, helper nf13): a sentence saying what is still
wrong (仍有部分小区湿垃圾纯净度不高, 排水能力不够) is a situation, so the rules' 必要性 quotes it and never says the
brief gives no reason; a target (不高于, 不低于) is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain.brief import load_brief
from assistant.drafting.necessity import rules_necessity
from assistant.review.reasons import reason_kind

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nf13"


@pytest.mark.parametrize(
    "sentence",
    [
        "2025年全区居住区分类实效达标率为91%，仍有部分小区湿垃圾纯净度不高，需持续督导",
        "部分老旧泵站排水能力不够，汛期易积水",
        "辖区公共自行车停放点管理效果不理想",
        "仍存在部分商户油烟直排现象",
    ],
)
def test_what_is_still_wrong_is_a_situation(sentence: str) -> None:
    assert reason_kind(sentence) == "situation"


@pytest.mark.parametrize("sentence", ["确保噪声投诉率不高于5%", "开展进社区宣传活动156场", "群众满意度不低于90%"])
def test_targets_and_work_are_no_reason(sentence: str) -> None:
    assert reason_kind(sentence) is None


def test_trash_brief_necessity_quotes_its_reason() -> None:
    text = rules_necessity(load_brief(BRIEFS / "b1_trash.yaml"), ["《上海市生活垃圾管理条例》"])
    assert "仍有部分小区湿垃圾纯净度不高" in text
    assert "简报未写明立项理由" not in text
