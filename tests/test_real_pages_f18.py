"""The 中央预算内投资计划绩效目标表 family on test14 (舒城, helper f18, session 11: tuned on), each class on the real page
and on a variant written here.

1. a header level word cut to ``级指标`` in the copy: given back the ordinal its neighbour implies (noted);
2. an umbrella 一级 of any name above its categories: ``实施效果指标`` over 产出/效益/满意度指标 and ``过程管理指标`` over
   计划管理/资金管理/项目管理/监督检查指标 (categories outside the framework, kept as written), on a one-cell-a-line
   page and on a page whose rows keep their cells on one line; an umbrella outside the framework over 产出指标 … is
   placed by that category;
3. the amount as this family writes it: ``本次下达中央预算内投资(万元)`` (and 此次/本批…) is the year's amount; a
   ``累计下达`` (every allocation so far) is not;
4. the page's links under the form (``文件下载`` / ``政策咨询`` / ``标签:``) and the text after them are page text, not rows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from assistant.domain import framework
from assistant.domain.model import Layout, Level1
from assistant.ingest.text_export import parse_file, parse_text_bytes
from assistant.ingest.web_cells import WebCell
from assistant.ingest.web_umbrella import restore_cut_levels
from assistant.office.reader import find_label

FOUND = Path(__file__).parent / "fixtures" / "real_pages" / "found"


def _rows(decl):
    return [(i.level1_written, i.level2_written, i.name, i.value.raw) for i in decl.indicators]


def test_the_real_page_reads_its_amount_both_umbrellas_and_no_page_text():
    (decl,) = parse_file(FOUND / "test14" / "shucheng_yigong_daizhen.txt").declarations
    assert decl.header.name.startswith("安徽省2023年以工代赈示范工程舒城县")
    assert decl.funding.annual == Decimal("8530000")
    assert _rows(decl) == [
        ("实施效果指标", "产出指标", "劳务报酬占中央投资比例", "≥32.68%"),
        ("实施效果指标", "效益指标", "项目区农村基础设施条件", "持续改善"),
        ("实施效果指标", "满意度指标", "参与工程建设的贫困群众满意度", "≥90%"),
        ("过程管理指标", "计划管理指标", "投资计划分解(转发)用时", "≤20工作日"),
        ("过程管理指标", "计划管理指标", '"两个责任"按项目落实到位率', "100%"),
        ("过程管理指标", "资金管理指标", "中央预算内投资支付率", "≥95%"),
        ("过程管理指标", "资金管理指标", "年度计划投资完成率", "≥95%"),
        ("过程管理指标", "项目管理指标", "项目开工率", "≥95%"),
        ("过程管理指标", "项目管理指标", "超规模、超标准、超概算项目比例", "0"),
        ("过程管理指标", "监督检查指标", "审计、督查、巡视等指出问题项目比例", "≤1%"),
    ]  # nothing from 文件下载 / 政策咨询 / the sentence and 标签: under the form
    assert decl.indicators[0].level1 is Level1.OUTPUT  # placed by the category under 实施效果指标
    assert decl.indicators[3].level1 is None  # 计划管理指标 is outside the framework: kept as written, not placed
    notes = {n.code: n for n in decl.parse_notes}
    assert "级指标" in notes["web.header_cut"].message and "一级指标" in notes["web.header_cut"].message
    assert "file.truncated" not in notes  # the page's own sentence after its links is no cut-off row


# A page of the same family written here: other umbrella names (建设成效指标 over the framework's categories,
# 组织实施指标 over two outside it), another amount wording (此次下达…（万元）), the header's 二级 cut instead of its 一级,
# a 三级 name worded like a category (综合考核指标, with its value), and other links under the form.
_LINES_VARIANT = """某县2024年以工代赈示范工程某镇道路建设工程
中央预算内投资计划绩效目标表
(2024年度)

专项名称

某县2024年以工代赈示范工程某镇道路建设工程

下达地方或单位

某县发展改革委

此次下达中央预算内投资（万元）

120.5

总体目标

吸纳当地群众就近就业增收。

一级指标

级指标

三级指标

指标值

建设成效指标

产出指标

新建道路长度

≥3公里

效益指标

带动当地群众务工人数

≥50人

组织实施指标

制度建设指标

项目公示制度执行率

100%

综合考核指标

≥90分

质量监管指标

工程验收合格率

100%

附件下载

政策解读

如需了解详情，请拨打页面上方的电话。
"""


def test_variant_other_umbrella_names_amount_wording_and_cut_level2_header():
    (decl,) = parse_text_bytes(_LINES_VARIANT.encode(), "variant.txt").declarations
    assert decl.funding.annual == Decimal("1205000")
    assert _rows(decl) == [
        ("建设成效指标", "产出指标", "新建道路长度", "≥3公里"),
        ("建设成效指标", "效益指标", "带动当地群众务工人数", "≥50人"),
        ("组织实施指标", "制度建设指标", "项目公示制度执行率", "100%"),
        ("组织实施指标", "制度建设指标", "综合考核指标", "≥90分"),  # a name worded like a category, with its value
        ("组织实施指标", "质量监管指标", "工程验收合格率", "100%"),
    ]
    assert [i.level1 for i in decl.indicators[:2]] == [Level1.OUTPUT, Level1.BENEFIT]
    assert any(n.code == "web.header_cut" and "二级指标" in n.message for n in decl.parse_notes)


# The same rows with each row's cells on one line (a copy that kept the rows): the umbrella and its category lead the
# row, the cells after them fill the header's columns.
_ROWS_VARIANT = """某县2024年以工代赈示范工程某镇道路建设工程中央预算内投资计划绩效目标表
专项名称 | 某县2024年以工代赈示范工程某镇道路建设工程
本批下达中央预算内投资(万元) | 80
级指标 | 二级指标 | 三级指标 | 指标值
实施效果指标 | 产出指标 | 新建道路长度 | ≥3公里
过程管理指标 | 计划管理指标 | 投资计划分解用时 | ≤20工作日
资金管理指标 | 中央预算内投资支付率 | ≥95%
综合考核指标 | ≥90分
"""


def test_variant_rows_on_one_line_each():
    (decl,) = parse_text_bytes(_ROWS_VARIANT.encode(), "variant.txt").declarations
    assert decl.funding.annual == Decimal("800000")
    assert _rows(decl) == [
        ("实施效果指标", "产出指标", "新建道路长度", "≥3公里"),
        ("过程管理指标", "计划管理指标", "投资计划分解用时", "≤20工作日"),
        ("过程管理指标", "资金管理指标", "中央预算内投资支付率", "≥95%"),
        ("过程管理指标", "资金管理指标", "综合考核指标", "≥90分"),
    ]


def test_cut_level_word_takes_the_ordinal_its_neighbour_implies_and_only_then():
    def texts(words: list[str | None]) -> list[str | None]:
        cells = [None if w is None else WebCell(w, k) for k, w in enumerate(words, start=1)]
        out, _ = restore_cut_levels(cells)
        return [None if c is None else c.text for c in out]

    assert texts(["级指标", "二级指标", "三级指标"]) == ["一级指标", "二级指标", "三级指标"]
    assert texts(["一级目标", "", "级目标", "三级目标"]) == ["一级目标", "", "二级目标", "三级目标"]
    assert texts(["级指标", "指标值"]) == ["级指标", "指标值"]  # no level word beside it: left as written
    assert texts(["级指标", None, "二级指标"]) == ["级指标", None, "二级指标"]  # not across a row end


def test_amount_wordings_of_an_allocation():
    for label in ("本次下达中央预算内投资(万元)", "此次下达中央预算内投资（万元）", "本批下达投资计划(万元)"):
        spec = find_label(label, Layout.MUNICIPAL_2021)
        assert spec is not None and spec.target == find_label("当年预算", Layout.MUNICIPAL_2021).target, label
    cumulative = find_label("累计下达中央预算内投资(万元)", Layout.MUNICIPAL_2021)
    assert cumulative is None or cumulative.target != find_label("当年预算", Layout.MUNICIPAL_2021).target


def test_an_umbrella_outside_the_framework_is_placed_by_the_category_under_it():
    placed = framework.normalise("建设成效指标", "满意度指标")
    assert placed.level1 is Level1.SATISFACTION and "总类" in (placed.note or "")
    assert framework.normalise("过程管理指标", "计划管理指标").level1 is None  # nothing to place it by: not invented
