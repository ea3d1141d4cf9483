"""The indicator bank mined from the real corpus: templates across declarations, kinds from the data."""

import pytest

from assistant.domain.framework import Level2
from assistant.suggest.bank import build_bank, own_prefix


@pytest.fixture(scope="module")
def bank(corpus):
    return build_bank(corpus.declarations)


def test_object_templates_group_names_across_declarations(bank):
    satisfaction = bank.template("满意度")
    assert satisfaction.label == "{对象}满意度" and satisfaction.slotted
    assert satisfaction.support >= 3 and satisfaction.level2 is Level2.SATISFACTION
    objects = {satisfaction.object_of(e) for e in satisfaction.entries}
    assert {"业务科室", "运维", "基层党组织"} <= objects
    acceptance = bank.template("运维服务验收达标率")
    assert acceptance.label == "{对象}运维服务验收达标率"
    assert {e.name for e in acceptance.entries} >= {"IPTV平台运维服务验收达标率", "运维服务验收达标率"}


def test_names_recurring_verbatim_are_exact_templates(bank):
    for name in ("管理人员满意度", "平台稳定运行天数", "年度运维报告完成数", "运维工作完成及时性"):
        template = bank.template(name)
        assert not template.slotted and template.label == name and template.support >= 2


def test_templates_refine_more_general_ones(bank):
    assert bank.root(bank.template("系统使用人员满意度")).pattern == "满意度"
    assert bank.root(bank.template("系统建设完成率")).pattern == "完成率"
    assert {e.name for e in bank.family("完成率")} >= {"平台运维服务完成率", "信息化建设计划完成率"}


def test_value_statistics_are_per_template(bank):
    template = bank.template("管理人员满意度")
    assert template.years[2026] >= 3 and template.departments["中共上海市委组织部"] >= 1
    assert {e.value.raw for e in template.entries} == {"≥90.00%", "≥90.00(%)"}
    assert template.values == {"≥90.00(%)": 6}  # canonical form: the two spellings are one value


def test_legacy_input_indicators_stay_out(bank, corpus):
    names = {e.name for t in bank.templates for e in t.entries}
    legacy = {i.name for d in corpus for i in d.indicators if i.level1 is None}
    assert "预算执行率" in legacy and not names & legacy
    assert bank.size == sum(1 for d in corpus for i in d.indicators if i.level1 and i.level2)


def test_project_kinds_come_from_names_and_header(bank):
    assert {"运维", "建设", "信息化建设", "信息化运维"} <= set(bank.kind_terms)
    assert (
        "平台" in bank.kind_terms and "平台" not in bank.activities
    )  # 平台 starts 平台建设: an object, not an activity
    ops = bank.profile("2026-004-05")
    assert {"运维", "其他运转类"} <= set(ops.kinds)


def test_own_project_prefix_is_the_object():
    name = "老干部综合信息管理系统建设竣工及时性"
    assert own_prefix(name, "上海市人大老干部综合信息管理系统建设经费", ("建设",)) == "老干部综合信息管理系统建设"
    assert own_prefix("系统验收通过情况", "电子会务系统建设经费", ("建设",)) == ""  # 系统 alone names no project


def test_pattern_for_new_names(bank):
    assert bank.pattern_for("党员教育平台运维服务验收达标率") == "运维服务验收达标率"
    assert bank.pattern_for("完全新的指标名称") == "完全新的指标名称"


def test_build_is_deterministic(corpus):
    first, second = build_bank(corpus.declarations), build_bank(reversed(corpus.declarations))
    assert first.model_dump() == second.model_dump()
