"""Classes of test16 (helper f21, session 13), each tested on the real page it was seen on and on a page written here
with other words and figures. test16 was measured once untuned (``first_run_batch16_test16.txt``) before any change.

1. a form's unit line (``填报单位:…单位:万元``) above a table copied one cell a line, each cell ending in ``|``: a cell of
   its own, not the start of the 项目名称 cell under it (宁国: the name was lost and a stray ``|`` read for it); the
   information-disclosure record above it (索引号 | … | 组配分类 | 财政资金 | 发布机构 …) is page text, no amount;
2. a run-together indicator row whose value is a wording (西青: ``成本指标补贴标准对国有企业…予以适当补助``): cut after
   the one name ending that a value's opening word follows, with a warning; a row with two such places stays a
   warning quoting it, and a short tail tied to its name by 的/和/及 is no value.
"""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.text_export import parse_file, parse_text_bytes

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"


def _rows(decl) -> list[tuple[str | None, str | None, str, str]]:
    return [(i.level1_written, i.level2_written, i.name, i.value.raw) for i in decl.indicators]


def _codes(notes) -> list[str]:
    return [n.code for n in notes]


# -- 1. A unit line above a one-cell-a-line table ---------------------------------------------------------------------


def test_unit_line_above_a_one_cell_a_line_table_real_page() -> None:
    (decl,) = parse_file(FOUND / "test16" / "siseiken_ningguo_maozhushan_yizhi.txt").declarations
    assert decl.header.name == "毛竹山、官山遗址工程和上坦桥工程项目"
    assert decl.header.implementer == "宁国市文旅局"
    assert decl.funding.annual == 2_000_000 and decl.funding.fiscal_annual == 2_000_000  # 200 under 单位:万元
    codes = _codes(decl.parse_notes)
    assert "funding.unit_marker" in codes and "file.truncated" in codes  # the page ends before its indicators
    # the page's record above the form (组配分类 | 财政资金 | 发布机构 …) is page text, not an amount's label and value
    assert "funding.bad_amount" not in codes and "web.page_chrome" in codes


_STREAM = """source: http://www.example.cn/OpennessContent/show/5551.html
索引号 | 001122/202203-00012 | 主题分类 | 财政拨款 |
发布机构 | 某市水利局 | 发文日期 | 2022-03-02 09:30 |
信息名称 | 某市水利局“农村饮水工程维修养护”项目及绩效目标情况 | 内容概述 | 项目概述 |
(1)项目概述:对全市农村饮水工程进行维修养护,保障农村群众饮水安全。
(2)年度预算安排:85万元,全部为市级财政拨款。
农村饮水工程维修养护项目绩效目标表
{unit}
项目名称 |
农村饮水工程维修养护 |
|||||
实施单位 |
某市农村供水管理站 |
|||||
项目资金 |
年度资金总额: |
85 |
||||
其中:财政拨款 |
85 |
|||||
"""


def test_unit_line_above_a_one_cell_a_line_table_written_page() -> None:
    page = _STREAM.format(unit="编制单位:某市水利局 金额单位:万元")
    (decl,) = parse_text_bytes(page.encode(), "stream.txt").declarations
    assert decl.header.name == "农村饮水工程维修养护"
    assert decl.header.implementer == "某市农村供水管理站"
    assert decl.funding.annual == 850_000 and decl.funding.fiscal_annual == 850_000
    assert "funding.bad_amount" not in _codes(decl.parse_notes)  # 主题分类 | 财政拨款 is the page's record


def test_unit_in_yuan_above_a_one_cell_a_line_table() -> None:
    page = _STREAM.format(unit="填报单位:某市水利局 单位:元").replace("85 |", "850000 |")
    (decl,) = parse_text_bytes(page.encode(), "stream.txt").declarations
    assert decl.header.name == "农村饮水工程维修养护"
    assert decl.funding.annual == 850_000


# -- 2. A run-together row whose value is a wording -------------------------------------------------------------------


def test_wording_values_of_a_run_together_table_real_page() -> None:
    (decl,) = parse_file(FOUND / "test16" / "tjxq_guoqi_fangzu_butie.txt").declarations
    rows = _rows(decl)
    assert len(rows) == 11
    assert rows[5] == ("产出指标", "时效指标", "补贴期限", "2020年疫情期间产生的减免房租")
    assert rows[6] == (
        "产出指标",
        "成本指标",
        "补贴标准",
        "对国有企业为承租房屋的中小微企业和个体工商户实际减免租金超出3个月的部分予以适当补助",
    )
    codes = _codes(decl.parse_notes)
    assert codes.count("web.flat_wording") == 2 and "web.flat_unsplit" not in codes


_FLAT = """source: http://www.example.gov.cn/czj/2022/t20220310_88.html
[绩效公开]某县困难残疾人生活补贴绩效目标表

发布日期:2022-03-10 来源:某县财政局
项目支出绩效目标表
(2022年度)

项目名称困难残疾人生活补贴
主管预算部门某县残疾人联合会项目预算金额
(万元)
128.5
绩效目标1.按时足额发放困难残疾人生活补贴,保障困难残疾人基本生活。
绩效指标一级指标二级指标三级指标指标值
产出指标数量指标补贴人数≥1200人
质量指标补贴发放准确率100%
时效指标发放期限按季度发放至补贴对象账户
成本指标补助标准每人每月不低于当地规定标准
效益指标社会效益指标覆盖范围对象达到全部符合条件的困难残疾人
满意度指标服务对象满意度指标补贴对象满意度≥90%
"""


def test_wording_values_of_a_run_together_table_written_page() -> None:
    (decl,) = parse_text_bytes(_FLAT.encode(), "flat.txt").declarations
    assert decl.funding.total == 1_285_000
    assert _rows(decl) == [
        ("产出指标", "数量指标", "补贴人数", "≥1200人"),
        ("产出指标", "质量指标", "补贴发放准确率", "100%"),
        ("产出指标", "时效指标", "发放期限", "按季度发放至补贴对象账户"),
        ("产出指标", "成本指标", "补助标准", "每人每月不低于当地规定标准"),
        # 覆盖范围 | 对象达到… and 覆盖范围对象 | 达到… both fit, and 条件 | 的困难残疾人 is one phrase: not read
        ("满意度指标", "服务对象满意度指标", "补贴对象满意度", "≥90%"),
    ]
    unsplit = [n for n in decl.parse_notes if n.code == "web.flat_unsplit"]
    assert len(unsplit) == 1 and "覆盖范围对象达到全部符合条件的困难残疾人" in unsplit[0].message
    worded = [n.message for n in decl.parse_notes if n.code == "web.flat_wording"]
    assert len(worded) == 2 and "「发放期限」" in worded[0] and "请对照原表核对" in worded[0]
