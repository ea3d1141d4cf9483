"""The workspace's API driven with gradio_client against a live app on loopback (rules writer, temp store):
draft, edit, a stale save shown as a conflict, the row editor, history, restore, export, errors in Chinese."""

from __future__ import annotations

import pytest
from docx import Document
from gradio_client import Client
from gradio_client.exceptions import AppError

from web_support import live_app, web_settings

# API outputs of every action that shows a draft (gr.State is not part of the API)
DRAFT_ID, DRAFTS, STATUS, OVERVIEW, NECESSITY, GOAL_TOTAL, GOAL_ANNUAL, TABLE, REVIEW, CONFLICT = range(10)


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    with live_app(web_settings(tmp_path_factory.mktemp("web-api") / "data")) as address:
        yield address


def _client(url: str) -> Client:
    return Client(url, verbose=False, download_files=False)


def _drafted(client: Client) -> tuple:
    form = client.predict(api_name="/load_example")
    return client.predict(*form, api_name="/draft")


def _text(update: object) -> str:
    return update["value"] if isinstance(update, dict) else update


def test_draft_streams_progress_and_saves_version_one(url):
    client = _client(url)
    job = client.submit(*client.predict(api_name="/load_example"), api_name="/draft")
    final = job.result()
    progress = [update[0] for update in job.outputs()]
    assert any("开始 项目概况" in p for p in progress) and "起草完成" in final[0]
    out = final[1:]
    assert "第 1 版" in out[STATUS] and "党员教育平台" in _text(out[OVERVIEW])
    assert out[TABLE]["data"][0][1] == "产出指标" and "审核" in out[REVIEW]


def test_section_edit_saves_a_human_version_and_a_stale_save_is_a_conflict(url):
    alice, bob = _client(url), _client(url)
    out = _drafted(alice)[1:]
    draft_id = out[DRAFT_ID]
    sections = [_text(out[i]) for i in (OVERVIEW, NECESSITY, GOAL_TOTAL, GOAL_ANNUAL)]
    bob.predict(draft_id, api_name="/open_draft")
    saved = alice.predict(draft_id, sections[0], "甲写的必要性", *sections[2:], api_name="/save_sections")
    assert "第 2 版" in saved[STATUS] and "人工修改" in saved[NECESSITY]["label"]
    clash = bob.predict(draft_id, sections[0], "乙写的必要性", *sections[2:], api_name="/save_sections")
    assert "保存冲突" in clash[CONFLICT] and "甲写的必要性" in clash[CONFLICT] and "乙写的必要性" in clash[CONFLICT]
    history = alice.predict(draft_id, api_name="/history")
    assert [row[0] for row in history[1]["data"]] == ["2", "1"]


def test_row_editor_saves_a_value_and_the_review_follows(url):
    client = _client(url)
    out = _drafted(client)[1:]
    draft_id = out[DRAFT_ID]
    changed = client.predict(draft_id, 0, "满意度指标", "服务对象满意度指标", "平台使用人员满意度", "（无）", "", "", "满意",
                             api_name="/add_row")  # fmt: skip
    rows = changed[TABLE]["data"]
    assert rows[-1][3:5] == ["平台使用人员满意度", "满意"] and rows[-1][6] == "人工修改" and "❌" in rows[-1][7]
    assert "满意度不是百分比" in changed[REVIEW] or "百分比" in changed[REVIEW]
    fixed = client.predict(draft_id, len(rows), "满意度指标", "服务对象满意度指标", "平台使用人员满意度", "≥", "90", "%", "",
                           api_name="/save_row")  # fmt: skip
    assert fixed[TABLE]["data"][-1][4] == "≥90(%)" and "❌" not in fixed[TABLE]["data"][-1][7]


def test_restore_and_export_docx(url):
    client = _client(url)
    out = _drafted(client)[1:]
    draft_id = out[DRAFT_ID]
    texts = [_text(out[i]) for i in (OVERVIEW, NECESSITY, GOAL_TOTAL, GOAL_ANNUAL)]
    client.predict(draft_id, "改过的概况", *texts[1:], api_name="/save_sections")
    restored = client.predict(draft_id, 1, api_name="/restore")
    assert "第 3 版" in restored[STATUS] and _text(restored[OVERVIEW]) == texts[0]
    exported = client.predict(draft_id, "docx", api_name="/export")
    path = exported["path"] if isinstance(exported, dict) else exported
    cells = {c.text for t in Document(path).tables for r in t.rows for c in r.cells}
    assert any("党员教育平台运维项目" in c for c in cells)


def test_errors_reach_the_page_in_chinese(url):
    client = _client(url)
    form = list(client.predict(api_name="/load_example"))
    form[1] = "明年"
    with pytest.raises(AppError, match="年度"):
        client.predict(*form, api_name="/draft")
    with pytest.raises(AppError, match="还没有打开草稿"):
        client.predict(None, "docx", api_name="/export")
    with pytest.raises(AppError, match="没有编号为 9999"):
        client.predict(9999, api_name="/open_draft")
