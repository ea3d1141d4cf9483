"""The few error types the product raises. Messages are Chinese, for users, and say what to do."""

from __future__ import annotations

from pydantic import ValidationError


class AssistantError(Exception):
    """Base error: ``message`` says what happened, ``hint`` what to do."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}（{self.hint}）" if self.hint else self.message


class InputError(AssistantError):
    """The user's input (a file, a brief, a query) cannot be used as it is."""


class NotADeclarationError(InputError):
    """A file holds no recognisable 绩效目标申报表."""


class CorpusError(AssistantError):
    """The corpus on disk is missing or inconsistent."""


class ModelError(AssistantError):
    """The language model or its server failed; ``raw_output`` keeps its last answer."""

    def __init__(self, message: str, *, hint: str | None = None, raw_output: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.raw_output = raw_output


_ERROR_TEXT = {
    "missing": "缺少该字段",
    "extra_forbidden": "不允许的字段",
    "enum": "取值不在允许范围内",
    "string_pattern_mismatch": "格式不符（应为小写 ASCII 与连字符）",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "list_type": "应为列表",
    "string_too_short": "不能为空",
    "string_too_long": "过长",
}


def describe_validation_error(
    exc: ValidationError, *, limit: int = 3, labels: dict[str, str] | None = None, texts: dict[str, str] | None = None
) -> str:
    """``字段 a.b：应为整数；…`` — what pydantic rejected, in Chinese, for a user-facing message.

    ``labels`` renames field names (e.g. to their Chinese aliases); ``texts`` overrides messages by error type.
    """
    labels, texts = labels or {}, {**_ERROR_TEXT, **(texts or {})}
    parts = []
    for error in exc.errors()[:limit]:
        field = ".".join(f"第{part + 1}项" if isinstance(part, int) else labels.get(part, part) for part in error["loc"]) or "（整体）"
        ctx_error = error.get("ctx", {}).get("error")
        text = texts.get(error["type"]) or (str(ctx_error) if ctx_error is not None else error["msg"])
        parts.append(f"字段 {field}：{text}")
    return "；".join(parts)
