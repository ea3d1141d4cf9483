"""Cost rows stay consistent with the money (new-user trial 2026-12-06, finding 4): after a funding change the unit
costs divided from the money are proposed again beside the total; and the review says when unit cost × quantity no
longer makes the total cost or the project's money (COST-UNIT-TOTAL). Real corpus, real SQLite store, rules only."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from web_support import web_settings

from assistant.domain.brief import Brief, load_brief
from assistant.domain.framework import Level1, Level2
from assistant.domain.skeleton import IndicatorRow, brief_declaration
from assistant.drafting.models import DraftIndicator
from assistant.review.engine import review
from assistant.services import build_services
from assistant.services.derived import refunded
from assistant.services.editing import FieldEdit
from assistant.suggest.brief_rows import plan_value

# The trial's brief A (徐汇区 食堂食品安全抽检): 2400批次 at 350元/批次 = 84万元, no 项目构成.
BRIEF_A = """\
项目名称: 中小学校食堂食品安全抽检经费
年度: 2027
主管部门: 上海市徐汇区市场监督管理局
实施单位: 上海市徐汇区食品药品检验所
项目性质: 其他经常性项目
项目类别: 其他运转类
资金: {总额: 840000, 财政资金: 840000, 其他资金: 0, 年度申请: 840000, 上年结转资金: 0}
开始日期: 2027-01-01
结束日期: 2027-12-31
主要内容: |-
  对辖区126所中小学校食堂开展食品安全监督抽检，全年抽检2400批次，每批次检测费350元。
  抽检项目包括农药残留、兽药残留、非法添加物和微生物指标，检测报告在抽样后7个工作日内出具。
  2027年11月30日前完成全部抽检任务，不合格样品核查处置率100%，学生家长满意度不低于90%。
  2026年辖区学校食堂抽检发现问题批次较上年增加12%，家长对校园食品安全关注度高。
政策依据:
  - 《中华人民共和国食品安全法》
"""


def _quiet(_: object) -> None:
    return None


def _brief(tmp_path: Path, text: str = BRIEF_A) -> Brief:
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    return load_brief(path)


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("costs") / "data"))
    yield opened
    opened.close()


def _divided(rows: list[DraftIndicator]) -> list[int]:
    """Positions of the unit costs whose ground divides the project's money by a quantity."""
    return [
        n
        for n, r in enumerate(rows)
        if r.level1 is Level1.COST and (r.value.arithmetic or "").startswith("项目资金") and "÷" in r.value.arithmetic
    ]


def test_a_funding_change_proposes_the_unit_cost_divided_from_the_money_with_the_total(services, tmp_path):
    ws = services.workspace()
    draft_id = ws.draft(_brief(tmp_path), on_event=_quiet).info.draft_id
    before = ws.open(draft_id).draft.indicators
    divided = _divided(before)
    assert divided, "the trial's table prices a 批次 by dividing the money (项目资金 840,000元 ÷ 2400批次)"
    edits = [FieldEdit(f"资金.{f}", "90万") for f in ("总额", "财政资金", "年度申请")]
    saved, proposal = ws.edit_fields(draft_id, edits, base=1)
    codes = {f.rule_id for f in saved.draft.review.findings}
    assert "COST-UNIT-TOTAL" in codes, "350元/批次 × 2400批次 = 84万元 no longer makes the 90万元 of the project"
    assert proposal is not None
    after = proposal.draft.indicators
    for n in divided:
        assert after[n].value.value == "≤375(元/批次)"  # 900,000元 ÷ 2400批次
        assert "900,000元 ÷ 2400批次 ≈ 375元/批次" in after[n].value.basis
        assert "840,000" not in after[n].value.basis
    totals = [r.value.value for r in after if r.name == "项目总成本"]
    assert totals == ["≤90(万元)"]
    assert "COST-UNIT-TOTAL" not in {f.rule_id for f in proposal.draft.review.findings}


def _row(name: str, value: str, arithmetic: str | None, level2: Level2 = Level2.ECONOMIC_COST) -> DraftIndicator:
    why = f"计划标准（单位成本）：{arithmetic}" if arithmetic else "计划标准：简报写明"
    proposal = plan_value(value, why, fields=["项目构成"], arithmetic=arithmetic)
    return DraftIndicator(level1=Level1.COST, level2=level2, name=name, value=proposal)


def test_a_unit_cost_divided_from_a_budget_line_is_divided_again_from_the_edited_line(tmp_path):
    brief = _brief(
        tmp_path,
        BRIEF_A + "项目构成:\n  - 名称: 选举工作人员培训\n    金额: 500000\n  - 名称: 其他\n    金额: 340000\n",
    )
    line = _row("培训人均成本", "≤160(元/人次)", "项目构成“选举工作人员培训” 400,000元 ÷ 2500人次 ≈ 160元/人次")
    again = refunded(line, brief)
    assert again is not None and again.value == "≤200(元/人次)" and again.number == Decimal(200)
    assert again.arithmetic == "项目构成“选举工作人员培训” 500,000元 ÷ 2500人次 ≈ 200元/人次"
    cents = _row("扫描单价", "≤0.55(元/页)", "项目资金 544,500元 ÷ 99万页 ≈ 0.55元/页")
    assert refunded(cents, brief).value == "≤0.85(元/页)"  # 840,000元 ÷ 990,000页 = 0.848…, rounded up at its 2 places
    same = _row("单批次检测成本", "≤350(元/批次)", "项目资金 840,000元 ÷ 2400批次 ≈ 350元/批次")
    assert refunded(same, brief) is None  # the money is what it was
    stated = _row("检测费标准", "=350(元/批次)", None)
    assert refunded(stated, brief) is None  # a standard the brief states is not divided from the money
    gone = _row("培训人均成本", "≤160(元/人次)", "项目构成“已删除的分项” 400,000元 ÷ 2500人次 ≈ 160元/人次")
    assert refunded(gone, brief) is None


def _declaration(tmp_path: Path, money: str, rows: list[tuple[Level2, str, str]], lines: str = ""):
    text = BRIEF_A.replace("840000", money) + lines
    brief = _brief(tmp_path, text)
    from assistant.domain.framework import PARENT

    table = [IndicatorRow(PARENT[l2], l2, name, value) for l2, name, value in rows]
    return brief_declaration(brief, declaration_id="t", indicators=table)


def _unit_total(decl) -> list[str]:
    return [f.message for f in review(decl).findings if f.rule_id == "COST-UNIT-TOTAL"]


Q, C = Level2.QUANTITY, Level2.ECONOMIC_COST


@pytest.mark.parametrize(
    ("money", "rows", "lines", "flagged"),
    [
        # the trial: the unit cost left at 350 after the money became 90万 (total row accepted, or not)
        (
            "900000",
            [(Q, "检测样品数量", "≥2400(批次)"), (C, "检测费标准", "=350(元/批次)"), (C, "项目总成本", "≤90(万元)")],
            "",
            True,
        ),
        (
            "900000",
            [(Q, "检测样品数量", "≥2400(批次)"), (C, "检测费标准", "=350(元/批次)"), (C, "项目总成本", "≤84(万元)")],
            "",
            True,
        ),
        # consistent: 350 × 2400 = 84万
        (
            "840000",
            [(Q, "检测样品数量", "≥2400(批次)"), (C, "检测费标准", "=350(元/批次)"), (C, "项目总成本", "≤84(万元)")],
            "",
            False,
        ),
        # a ceiling rounded up: 860,000 ÷ 320 = 2687.5 → 2688元/人 × 320 = 860,160 (within the rounding)
        ("860000", [(Q, "培训人数", "≥320(人)"), (C, "人均培训成本", "≤2688(元/人)")], "", False),
        # several unit costs are not summed: an all-in cost per person beside a line's cost per 期 overlap
        (
            "860000",
            [
                (Q, "培训人数", "≥320(人)"),
                (Q, "培训期数", "≥4(期)"),
                (C, "人均培训成本", "≤2688(元/人)"),
                (C, "培训费单位成本", "≤155000(元/期)"),
            ],
            "",
            False,
        ),
        # a unit cost pricing one part of several 项目构成 lines: falling short of the whole is no defect
        (
            "3200000",
            [(Q, "选举工作人员培训", "≥2500(人次)"), (C, "培训人均成本", "≤160(元/人次)")],
            "项目构成:\n  - 名称: 培训\n    金额: 400000\n  - 名称: 投票站\n    金额: 2800000\n",
            False,
        ),
        # one 项目构成 line is the whole project: its unit cost must make it
        (
            "900000",
            [(Q, "检测样品数量", "≥2400(批次)"), (C, "检测费标准", "=350(元/批次)")],
            "项目构成:\n  - 名称: 抽检检测费\n    金额: 900000\n",
            True,
        ),
        # a unit cost with no quantity of its unit in the table cannot be judged
        ("900000", [(Q, "抽检学校", "≥126(所)"), (C, "检测费标准", "=350(元/批次)")], "", False),
    ],
)
def test_unit_cost_times_quantity_against_the_total(tmp_path, money, rows, lines, flagged):
    found = _unit_total(_declaration(tmp_path, money, rows, lines))
    assert bool(found) is flagged, found
    if flagged:
        assert "×" in found[0] and "相差" in found[0]


def test_a_composition_that_no_longer_makes_the_funding_is_already_flagged(tmp_path):
    """项目构成 against 资金 is BUDGET-LINES-SUM (checks_money): the trial's brief B with its money edited to 100万."""
    lines = "项目构成:\n  - 名称: 辅助器具适配补贴\n    金额: 1200000\n  - 名称: 上门适配评估\n    金额: 60000\n"
    decl = _declaration(tmp_path, "1000000", [], lines)
    found = [f.message for f in review(decl).findings if f.rule_id == "BUDGET-LINES-SUM"]
    assert len(found) == 1 and "1,260,000.00元" in found[0] and "1,000,000.00元" in found[0]
