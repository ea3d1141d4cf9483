"""Review of a row against its own name and the project's money, and of the person's own policies (new-user trial
2026-12-07 00h, M-2, M-5, m-3): a 总成本 row above the funding (项目总成本 ≤58(万元) on 48万元) is COST-TOTAL-FUNDING;
a count-named row in % (课题数量 ≥6(%)) or a rate in a count unit is VAL-UNIT-KIND; a 必要性 sentence citing the
person's policy with its issuers (…国家卫生健康委员会令第45号) is not NEC-OFF-DOMAIN; a 文号 the person typed that
the policy library lacks is a BASIS-OWN-UNVERIFIED hint, not an error. Real rules, real corpus, real SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain.brief import Brief
from assistant.domain.framework import PARENT, Level2
from assistant.domain.policy import load_policies
from assistant.domain.skeleton import IndicatorRow, brief_declaration
from assistant.review.engine import review
from assistant.review.models import Severity
from assistant.services import build_services
from assistant.settings import load_settings

BRIEF = Brief.model_validate(
    {
        "项目名称": "区人大常委会地方立法调研课题经费",
        "年度": 2027,
        "主管部门": "上海市松江区人民代表大会常务委员会",
        "实施单位": "上海市松江区人民代表大会常务委员会办公室",
        "资金": {"总额": "48万元", "财政资金": "48万元", "年度申请": "48万元"},
        "开始日期": "2027-02-01",
        "结束日期": "2027-12-15",
        "主要内容": "委托高校和研究机构开展调研课题6项，每项课题经费6万元；组织代表专题调研活动8次，每次1.5万元。",
    }
)
Q, C, S = Level2.QUANTITY, Level2.ECONOMIC_COST, Level2.SOCIAL_BENEFIT


def _messages(rule: str, rows: list[tuple[Level2, str, str]]) -> list[str]:
    table = [IndicatorRow(PARENT[l2], l2, name, value) for l2, name, value in rows]
    decl = brief_declaration(BRIEF, declaration_id="t", indicators=table)
    return [f.message for f in review(decl).findings if f.rule_id == rule]


@pytest.mark.parametrize(
    ("name", "value", "flagged"),
    [
        ("项目总成本", "≤58(万元)", True),
        ("项目成本总额", "≤580000(元)", True),
        ("项目总成本", "≤48(万元)", False),
        ("项目总成本", "≤480000(元)", False),
        ("课题经费标准", "=60000(元/项)", False),  # a unit cost is not the total
    ],
)
def test_a_total_cost_above_the_funding_is_flagged(name: str, value: str, flagged: bool) -> None:
    found = _messages("COST-TOTAL-FUNDING", [(Q, "调研课题数量", "≥6(项)"), (C, name, value)])
    assert bool(found) is flagged, found
    if flagged:
        assert name in found[0] and "580,000元" in found[0] and "480,000元" in found[0], found


@pytest.mark.parametrize(
    ("name", "value", "flagged"),
    [
        ("调研课题数量", "≥6(%)", True),
        ("代表调研活动次数", "≥8(%)", True),
        ("培训人次", "≥300(%)", True),
        ("调研成果采纳率", "≥6(项)", True),
        ("调研课题数量", "≥6(项)", False),
        ("调研成果采纳率", "≥60(%)", False),
        ("课题数量增长率", "≥10(%)", False),
        ("信息系统故障率", "=0(次)", False),  # a zero count of failures, as forms write it
    ],
)
def test_a_unit_of_the_wrong_kind_is_flagged(name: str, value: str, flagged: bool) -> None:
    found = _messages("VAL-UNIT-KIND", [(S if "率" in name else Q, name, value)])
    assert bool(found) is flagged, found
    if flagged:
        assert name in found[0] and ("百分比" in found[0]), found


CANTEEN = {
    "项目名称": "区属中小学食堂改造工程",
    "年度": 2027,
    "主管部门": "上海市奉贤区教育局",
    "实施单位": "上海市奉贤区教育局后勤服务中心",
    "项目性质": "其他一次性项目",
    "项目类别": "特定目标类",
    "资金": {"总额": "860万元", "财政资金": "860万元", "年度申请": "860万元"},
    "开始日期": "2027-01-01",
    "结束日期": "2027-08-31",
    "主要内容": "对区内5所中小学食堂实施改造，改造面积合计3400平方米，8月25日前竣工验收，惠及在校学生约6800人。"
    "现有食堂建成于2005年前后，设备老化，2025年区市场监管部门检查中有3所食堂被提出整改意见。",
    "政策依据": [
        "《学校食品安全与营养健康管理规定》（教育部 国家市场监督管理总局 国家卫生健康委员会令第45号）",
        "《上海市学校食堂建设标准》（沪教委后〔2024〕99号）",
    ],
}


@pytest.fixture
def services(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    with build_services(load_settings()) as opened:
        yield opened


def test_the_persons_policies_with_issuers_and_numbers(services) -> None:
    saved = services.drafting.draft(Brief.model_validate(CANTEEN))
    findings = saved.draft.review.findings
    assert not [f.message for f in findings if f.rule_id == "NEC-OFF-DOMAIN"]
    unverified = [f for f in findings if f.rule_id == "BASIS-OWN-UNVERIFIED"]
    assert any("沪教委后〔2024〕99号" in f.message for f in unverified), [f.message for f in findings]
    assert all(f.severity is Severity.HINT for f in unverified)
    assert not [f for f in findings if f.rule_id == "BASIS-NOT-IN-LIBRARY"]
    rows = [(r.name, r.value.value) for r in saved.draft.indicators]
    assert not any(value.startswith("≥3(所)") for _, value in rows), rows  # the 3 canteens told to rectify


def test_a_persons_policy_the_library_holds_gets_no_hint(services) -> None:
    library = load_policies(load_settings().corpus.corpus_dir / "policies")
    known = next(p for p in library if p.doc_number and "〔" in p.doc_number)
    data = dict(CANTEEN, 政策依据=[f"《{known.title}》（{known.doc_number}）"])
    saved = services.drafting.draft(Brief.model_validate(data))
    assert not [f.message for f in saved.draft.review.findings if f.rule_id == "BASIS-OWN-UNVERIFIED"]
