"""A regeneration whose model reply repeats the section's text stores no version and says so in Chinese, and the
section keeps its citations (README, Draft store: "A regeneration … that changes nothing … stores no version"):
real store in a temp dir, the model a loopback endpoint (`fault_server`) whose reply the test sets."""

from __future__ import annotations

import json

from fault_server import GOOD, FaultServer
from test_llm_faults import _settings, cli_env
from typer.testing import CliRunner

from assistant.cli.main import app as cli
from assistant.domain.brief import example_brief
from assistant.domain.model import SectionKind
from assistant.services import build_services
from assistant.services.drafting import DraftingService


class Reply:
    """Every section's reply: ``text`` citing ``cite`` (a precedent label, S1…), as the model's JSON."""

    def __init__(self) -> None:
        self.text, self.cite = GOOD, "S1"

    def __call__(self, _body: object) -> str:
        return json.dumps({"text": self.text, "citations": [self.cite]}, ensure_ascii=False)


def _drafting(services, settings) -> DraftingService:
    return DraftingService(settings, services.scope, services.runtime, services.store, author="tester")


def test_a_regeneration_repeating_the_text_keeps_its_citations_and_stores_no_version(tmp_path):
    reply = Reply()
    with FaultServer("ok", reply=reply, raw=lambda _b: True) as server:
        settings = _settings(tmp_path, server.base_url)
        with build_services(settings) as services:
            drafting = _drafting(services, settings)
            first = drafting.draft(example_brief())
            draft_id = first.info.draft_id
            before = first.draft.section(SectionKind.NECESSITY)
            assert before is not None and before.generated_by != "rules", first.draft.notes
            reply.text, reply.cite = before.text, "S2"  # the same words, another source
            same = drafting.regenerate_section(draft_id, SectionKind.NECESSITY, instruction="更简洁，突出老龄化现状")
            assert same.unchanged and same.notice == f"内容与第 {first.info.number} 版相同，未保存新版本"
            assert [v.number for v in services.store.history(draft_id)] == [first.info.number]
            assert same.draft.section(SectionKind.NECESSITY).citations == before.citations
            proposal = drafting.propose_section(draft_id, SectionKind.NECESSITY, instruction="更简洁")
            assert proposal.draft.section(SectionKind.NECESSITY).citations == before.citations
            assert drafting.accept(draft_id, proposal.id).unchanged  # the page's 采纳 of the same text saves nothing
            reply.text = "本项目为全市党员提供在线学习服务，保障平台稳定运行。"  # new words: a new version
            changed = drafting.regenerate_section(draft_id, SectionKind.NECESSITY, instruction="更简洁")
            assert not changed.unchanged and changed.info.number == first.info.number + 1


def test_cli_says_in_chinese_that_an_unchanged_regeneration_stored_nothing(tmp_path, monkeypatch):
    reply = Reply()
    with FaultServer("ok", reply=reply, raw=lambda _b: True) as server:
        settings = _settings(tmp_path, server.base_url)
        with build_services(settings) as services:
            first = _drafting(services, settings).draft(example_brief())
        reply.text, reply.cite = first.draft.section(SectionKind.NECESSITY).text, "S2"
        cli_env(monkeypatch, settings)
        draft_id = str(first.info.draft_id)
        args = ["draft", "--id", draft_id, "--section", "必要性", "--instruction", "更简洁", "--llm", "openai"]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert f"内容与第 {first.info.number} 版相同，未保存新版本" in result.output
        with build_services(settings) as services:
            assert [v.number for v in services.store.history(first.info.draft_id)] == [first.info.number]
