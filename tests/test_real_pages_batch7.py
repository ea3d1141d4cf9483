"""Classes of the seventh batch of real published pages (tune7/), each tested on the real page it was seen on.

Each test reads a saved page (``tests/fixtures/real_pages/found/tune7/``, the text the search tool stored, first line
``source:``) with the product's readers, as ``assistant import`` and ``assistant cycle import`` do.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.model import Declaration
from assistant.ingest.selfeval_files import read_self_evaluation_file
from assistant.ingest.selfeval_words import is_department_label, is_implementer_label, is_name_label, is_title
from assistant.ingest.text_export import parse_file
from assistant.ingest.web_flat_places import split_places

TUNE7 = Path(__file__).parent / "fixtures" / "real_pages" / "found" / "tune7"


def _one(name: str) -> Declaration:
    (decl,) = parse_file(TUNE7 / name).declarations
    return decl


def _rows(decl: Declaration) -> dict[str, tuple[str | None, str | None, str]]:
    return {i.name: (i.level1_written, i.level2_written, i.value.raw) for i in decl.indicators}


def test_a_year_line_above_a_label_in_a_stream_copy_is_no_part_of_the_label() -> None:
    # 蒙城: ``(2024 年度)`` / ``项目名称`` / ``|`` / ``国家基本公共卫生服务项目`` / ``|``: the year had been glued to the label
    decl = _one("mengcheng_jiben_gongwei.txt")
    assert decl.header.name == "国家基本公共卫生服务项目"
    assert decl.header.year == 2024
    assert decl.funding.annual == Decimal("22790480")


def test_a_page_that_ends_after_the_last_values_operator_gives_no_row_for_it() -> None:
    # 蒙城's copy ends ``0-6 岁儿童眼保健和视力检查覆盖率`` / ``|`` / ``≧``: a note, not a row whose value is ``≧``
    decl = _one("mengcheng_jiben_gongwei.txt")
    assert [i.name for i in decl.indicators] == ["适龄儿童国家免疫规划疫苗接种率", "7岁以下儿童健康管理率"]
    cut = [n for n in decl.parse_notes if n.code == "file.truncated"]
    assert len(cut) == 1 and "0-6岁儿童眼保健和视力检查覆盖率" in cut[0].message and "≧" in cut[0].message


def test_a_cell_worded_like_a_form_label_inside_an_indicator_row_is_the_rows_name() -> None:
    # 淮北: ``成本指标 |`` / ``项目金额 |`` / ``5万元 |``: 项目金额 had ended the table and been read as the amount
    decl = _one("huaibei_nongcun_wenhua.txt")
    rows = _rows(decl)
    assert rows["项目金额"] == ("产出指标", "成本指标", "5万元")
    assert rows["项目受益人满意程度"] == ("满意度指标", "满意度指标", "≥90%")
    assert len(decl.indicators) == 9
    # the form's own 5.00 has no unit; the page says 5万元: read in 万元, noted
    assert decl.funding.annual == Decimal("50000")
    assert any(n.code == "funding.wan_from_page" for n in decl.parse_notes)


def test_an_indicator_header_wrapped_before_the_rest_of_its_row_in_a_plain_copy() -> None:
    # 金安: ``一级`` / ``指标`` / ``二级指标 三级指标 指标值``: 产出指标 had been read as the 二级 and 数量指标 glued to the name
    decl = _one("ja_jinan_canlian_kangfu.txt")
    rows = _rows(decl)
    assert rows["签约康复人数"] == ("产出指标", "数量指标", "≥18000人")
    assert rows["发放辅助器具人数"] == ("产出指标", "数量指标", "≥4000人")


def test_a_transfer_self_evaluation_with_its_own_labels() -> None:
    # 旺苍: 转移(项目)名称, an empty 中央主管部门 before 地方主管部门, 资金使用单位, a title …绩效目标自评表 over (2021年度),
    # and 全年完成值 / 未完成原因和改进措施 columns
    form, _notes = read_self_evaluation_file(TUNE7 / "scgw_wangcang_jiyao.txt")
    assert form.project_name == "基本药物制度补助资金"
    assert form.year == 2021
    assert form.department == "旺苍县卫生健康局"
    assert form.implementer == "旺苍县卫生健康局"
    first = form.rows[0]
    assert first.link.name == "政府办基层医疗卫生机构实施国家基本药物制度覆盖率"
    assert first.target == "实施乡镇社区基层医疗机构37个。"
    assert first.actual == "本年度已完成37个基层医疗机构基药补助制度实施。"
    assert "全年完成值" not in {r.link.name for r in form.rows}


def test_a_self_evaluation_rows_numbering_is_no_part_of_the_name() -> None:
    # 宣城: ``指标1:禁毒舞台剧宣传的场次 ≥1场 1场 12 12``
    form, _notes = read_self_evaluation_file(TUNE7 / "xuancheng_gaj_jindu.txt")
    names = [r.link.name for r in form.rows]
    assert names[:2] == ["禁毒舞台剧宣传的场次", "毛发检查试剂数量"]
    assert form.rows[1].target == "≥2400份"


@pytest.mark.parametrize(
    ("key", "name", "department", "implementer"),
    [
        ("转移(项目)名称", True, False, False),
        ("专项资金名称", True, False, False),
        ("单位名称", False, False, False),
        ("地方主管部门", False, True, False),
        ("项目主管单位", False, True, False),
        ("资金使用单位", False, False, True),
        ("实施单位(盖章)", False, False, True),
        ("单位负责人", False, False, False),
    ],
)
def test_self_evaluation_header_words(key: str, name: bool, department: bool, implementer: bool) -> None:
    assert (is_name_label(key), is_department_label(key), is_implementer_label(key)) == (name, department, implementer)


def test_self_evaluation_titles() -> None:
    assert is_title("旺苍县卫生健康局基本药物制度补助资金转移支付区域(项目)绩效目标自评表")
    assert is_title("项目支出绩效自评表")
    assert not is_title("项目支出绩效目标表")


def test_a_run_together_transfer_form_with_a_value_column_per_place() -> None:
    # 龙岩: notice, allocation table and form on one line; the table is 一级 二级 三级 指标解释 区域目标值 <7 places>;
    # the name ran into the form's 区域 field. Had been refused as a run-together table with extra columns.
    decl = _one("chacewang_longyan_zongjiao_flat.txt")
    assert decl.header.name == "宗教管理经费补助"
    assert decl.header.year == 2023
    assert decl.header.department == "龙岩市民族与宗教事务局"
    assert decl.funding.total == Decimal("300000")
    rows = _rows(decl)
    assert rows["宗教管理经费补助县(市、区)数量"] == ("产出指标", "数量指标", "2")  # 2312222: one figure per place
    assert rows["项目资金使用合规性"] == ("产出指标", "质量指标", ">=95%")  # a row with no category of its own
    places = [n.message for n in decl.parse_notes if n.code == "web.place_columns"]
    assert any("新罗区 2、永定区 3、上杭县 1" in m for m in places)
    # the row the copy cut (项目完成率反映) is a warning quoting it, not a row
    assert any(n.code == "web.flat_unsplit" and "项目完成率" in n.message for n in decl.parse_notes)


def test_a_run_together_transfer_form_with_a_direction_column_after_a_notice() -> None:
    # 秀屿: the form's title and labels run on after the notice on the same line; 指标方向 before two places' values
    decl = _one("chacewang_xiuyu_shuili_flat.txt")
    assert decl.header.name == "省级第七批水利专项资金"
    assert decl.header.year == 2025
    assert decl.funding.total == Decimal("350000")
    rows = _rows(decl)
    assert rows["省级财政专项资金投入成本控制率(%)"] == ("成本指标", "经济成本指标", "≤100%")
    assert rows["开展修复工程(个)"] == ("产出指标", "数量指标", "≥1")
    assert rows["截至2026年12月底,项目开展率(%)"] == ("产出指标", "时效指标", "≥100%")
    # no 反映 to end the name at, but its 指标解释 ends with the words the name ends with (质量问题), and the direction
    # 是/否 shows where the values start: one cut only (helper f7; it had been noted, not read)
    assert rows["已建工程是否存在质量问题"] == ("产出指标", "质量指标", "否")
    assert not any(n.code == "web.flat_unsplit" and "已建工程" in n.message for n in decl.parse_notes)


@pytest.mark.parametrize(
    ("run", "count", "values"),
    [
        ("2312222", 7, ["2", "3", "1", "2", "2", "2", "2"]),  # one character each
        (">=95%>=95%", 2, [">=95%", ">=95%"]),
        ("100%100%项目完成率", 2, ["100%", "100%"]),  # the next row's name after them
        ("11", 2, ["1", "1"]),
        ("1011", 2, None),  # 10 | 11 or 1 | 011 …: more than one way
        ("100%95%", 2, None),
        ("", 2, None),
    ],
)
def test_place_values_are_split_only_one_way(run: str, count: int, values: list[str] | None) -> None:
    assert split_places(run, count) == values
