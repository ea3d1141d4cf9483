"""COST-ARITHMETIC when the declaration's own text states the count, the standard and the money and they disagree
(new-user trial 2026-12-07 03h, b1: 110台 × 每台补贴30万元 with a total of 330万元): no division went wrong, so the
finding names the text's own figures and says to check the count, the standard or the total, as an 错误; a unit cost
the text does not state keeps the old explanation (a total divided by one item). Real rules, rules-only drafts."""

from pathlib import Path

from web_support import web_settings

from assistant.domain.brief import Brief, load_brief
from assistant.review.models import Severity
from assistant.services import build_services

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_nu7"
BOOKS = Brief.model_validate(
    {
        "项目名称": "社区图书室图书采购",
        "年度": 2027,
        "主管部门": "上海市长宁区文化和旅游局",
        "资金": {"总额": 80000, "财政资金": 80000, "年度申请": 80000},
        "主要内容": "为12个社区图书室采购新书4000册，每册采购单价40元；图书上架完成率达到100%。",
    }
)


def _quiet(_: object) -> None:
    return None


def _cost_findings(tmp_path: Path, brief: Brief):
    services = build_services(web_settings(tmp_path / "data"))
    try:
        draft = services.workspace().draft(brief, on_event=_quiet).draft
    finally:
        services.close()
    return [f for f in draft.review.findings if f.rule_id == "COST-ARITHMETIC"]


def test_the_brief_s_own_figures_that_disagree_are_an_error_naming_them(tmp_path):
    found = _cost_findings(tmp_path, load_brief(BRIEFS / "b1_elevator.yaml"))
    assert len(found) == 1 and found[0].severity is Severity.ERROR, found
    message = found[0].message
    assert "110台 × 300000元/台" in message and "3300万元" in message and "330万元" in message, message
    assert "除以" not in message and "除以" not in found[0].fix and "数量" in found[0].fix, found[0]


def test_a_variant_of_another_kind_is_the_same_error(tmp_path):
    found = _cost_findings(tmp_path, BOOKS)  # 4000册 × 40元 = 16万元 ≠ 8万元
    assert len(found) == 1 and found[0].severity is Severity.ERROR, found
    assert "4000册 × 40元/册" in found[0].message and "160,000元" in found[0].message, found[0].message
