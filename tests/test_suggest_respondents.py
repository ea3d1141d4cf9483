"""A satisfaction row names the people the brief says are surveyed (new-user trial 2026-12-06, finding 6): 学生家长
满意度不低于90% gives 学生家长满意度 ≥90(%), not the type template's 委托单位满意度, and the rules' goals say the same;
a target that names no group (服务满意度) keeps the template's name. Real corpus bank, real brief reader."""

from pathlib import Path

import pytest
import yaml

from assistant.domain.brief import load_brief
from assistant.domain.framework import Level2
from assistant.suggest.bank import build_bank
from assistant.suggest.suggest import suggest


@pytest.fixture(scope="module")
def bank(corpus):
    return build_bank(corpus.declarations)


def _brief(tmp_path: Path, name: str, content: str):
    fields = {
        "项目名称": name,
        "年度": 2027,
        "主管部门": "上海市某区管理局",
        "实施单位": "上海市某区管理所",
        "项目性质": "其他经常性项目",
        "项目类别": "其他运转类",
        "资金": {"总额": 840000, "财政资金": 840000, "其他资金": 0, "年度申请": 840000, "上年结转资金": 0},
        "开始日期": "2027-01-01",
        "结束日期": "2027-12-31",
        "主要内容": content,
    }
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    return load_brief(path)


TESTING = "对辖区126所中小学校食堂开展食品安全监督抽检，全年抽检2400批次，每批次检测费350元，2027年11月30日前完成。"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("中小学校食堂食品安全抽检经费", TESTING + "学生家长满意度不低于90%。", "学生家长满意度"),  # the trial's
        (
            "法律援助案件补贴",
            "全年办理法律援助案件约900件，案件质量评估合格率不低于95%，受援人满意度不低于90%。",
            "受援人满意度",
        ),
        (
            "家庭医生团队能力提升培训",
            "全年开展培训不少于450人次、36学时，考核通过率达到98%以上，学员满意度不低于90%。",
            "学员满意度",
        ),
    ],
)
def test_the_row_names_who_the_brief_says_is_surveyed(bank, tmp_path, name, content, expected):
    rows = suggest(_brief(tmp_path, name, content), bank).suggestions
    satisfied = [r for r in rows if r.level2 is Level2.SATISFACTION]
    assert [r.name for r in satisfied] == [expected]
    assert satisfied[0].value.value == "≥90(%)" and "写明" in satisfied[0].value.basis


def test_a_target_that_names_no_group_keeps_the_templates_respondents(bank, tmp_path):
    rows = suggest(
        _brief(tmp_path, "中小学校食堂食品安全抽检经费", TESTING + "服务满意度不低于90%。"), bank
    ).suggestions
    satisfied = [r for r in rows if r.level2 is Level2.SATISFACTION]
    assert len(satisfied) == 1 and satisfied[0].name != "服务满意度" and satisfied[0].name.endswith("满意度")
    assert satisfied[0].value.value == "≥90(%)"


def test_the_rules_goals_name_the_same_group(services_rules, tmp_path):
    brief = _brief(tmp_path, "中小学校食堂食品安全抽检经费", TESTING + "学生家长满意度不低于90%。")
    draft = services_rules.workspace().draft(brief, on_event=lambda _: None).draft
    goals = " ".join(s.text for s in draft.sections if s.kind.value in ("goal_total", "goal_annual"))
    assert "学生家长满意度不低于90%" in goals
    assert "委托单位满意度" not in goals


@pytest.fixture(scope="module")
def services_rules(tmp_path_factory):
    from web_support import web_settings

    from assistant.services import build_services

    opened = build_services(web_settings(tmp_path_factory.mktemp("respondents") / "data"))
    yield opened
    opened.close()
