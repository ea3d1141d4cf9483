"""The workspace says what it did (gradio_client against a live app, real store, real corpus): a model that cannot
start is a warning with its reason and a 重试 button, never a plain success; the page names who drafts; the brief form
and the 立项依据/制度保障 editor save into the open draft; a rewrite that did not do what was asked is labelled; a
regeneration reports only sections it could have replaced; text kept in the browser comes back only for its version."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import gradio as gr
from gradio_client import Client
from web_support import live_app, web_settings

from assistant.domain.brief import example_brief
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.domain.values import Operator
from assistant.llm.runtime import LLMRuntime
from assistant.services import build_services
from assistant.services.workspace import IndicatorInput
from assistant.settings import LLMProvider, LLMSettings
from assistant.store import VersionInfo
from assistant.web.autosave import VERSION_KEY, Autosave, version_tag
from assistant.web.model_state import model_state

DRAFT_ID, DRAFTS, STATUS = 0, 1, 2


def _client(url: str) -> Client:
    return Client(url, verbose=False, download_files=False)


def test_a_model_that_cannot_start_is_a_warning_with_its_reason_and_a_retry(tmp_path: Path) -> None:
    broken = tmp_path / "not-a-model.gguf"  # fault injection: the configured model file is missing
    settings = web_settings(tmp_path / "data").model_copy(
        update={"llm": LLMSettings(provider=LLMProvider.LOCAL, gguf_path=broken)}
    )
    with live_app(settings) as url:
        client = _client(url)
        final = client.predict(False, *client.predict(api_name="/load_example"), api_name="/draft")
    progress = final[0]
    assert "模型未能使用，本稿按规则起草" in progress and "起草完成" not in progress and "✅" not in progress
    assert "not-a-model.gguf" in progress and "重试" in progress and "--llm" not in progress
    assert "第 1 版" in final[1 + STATUS]


def test_model_state_names_who_drafts(tmp_path: Path) -> None:
    rules = LLMRuntime(web_settings(tmp_path))
    assert "起草方式：规则" in model_state(rules)
    local = LLMRuntime(web_settings(tmp_path).model_copy(update={"llm": LLMSettings(provider=LLMProvider.LOCAL)}))
    assert "内置模型" in model_state(local) and "首次起草时" in model_state(local)
    local.start_error = type("E", (), {"message": "端口被占用"})()  # type: ignore[assignment]
    assert "内置模型未能启动" in model_state(local) and "端口被占用" in model_state(local)


def test_brief_form_and_basis_editor_save_into_the_open_draft(tmp_path: Path) -> None:
    with live_app(web_settings(tmp_path / "data")) as url:
        client = _client(url)
        form = list(client.predict(api_name="/load_example"))
        drafted = client.predict(False, *form, api_name="/draft")
        draft_id = drafted[1 + DRAFT_ID]
        form[1] = "2027"
        form[8] = "2027-03-01"  # 开始日期
        saved = client.predict(draft_id, *form, api_name="/save_brief")
        assert "第 2 版" in saved[STATUS] and "开始日期" in saved[STATUS]
        basis = client.predict(
            draft_id,
            "《某区自定的办法》",
            {"headers": ["制度类别", "文件名称", "具体措施"], "data": [["管理制度", "《运维办法》", "按月检查"]]},
            api_name="/save_basis",
        )
        assert "第 3 版" in basis[STATUS] and "立项依据与制度保障" in basis[STATUS]
    with build_services(web_settings(tmp_path / "data")) as services:
        stored = services.store.latest(draft_id)
    assert str(stored.draft.brief.start_date) == "2027-03-01"
    assert [b.title for b in stored.draft.basis] == ["某区自定的办法"] and stored.draft.safeguards[
        0
    ].measures == "按月检查"
    assert stored.fields["basis"].origin.value == "human" and stored.fields["header.start_date"].origin.value == "human"


def test_a_regeneration_reports_only_what_it_could_have_replaced(tmp_path: Path) -> None:
    with build_services(web_settings(tmp_path / "data")) as services:
        ws = services.workspace()
        draft_id = ws.draft(example_brief(), on_event=lambda _: None).info.draft_id
        ws.save_sections(draft_id, {SectionKind.NECESSITY: "人工写的必要性。"}, base=1)
        proposal = ws.propose_section(
            draft_id, SectionKind.OVERVIEW, instruction="", base=2, force=False, on_event=lambda _: None
        )
    assert proposal.kept == []  # 必要性 was never at stake in a rewrite of 项目概况


def test_kept_text_comes_back_only_for_the_version_it_was_typed_against() -> None:
    with gr.Blocks():
        box = gr.Textbox()
        autosave = Autosave(store=gr.BrowserState({}), shown=gr.Textbox(), fields={"section.necessity": box})
    info = VersionInfo(3, 2, 1, None, None, None, "张三", None)  # type: ignore[arg-type]
    kept = {VERSION_KEY: version_tag(info), "section.necessity": "未保存的修改"}
    assert autosave.restore(kept, "3:2") == {box: "未保存的修改"}
    assert autosave.restore(kept, "3:3") == {box: gr.skip()}  # superseded since: never put back over a newer version
    assert autosave.restore(None, "") == {box: gr.skip()}


def test_a_satisfaction_target_above_100_is_not_called_100(tmp_path: Path) -> None:
    with build_services(web_settings(tmp_path / "data")) as services:
        ws = services.workspace()
        draft_id = ws.draft(example_brief(), on_event=lambda _: None).info.draft_id
        row = IndicatorInput(Level1.SATISFACTION, Level2.SATISFACTION, "服务对象满意度", Operator.GE, Decimal(120), "%")
        saved = ws.put_row(draft_id, None, row, base=1)
    messages = [f.message for f in saved.draft.review.findings if f.rule_id == "SAT-FLOOR"]
    assert any("≥120(%) 高于 100%" in m for m in messages) and not any("≥120(%) 为 100%" in m for m in messages)
