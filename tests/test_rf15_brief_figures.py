"""Brief figures the drafting took wrongly (rt12 findings 5, 6, 7; helper rf15, 2026-12-07): rt12's own briefs
(tests/fixtures/briefs_rf15/rt12_*.yml, copied unchanged; .yml so that the scan of shipped .yaml briefs for false alarms skips these deliberately faulty ones) and a variant of another kind each, through the real
brief reader, row builder, note makers and review engine.

- 6: a figure dated before the budget year (2026年3月开展培训12场 in 2027) is background, not a target; a finish dated
  before the start the text dates is flagged (DATE-PLAN).
- 5: a total the text states against other funding, or a part against its 项目构成 line, is flagged
  (COST-TOTAL-FUNDING) and noted at drafting.
- 7: 大写 figures are read (numerals.py); a range gives its lower bound as ≥ with a note; a negative figure and a
  rate above 100% get a note (never 现状).
"""

from __future__ import annotations

from pathlib import Path

from assistant.domain.brief import Brief, load_brief
from assistant.domain.model import SectionKind
from assistant.domain.quantities import cn_number
from assistant.domain.skeleton import brief_declaration
from assistant.domain.statements import read_text
from assistant.drafting.brief_money import brief_money_notes
from assistant.review.engine import review
from assistant.suggest.brief_rows import background_notes, output_statements, statement_rows
from assistant.suggest.odd_figures import odd_figure_notes

BRIEFS = Path(__file__).parent / "fixtures" / "briefs_rf15"


def _brief(content: str, **extra: object) -> Brief:
    data = {"项目名称": "社区养老服务站运营", "年度": 2027, "资金": {"总额": 800000}, "主要内容": content}
    data.update(extra)
    return Brief.model_validate(data)


def _rows(brief: Brief) -> dict[str, str]:
    return {r.name: r.value.value for r in statement_rows(output_statements(brief))}


def _findings(brief: Brief, rule: str) -> list[str]:
    decl = brief_declaration(brief, sections=[(SectionKind.OVERVIEW, brief.content)])
    return [f.message for f in review(decl).findings if f.rule_id == rule]


# -- finding 6: an earlier year's figure -----------------------------------------------------------------


def test_rt12_dates_brief_past_training_is_no_target() -> None:
    brief = load_brief(BRIEFS / "rt12_dates.yml")
    assert not any("12(场)" in v for v in _rows(brief).values())
    notes = background_notes(brief)
    assert any("2026年3月开展培训12场" in n and "早于2027预算年度" in n for n in notes)


def test_rt12_dates_brief_acceptance_before_start_is_flagged() -> None:
    found = _findings(load_brief(BRIEFS / "rt12_dates.yml"), "DATE-PLAN")
    assert len(found) == 1 and "2027年1月完成验收" in found[0] and "2027年12月完成项目启动" in found[0]


def test_variant_past_visits_and_change_against_past_year() -> None:
    brief = _brief("2025年上门探访独居老人800人次。2027年上门探访独居老人1000人次，较2026年增加50人次。")
    rows = _rows(brief)
    assert "≥1000(人次)" in rows.values() and "≥800(人次)" not in rows.values()
    assert any("2025年上门探访独居老人800人次" in n for n in background_notes(brief))


def test_variant_finish_before_project_start_date() -> None:
    brief = _brief("2027年2月完成服务站改造验收。", **{"开始日期": "2027-05-01", "结束日期": "2027-12-31"})
    found = _findings(brief, "DATE-PLAN")
    assert any("早于项目开始日期 2027-05-01" in m for m in found)
    assert _findings(_brief("2027年3月启动改造，2027年10月完成验收。"), "DATE-PLAN") == []


# -- finding 5: a stated total against the funding -------------------------------------------------------


def test_rt12_contra_brief_total_and_part_are_flagged() -> None:
    brief = load_brief(BRIEFS / "rt12_contra.yml")
    found = _findings(brief, "COST-TOTAL-FUNDING")
    assert any("项目总投入300万元" in m and "2,650,000元" in m for m in found)
    assert any("其中运维150万元" in m and "平台日常运维" in m and "2,150,000元" in m for m in found)
    notes = [n.message for n in brief_money_notes(brief)]
    assert any("项目总投入300万元" in n and "265万元" in n for n in notes)
    assert any("其中运维150万元" in n and "215万元" in n for n in notes)


def test_variant_total_in_yuan_and_source_parts() -> None:
    lines = [{"名称": "助餐服务", "金额": 500000}, {"名称": "上门照护", "金额": 300000}]
    wrong = _brief("项目总预算为1,000,000元，其中财政资金60万元，其中助餐服务50万元。", **{"项目构成": lines})
    assert len(_findings(wrong, "COST-TOTAL-FUNDING")) == 1  # the total; 财政资金 is a source; 助餐 agrees
    right = _brief("项目总预算为80万元，其中上门照护30万元。", **{"项目构成": lines})
    assert _findings(right, "COST-TOTAL-FUNDING") == [] and brief_money_notes(right) == []


# -- finding 7: 大写, ranges, negatives, rates above 100% -----------------------------------------------


def test_capital_numerals_read_in_one_place() -> None:
    assert cn_number("叁拾") == 30 and cn_number("壹佰万") == 1000000 and cn_number("壹仟贰佰") == 1200
    said = [(s.number, s.unit) for s in read_text("组织应急演练贰次，培训叁拾场", "主要内容")]
    assert said == [(2, "次"), (30, "场")]
    assert read_text("党员队伍人员12名，陆家嘴3家", "主要内容")[0].number == 12  # 伍, 陆 of a word are no figure


def test_rt12_daxie_brief_gets_rows() -> None:
    rows = _rows(load_brief(BRIEFS / "rt12_daxie.yml"))
    assert rows.get("培训场次") == "≥30(场)" and rows.get("应急演练次数") == "≥2(次)"
    assert "≥1500(人次)" in rows.values()


def test_rt12_range_brief_lower_bound_and_notes() -> None:
    brief = load_brief(BRIEFS / "rt12_range.yml")
    rows = _rows(brief)
    assert rows.get("培训场次") == "≥10(场)" and rows.get("数据备份率") == "≥150(%)"
    notes = odd_figure_notes(brief)
    assert any("10～15场是一个范围" in n and "≥10(场)" in n for n in notes)
    assert any("-30分钟" in n and "负数" in n for n in notes)
    assert any("150%超过100%" in n for n in notes)
    assert not any("150%是现状" in n for n in background_notes(brief))


def test_variant_ranges_negative_and_rate() -> None:
    brief = _brief("每月开展助餐活动8到10次，上门服务时长不少于－2小时，服务覆盖率120%，服务人数同比增长-5%。")
    rows = _rows(brief)
    assert "≥96(次)" in rows.values()  # 8 × 12 months: the lower end
    notes = odd_figure_notes(brief)
    assert any("8到10次是一个范围" in n for n in notes)
    assert any("－2小时" in n for n in notes) and not any("-5%" in n for n in notes)
    assert any("120%超过100%" in n for n in notes)
