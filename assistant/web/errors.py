"""Errors reach the page in Chinese with what to do, never as a traceback.

A toast renders its message as HTML, and messages quote what a person or a file wrote (a value typed, a
file name, a parse note): every message leaving a handler is HTML-escaped here, once."""

from __future__ import annotations

import functools
import inspect
import logging
import re
from collections.abc import Callable

import gradio as gr

from assistant.errors import AssistantError, ModelError
from assistant.services.results import redact, unreachable
from assistant.web.safe import html

log = logging.getLogger(__name__)
_COMMAND_LINE = re.compile(r"(?<![\w-])--[a-z]|\bassistant [a-z]|ASSISTANT_[A-Z]")
UNEXPECTED = "出现了意外错误（详情已记入服务器日志），已保存的内容不受影响。请重试；如反复出现，请联系管理员。"
ADMIN_HINT = "请联系管理员处理（处理办法已记入服务器日志）"
MODEL_DOWN_HINT = "已保存的草稿和页面上的内容都不受影响；可稍后重试，或勾选“不用模型，按规则起草”后再试"


def page_error(exc: BaseException) -> gr.Error:
    """The Chinese message a person sees for ``exc`` (escaped: it is shown as text)."""
    if isinstance(exc, gr.Error):
        return escaped(exc)
    if isinstance(exc, ModelError):
        return _marked(
            gr.Error(html(f"语言模型暂不可用：{redact(exc.message)}。{MODEL_DOWN_HINT}"), title="模型不可用")
        )
    if isinstance(exc, AssistantError):
        return _marked(gr.Error(html(exc.message + _page_hint(exc.hint)), title="无法完成"))
    down = unreachable(exc)
    if down is not None:
        return _marked(gr.Error(html(f"{down.message}。{down.hint}"), title="草稿库无法连接"))
    log.error("unexpected error in a web handler", exc_info=exc)
    return _marked(gr.Error(UNEXPECTED, title="意外错误"))


def _page_hint(hint: str | None) -> str:
    """The hint as the page shows it: one that names a command or a setting is the administrator's to follow
    (it goes to the server log, and the person is told to ask the administrator)."""
    if not hint:
        return ""
    if _COMMAND_LINE.search(hint):
        log.warning("hint for the administrator: %s", hint)
        return f"。建议：{ADMIN_HINT}"
    return f"。建议：{hint}"


def escaped(error: gr.Error) -> gr.Error:
    """``error`` with its message HTML-escaped (once: an error already escaped is returned as it is)."""
    if getattr(error, "shenbao_escaped", False):
        return error
    return _marked(gr.Error(html(str(error.message)), title=error.title, duration=error.duration))


def _marked(error: gr.Error) -> gr.Error:
    setattr(error, "shenbao_escaped", True)  # noqa: B010 - a marker attribute gr.Error does not declare
    return error


def guarded(fn: Callable) -> Callable:
    """``fn`` (a function or a generator function) with every exception shown as a Chinese message."""
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def gen(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:
                raise page_error(exc) from None

        return gen

    @functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise page_error(exc) from None

    return call
