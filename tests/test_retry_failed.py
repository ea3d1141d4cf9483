"""重试失败的部分: after a model fault, one action (service, CLI, page) asks the model again for only the sections
rules wrote, keeping every person's edit, against the fault-injecting endpoint on loopback (`fault_server`)."""

from __future__ import annotations

import pytest
from fault_server import GOOD, FaultServer
from gradio_client import Client
from test_llm_faults import KEY, _settings, cli_env
from typer.testing import CliRunner
from web_support import live_app

from assistant.cli.main import app as cli
from assistant.domain.brief import example_brief
from assistant.domain.model import SectionKind
from assistant.drafting.chain import failed_sections
from assistant.drafting.models import RULES_MODEL as RULES
from assistant.drafting.models import NoteKind
from assistant.errors import InputError
from assistant.services import build_services
from assistant.services.drafting import DraftingService
from assistant.services.editing import HUMAN_WRITTEN
from assistant.services.workspace import WorkspaceService
from assistant.store.fields import section_path

EDITED = "人工写的项目总目标：三年内完成平台改造，服务全市党员。"
OVERVIEW_EDIT = "人工改过的项目概况：由市委组织部实施。"


class Switch:
    """A plan for `FaultServer` the test can change: the first section good, then ``mode`` for every request."""

    def __init__(self) -> None:
        self.mode = "server_error"

    def __call__(self, n: int, _body: object) -> str:
        return "ok" if n == 0 else self.mode


def _drafting(services, settings) -> DraftingService:
    return DraftingService(settings, services.scope, services.runtime, services.store, author="tester")


def test_retry_rewrites_only_the_failed_sections_and_keeps_every_edit(tmp_path):
    plan = Switch()
    with FaultServer(plan) as server:
        settings = _settings(tmp_path, server.base_url)
        with build_services(settings) as services:
            drafting = _drafting(services, settings)
            first = drafting.draft(example_brief())
            failed = failed_sections(first.draft)
            assert SectionKind.OVERVIEW not in failed and SectionKind.GOAL_TOTAL in failed and len(failed) >= 2
            edited = WorkspaceService(drafting).save_sections(
                first.info.draft_id,
                {SectionKind.GOAL_TOTAL: EDITED, SectionKind.OVERVIEW: OVERVIEW_EDIT},
                base=first.info.number,
            )
            still_down = drafting.retry_failed(first.info.draft_id)  # the endpoint is still failing: nothing saved
            assert still_down.saved.unchanged and not still_down.written and "未保存新版本" in still_down.message()
            assert KEY not in still_down.message()

            plan.mode = "ok"
            asked = len(server.requests)
            retry = drafting.retry_failed(first.info.draft_id)
            retried = [k for k in failed if k is not SectionKind.GOAL_TOTAL]
            # the person rewrote the failed 项目总目标: it is theirs, no longer a failed section to retry or report
            assert retry.written == retried and not retry.failed and retry.kept == []
            assert len(server.requests) - asked == len(retried)  # one request per failed section, nothing else
            stored = services.store.latest(first.info.draft_id)
            with pytest.raises(InputError, match="没有需要重试的部分"):
                drafting.retry_failed(first.info.draft_id)  # the edited one is the person's now
    assert stored.number == edited.info.number + 1 and retry.saved.info.number == stored.number
    draft = stored.draft
    assert draft.section(SectionKind.GOAL_TOTAL).text == EDITED  # the person's edit of a failed section
    assert draft.section(SectionKind.OVERVIEW).text == OVERVIEW_EDIT  # and of a written one
    assert stored.fields[section_path(SectionKind.GOAL_TOTAL)].origin.value == "human"
    for kind in retried:
        assert draft.section(kind).generated_by != RULES and GOOD[:10] in draft.section(kind).text
    assert failed_sections(draft) == []  # the rules' note went with the rules' text the person replaced
    assert draft.section(SectionKind.GOAL_TOTAL).generated_by == HUMAN_WRITTEN
    assert not [
        n for n in draft.notes if n.kind is NoteKind.RULES_ONLY and n.section in [*retried, SectionKind.GOAL_TOTAL]
    ]


def test_nothing_to_retry_and_no_model_are_refused_in_chinese(tmp_path):
    with FaultServer("ok") as server:
        settings = _settings(tmp_path, server.base_url)
        with build_services(settings) as services:
            saved = _drafting(services, settings).draft(example_brief())
            with pytest.raises(InputError, match="没有需要重试的部分"):
                _drafting(services, settings).retry_failed(saved.info.draft_id)


def test_cli_retry_failed(tmp_path, monkeypatch):
    plan = Switch()
    with FaultServer(plan) as server:
        settings = _settings(tmp_path, server.base_url)
        with build_services(settings) as services:
            saved = _drafting(services, settings).draft(example_brief())
        cli_env(monkeypatch, settings)
        runner = CliRunner()
        down = runner.invoke(cli, ["draft", "--id", str(saved.info.draft_id), "--retry-failed", "--llm", "openai"])
        assert down.exit_code == 1 and "仍未成功" in down.output and KEY not in down.output, down.output
        plan.mode = "ok"
        done = runner.invoke(cli, ["draft", "--id", str(saved.info.draft_id), "--retry-failed", "--llm", "openai"])
        assert done.exit_code == 0, done.output
        assert "已由模型重写" in done.output and f"第 {saved.info.number + 1} 版" in done.output
        again = runner.invoke(cli, ["draft", "--id", str(saved.info.draft_id), "--retry-failed", "--llm", "openai"])
        assert again.exit_code == 2 and "没有需要重试的部分" in again.output
        wrong = runner.invoke(cli, ["draft", "--retry-failed", "--section", "必要性"])
        assert wrong.exit_code == 2 and "--retry-failed" in wrong.output
        rules = runner.invoke(cli, ["draft", "--id", str(saved.info.draft_id), "--retry-failed", "--llm", "none"])
        assert rules.exit_code == 2


def test_the_page_retries_the_failed_sections(tmp_path):
    plan = Switch()
    with FaultServer(plan) as server:
        settings = _settings(tmp_path, server.base_url)
        with live_app(settings) as url:
            client = Client(url, verbose=False, download_files=False)
            out = client.predict(False, *client.predict(api_name="/load_example"), api_name="/draft")[1:]
            assert "第 1 版" in out[2] and "模板/规则" in str(out[4])  # 必要性 by rules after the fault
            plan.mode = "ok"
            shown = client.predict(out[0], api_name="/retry_failed")  # the version shown is the session's
    assert "第 2 版" in shown[2] and "重试失败的部分：已由模型重写：项目设立的必要性" in shown[2], shown[2]
    assert "模型起草" in str(shown[4]) and "模板/规则" not in str(shown[3:7])
