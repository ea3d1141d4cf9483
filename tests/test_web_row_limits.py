"""The row editor as a budget officer uses it, through the page's API (gradio_client on a live app, rules writer,
temp store): a paragraph pasted into 三级指标, 单位 or the qualitative value is refused in Chinese and nothing is saved.
Before, a 3,000-character name was saved, and every later save of that draft took about a minute (the review reads
each name's endings against the text)."""

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
