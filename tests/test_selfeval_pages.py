"""Published 项目支出绩效自评表 read into the typed self-evaluation model (issue 25 item 4), from a real
final-account disclosure page (fixtures/real_pages/found/selfeval_*.txt, ``source:`` on its first line)."""

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.cycle import FundKind
from assistant.domain.framework import Level2
from assistant.errors import NotADeclarationError
from assistant.ingest.selfeval import read_self_evaluation_text

PAGE = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found" / "selfeval_qingshen_gongzi.txt"


def _read():
    return read_self_evaluation_text(PAGE.read_text(encoding="utf-8"), PAGE.name)


def test_header_funds_and_rows_of_a_published_self_evaluation():
    evaluation, _ = _read()
    assert (evaluation.project_name, evaluation.year, evaluation.amount_unit) == (
        "51000021R000000019951-工资性支出",
        2023,
        "万元",
    )
    assert evaluation.implementer == "青神县发展和改革局"
    total = evaluation.fund(FundKind.TOTAL)
    assert (total.initial_budget, total.full_year_budget, total.executed, total.rate, total.weight) == (
        Decimal("238.93"),
        Decimal("251.89"),
        Decimal("251.89"),
        Decimal("100.00"),
        Decimal(10),
    )
    assert total.score is None  # the 得分 cell is empty on the page: blank, never zero
    assert [f.kind for f in evaluation.funds] == [FundKind.TOTAL, FundKind.FISCAL, *[FundKind.OTHER] * 3]
    assert [(r.link.name, r.target, r.weight, r.actual, r.link.level2) for r in evaluation.rows] == [
        ("发放(缴纳)覆盖率", "=100%", Decimal(60), None, Level2.QUANTITY),
        ("足额保障率(参保率)", "=100%", Decimal(30), None, Level2.SOCIAL_BENEFIT),
    ]
    assert evaluation.source.url == "https://www.scqs.gov.cn/info/13206/211004.htm"


def test_instructions_left_in_unfilled_cells_are_blank_with_a_note():
    evaluation, notes = _read()
    assert evaluation.goal_planned.startswith("严格执行相关政策")
    assert evaluation.goal_achieved is None and evaluation.conclusion is None
    assert sum(n.code == "selfeval.unfilled" for n in notes) == 4


def test_text_that_is_no_self_evaluation_is_refused():
    with pytest.raises(NotADeclarationError, match="自评表"):
        read_self_evaluation_text("会议纪要\n今天讨论预算。", "notes.txt")
