"""The few error types the product raises. Messages are Chinese, for users, and say what to do."""

from __future__ import annotations

import errno
import re
from collections import defaultdict

from pydantic import ValidationError
from pydantic_core import ErrorDetails


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
    "enum": "取值不在允许范围内（可选：{expected}）",
    "literal_error": "取值不在允许范围内（可选：{expected}）",
    "string_pattern_mismatch": "格式不符（应为小写 ASCII 与连字符）",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字（不能写 .nan、.inf 这类值）",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_max_digits": "数字位数过多",
    "decimal_max_places": "小数位数过多",
    "bool_type": "应为 是/否（true/false）",
    "bool_parsing": "应为 是/否（true/false）",
    "date_type": "应为日期，写作 2027-01-01",
    "date_parsing": "应为日期，写作 2027-01-01",
    "date_from_datetime_parsing": "应为日期，写作 2027-01-01",
    "date_from_datetime_inexact": "应为日期，不带时间，写作 2027-01-01",
    "datetime_type": "应为日期时间，写作 2027-01-01T09:00:00",
    "datetime_parsing": "应为日期时间，写作 2027-01-01T09:00:00",
    "dict_type": "应为若干“名称: 值”组成的一组字段",
    "model_type": "应为若干“名称: 值”组成的一组字段",
    "model_attributes_type": "应为若干“名称: 值”组成的一组字段",
    "list_type": "应为列表",
    "string_too_short": "不能为空",
    "string_too_long": "过长（最多 {max_length} 字）",
    "too_short": "项数过少（至少 {min_length} 项）",
    "too_long": "项数过多（最多 {max_length} 项）",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
}
ERROR_TEXT = _ERROR_TEXT  # pydantic error types in Chinese, for a caller that adds its own
_CJK = re.compile(r"[\u4e00-\u9fff]")
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SHOWN_INPUT = 30


def describe_validation_error(
    exc: ValidationError, *, limit: int = 3, labels: dict[str, str] | None = None, texts: dict[str, str] | None = None
) -> str:
    """``字段 a.b：应为整数（填写的是“x”）；…`` — what pydantic rejected, in Chinese, for a user-facing message.

    ``labels`` renames field names (e.g. to their Chinese aliases); ``texts`` overrides messages by error type.
    A type no table knows never shows pydantic's English: it reads 取值无效.
    """
    labels, texts = labels or {}, {**_ERROR_TEXT, **(texts or {})}
    parts = []
    for error in exc.errors()[:limit]:
        field = (
            ".".join(f"第{part + 1}项" if isinstance(part, int) else labels.get(part, part) for part in error["loc"])
            or "（整体）"
        )
        text = validation_error_text(error, texts)
        parts.append(f"字段 {field}：{text}{_shown_input(error, text)}")
    return "；".join(parts)


def validation_error_text(error: ErrorDetails, texts: dict[str, str] | None = None) -> str:
    """One pydantic error in Chinese: the table's text for its type, our validators' own Chinese, or 取值无效."""
    texts = texts if texts is not None else _ERROR_TEXT
    ctx = dict(error.get("ctx", {}))
    if "expected" in ctx:  # pydantic's "'a', 'b' or 'c'"
        ctx["expected"] = "、".join(re.findall(r"'([^']*)'", str(ctx["expected"]))) or str(ctx["expected"])
    if error["type"] in texts:
        return texts[error["type"]].format_map(defaultdict(str, ctx))
    own = str(ctx["error"]) if ctx.get("error") is not None else error["msg"]  # our validators' ValueError text
    return own if _CJK.search(own) else "取值无效"


def _shown_input(error: ErrorDetails, text: str) -> str:
    """The value the user wrote, when it is a short scalar (never a whole mapping or list) not already in ``text``."""
    value = error.get("input")
    if error["type"] == "missing" or isinstance(value, (dict, list, tuple)) or value is None:
        return ""
    shown = printable(str(value), _SHOWN_INPUT)
    return "" if f"“{shown}”" in text else f"（填写的是“{shown}”）"


def printable(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with control characters written as ``\\u001b``: an error message
    must never send an escape sequence to the user's terminal."""
    shown = _INVISIBLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text[:limit])
    return shown + ("…" if len(text) > limit else "")


_OS_REASONS = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "所在磁盘为只读",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EFBIG: "文件超过系统允许的大小",
    errno.EIO: "磁盘读写出错",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENOENT: "目录不存在",
    errno.EBUSY: "文件正被其他程序占用",
}


def describe_os_error(exc: OSError) -> str:
    """Why the system refused a file operation, in Chinese (``strerror`` is English)."""
    return _OS_REASONS.get(exc.errno or 0, "系统拒绝了该操作")
