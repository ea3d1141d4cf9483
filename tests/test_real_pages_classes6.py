"""Layout classes of real published pages of the sixth batch still read wrong after it (issue 25, helper h25b):
categories written 产出值/数量值, an umbrella first column (实施效果指标) above 产出/效益, a 自评表 titled
资金使用情况 with ★ group rows, budget codes before a unit's name, a label decorated inside its words (一*级) and a
``- /`` line of page furniture. Each test reads a saved real page (``fixtures/real_pages/found``, first line its
address) as ``assistant import`` / ``assistant cycle import`` do; a fault is injected only by editing the real text."""

from pathlib import Path

from assistant.domain import framework
from assistant.domain.framework import Level1, Level2
from assistant.ingest.selfeval import read_self_evaluation_text
from assistant.ingest.selfeval_files import read_self_evaluation_file
from assistant.ingest.text_export import parse_file

FOUND = Path(__file__).resolve().parent / "fixtures" / "real_pages" / "found"


def _one(name: str):
    (decl,) = parse_file(FOUND / name).declarations
    return decl


def _notes(decl, code: str) -> list[str]:
    return [n.message for n in decl.parse_notes if n.code == code]


def test_categories_written_with_value_are_read_as_the_frameworks_and_noted():
    decl = _one("test5/linyixian_fuxiao_gongyong.txt")  # 一级 | 二级 | 三级 | 年度数值 over 产出值 | 数量值 | …
    rows = {i.name: i for i in decl.indicators}
    assert len(rows) == 8
    first = rows["小学就读人数"]
    assert (first.level1_written, first.level2_written) == ("产出值", "数量值")  # kept as written
    assert (first.level1, first.level2) == (Level1.OUTPUT, Level2.QUANTITY)
    assert first.value.raw == "<=6962人"
    benefit = rows["学生受益情况"]
    assert (benefit.level1, benefit.level2) == (Level1.BENEFIT, Level2.SUSTAINABILITY)
    noted = _notes(decl, "indicator.level_spelled_value")
    assert any("产出值" in m and "产出指标" in m for m in noted)


def test_only_a_category_with_value_for_its_indicator_is_read_as_one():
    assert framework.spelled_with_value("社会效益值") == "社会效益指标"
    for word in ("人数值", "数值", "指标值", "年度数值", "目标值"):
        assert framework.spelled_with_value(word) is None
        assert not framework.is_level_term(word)


def test_an_umbrella_first_column_is_no_level1_and_the_categories_under_it_are():
    decl = _one("test5/tycyl_baodi_chuqin_fenwu.txt")  # 实施效果指标 | 产出指标 | 建设项目个数(含续建) | 1
    rows = {i.name: i for i in decl.indicators}
    assert set(rows) == {"建设项目个数(含续建)", "竣工验收合格率", "按进度计划实施情况", "完工项目县畜禽粪污综合利用率"}
    assert "实施效果指标" not in rows  # the umbrella was read as an indicator row before
    assert rows["竣工验收合格率"].level1 is Level1.OUTPUT
    benefit = rows["完工项目县畜禽粪污综合利用率"]
    assert (benefit.level1_written, benefit.level2_written) == ("实施效果指标", "效益指标")
    assert benefit.level1 is Level1.BENEFIT and benefit.value.raw == "≥90%"
    assert _notes(decl, "indicator.level_umbrella")


def test_a_bracketed_subtitle_above_the_first_label_and_an_allocated_amount():
    decl = _one("test5/tycyl_baodi_chuqin_fenwu.txt")  # (天津市宝坻区…项目) / 专项名称 | …; 下达中央预算内投资(万元)
    assert decl.header.name == "农业绿色发展专项 (畜禽粪污资源化利用整县推进项目)"
    assert decl.funding.annual == 23_500_000


def test_a_selfeval_titled_fund_use_reads_the_rows_under_star_groups_and_not_the_groups():
    form, notes = read_self_evaluation_file(FOUND / "test5/ahxx_yanglou_zhongyangzhi.txt")
    assert form.year == 2023  # from the title 2023年…项目资金使用情况
    names = [r.link.name for r in form.rows]
    assert not [n for n in names if n.startswith("★")]
    assert names[:3] == ["红薯种植面积", "梨树种植面积", "桃种植面积"]
    assert len(names) == 9
    pig = next(r for r in form.rows if r.link.name == "猪养殖数量")
    assert pig.target == "80头" and pig.link.level2 is Level2.QUANTITY
    groups = [n for n in notes if n.code == "selfeval.group_row"]
    assert len(groups) == 4 and "★补助各类粮食作物种植面积" in groups[0].message


def test_rows_without_scores_are_still_not_read_outside_a_star_group():
    text = (FOUND / "test5/ahxx_yanglou_zhongyangzhi.txt").read_text(encoding="utf-8").replace("★", "")
    form, notes = read_self_evaluation_text(text, "plain.txt")
    assert "红薯种植面积" not in [r.link.name for r in form.rows]  # no group: the lost cells cannot be placed
    assert any(n.code == "selfeval.row_unsplit" and "红薯种植面积" in n.message for n in notes)


def test_a_budget_code_before_a_unit_goes_to_a_note_in_both_readers():
    decl = _one("test5/nxcqcz_changqing_tiyu_kaifang.txt")  # [812]自治区教育厅 / 【812033】宁夏长庆初级中学
    assert (decl.header.department, decl.header.implementer) == ("自治区教育厅", "宁夏长庆初级中学")
    assert any("812033" in m for m in _notes(decl, "header.unit_code"))
    text = (FOUND / "tune5/anthempetcare_tangxi_cunji_flat.txt").read_text(encoding="utf-8")
    form, notes = read_self_evaluation_text(text, "tangxi.txt")
    assert form.department is not None and not form.department[0].isdigit()
    assert any(n.code == "header.unit_code" and "219001" in n.message for n in notes)


def test_a_decorated_first_level_project_label_leaves_the_second_level_name_as_the_projects():
    decl = parse_file(FOUND / "tune/bigxun_jiayuguan_bowuguan.txt").declarations[0]  # 一*级项目名称…二级项目名称…
    assert decl.header.name == "博物馆纪念馆市级免费开放补助资金"
    kept = [n.message for n in decl.parse_notes if n.code == "header.kept_field"]
    assert any("一级项目名称" in m and "文化事业发展专项资金" in m for m in kept)


def test_a_dash_slash_line_under_the_table_is_page_furniture():
    decl = _one("tune4/xtcg_wupaoche_2023.txt")  # 扫一扫… / 相关解读 / - 全部留言 / - / / - 评论 / - 有用()
    unplaced = [n.fragment or "" for n in decl.parse_notes if n.code == "unplaced.cell"]
    assert not [f for f in unplaced if "/" in f or "留言" in f or "评论" in f]
    chrome = [n.fragment for n in decl.parse_notes if n.code == "web.page_chrome"]
    assert "- /" in chrome


def test_an_umbrella_places_the_category_beside_it_and_nothing_else():
    satisfaction = framework.normalise("实施效果指标", "满意度指标")
    assert (satisfaction.level1, satisfaction.level2) == (Level1.SATISFACTION, Level2.SATISFACTION)
    assert "实施效果指标" in (satisfaction.note or "")
    assert framework.normalise("实施效果指标", None).level1 is None  # the umbrella alone names no category
    assert framework.normalise("实施效果指标", "数量指标").level2 is Level2.QUANTITY
    assert not framework.is_umbrella("绩效指标")  # the table's own group label stays a group label
