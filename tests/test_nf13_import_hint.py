"""`assistant import` on a page whose title says it is a self-evaluation (自评表, 评价指标表) points to `assistant selfeval
import` (nu11, 2026-12-07, helper nf13), real text reader on pages nu11 saved; other pages keep the general hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import NotADeclarationError
from assistant.ingest.text_export import parse_file

PAGES = Path(__file__).parent / "fixtures" / "pages_nf13"


@pytest.mark.parametrize("page", ["p5_doczj.txt", "p6_ningjin.txt"])
def test_a_self_evaluation_page_points_to_selfeval_import(page: str) -> None:
    with pytest.raises(NotADeclarationError) as refused:
        parse_file(PAGES / page)
    assert "assistant selfeval import" in (refused.value.hint or "")


def test_a_written_self_evaluation_title_of_another_kind(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("2026年度社区文化活动经费项目绩效自评报告\n一、项目基本情况\n本项目全年开展活动40场。\n", "utf-8")
    with pytest.raises(NotADeclarationError) as refused:
        parse_file(page)
    assert "assistant selfeval import" in (refused.value.hint or "")


def test_a_page_without_such_a_title_keeps_the_general_hint() -> None:
    with pytest.raises(NotADeclarationError) as refused:
        parse_file(PAGES / "p1_dyrmt_133731.txt")
    assert "selfeval" not in (refused.value.hint or "")
