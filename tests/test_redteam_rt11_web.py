"""Red team rt11, finding 6, through the live app (rules writer, temp store) and gradio_client: a save from a page
(session) that never opened the draft says so (not "没有第 0 版 … 请联系管理员"); a section text sent as null is
refused naming the part (not 出现了意外错误); the in-page save-conflict panel says what to do in the page, with no
command-line command."""

from __future__ import annotations

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from web_support import live_app, web_settings

DRAFT_ID, DRAFTS, STATUS, OVERVIEW, NECESSITY, GOAL_TOTAL, GOAL_ANNUAL, TABLE, REVIEW, CONFLICT = range(10)


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    with live_app(web_settings(tmp_path_factory.mktemp("rt11-web") / "data")) as address:
        yield address


def _client(url: str) -> Client:
    return Client(url, verbose=False, download_files=False)


def _text(update: object) -> str:
    return update["value"] if isinstance(update, dict) else update


def _drafted(client: Client) -> tuple[int, list[str]]:
    out = client.predict(False, *client.predict(api_name="/load_example"), api_name="/draft")[1:]
    return out[DRAFT_ID], [_text(out[i]) for i in (OVERVIEW, NECESSITY, GOAL_TOTAL, GOAL_ANNUAL)]


def test_a_save_from_a_session_that_never_opened_the_draft_says_so(url):
    draft_id, texts = _drafted(_client(url))
    with pytest.raises(AppError) as raised:
        _client(url).predict(draft_id, *texts, api_name="/save_sections")
    message = str(raised.value)
    assert "还没有打开这份草稿" in message and "第 0 版" not in message and "管理员" not in message


def test_a_null_section_text_is_refused_naming_the_part(url):
    client = _client(url)
    draft_id, texts = _drafted(client)
    with pytest.raises(AppError) as raised:
        client.predict(draft_id, None, *texts[1:], api_name="/save_sections")
    message = str(raised.value)
    assert "项目概况" in message and "意外错误" not in message


def test_the_conflict_panel_says_what_to_do_in_the_page(url):
    alice, bob = _client(url), _client(url)
    draft_id, texts = _drafted(alice)
    bob.predict(draft_id, api_name="/open_draft")
    alice.predict(draft_id, texts[0], "甲写的必要性", *texts[2:], api_name="/save_sections")
    clash = bob.predict(draft_id, texts[0], "乙写的必要性", *texts[2:], api_name="/save_sections")[CONFLICT]
    assert "保存冲突" in clash and "我的草稿" in clash and "assistant " not in clash and "drafts show" not in clash
