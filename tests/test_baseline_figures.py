"""A figure a brief gives as the present problem or last year's value (覆盖率仅为58%, 3所食堂被提出整改意见, 去年…,
不足…, 存在…问题) is the baseline, not a target (new-user trial 2026-12-07 00h, M-1): no row and no garbled name is
made from it (体检覆盖率仅达标率 ≥58%, 食堂检查数量 ≥3(所)); a note names it the 现状 for 必要性 and the base of the
rate. Names keep the brief's words: 新增签约人数 (签约's 约 is no estimate), 报告反馈时限 (将报告反馈本人: the report is
what is handed over), 调研活动 in the brief's order, 调研课题数量 (not …研究机构开展调研课题…). Real rules, rules only."""

from __future__ import annotations

import pytest
from web_support import web_settings

from assistant.domain.brief import Brief
from assistant.domain.model import SectionKind
from assistant.services import build_services
from assistant.suggest.brief_rows import background_notes, output_statements, statement_rows

SERVICE = "全年计划体检21000人。"


def _rows(content: str) -> list[tuple[str, str]]:
    brief = Brief(name="老年人健康体检服务", year=2027, content=content)
    return [(r.name, r.value.value) for r in statement_rows(output_statements(brief))]


@pytest.mark.parametrize(
    ("baseline", "figure"),
    [
        ("2025年辖区老年人体检覆盖率仅为58%，慢病早发现比例偏低。", "58"),  # 仅为
        ("目前社区卫生服务中心体检能力仅有每日120人。", "120"),  # 仅有
        ("全区签约率不足40%。", "40"),  # 不足
        ("2025年区市场监管部门检查中有3所食堂被提出整改意见。", "3"),  # 被…整改, 检查中有
        ("去年完成体检15000人，未达到预期。", "15000"),  # 去年
        ("辖区存在消防隐患的老旧小区12个。", "12"),  # 存在…隐患
        ("上年度投诉被通报4次。", "4"),  # 被通报
        ("体检覆盖率由去年的58%提高到75%。", "58"),  # the figure right after 去年的, in a clause that plans
    ],
)
def test_a_baseline_figure_is_no_target(baseline: str, figure: str) -> None:
    rows = _rows(baseline + SERVICE)
    assert ("体检人数", "≥21000(人)") in rows, rows
    assert not any(f"{figure}(" in value or value.startswith(f"≥{figure}") for _, value in rows), rows
    notes = background_notes(Brief(name="老年人健康体检服务", year=2027, content=baseline + SERVICE))
    assert any("现状" in n and "必要性" in n for n in notes), notes


def test_the_coverage_baseline_names_its_rate_without_garbling() -> None:
    content = "体检覆盖率仅为58%，慢病早发现比例偏低。" + SERVICE
    notes = background_notes(Brief(name="老年人健康体检服务", year=2027, content=content))
    assert any("“体检覆盖率”指标的基数" in n for n in notes), notes
    assert not any("仅达标率" in name for name, _ in _rows(content))


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ("确保签约率不低于60%。", "≥60(%)"),
        ("日常检查发现问题整改率100%。", "=100(%)"),  # the share of problems put right is a target
        ("全年培训社区医生不少于300人。", "≥300(人)"),
    ],
)
def test_a_planned_figure_stays_a_target(content: str, kept: str) -> None:
    assert kept in [value for _, value in _rows(content)], _rows(content)


@pytest.mark.parametrize(
    ("content", "name", "value"),
    [
        ("对高血压患者纳入家庭医生签约管理，计划新增签约3000人。", "新增签约人数", "≥3000(人)"),
        ("体检后30个工作日内将报告反馈本人并录入健康档案。", "报告反馈时限", "≤30(个工作日)"),
        ("确认后5个工作日内把结果告知申请人。", "结果告知时限", "≤5(个工作日)"),
        ("委托高校和研究机构开展调研课题6项。", "调研课题数量", "≥6(项)"),
        ("组织代表专题调研活动8次。", "调研活动次数", "≥8(次)"),
    ],
)
def test_row_names_keep_the_briefs_words(content: str, name: str, value: str) -> None:
    assert (name, value) in _rows(content), _rows(content)


ELDERLY = {
    "项目名称": "2027年度老年人健康体检服务经费",
    "年度": 2027,
    "主管部门": "上海市嘉定区卫生健康委员会",
    "实施单位": "上海市嘉定区疾病预防控制中心",
    "项目性质": "其他经常性项目",
    "项目类别": "特定目标类",
    "资金": {"总额": 3150000, "财政资金": 3150000, "年度申请": 3150000},
    "开始日期": "2027-03-01",
    "结束日期": "2027-11-30",
    "主要内容": "为辖区12个街镇65周岁及以上常住老年人提供免费健康体检，全年计划体检21000人，每人体检费150元；\n"
    "体检后30个工作日内将报告反馈本人并录入健康档案。对体检发现的高血压、糖尿病患者纳入家庭医生签约管理，"
    "计划新增签约3000人。\n2025年辖区65岁以上老年人口达17.6万人，体检覆盖率仅为58%，慢病早发现比例偏低。\n"
    "体检对象满意度不低于90%。",
    "项目构成": [{"名称": "体检服务费", "内容": "21000人×150元", "金额": 3150000}],
}


def test_the_new_users_health_check_draft(tmp_path) -> None:
    """The trial's brief b1: no target from 仅为58%, no garbled names in rows or goals, and no generic precedent
    rows of unrelated projects (安全事故发生次数, 管理人员满意度, 验收合格率) in a brief of unsure type."""
    with build_services(web_settings(tmp_path / "data")) as services:
        ws = services.workspace()
        stored = ws.open(ws.draft(Brief.model_validate(ELDERLY), on_event=lambda _: None).info.draft_id, None)
    names = [r.name for r in stored.draft.indicators]
    values = [r.value.value for r in stored.draft.indicators]
    assert not any("58" in v for v in values), values
    assert {"新增签约人数", "报告反馈时限", "体检对象满意度"} <= set(names), names
    assert not {"安全事故发生次数", "管理人员满意度", "验收合格率"} & set(names), names
    goal = next(s.text for s in stored.draft.sections if s.kind is SectionKind.GOAL_ANNUAL)
    assert "仅" not in goal and "新增签人数" not in goal and "58%" not in goal, goal
    assert not [f.rule_id for f in stored.draft.review.findings if f.rule_id.startswith("FW-MISSING")]
