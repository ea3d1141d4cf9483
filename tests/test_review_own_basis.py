"""A policy the person gave for this project (the brief's 政策依据, or a 《title》 written in its 主要内容) is the
project's own: review does not call it 沿用了其他项目的政策依据 (BASIS-OFF-SUBJECT) nor a sentence naming it another
domain's (NEC-OFF-DOMAIN), while a library policy of another subject added to 立项依据 is still flagged.
New-user trial 2026-12-06: a river-cleaning brief citing 《关于全面推行河长制的意见》. Real corpus, real SQLite store,
rules only; the stored draft checked again through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.brief import Brief
from assistant.services import build_services
from assistant.services.editing import FieldEdit
from assistant.settings import load_settings

OWN = "关于全面推行河长制的意见"
BRIEF = {
    "项目名称": "2027年度区管河道保洁养护服务",
    "年度": 2027,
    "主管部门": "上海市青浦区水务局",
    "实施单位": "上海市青浦区河道管理所",
    "项目性质": "其他经常性项目",
    "项目类别": "其他运转类",
    "资金": {"总额": "265万", "财政资金": "265万", "其他资金": 0, "年度申请": "265万", "上年结转资金": 0},
    "开始日期": "2027-01-01",
    "结束日期": "2027-12-31",
    "主要内容": "委托专业保洁单位对区管河道共28条、总长度约96.5公里开展日常保洁养护，全年打捞漂浮物约1800吨；"
    "群众对河道环境满意度不低于85%。原因：河道沿线居民投诉水面漂浮物较多；河长制考核要求区管河道保洁全覆盖。",
    "政策依据": ["《上海市河道管理条例》", f"《{OWN}》"],
    "项目构成": [{"名称": "日常保洁养护服务费", "内容": "96.5公里河道全年保洁", "金额": 2650000}],
}
SUBJECT_RULES = {"BASIS-OFF-SUBJECT", "NEC-OFF-DOMAIN"}


@pytest.fixture
def services(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_STORE__USER", "张三")
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    with build_services(load_settings()) as opened:
        yield opened


def _subject_findings(review) -> list[str]:
    return [f"{f.rule_id} {f.message}" for f in review.findings if f.rule_id in SUBJECT_RULES]


@pytest.mark.parametrize("where", ["政策依据", "主要内容"])
def test_the_persons_own_policy_is_not_called_another_projects(services, where: str) -> None:
    data = dict(BRIEF)
    if where == "主要内容":  # named only in the text: 立项依据 takes it from there
        data["政策依据"] = ["《上海市河道管理条例》"]
        data["主要内容"] = data["主要内容"].replace("河长制考核", f"按《{OWN}》，河长制考核")
    saved = services.drafting.draft(Brief.model_validate(data))
    assert any(OWN in b.title for b in saved.draft.basis), saved.draft.basis
    draft_id, review = saved.info.draft_id, saved.draft.review
    if where == "主要内容":  # a 概况 that does not repeat the title (as a model's may not)
        overview = "委托专业保洁单位对区管28条河道开展日常保洁养护，河长制考核要求区管河道保洁全覆盖。"
        review = services.drafting.edit_fields(draft_id, [FieldEdit("section.overview", overview)])[0].draft.review
    assert _subject_findings(review) == []
    checked = CliRunner().invoke(app, ["check", str(draft_id)])
    assert checked.exit_code in (0, 1) and "疑似沿用了其他项目的政策依据" not in checked.output, checked.output


def test_a_library_policy_of_another_subject_added_to_the_basis_is_still_flagged(services) -> None:
    saved = services.drafting.draft(Brief.model_validate(BRIEF))
    basis = [b.policy_id or b.title for b in saved.draft.basis] + ["cadre-education-training-regulation"]
    edited, _ = services.drafting.edit_fields(saved.info.draft_id, [FieldEdit("basis", basis)])
    found = _subject_findings(edited.draft.review)
    assert any("干部教育培训工作条例" in f and f.startswith("BASIS-OFF-SUBJECT") for f in found), found
    assert not any(OWN in f for f in found), found
