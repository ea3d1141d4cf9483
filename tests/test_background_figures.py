"""A figure that tells how things are in the area (how many people live there or are on a register, what share of
the population they are) is the reason for the project, not something it delivers (new-user trial 2026-12-06 20h,
finding 3: 辖区持证残疾人约1.2万人 became 残疾人持证人数 ≥1.2(万人) and a goal said 残疾人持证人数不少于1.2万人). Such a
figure makes no 数量 row and no goal; a note says why and that it belongs in 必要性/概况; a figure the project acts
on (为…提供, 开展评估300户, 培训…人) stays an output. Real rules, real corpus, real SQLite store, rules only."""

from __future__ import annotations

import pytest
from web_support import web_settings

from assistant.domain.brief import Brief
from assistant.domain.framework import Level2
from assistant.domain.model import SectionKind
from assistant.services import build_services
from assistant.suggest.brief_rows import background_notes, output_statements, statement_rows

SERVICE = "全年为1500人次提供辅助器具适配补贴。"


def _values(content: str) -> list[str]:
    brief = Brief(name="残疾人辅助器具适配补贴", year=2027, content=content)
    return [r.value.value for r in statement_rows(output_statements(brief))]


@pytest.mark.parametrize(
    ("background", "figure"),
    [
        ("辖区持证残疾人约1.2万人，老龄化加剧使辅助器具需求上升。", "1.2"),  # 约…人
        ("截至2025年底，全区持证残疾人12000人。", "12000"),  # 截至…年底
        ("截至2025年底，全区60岁以上户籍老年人口达58.3万人，占户籍人口的36.8%。", "58.3"),
        ("截至2025年底，全区60岁以上户籍老年人口达58.3万人，占户籍人口的36.8%。", "36.8"),  # 占…%
        ("全区老年人口占比达到38%。", "38"),  # 达到 with a share of the population
        ("全区现有60岁以上老年人口12万人，老年人口占比38%。", "12"),  # 现有
        ("全区现有60岁以上老年人口12万人，老年人口占比38%。", "38"),
        ("全区共有持证残疾人1.2万人。", "1.2"),  # 共有
        ("本区现有独居老人约4500名。", "4500"),
        ("辖区内困难家庭约300户。", "300"),
    ],
)
def test_a_background_figure_is_no_output_row(background, figure):
    values = _values(background + SERVICE)
    assert "≥1500(人次)" in values and not any(f"{figure}(" in v for v in values), values
    brief = Brief(name="残疾人辅助器具适配补贴", year=2027, content=background + SERVICE)
    if "共有" not in background and "现有独居" not in background:  # those read as staff put in: never a row anyway
        assert any("背景情况" in n and "必要性" in n for n in background_notes(brief)), background_notes(brief)


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ("对重度残疾人上门开展适配评估300户。", "≥300(户)"),
        ("全年为辖区2000名老年人提供助浴服务。", "≥2000(名)"),
        ("全区登记选民约78万人，划分选区约180个。", "≥78(万人)"),  # an election registers voters: its output
        ("培训社区工作者约320人。", "≥320(人)"),
        ("覆盖全区80%以上的老年人口。", "≥80(%)"),  # a coverage target, not a share of the population
    ],
)
def test_a_figure_the_project_acts_on_stays_an_output(content, kept):
    assert kept in _values(content)
    assert background_notes(Brief(name="x", year=2027, content=content)) == []


BRIEF_B = Brief.model_validate(
    {
        "项目名称": "残疾人辅助器具适配补贴",
        "年度": 2027,
        "主管部门": "上海市长宁区残疾人联合会",
        "实施单位": "上海市长宁区残疾人辅助器具服务中心",
        "资金": {"总额": 1260000, "财政资金": 1260000, "年度申请": 1260000},
        "开始日期": "2027-01-01",
        "结束日期": "2027-12-31",
        "主要内容": "为辖区持证残疾人提供辅助器具适配补贴，全年适配1500人次，每人次平均补贴800元，共120万元；\n"
        "对重度残疾人上门开展适配评估300户，每户评估费200元，共6万元。\n"
        "2027年6月30日前完成上半年补贴发放，补贴发放准确率100%，服务对象满意度不低于95%。\n"
        "辖区持证残疾人约1.2万人，老龄化加剧使辅助器具需求上升。",
        "项目构成": [{"名称": "辅助器具适配补贴", "金额": 1200000}, {"名称": "上门适配评估", "金额": 60000}],
    }
)


def test_the_new_users_brief_drafts_no_target_from_its_population_figure(tmp_path):
    with build_services(web_settings(tmp_path / "data")) as services:
        ws = services.workspace()
        stored = ws.open(ws.draft(BRIEF_B, on_event=lambda _: None).info.draft_id, None)
    rows = stored.draft.indicators
    assert not any("1.2" in r.value.value for r in rows), [(r.name, r.value.value) for r in rows]
    quantities = {r.value.value for r in rows if r.level2 is Level2.QUANTITY}
    assert {"≥1500(人次)", "≥300(户)"} <= quantities, quantities
    for kind in (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL):
        goal = next(s.text for s in stored.draft.sections if s.kind is kind)
        assert "1.2万" not in goal and "1500" in goal, goal
    necessity = next(s.text for s in stored.draft.sections if s.kind is SectionKind.NECESSITY)
    assert "未写明立项理由" not in necessity, necessity
