"""The workspace as a budget officer uses it, through the page's API (gradio_client on a live app, rules writer,
temp store): a paragraph pasted into 三级指标, 单位 or the qualitative value is refused in Chinese and nothing is saved.
Before, a 3,000-character name was saved, and every later save of that draft took about a minute (the review reads
each name's endings against the text). A version the draft lacks (restore, compare) is named with how many there are,
not with a command; a corpus search that finds nothing says so."""

from __future__ import annotations

import time

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from web_support import live_app, web_settings

DRAFT_ID, STATUS, TABLE = 0, 2, 7  # outputs of an action that shows a draft (see tests/test_web_api.py)


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    with live_app(web_settings(tmp_path_factory.mktemp("web-rows") / "data")) as address:
        yield address


def _drafted(client: Client) -> list:
    form = client.predict(api_name="/load_example")
    return client.predict(False, *form, api_name="/draft")[1:]


def test_a_pasted_paragraph_in_a_row_is_refused_in_chinese_and_nothing_is_saved(url):
    client = Client(url, verbose=False, download_files=False)
    draft_id = _drafted(client)[DRAFT_ID]
    rows = [
        (("长" * 3000, "≥", "5", "个", ""), "三级指标名称过长（3000 字，最多 100 字），未保存"),
        (("运维天数", "≥", "5", "天" * 30, ""), "单位过长（30 字，最多 20 字），未保存"),
        (("运维质量", "（无）", "", "", "达" * 500), "定性指标值过长（500 字，最多 200 字），未保存"),
    ]
    for fields, message in rows:
        started = time.monotonic()
        with pytest.raises(AppError, match=message):
            client.predict(draft_id, 0, "产出指标", "数量指标", *fields, api_name="/add_row")
        assert time.monotonic() - started < 20
    history = client.predict(draft_id, api_name="/history")[1]["data"]
    assert [row[0] for row in history] == ["1"]  # nothing was saved

    longest = "运" * 100  # the limit itself is kept, and the next save is not slowed down
    added = client.predict(draft_id, 0, "产出指标", "数量指标", longest, "≥", "5", "个", "", api_name="/add_row")
    assert "第 2 版" in added[STATUS] and any(row[3] == longest for row in added[TABLE]["data"])


def test_a_version_the_draft_lacks_is_named_with_the_versions_there_are_and_no_command(url):
    """Restoring or comparing 第 999 版 told the person to ask the administrator (the store's hint names a command)."""
    client = Client(url, verbose=False, download_files=False)
    draft_id = _drafted(client)[DRAFT_ID]
    for args, api_name in [((draft_id, 999), "/restore"), ((draft_id, 1, 999), "/diff"), ((draft_id, 999, 1), "/diff")]:
        with pytest.raises(AppError) as caught:
            client.predict(*args, api_name=api_name)
        message = str(caught.value)
        assert f"草稿 {draft_id} 没有第" in message and "共 1 版" in message, message
        assert "请填写 1 到 1 之间的版本号" in message and "管理员" not in message, message
    history = client.predict(draft_id, api_name="/history")[1]["data"]
    assert [row[0] for row in history] == ["1"]  # nothing was restored


def test_a_corpus_search_that_finds_nothing_says_so(url):
    client = Client(url, verbose=False, download_files=False)
    table, _ = client.predict("没有这个词的申报表", "", api_name="/corpus_find")
    assert table["value"]["data"] in ([], [[""] * 5]) or not table["value"]["data"][0][0]
    assert table["label"].startswith("没有找到含“没有这个词的申报表”的申报表")
    found, _ = client.predict("党员", "", api_name="/corpus_find")
    rows = found["value"]["data"]
    assert rows and found["label"] == f"申报表（点选一行打开）：找到 {len(rows)} 份"
