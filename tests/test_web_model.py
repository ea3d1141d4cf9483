"""One run of the web workspace on the embedded model (llama.cpp on loopback, port 8841): the draft streams in
section by section — each section's progress reaches the page before the draft is done — and is saved as
model-written. A section rewritten by the model on an instruction is proposed beside the text and, accepted,
saved as 模型按要求改写. Sections are kept short (as in test_drafting_e2e) so that it runs in a minute or two on 2 cores."""

from __future__ import annotations

import dataclasses
import os

import pytest
from gradio_client import Client
from web_support import live_app, web_settings

from assistant.drafting import sections
from assistant.settings import LLMProvider, LLMSettings

MODEL_PORT = int(os.environ.get("WEB_MODEL_PORT", "8841"))  # a free loopback port for the model server


@pytest.fixture()
def short_sections(monkeypatch):
    short = {kind: dataclasses.replace(spec, length=40) for kind, spec in sections.SPECS.items()}
    monkeypatch.setattr(sections, "SPECS", short)


def test_draft_streams_on_the_embedded_model(short_sections, tmp_path):
    settings = web_settings(tmp_path / "data")
    settings = settings.model_copy(update={"llm": LLMSettings(provider=LLMProvider.LOCAL, local_port=MODEL_PORT)})
    with live_app(settings) as url:
        client = Client(url, verbose=False, download_files=False)
        job = client.submit(False, *client.predict(api_name="/load_example"), api_name="/draft")
        final = job.result(timeout=900)
    updates = [out[0] for out in job.outputs()]
    started = next(i for i, text in enumerate(updates) if "开始 项目概况" in text)
    finished = next(i for i, text in enumerate(updates) if "完成 项目概况" in text)
    assert started < finished < len(updates) - 1, updates  # progress arrived while the model was still writing
    assert "起草完成" in final[0] and "第 1 版" in final[3]
    overview = final[4]
    assert overview["value"] and "模型起草" in overview["label"]


def test_a_rewrite_on_the_embedded_model_is_proposed_then_accepted_as_model_revised(short_sections, tmp_path):
    """Drafted by rules (fast), a placeholder typed into 必要性, then the section rewritten by the model on an
    instruction (覆盖 ticked): proposed beside the text, nothing saved until 采纳, then saved as 模型按要求改写."""
    settings = web_settings(tmp_path / "data")
    settings = settings.model_copy(update={"llm": LLMSettings(provider=LLMProvider.LOCAL, local_port=MODEL_PORT)})
    with live_app(settings) as url:
        client = Client(url, verbose=False, download_files=False)
        final = client.predict(True, *client.predict(api_name="/load_example"), api_name="/draft")
        draft_id, texts = final[1], [final[i]["value"] for i in (4, 5, 6, 7)]
        texts[1] = "待补充。"  # a placeholder the person typed: the model is asked to write the section properly
        client.predict(draft_id, *texts, api_name="/save_sections")
        heading, current, proposed, _, proposal_id = client.predict(
            draft_id, "necessity", "根据简报写出必要性，简洁", True, False, api_name="/regenerate"
        )
        assert "要求：根据简报写出必要性" in heading and current == "待补充。" and proposed not in ("", "待补充。")
        assert client.predict(draft_id, api_name="/history")[1]["data"][0][0] == "2"  # the proposal saved nothing
        accepted = client.predict(draft_id, proposal_id, *texts, api_name="/accept_proposal")
    assert "第 3 版" in accepted[2] and "模型按要求改写" in accepted[4]["label"] and accepted[4]["value"] == proposed
