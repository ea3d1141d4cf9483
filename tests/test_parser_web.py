"""Forms copied as text from web pages and documents (issue 15 item 6): cells separated by tabs, runs of
spaces, ``|`` or one per line; regional titles; page text around the form. Fixtures are invented."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.errors import NotADeclarationError
from assistant.ingest.text_export import parse_file
from assistant.ingest.titles import is_page_chrome, read_title
from assistant.review.engine import review

WEB = Path(__file__).resolve().parent / "fixtures" / "web"

# file → per declaration: (name, year, department, start, end, total yuan, [(三级指标, rendered value)])
EXPECTED = {
    "web-01-pipes-batch-title.txt": [
        (
            "社区居家养老服务补贴",
            2024,
            "青禾区民政局",
            date(2024, 1, 1),
            date(2024, 12, 31),
            Decimal(1_200_000),
            [
                ("居家养老服务人次", "≥30000(人次)"),
                ("服务质量抽查合格率", "≥95(%)"),
                ("补贴按月发放及时率", "=100(%)"),
                ("人次均服务成本", "≤40(元/人次)"),
                ("失能老人照护覆盖率", "≥90(%)"),
                ("服务对象满意度", "≥90(%)"),
            ],
        )
    ],
    "web-02-spaces-year-title.txt": [
        (
            "绿汀区河道保洁养护",
            2025,
            "绿汀区水务局",
            date(2025, 1, 1),
            date(2025, 12, 31),
            Decimal(2_600_000),
            [
                ("保洁河道条数", "=42(条)"),
                ("河道保洁考核达标率", "≥95(%)"),
                ("漂浮物发现后清理时间", "≤24(小时)"),
                ("单条河道年均保洁成本", "≤6.2(万元/条)"),
                ("河面漂浮物清理率", "≥98(%)"),
                ("沿河居民满意度", "≥90(%)"),
            ],
        )
    ],
    "web-03-tabs-district-year-wan.txt": [
        (
            "青禾区中小学生游泳技能普及培训",
            2025,
            "青禾区教育局",
            date(2025, 3, 1),
            date(2025, 11, 30),
            Decimal(1_640_000),
            [
                ("培训学生人数", "≥6000(人)"),
                ("游泳技能达标率", "≥80(%)"),
                ("培训完成时间", "11月底前"),
                ("生均培训成本", "≤273(元/人)"),
                ("学生溺水事故发生数", "=0(次)"),
                ("学生家长满意度", "≥90(%)"),
            ],
        )
    ],
    "web-04-pipes-two-forms-2026.txt": [
        (
            "绿汀区社区图书馆图书采购",
            2026,
            "绿汀区文化旅游局",
            date(2026, 1, 1),
            date(2026, 12, 31),
            Decimal(500_000),
            [
                ("新购图书册数", "≥8000(册)"),
                ("图书验收合格率", "=100(%)"),
                ("图书上架完成时间", "10月底前"),
                ("每册平均采购成本", "≤62.5(元/册)"),
                ("图书年借阅人次", "≥20000(人次)"),
                ("读者满意度", "≥90(%)"),
            ],
        ),
        (
            "绿汀区图书馆数字资源续订",
            2026,
            "绿汀区文化旅游局",
            date(2026, 1, 1),
            date(2026, 12, 31),
            Decimal(300_000),
            [
                ("续订数据库个数", "=6(个)"),
                ("数据库年可用率", "≥99(%)"),
                ("续订完成时间", "3月底前"),
                ("单个数据库年均续订成本", "≤5(万元/个)"),
                ("数字资源年访问量", "≥150000(人次)"),
                ("读者满意度", "≥90(%)"),
            ],
        ),
    ],
    "web-05-ideographic-spaces-yi.txt": [
        (
            "绿汀区老旧小区加装电梯补贴",
            2026,
            "绿汀区住房保障局",
            date(2026, 1, 1),
            date(2026, 12, 31),
            Decimal(120_000_000),
            [
                ("补贴加装电梯台数", "≥400(台)"),
                ("电梯验收合格率", "=100(%)"),
                ("补贴拨付时间", "验收后30个工作日内"),
                ("单台电梯补贴标准", "≤30(万元/台)"),
                ("受益居民户数", "≥9600(户)"),
                ("加装楼栋居民满意度", "≥90(%)"),
            ],
        )
    ],
    "web-07-one-cell-per-line-head.txt": [
        (
            "青禾区公共法律服务热线运营",
            2024,
            "青禾区司法局",
            date(2024, 1, 1),
            date(2024, 12, 31),
            Decimal(880_000),
            [],
        )
    ],
    "web-08-pipes-weight-basis-columns.txt": [
        (
            "青禾区垃圾分类示范小区创建",
            2025,
            "青禾区绿化市容局",
            date(2025, 1, 1),
            date(2025, 12, 31),
            Decimal(960_000),
            [
                ("创建示范小区个数", "≥24(个)"),
                ("示范小区验收达标率", "≥95(%)"),
                ("创建工作完成时间", "11月底前"),
                ("单个小区创建成本", "≤4(万元/个)"),
                ("示范小区湿垃圾分出率", "≥25(%)"),
                ("小区居民满意度", "≥90(%)"),
            ],
        )
    ],
    "web-09-long-term-and-annual-columns.txt": [
        (
            "青禾区智慧养老服务平台运营",
            2025,
            "青禾区民政局",
            date(2025, 1, 1),
            date(2025, 12, 31),
            Decimal(3_000_000),
            [
                ("平台服务老人人数", "≥5000(人)"),
                ("服务工单按时办结率", "≥95(%)"),
                ("紧急呼叫响应时间", "≤15(分钟)"),
                ("人均年服务成本", "≤200(元/人)"),
                ("独居老人意外及时发现率", "≥90(%)"),
                ("服务老人满意度", "≥90(%)"),
            ],
        )
    ],
    "web-10-spaces-wan-words.txt": [
        (
            "绿汀区全民健身赛事举办",
            2025,
            "绿汀区体育局",
            date(2025, 4, 1),
            date(2025, 10, 31),
            Decimal(750_000),
            [
                ("举办赛事场次", "≥12(场)"),
                ("赛事安全事故发生数", "=0(次)"),
                ("赛事举办完成时间", "10月底前"),
                ("场均办赛成本", "6.25(万元)"),
                ("参赛群众人次", "≥6000(人次)"),
                ("参赛群众满意度", "≥90(%)"),
            ],
        )
    ],
}


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_web_copies_are_read_with_the_right_values(file):
    declarations = parse_file(WEB / file).declarations
    got = [
        (
            d.header.name,
            d.header.year,
            d.header.department,
            d.header.start_date,
            d.header.end_date,
            d.funding.total,
            [(i.name, i.value.render()) for i in d.indicators],
        )
        for d in declarations
    ]
    assert got == EXPECTED[file]


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_page_text_around_the_form_is_noted_never_a_row(file):
    result = parse_file(WEB / file)
    names = {i.name for d in result.declarations for i in d.indicators}
    assert not names & {"打印本页", "关闭窗口", "【打印】【关闭】", "【打印】 【关闭】"}
    for d in result.declarations:
        assert not any(f.rule_id == "VAL-MISSING" for f in review(d).findings)


def test_navigation_and_buttons_are_kept_as_notes():
    result = parse_file(WEB / "web-03-tabs-district-year-wan.txt")
    before = [n.fragment for n in result.notes if n.code == "unplaced.cell"]
    after = [n.fragment for n in result.declarations[0].parse_notes if n.code == "unplaced.cell"]
    assert before == ["青禾区人民政府门户网站", "当前位置：首页 > 政务公开 > 预算信息"]
    assert after == ["上一篇：青禾区2025年度部门预算", "打印本页", "关闭窗口"]


def test_loose_cells_and_inferred_year_are_said():
    result = parse_file(WEB / "web-04-pipes-two-forms-2026.txt")
    assert "cells.loose" in [n.code for n in result.notes]
    assert all("header.year_from_dates" in [n.code for n in d.parse_notes] for d in result.declarations)


def test_a_page_without_a_form_is_refused_with_what_to_do():
    with pytest.raises(NotADeclarationError, match="项目支出绩效目标表"):
        parse_file(WEB / "web-06-notice-not-a-form.txt")


@pytest.mark.parametrize(
    ("line", "year", "starts"),
    [
        ("青禾区2024年项目支出绩效目标批复表", 2024, True),
        ("2025年度项目支出绩效目标表", 2025, True),
        ("某市市级项目支出绩效目标申报表", None, True),
        ("| 项目支出绩效目标表 |", None, True),
        ("财政项目支出绩效目标申报表（绩效目标）", None, False),
        ("项目支出绩效自评表", None, None),
        ("关于做好项目支出绩效目标表填报的通知", None, None),
    ],
)
def test_title_variants(line, year, starts):
    title = read_title(line)
    if starts is None:
        assert title is None
    else:
        assert title is not None and title.year == year and title.continuation is not starts


@pytest.mark.parametrize(
    ("cells", "chrome"),
    [
        (["打印本页", "关闭窗口"], True),
        (["【打印】 【关闭】"], True),
        (["当前位置：首页 > 预算"], True),
        (["大型设备更新验收合格率"], False),
        (["返回", "≥90(%)"], False),
        (["关闭"], True),
    ],
)
def test_page_chrome(cells, chrome):
    assert is_page_chrome(cells) is chrome


def test_long_term_values_beside_annual_ones_go_to_the_remark():
    (decl,) = parse_file(WEB / "web-09-long-term-and-annual-columns.txt").declarations
    assert decl.indicators[0].remark == "长期指标值：≥15000(人)"
    assert [n.code for n in decl.parse_notes].count("indicator.long_term_value") == 6
