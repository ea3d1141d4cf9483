"""Every field of a new draft says truthfully where it came from (nf17 item 1): 立项依据 is chosen by code (the
brief's policies, the policy library), never 模型起草; a goal the rules composed from the indicator rows after the
model pasted the brief is the rules' text; an indicator value says 简报 / 先例 / 模板 by its 取值依据, a name by how
it was obtained. Through the real CLI (`assistant draft BRIEF.yaml`) against a loopback endpoint (`fault_server`)
whose every reply is the brief's own 主要内容 pasted back."""

from __future__ import annotations

from pathlib import Path

import yaml
from fault_server import FaultServer
from test_llm_faults import _settings, cli_env
from typer.testing import CliRunner

from assistant.cli.main import app as cli
from assistant.domain.brief import example_brief
from assistant.domain.model import SectionKind
from assistant.domain.provenance import Origin
from assistant.drafting.models import RULES_MODEL, NoteKind
from assistant.services import build_services
from assistant.services.drafting import DraftingService
from assistant.settings import LLMProvider
from assistant.store.fields import indicator_path, initial_origins, section_path
from assistant.suggest.models import Ground, Naming

CONTENT = "为全区32个居民区提供社区食堂助餐补贴，全年补贴老年人用餐18万人次，每人次补贴5元；新建社区助餐点4个。"
BRIEF = {
    "项目名称": "社区老年助餐补贴",
    "年度": 2027,
    "主管部门": "上海市徐汇区民政局",
    "实施单位": "上海市徐汇区养老服务指导中心",
    "项目性质": "其他经常性项目",
    "项目类别": "特定目标类",
    "资金": {"总额": 900000, "财政资金": 900000, "其他资金": 0, "年度申请": 900000, "上年结转资金": 0},
    "开始日期": "2027-01-01",
    "结束日期": "2027-12-31",
    "主要内容": CONTENT,
    "政策依据": ["《上海市养老服务条例》"],
}


def _brief_file(tmp_path: Path) -> Path:
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(BRIEF, allow_unicode=True), encoding="utf-8")
    return path


def test_a_model_draft_labels_what_rules_wrote_as_rules(tmp_path, monkeypatch):
    with FaultServer("ok", reply=lambda _body: CONTENT) as server:
        settings = _settings(tmp_path, server.base_url)
        cli_env(monkeypatch, settings)
        result = CliRunner().invoke(cli, ["draft", str(_brief_file(tmp_path))])
        assert result.exit_code == 0, result.output
        with build_services(settings) as services:
            stored = services.store.latest(services.store.list_drafts()[0].id)
    draft, fields = stored.draft, stored.fields
    assert draft.model != RULES_MODEL  # the model wrote (or was asked for) every section
    # 立项依据 is chosen by code: the brief's own policy, the library's of the subject; never the model
    assert fields["basis"].origin.value in {"brief", "policy"}  # was "ai" (模型起草)
    # the model pasted the brief as the goal: the goal is composed by rules from the indicator rows
    goal = draft.section(SectionKind.GOAL_TOTAL)
    assert any(n.kind is NoteKind.GOAL_REWRITTEN and n.section is SectionKind.GOAL_TOTAL for n in draft.notes)
    assert goal.generated_by == RULES_MODEL
    assert fields[section_path(SectionKind.GOAL_TOTAL)].origin is Origin.TEMPLATE
    assert "项目总目标（规则起草）" in result.output
    # each indicator value by its ground, never 模板/规则 for a brief's or a precedent's figure
    for n, row in enumerate(draft.indicators, start=1):
        expected = {Ground.PLAN: Origin.BRIEF, Ground.HISTORY: Origin.PRECEDENT, Ground.TEMPLATE: Origin.TEMPLATE}
        assert fields[indicator_path(n, "value")].origin is expected[row.value.ground], row


def test_a_model_renamed_row_is_the_models_and_a_precedents_name_the_precedents(tmp_path):
    with build_services(_settings(tmp_path, "http://127.0.0.1:9/v1"), llm_override=LLMProvider.NONE) as services:
        saved = DraftingService(services.settings, services.scope, services.runtime, services.store, author="t").draft(
            example_brief()
        )
        fields = services.store.latest(saved.info.draft_id).fields
    draft = saved.draft
    assert fields["basis"].origin.value in {"brief", "policy"}  # was "ai" (模型起草)
    assert None not in {row.naming for row in draft.indicators}  # the draft records how each name was obtained
    for n, row in enumerate(draft.indicators, start=1):
        if row.naming is Naming.PRECEDENT:
            assert fields[indicator_path(n, "name")].origin is Origin.PRECEDENT
    renamed = draft.indicators[0].model_copy(update={"naming": Naming.REPHRASED})
    again = initial_origins(draft.model_copy(update={"indicators": [renamed, *draft.indicators[1:]]}))
    assert again[indicator_path(1, "name")] is Origin.AI  # a model's renaming is the model's
