"""Batch 10's tune half (issue 25): four classes of published forms the readers got wrong, each on the real page's
text and on a variant written here.

1. a 自评表 whose project name starts with the 文号 that allocated its money (阜康), with 新疆's columns
   (指标值设置依据, 上年完成值, 指标分值权重, 指标赋分规则, 佐证资料, 完成率, 分值权重);
2. a 申报表 whose header lines each ran a label into its value (澧县: ``项目名称环保局…``, ``金额:100 万元``);
3. a 云南 自评表 copied one cell per line (昌宁: 预算数(A) | 执行数(B) | 执行率 | 得分 / (20分*执行率), 年初目标值(A));
4. a 批复表 copied with ``|`` whose 一级 cell is centred in its block, with a value subheader and a signature line (黄石).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.cycle import FundKind, SelfEvaluation
from assistant.domain.model import Declaration, ParseNote
from assistant.errors import NotADeclarationError
from assistant.ingest.doc_number import leading_doc_number
from assistant.ingest.indicator_edges import is_signature, is_value_subheader
from assistant.ingest.selfeval import read_self_evaluations_text
from assistant.ingest.selfeval_files import read_self_evaluation_forms
from assistant.ingest.text_export import parse_file, parse_text_bytes
from assistant.ingest.web import read_web_text
from assistant.ingest.web_glued_lines import read_glued_lines

TUNE10 = Path(__file__).parent / "fixtures" / "real_pages" / "found" / "tune10"


def _codes(notes: list[ParseNote]) -> set[str]:
    return {n.code for n in notes}


def _budget(form: SelfEvaluation) -> Decimal | None:
    line = form.fund(FundKind.TOTAL)
    return line.full_year_budget if line is not None else None


# -- 1. a name that starts with a 文号; 新疆's columns ----------------------------------------------------------------


def test_a_name_cut_after_its_leading_doc_number_is_whole_and_the_doc_number_noted() -> None:
    [(form, notes)] = read_self_evaluation_forms(TUNE10 / "fk_tongji_diaochadui_selfeval.txt")
    assert form.project_name == "昌州财行(2022)10号 国家统计局调查队专项经费"
    [note] = [n for n in notes if n.code == "header.doc_number_name"]
    assert note.fragment == "昌州财行(2022)10号"
    assert (form.department, form.implementer, form.year, form.amount_unit) == (
        "阜康市统计局",
        "阜康市统计局",
        2023,
        "万元",
    )
    total = form.fund(FundKind.TOTAL)
    assert total is not None
    # 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 分值权重 | 执行率 | 得分: every column placed
    assert (total.initial_budget, total.full_year_budget, total.executed, total.weight, total.score) == (
        Decimal("5.28"),
        Decimal("1.96"),
        Decimal("1.96"),
        Decimal("10"),
        Decimal("10"),
    )
    # the page ends after the indicator header: its column names are no rows, and the notes say what happened
    assert form.rows == []
    assert {"selfeval.columns_unkept", "selfeval.table_unread"} <= _codes(notes)
    unread = next(n for n in notes if n.code == "selfeval.table_unread")
    assert "表头之后就结束" in unread.message


_XINJIANG = """\
某县财政局
项目支出绩效自评表
(2023年度)
项目名称 | 湘财预〔2023〕5号 农村公路养护资金
主管部门 | 某县交通运输局 | 实施单位 | 某县公路事务中心
项目资金(万元) | 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 分值权重 | 执行率 | 得分
年度资金总额 | 80 | 75 | 60 | 10 | 80.00% | 8
一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值设置依据 | 上年完成值 | 指标分值权重 | 指标赋分规则 | 佐证资料 | \
指标实际完成值 | 完成率 | 指标得分 | 偏差原因分析及改进措施
产出指标 | 数量指标 | 养护公路里程 | ≥120公里 | 年度计划 | 118公里 | 20 | 完成得满分 | 养护台账 | 121公里 | 100% | 20 | 无
产出指标 | 质量指标 | 路况优良率 | ≥85% | 行业标准 | 83% | 20 | 按比例得分 | 检测报告 | 80% | 94% | 18 | 雨季路损
"""


def test_xinjiang_columns_are_placed_and_the_unkept_ones_named() -> None:
    [(form, notes)] = read_self_evaluations_text(_XINJIANG, "xinjiang.txt")
    assert form.project_name == "湘财预〔2023〕5号 农村公路养护资金"
    assert "header.doc_number_name" in _codes(notes)
    assert _budget(form) == Decimal("75")
    rows = [(r.link.name, r.target, r.actual, r.weight, r.score, r.evidence, r.deviation) for r in form.rows]
    assert rows == [
        ("养护公路里程", "≥120公里", "121公里", Decimal("20"), Decimal("20"), "养护台账", "无"),
        ("路况优良率", "≥85%", "80%", Decimal("20"), Decimal("18"), "检测报告", "雨季路损"),
    ]
    note = next(n for n in notes if n.code == "selfeval.columns_unkept")
    assert all(name in note.message for name in ("指标值设置依据", "上年完成值", "指标赋分规则", "完成率"))


def test_a_doc_number_is_told_from_names_that_only_hold_a_year_or_brackets() -> None:
    assert leading_doc_number("财农[2021]12号农田建设补助") == "财农[2021]12号"
    assert leading_doc_number("湘财预〔2023〕5号 农村公路养护资金") == "湘财预〔2023〕5号"
    for name in ("2023年农村公路养护", "国道(2022)改造工程", "第三批(2021)高标准农田", "城区道路保洁经费"):
        assert leading_doc_number(name) is None


def test_a_name_glued_to_its_doc_number_is_kept_whole_and_noted() -> None:
    page = _XINJIANG.replace("湘财预〔2023〕5号 农村公路养护资金", "财农[2021]12号农田建设补助")
    [(form, notes)] = read_self_evaluations_text(page, "glued.txt")
    assert form.project_name == "财农[2021]12号农田建设补助"
    assert next(n for n in notes if n.code == "header.doc_number_name").fragment == "财农[2021]12号"


# -- 2. header lines that ran label and value together ---------------------------------------------------------------


def test_header_lines_with_label_and_value_run_together_are_read_by_their_labels() -> None:
    [decl] = parse_file(TUNE10 / "lixian_shengtai_kaohe.txt").declarations
    header = decl.header
    assert header.name == "环保局县域生态环境质量考核工作经费"
    assert (header.applicant, header.year, header.preparer, header.phone) == (
        "常德市生态环境局澧县分局",
        2021,
        "雷文剑",
        "13875076735",
    )
    assert decl.funding.total == Decimal("1000000")  # 金额:100 万元
    kinds = {s.kind.value: s.text for s in decl.sections}
    assert kinds["basis"].startswith("财政部《关于印发<中央对地方重点生态功能区转移支付办法>的通知》")
    assert "2、加强环境监察" in kinds["goal_total"]  # the section's later paragraphs stay with it
    assert "实施计划" not in kinds["basis"]  # a line after a finished sentence is no paragraph of it: kept in a note
    assert any(n.code == "unplaced.cell" and (n.fragment or "").startswith("实施计划") for n in decl.parse_notes)
    assert not decl.indicators  # the copy ends before the table: nothing made up, said so
    codes = _codes(decl.parse_notes)
    assert {"web.glued_lines", "web.amount_line", "header.kept_field"} <= codes  # 业务股室 kept in a note


_GLUED = """\
某县财政局 信息公开
项目支出绩效目标申报表
(2024年度)
填报单位(盖章):某县城市管理局
金额:35.5 万元
项目名称城区道路保洁经费
主管部门某县城市管理局
实施单位某县环境卫生服务中心
项目负责人李四
专项年度绩效目标保持城区主次干道每日两次清扫,
道路保洁合格率达到95%以上。
"""


def test_a_variant_of_glued_header_lines_is_read_and_its_amount_converted() -> None:
    [decl] = parse_text_bytes(_GLUED.encode("utf-8"), "glued.txt").declarations
    header = decl.header
    assert (header.name, header.department, header.implementer, header.applicant, header.manager, header.year) == (
        "城区道路保洁经费",
        "某县城市管理局",
        "某县环境卫生服务中心",
        "某县城市管理局",
        "李四",
        2024,
    )
    assert decl.funding.total == Decimal("355000")
    assert any(s.text.endswith("道路保洁合格率达到95%以上。") for s in decl.sections)


def test_glued_lines_over_an_indicator_table_no_reader_can_split_are_not_read_without_it() -> None:
    """The header is not read on its own where a table follows that no reader could split: a declaration without
    its rows would pass for a whole one."""
    page = _GLUED + "绩效指标\n一级指标\n二级指标\n三级指标\n产出指标\n道路保洁面积\n120万平方米\n"
    assert read_glued_lines(page.split("\n"), "table.txt", "0") == []
    assert len(read_glued_lines(_GLUED.split("\n"), "glued.txt", "0")) == 1


def test_two_glued_lines_are_not_enough_to_read_a_form() -> None:
    page = "项目支出绩效目标申报表\n(2024年度)\n项目名称城区道路保洁经费\n主管部门某县城市管理局\n"
    with pytest.raises(NotADeclarationError):
        parse_text_bytes(page.encode("utf-8"), "two.txt")


# -- 3. 云南's 自评表, one cell per line -----------------------------------------------------------------------------


def test_yunnan_self_evaluation_reads_its_budget_and_every_row() -> None:
    [(form, notes)] = read_self_evaluation_forms(TUNE10 / "yncn_changlong_shengzhu_selfeval.txt")
    assert form.project_name == "昌宁县昌龙鸿运牧业专业合作社生猪养殖场建设项目"
    assert form.amount_unit == "万元"
    total = form.fund(FundKind.TOTAL)
    assert total is not None
    assert (total.full_year_budget, total.executed, total.rate, total.score) == (
        Decimal("50"),
        Decimal("10"),
        Decimal("20"),
        Decimal("4"),
    )
    assert len(form.rows) == 19
    first = form.rows[0]
    assert (first.link.level1_written, first.link.level2_written, first.link.name) == (
        "产出指标",
        "数量指标",
        "公猪舍(≥**平方米)",
    )
    assert (first.target, first.actual, first.score) == ("22.8", "22.8", Decimal("1"))
    assert all(not r.link.name.replace(".", "").isdigit() for r in form.rows)  # no figure read as a name


_YUNNAN = "\n\n".join(
    [
        "2023年度项目支出绩效自评表",
        "项目名称",
        "某县乡村学校食堂改造项目",
        "主管部门",
        "某县教育体育局",
        "预算执行情况(万元)",
        "(20分)",
        "预算数(A)",
        "执行数(B)",
        "执行率(B/A)",
        "得分",
        "(20分*执行率)",
        "\n" * 8 + "年度财政资金总额",
        "120",
        "96",
        "80",
        "16",
        "\n" * 8 + "年度绩效目标",
        "(80分)",
        "一级指标",
        "二级指标",
        "三级指标",
        "年初目标值(A)",
        "实际完成值(B)",
        "得分",
        "\n" * 8 + "产出指标(40分)",
        "数量指标",
        "改造食堂(≥**所)",
        "6",
        "5",
        "8",
        "\n" * 8 + "效益指标(30分)",
        "社会效益指标",
        "受益学生(≥**人)",
        "1200",
        "1250",
        "30",
    ]
)


def test_a_variant_yunnan_page_reads_its_budget_and_rows_by_the_header() -> None:
    [(form, _)] = read_self_evaluations_text(_YUNNAN, "yunnan.txt")
    assert form.project_name == "某县乡村学校食堂改造项目"
    assert _budget(form) == Decimal("120") and form.amount_unit == "万元"
    rows = [(r.link.level1_written, r.link.level2_written, r.link.name, r.target, r.actual, r.score) for r in form.rows]
    assert rows == [
        ("产出指标", "数量指标", "改造食堂(≥**所)", "6", "5", Decimal("8")),
        ("效益指标", "社会效益指标", "受益学生(≥**人)", "1200", "1250", Decimal("30")),
    ]


# -- 4. a centred 一级, a value subheader and a signature line --------------------------------------------------------


def _rows(decl: Declaration) -> list[tuple[str | None, str | None, str, str]]:
    return [(i.level1_written, i.level2_written, i.name, i.value.raw) for i in decl.indicators]


def test_a_centred_level1_covers_the_rows_above_it_and_the_edges_are_no_rows() -> None:
    [decl] = parse_file(TUNE10 / "huangshi_dangxiao_zhutiban.txt").declarations
    rows = _rows(decl)
    assert len(rows) == 13
    assert rows[0] == ("产出指标", "数量指标", "主体班培训人次", "280人次")
    assert rows[4] == ("产出指标", "数量指标", "开设课程数量", "220")  # the row the 一级 cell sits on
    assert rows[11] == ("产出指标", "成本指标", "成本控制率", "100%")
    assert rows[12] == ("满意度指标", "服务对象满意度指标", "培训学员对培训效果满意度", "≥95%")
    assert not any("实现值" in r[2] or "盖章" in r[2] for r in rows)
    assert decl.funding.total == Decimal("1640000")
    assert {"indicator.value_subheader", "indicator.centred_level1"} <= _codes(decl.parse_notes)


_CENTRED = """\
项目支出绩效目标批复表 | ||||
(2024年度) | ||||
项目名称 | 社区养老服务 | 项目负责人 | |||
项目金额 | 80万元 | |||
实施单位 | 某区民政局 | |||
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |
2023年实际完成值 | 预期2024年目标值 | |||
社会效益指标 | 服务老人人次 | 5000人次 | ||
效益指标 | 助餐点覆盖率 | 90% | ||
可持续影响指标 | 服务机制常态化 | 长期 | ||
满意度指标 | 服务对象满意度指标 | 老人满意度 | ≥90% |
民政局(盖章) 年 月 日 | 财政局(盖章) 年 月 日 |
"""


def test_a_variant_with_a_centred_benefit_level1_reads_the_same_way() -> None:
    [decl] = parse_text_bytes(_CENTRED.encode("utf-8"), "centred.txt").declarations
    assert _rows(decl) == [
        ("效益指标", "社会效益指标", "服务老人人次", "5000人次"),
        ("效益指标", "社会效益指标", "助餐点覆盖率", "90%"),
        ("效益指标", "可持续影响指标", "服务机制常态化", "长期"),
        ("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%"),
    ]


def test_edge_rows_are_told_from_indicator_rows() -> None:
    assert is_value_subheader(["2021年实际实现值", "预期2022年实现值"])
    assert is_value_subheader(["年度指标值", "实施期目标值"])
    assert not is_value_subheader(["培训完成率", "100%"])
    assert not is_value_subheader(["年度指标值"])  # one cell: no second header line
    assert is_signature(["财政资金管理科室(盖章) 年 月 日", "财政绩效管理科室(盖章) 年 月 日"])
    assert not is_signature(["印章管理规范率", "100%"])
    assert not is_signature(["填报单位(盖章)", "某县城市管理局"])  # a header field, not the form's foot


def test_a_declaration_named_after_its_doc_number_keeps_the_name_and_notes_the_number() -> None:
    page = (
        "项目支出绩效目标表\n(2023年度)\n项目名称 湘财预〔2023〕5号 农村公路养护资金\n"
        "主管部门 某县交通运输局 实施单位 某县公路事务中心\n项目资金(万元) 年度资金总额 80\n"
        "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 养护公路里程 ≥120公里\n"
    )
    [decl] = parse_text_bytes(page.encode("utf-8"), "decl.txt").declarations
    assert decl.header.name == "湘财预〔2023〕5号 农村公路养护资金"
    assert next(n for n in decl.parse_notes if n.code == "header.doc_number_name").fragment == "湘财预〔2023〕5号"


def test_the_web_reader_reads_the_centred_level1_and_the_edges_the_same_way() -> None:
    """Both readers of a ``|`` page give the same rows, so neither wins the comparison by rows it made of the edges."""
    lines = (TUNE10 / "huangshi_dangxiao_zhutiban.txt").read_text(encoding="utf-8").split("\n")
    [web] = read_web_text(lines, "huangshi.txt", "0")
    [block] = parse_file(TUNE10 / "huangshi_dangxiao_zhutiban.txt").declarations
    assert _rows(web) == _rows(block)
    assert [i.position for i in web.indicators] == list(range(1, 14))
    codes = [n.code for n in web.parse_notes]
    assert "indicator.signature_row" in codes and "indicator.placed_by_content" not in codes


def test_an_amount_line_says_its_unit_in_the_label_or_the_value_and_is_not_read_without_one() -> None:
    with_label_unit = _GLUED.replace("金额:35.5 万元", "金额(万元):35.5")
    [decl] = parse_text_bytes(with_label_unit.encode("utf-8"), "unit.txt").declarations
    assert decl.funding.total == Decimal("355000")
    without_unit = _GLUED.replace("金额:35.5 万元", "金额:35.5")
    [decl] = parse_text_bytes(without_unit.encode("utf-8"), "nounit.txt").declarations
    assert decl.funding.total is None  # 元 or 万元 is not guessed: the line is kept in a note
    assert any(n.code == "unplaced.cell" and n.fragment == "金额:35.5" for n in decl.parse_notes)


_YUNNAN_ROWS = """\
2023年度项目支出绩效自评表
单位名称:某县教育体育局 填报日期:2024年3月1日
项目名称 某县乡村学校食堂改造项目
主管部门 某县教育体育局
项目实施单位 某县第一中学
预算执行情况(万元) (20分) 预算数(A) 执行数(B) 执行率(B/A) 得分 (20分*执行率)
年度财政资金总额 120 96 80 16
年度绩效目标 (80分) 一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分
产出指标(40分) 数量指标 改造食堂(≥**所) 6 5 8
质量指标 验收合格率 100% 100% 10
效益指标(30分) 社会效益指标 受益学生(≥**人) 1200 1250 30
"""


@pytest.mark.parametrize("separator", [" ", " | "])
def test_the_yunnan_template_copied_a_row_per_line_reads_the_same(separator: str) -> None:
    [(form, _)] = read_self_evaluations_text(_YUNNAN_ROWS.replace(" ", separator), "rows.txt")
    assert (form.project_name, form.implementer, form.year) == ("某县乡村学校食堂改造项目", "某县第一中学", 2023)
    total = form.fund(FundKind.TOTAL)
    assert total is not None and (total.full_year_budget, total.executed, total.score) == (
        Decimal("120"),
        Decimal("96"),
        Decimal("16"),
    )
    assert [(r.link.level2_written, r.link.name, r.target, r.actual, r.score) for r in form.rows] == [
        ("数量指标", "改造食堂(≥**所)", "6", "5", Decimal("8")),
        ("质量指标", "验收合格率", "100%", "100%", Decimal("10")),
        ("社会效益指标", "受益学生(≥**人)", "1200", "1250", Decimal("30")),
    ]


def test_the_block_label_left_of_the_first_row_is_no_row() -> None:
    """阜康's table opens its first row with the block's merged label (年度绩效指标完成情况): it is not a row's name."""
    page = _XINJIANG.replace("产出指标 | 数量指标 | 养护", "年度绩效指标完成情况 | 产出指标 | 数量指标 | 养护")
    [(form, notes)] = read_self_evaluations_text(page, "block.txt")
    assert [(r.link.level1_written, r.link.name, r.target, r.score) for r in form.rows] == [
        ("产出指标", "养护公路里程", "≥120公里", Decimal("20")),
        ("产出指标", "路况优良率", "≥85%", Decimal("18")),
    ]
    assert "selfeval.block_label" in _codes(notes)
