"""What a model endpoint may do wrong, bounded: a time and length budget per call, bounded retries with back-off
(honouring ``Retry-After`` within the budget), and a check that a reply is prose in the expected language.

Every failure is a `ModelError` in Chinese whose text has secrets redacted (`assistant.llm.redact`), so the
drafting chain can keep what was written, write the rest by rules and say which sections to retry.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from assistant.errors import ModelError
from assistant.llm.redact import redact

if TYPE_CHECKING:  # the SDK is imported where a call is made: the drafting chain imports this module without a model
    import openai

R = TypeVar("R")

TRANSIENT_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}
BACKOFF_S = 1.0  # first wait; doubled each retry, capped by MAX_WAIT_S and by what the budget leaves
MAX_WAIT_S = 30.0
_SPECIAL_TOKENS = re.compile(r"<\|[a-z_]{2,20}\|>|</?s>|\[/?INST\]|<unk>|<pad>", re.IGNORECASE)
_MOJIBAKE = ("锟斤拷", "烫烫烫", "屯屯屯", "\ufffd", "Ã¤", "Ã©", "â€")
_JSON_KEYS = re.compile(r'"(?:text|citations|answer|quotes?)"\s*:|\b[SP]\d{1,3}\b')


@dataclass
class Budget:
    """One model call's limits: ``seconds`` in all (retries and waits included), ``max_chars`` of reply,
    ``retries`` after a transient failure (refused connection, 429, 5xx; a timeout is not retried)."""

    seconds: float
    max_chars: int
    retries: int
    started: float = field(default_factory=time.monotonic)

    def left(self) -> float:
        return self.seconds - (time.monotonic() - self.started)


class ReplyRejected(ModelError):
    """The endpoint answered, but not with usable prose: garbage, the wrong language, or without end."""


class BudgetExceeded(ModelError):
    """The call ran out of its time budget (a hang, a slow drip, retries that never succeed)."""


def with_retries(
    call: Callable[[float], R],
    budget: Budget,
    *,
    sleep: Callable[[float], None] = time.sleep,
    translate: Callable[[openai.OpenAIError], ModelError] | None = None,
) -> R:
    """``call(timeout_s)`` until it succeeds, at most ``budget.retries`` more times after a transient failure,
    waiting 1, 2, 4… s (or the ``Retry-After`` the endpoint asks for) only while the budget allows; each try gets
    the time the budget has left as its timeout. Raises the last failure as a Chinese `ModelError`."""
    import openai

    attempt = 0
    while True:
        left = budget.left()
        if left <= 0:
            raise BudgetExceeded(
                f"模型在 {budget.seconds:.0f} 秒的时间预算内没有完成",
                hint="可稍后重试，或调大 ASSISTANT_LLM__SECTION_BUDGET_S",
            )
        try:
            return call(left)
        except ModelError:
            raise
        except openai.OpenAIError as exc:
            wait = _retry_wait(exc, attempt)
            if wait is None or attempt >= budget.retries:
                raise (translate or transport_error)(exc) from exc
            if wait >= budget.left():
                raise transport_error(exc, waited=f"需等待 {wait:.0f} 秒后重试，超出本次的时间预算") from exc
            sleep(wait)
            attempt += 1


def _retry_wait(exc: openai.OpenAIError, attempt: int) -> float | None:
    """Seconds to wait before retrying ``exc``, or None when it is not worth retrying."""
    import openai

    backoff = min(BACKOFF_S * 2**attempt, MAX_WAIT_S)
    if isinstance(exc, openai.APITimeoutError):
        return None  # a hang: asking again would only spend the rest of the budget the same way
    if isinstance(exc, openai.APIConnectionError):
        return backoff
    if isinstance(exc, openai.APIStatusError) and exc.status_code in TRANSIENT_STATUS:
        asked = retry_after(exc.response.headers.get("retry-after") if exc.response is not None else None)
        return asked if asked is not None else backoff
    return None


def retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds (a number, or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def transport_error(exc: openai.OpenAIError, *, waited: str = "") -> ModelError:
    """``exc`` as a Chinese `ModelError`, with any secret in the endpoint's text redacted."""
    import openai

    extra = f"（{waited}）" if waited else ""
    match exc:
        case openai.APITimeoutError():
            return BudgetExceeded("模型请求超时" + extra, hint="可稍后重试，或调大 ASSISTANT_LLM__SECTION_BUDGET_S")
        case openai.APIConnectionError():
            return ModelError(
                "无法连接模型服务，或连接中途断开" + extra,
                hint="请确认 ASSISTANT_LLM__BASE_URL 可访问，或本地服务仍在运行",
            )
        case openai.AuthenticationError():
            return ModelError("模型服务拒绝了 API key", hint="请检查 ASSISTANT_LLM__API_KEY")
        case openai.RateLimitError():
            return ModelError(f"模型服务繁忙（429）{extra}：{upstream_text(exc)}", hint="请稍后重试")
        case openai.APIStatusError():
            return ModelError(
                f"模型服务返回错误 {exc.status_code}{extra}：{upstream_text(exc)}",
                hint="请检查模型名和请求参数；本地模型的详情见数据目录下的 logs/llama_server.log",
            )
        case _:
            return ModelError(f"模型调用失败：{short(str(exc))}", hint="请稍后重试")


def upstream_text(exc: openai.APIStatusError) -> str:
    """What the endpoint said (its error body's message, without the SDK's English prefix), short and redacted."""
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        said = inner.get("message") if isinstance(inner, dict) else inner
        if said:
            return "服务返回“" + short(str(said), 200) + "”"
    return "服务返回“" + short(re.sub(r"^Error code: \d+ - ", "", str(exc.message)), 200) + "”"


def unreadable_reply(exc: BaseException) -> ModelError:
    """A reply the client could not read (a body that is not JSON, an empty ``choices`` list, a broken stream)."""
    return ModelError(
        "模型服务返回的内容无法读取（不是有效的 JSON，或没有回复内容）",
        hint="请确认 ASSISTANT_LLM__BASE_URL 指向 OpenAI 兼容的接口，或稍后重试",
    )


def short(text: str, limit: int = 300) -> str:
    text = redact(text)
    return text if len(text) <= limit else text[:limit] + "…"


def prose_problem(text: str, *, language: str = "zh") -> str | None:
    """Why ``text`` (a reply: prose, or JSON carrying prose) is not prose in ``language``; None when it is.

    Refused: a chat template's special tokens (``<|im_end|>``), mojibake (锟斤拷, U+FFFD), mostly symbols, or
    (for ``zh``) letters that are mostly not Chinese."""
    if _SPECIAL_TOKENS.search(text):
        return "输出中有模型的控制符，不是正文"
    if any(mark in text for mark in _MOJIBAKE):
        return "输出中有乱码"
    prose = _prose_of(text)
    if not prose.strip():
        return None  # nothing written: the caller's reading reports an empty reply
    letters = [c for c in prose if unicodedata.category(c).startswith("L")]
    symbols = [c for c in prose if unicodedata.category(c)[0] == "S"]
    visible = [c for c in prose if not c.isspace()]
    if len(visible) >= 10 and len(symbols) > 0.25 * len(visible):
        return "输出大多是符号，不是正文"
    if language == "zh" and len(letters) >= 20:
        chinese = sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")
        if chinese < 0.5 * len(letters):
            return "输出不是中文正文"
    return None


def _prose_of(text: str) -> str:
    """The string values of a JSON reply (what a person would read), else the text without JSON keys."""
    try:
        value = json.loads(text)
    except ValueError:
        return _JSON_KEYS.sub(" ", text)
    strings: list[str] = []
    _collect(value, strings)
    return " ".join(s for s in strings if not re.fullmatch(r"[SP]\d{1,3}", s))


def _collect(value: object, into: list[str]) -> None:
    if isinstance(value, str):
        into.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, into)
    elif isinstance(value, list):
        for item in value:
            _collect(item, into)
