"""A figure of the brief keeps the name of what it measures and appears once (nu11, 2026-12-07, helper nf13), rules
only, real reader, bank and review:

- staff the brief engages whom a standard per person pays (聘用督导员255名，每人每月补贴600元) are a 数量 row;
- a clause dated before the budget year (2025年…达标率为91%) is a baseline with a note, never a target;
- a brief's rate put under a template row that names another object (分类实效达标率 → 宣传内容审核合格率) says so;
- one stated quantity is one row whether written 12万份 or 120000份;
- a standard whose clause names only per-unit words (每人每月补贴600元) is not flagged as another object's figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief, load_brief
from assistant.suggest.bank import build_bank
from assistant.suggest.brief_rows import background_notes, output_statements, statement_rows
from assistant.suggest.suggest import suggest
from assistant.suggest.templates import same_object

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nf13"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bank():
    return build_bank(Corpus.load(REPO / "corpus").declarations)


def _rows(brief: Brief) -> list[tuple[str, str]]:
    return [(r.name, r.value.value) for r in statement_rows(output_statements(brief))]


def test_paid_staff_are_counted() -> None:
    rows = _rows(load_brief(BRIEFS / "b1_trash.yaml"))
    assert any("督导员" in name and value == "≥255(名)" for name, value in rows)
    other = Brief.model_validate(
        {"项目名称": "社区巡防", "年度": 2027, "主要内容": "招用社区巡防队员40名，每人每月补助2,000元，开展夜间巡逻。"}
    )
    assert any(value == "≥40(名)" for _, value in _rows(other))
    unpaid = Brief.model_validate(
        {"项目名称": "接待服务", "年度": 2027, "主要内容": "配备接待人员12名，全年接待来访群众3000人次。"}
    )
    assert not any(value == "≥12(名)" for _, value in _rows(unpaid))  # staff put in, no standard pays them


def test_an_earlier_years_rate_is_a_baseline() -> None:
    brief = load_brief(BRIEFS / "b1_trash.yaml")
    assert not any(value.endswith("91(%)") for _, value in _rows(brief))
    assert any("91%是现状" in n for n in background_notes(brief))
    other = Brief.model_validate(
        {
            "项目名称": "公共厕所保洁",
            "年度": 2027,
            "主要内容": "2026年全区公厕保洁考核优良率为85%，部分公厕异味仍较重。",
        }
    )
    assert not any(value.endswith("85(%)") for _, value in _rows(other))


@pytest.mark.parametrize(
    ("name", "subject", "same"),
    [
        ("宣传内容审核合格率", "分类实效达标率", False),
        ("宣传内容审核合格率", "垃圾分类准确率", False),
        ("数据录入准确率", "数据准确率", True),
        ("检测合格率", "合格率", True),
    ],
)
def test_a_rate_keeps_its_own_measure(name: str, subject: str, same: bool) -> None:
    assert same_object(name, subject) is same


def test_trash_table(bank) -> None:
    result = suggest(load_brief(BRIEFS / "b1_trash.yaml"), bank)
    rows = [(s.name, s.value.value, s.value.basis) for s in result.suggestions]
    assert not any("91%" in basis and "实效达标率" not in name for name, _, basis in rows)
    booklets = [r for r in rows if r[1] in ("≥12(万份)", "≥120000(份)")]
    assert len(booklets) == 1  # 12万份 stated once
    assert any(name == "第三方督导员补贴标准" and value == "=600(元/人·月)" for name, value, _ in rows)
    assert any(value == "≥255(名)" for _, value, _ in rows)


def test_a_rate_under_a_template_name_of_another_object_gets_a_note(bank) -> None:
    brief = Brief.model_validate(
        {
            "项目名称": "生活垃圾分类宣传督导经费",
            "年度": 2027,
            "资金": {"总额": 300000},
            "主要内容": "开展进社区宣传活动100场，每场3000元；力争居住区分类实效达标率达到95%。",
        }
    )
    rows = [s for s in suggest(brief, bank).suggestions if s.value.value.endswith("95(%)")]
    assert len(rows) == 1
    row = rows[0]
    assert "分类实效达标率" in row.name or any("分类实效达标率" in n and "请核对" in n for n in row.notes)


def test_a_required_rate_is_a_target_not_the_situation() -> None:
    rows = _rows(load_brief(BRIEFS / "b3_river.yaml"))
    assert any("办结率" in name and value.endswith("100(%)") for name, value in rows)
    other = Brief.model_validate(
        {
            "项目名称": "12345热线工单办理",
            "年度": 2027,
            "主要内容": "全年办理热线工单3万件。市级考核要求工单按时办结率98%。",
        }
    )
    assert any(value.endswith("98(%)") for _, value in _rows(other))
    past = Brief.model_validate(
        {"项目名称": "热线工单办理", "年度": 2027, "主要内容": "根据考核要求，2025年工单按时办结率为92%，仍有差距。"}
    )
    assert not any(value.endswith("92(%)") for _, value in _rows(past))
