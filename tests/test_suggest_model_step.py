"""The indicator table's bounded model step (issue 21, item 5), against a fault-injecting OpenAI-compatible
endpoint on loopback: a model that invents a number, miscomputes, quotes what the brief never says or fails
outright never changes the table beyond what the brief supports, and every dropped proposal is reported. The
same step serves 指标推荐 (SuggestService), the draft's table and 重新生成指标表."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from fault_server import GOOD, FaultServer
from pydantic import SecretStr
from web_support import REPO

from assistant.domain.brief import load_brief
from assistant.drafting.models import NoteKind
from assistant.services import build_services
from assistant.services.drafting import DraftingService
from assistant.settings import CorpusSettings, LLMProvider, LLMSettings, Settings, StoreSettings
from assistant.suggest.model_step import BriefNumbers, checked_arithmetic, numbers_in
from assistant.suggest.models import Origin

CASES = Path(__file__).resolve().parent.parent / "evals" / "indicators" / "types" / "unlisted" / "briefs"
OPENING = "选举日当天各投票站开放12小时"  # a figure the rules do not read (a duration with no 内)


def _brief():
    brief = load_brief(CASES / "01-election.yaml")
    return brief.model_copy(update={"content": brief.content + f"\n{OPENING}。"})


def _proposal(names: list[str]) -> str:
    """What the fault model answers: one good row, one good rename, and five it must not be trusted with."""
    row = names.index("选民登记人数") + 1
    return json.dumps(
        {
            "rename": [
                {"row": row, "name": "登记选民人数"},
                {"row": names.index("选区划分数量") + 1, "name": "选区划分数量（190个）"},
            ],
            "add": [
                {"name": "投票站开放时长", "level2": "时效指标", "value": "≥12(小时)", "clause": OPENING},
                {
                    "name": "选民参选率",
                    "level2": "社会效益指标",
                    "value": "≥98(%)",
                    "clause": "依法组织本区区人大代表换届选举",
                },
                {
                    "name": "投票站单位运行成本",
                    "level2": "经济成本指标",
                    "value": "≤2000(元/个)",
                    "clause": "设立投票站约620个",
                    "arithmetic": "1000000 ÷ 620 = 2000",
                },
                {"name": "选举宣传次数", "level2": "数量指标", "value": "≥18(次)", "clause": "开展宣传活动18次"},
                {"name": "培训规模", "level2": "数量指标", "value": "≥2500(人次)", "clause": "约2500人次"},
            ],
        },
        ensure_ascii=False,
    )


def _settings(tmp_path, base_url: str) -> Settings:
    llm = LLMSettings(
        provider=LLMProvider.OPENAI,
        base_url=base_url,
        model="fault",
        api_key=SecretStr("sk-test"),
        section_budget_s=5.0,
        timeout_s=30.0,
        transport_retries=1,
        max_retries=0,
    )
    return Settings(
        data_dir=tmp_path / "data",
        corpus=CorpusSettings(corpus_dir=REPO / "corpus"),
        llm=llm,
        store=StoreSettings(user="tester"),
    )


def _is_step(body: dict) -> bool:
    return any("审核助手" in str(m.get("content", "")) for m in body.get("messages", []))


def _server(names: list[str], mode: str = "ok") -> FaultServer:
    reply = lambda body: _proposal(names) if _is_step(body) else GOOD  # noqa: E731
    return FaultServer(mode, reply=reply, raw=_is_step)


@pytest.fixture(scope="module")
def rule_names(tmp_path_factory):
    settings = _settings(tmp_path_factory.mktemp("rules"), "http://127.0.0.1:9/v1")
    rules = settings.model_copy(update={"llm": settings.llm.model_copy(update={"provider": LLMProvider.NONE})})
    with build_services(rules) as services:
        return [s.name for s in services.suggest.suggest(_brief()).suggestions]


def _check(rows, notes: list[str]) -> None:
    names = {r.name: r for r in rows}
    opening = names["投票站开放时长"]  # the model's row with the brief's own figure
    assert opening.value.value == "≥12(小时)" and OPENING in opening.value.basis
    assert getattr(opening, "origin", Origin.BRIEF) is Origin.BRIEF  # a draft row keeps only its value's ground
    assert "登记选民人数" in names and "选民登记人数" not in names  # a rename with no number is taken
    for invented in ("选民参选率", "投票站单位运行成本", "选举宣传次数", "培训规模", "选区划分数量（190个）"):
        assert invented not in names
    said = "\n".join(notes)
    assert "98" in said and "2000" in said and "找不到" in said and "重复" in said and "190" in said


def test_the_model_step_keeps_what_the_brief_supports_and_reports_the_rest(tmp_path, rule_names):
    with _server(rule_names) as server, build_services(_settings(tmp_path, server.base_url)) as services:
        found = services.suggest.suggest(_brief())  # the web's 指标推荐 and `assistant suggest --llm openai`
    assert len(server.requests) == 1  # one bounded call
    _check(found.suggestions, found.notes)
    assert found.complete


@pytest.mark.parametrize("mode", ["server_error", "garbage", "invalid_json"])
def test_a_failing_or_unreadable_model_leaves_the_rules_table(tmp_path, rule_names, mode):
    with _server(rule_names, mode) as server, build_services(_settings(tmp_path, server.base_url)) as services:
        found = services.suggest.suggest(_brief())
    assert [s.name for s in found.suggestions] == rule_names
    assert found.notes and "规则结果" in found.notes[0]


def test_the_draft_and_regenerating_the_table_take_the_same_step(tmp_path, rule_names):
    settings = _settings(tmp_path, "")
    with _server(rule_names) as server:
        settings = _settings(tmp_path, server.base_url)
        with build_services(settings) as services:
            drafting = DraftingService(settings, services.scope, services.runtime, services.store, author="tester")
            saved = drafting.draft(_brief())
            drafted = services.store.latest(saved.info.draft_id).draft
            _check(drafted.indicators, [n.message for n in drafted.notes if n.kind is NoteKind.UNGROUNDED_FIGURE])
            again = drafting.regenerate_indicators(saved.info.draft_id, force=True).draft
            _check(again.indicators, [n.message for n in again.notes if n.kind is NoteKind.UNGROUNDED_FIGURE])
    assert sum(_is_step(body) for body in server.requests) == 2


def test_numbers_of_a_brief_and_shown_arithmetic():
    assert numbers_in("全区划分选区约180个，开展讲座六场，统一印制，一次性发放，约78万人") == {
        Decimal(180),
        Decimal(6),
        Decimal(78),
    }
    known = BriefNumbers({Decimal(400000), Decimal(2500), Decimal(1000000), Decimal(620)}, "")
    assert checked_arithmetic("400000 ÷ 2500 = 160", known) == Decimal(160)
    assert checked_arithmetic("1,000,000元 ÷ 620个 ≈ 1613", known) is None  # no = sign: not a shown result
    assert checked_arithmetic("1000000 ÷ 620 = 1613", known) == Decimal(1613)  # rounded as a value is written
    assert checked_arithmetic("1000000 ÷ 620 = 2000", known) is None  # wrong
    assert checked_arithmetic("900000 ÷ 180 = 5000", known) is None  # 900000 and 180 are not this brief's
