"""A value the 监控/自评 row editor refuses is said once, when saving (web trial wf1: "Error (2)"): the live preview
ran on each keystroke and raised the same error as 保存, so a bad amount toasted per keystroke and twice per save.
The preview now shows the problem in the line above the table and raises nothing; 保存 still refuses it, once.
Through the real workspace over gradio_client, on the corpus project 2023-003-06 (row 2 =365(天))."""

from __future__ import annotations

import pytest
from gradio_client import Client
from web_support import live_app, web_settings

from assistant.web.monitor_tab import UNSET
from assistant.web.selfeval_tab import NO_BAND

PROJECT = "2023-003-06"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    with live_app(web_settings(tmp_path_factory.mktemp("data"))) as url:
        yield Client(url, verbose=False, download_files=False)


@pytest.mark.parametrize(("actual", "executed", "said"), [("1e3天", "", "1e3天"), ("", "十万块", "执行数")])
def test_monitor_preview_shows_a_refused_value_without_raising(client: Client, actual, executed, said) -> None:
    client.predict(None, PROJECT, "2023-07-31", api_name="/monitor_create")  # the form's id and version: session state
    editor = [2, actual, "", UNSET, [], "", "", "", executed]
    summary = client.predict(*editor, api_name="/monitor_preview")[0]
    assert "保存时将被拒绝" in summary and said in summary, summary
    with pytest.raises(Exception) as refused:  # 保存 refuses it: the one message
        client.predict(None, *editor, api_name="/monitor_save")
    assert said in str(refused.value)


def test_selfeval_preview_shows_a_refused_value_without_raising(client: Client) -> None:
    client.predict(None, PROJECT, api_name="/selfeval_create")
    editor = [2, "1e3天", "", NO_BAND, "", "", "", "", ""]
    total = client.predict(*editor, api_name="/selfeval_preview")[1]
    assert "保存时将被拒绝" in total and "1e3天" in total, total
