"""A message whose hint names a command line reaches the page with what to do (ask the administrator), and the
command goes to the server log, not to the person (who has no shell)."""

from __future__ import annotations

import logging

from assistant.errors import InputError
from assistant.web.errors import ADMIN_HINT, page_error


def test_command_hint_becomes_an_administrator_hint(caplog) -> None:
    exc = InputError(
        "检索索引已损坏（/srv/index：其中的 chroma.sqlite3 无法按数据库读取），无法检索",
        hint="运行 assistant index build 重建",
    )
    with caplog.at_level(logging.WARNING, logger="assistant.web.errors"):
        message = str(page_error(exc).message)
    assert "检索索引已损坏" in message and ADMIN_HINT in message
    assert "assistant index build" not in message
    assert "assistant index build" in caplog.text


def test_plain_hint_is_shown_as_it_is() -> None:
    message = str(page_error(InputError("指标值不是数字", hint="写成 ≥90(%) 这样的形式")).message)
    assert "建议：写成 ≥90(%) 这样的形式" in message and ADMIN_HINT not in message


def test_no_hint_no_suggestion() -> None:
    assert "建议" not in str(page_error(InputError("没有找到草稿")).message)
