"""One run of the web workspace on the embedded model (llama.cpp on loopback, port 8841): the draft streams in
section by section — each section's progress reaches the page before the draft is done — and is saved as
model-written. Sections are kept short (as in test_drafting_e2e) so that it runs in a minute or two on 2 cores."""

from __future__ import annotations

import dataclasses

import pytest
from gradio_client import Client

from assistant.drafting import sections
from assistant.settings import LLMProvider, LLMSettings
from web_support import live_app, web_settings

MODEL_PORT = 8841


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
