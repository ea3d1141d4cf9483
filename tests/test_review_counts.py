"""Review: unit costs against the declaration's own figures, counts named as something the text says they are not
(issue 21, item 6)."""

from pathlib import Path

from assistant.domain.brief import Brief, load_brief
from assistant.domain.framework import PARENT, Level2
from assistant.domain.skeleton import IndicatorRow, brief_declaration
from assistant.review.catalogue import RULES_BY_ID
from assistant.review.engine import review

CASES = Path(__file__).resolve().parent.parent / "evals" / "indicators" / "types" / "unlisted" / "briefs"


def _row(level2: Level2, name: str, value: str) -> IndicatorRow:
    return IndicatorRow(PARENT[level2], level2, name, value)


def _rules(brief: Brief, rows: list[IndicatorRow]) -> list[tuple[str, str]]:
    report = review(brief_declaration(brief, indicators=rows))
    return [(f.rule_id, f.location.indicator.name) for f in report.findings if f.location.indicator]


COUNTS = [
    _row(Level2.QUANTITY, "慰问困难党员人数", "≥900(名)"),
    _row(Level2.QUANTITY, "慰问老党员人数", "≥300(名)"),
]


def test_a_total_over_one_item_of_a_listing_is_a_finding():
    brief = load_brief(CASES / "02-condolence.yaml")
    found = _rules(brief, [*COUNTS, _row(Level2.ECONOMIC_COST, "人均补助标准", "≤834(元/人)")])
    assert ("COST-ARITHMETIC", "人均补助标准") in found
    report = review(
        brief_declaration(brief, indicators=[*COUNTS, _row(Level2.ECONOMIC_COST, "人均补助标准", "≤834(元/人)")])
    )
    message = next(f.message for f in report.findings if f.rule_id == "COST-ARITHMETIC")
    assert "834元/人 × (慰问困难党员人数900 + 慰问老党员人数300) = 1,000,800元，超过项目资金 750,000元" in message


def test_stated_standards_per_group_are_not_findings():
    brief = load_brief(CASES / "02-condolence.yaml")
    rows = [
        *COUNTS,
        _row(Level2.ECONOMIC_COST, "困难党员慰问标准", "=500(元/人)"),
        _row(Level2.ECONOMIC_COST, "老党员慰问标准", "=1000(元/人)"),
    ]
    assert not [r for r in _rules(brief, rows) if r[0] == "COST-ARITHMETIC"]


def test_a_quotient_of_unrelated_figures_is_a_finding():
    brief = Brief(name="机关食堂厨房设备更新", year=2027, funding={"总额": 1380000}, content="更换蒸柜4台、炒灶4台。")
    rows = [
        _row(Level2.QUANTITY, "蒸柜更换数量", "≥4(台)"),
        _row(Level2.QUANTITY, "炒灶更换数量", "≥4(台)"),
        _row(Level2.ECONOMIC_COST, "单台设备购置成本", "≤345000(元/台)"),
    ]
    assert ("COST-ARITHMETIC", "单台设备购置成本") in _rules(brief, rows)


def test_staff_written_as_people_served_is_a_finding():
    brief = load_brief(CASES / "05-petition.yaml")
    found = _rules(brief, [_row(Level2.QUANTITY, "服务对象覆盖人数", "≥12(人)")])
    assert ("COUNT-MISNAMED", "服务对象覆盖人数") in found
    assert not [
        r for r in _rules(brief, [_row(Level2.QUANTITY, "来访群众接待人次", "≥6000(人次)")]) if r[0] == "COUNT-MISNAMED"
    ]


def test_the_rules_are_in_the_catalogue():
    assert RULES_BY_ID["COST-ARITHMETIC"].title and RULES_BY_ID["COUNT-MISNAMED"].fix
