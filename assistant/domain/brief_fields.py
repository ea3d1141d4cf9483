"""The pieces every field of a brief is made of: its size limits, the check that refuses control characters (naming
the field), and amounts in yuan written as numbers or as text (186万元, 1.2亿元), never negative, to the cent."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from assistant.domain.amounts import TOO_LARGE_HINT, AmountTooLarge, parse_amount
from assistant.domain.numerals import join_digit_groups
from assistant.domain.text import visible_data

BRIEF_CONFIG = ConfigDict(populate_by_name=True, extra="forbid", str_strip_whitespace=True, frozen=True)

# Size limits, far above real briefs, so that a runaway brief is refused at once instead of costing minutes of
# parsing, retrieval and drafting: the corpus's longest section has 2,668 characters and its longest project name 27.
SHORT_TEXT = 200  # names, units, labels: one line of the form
LONG_TEXT = 20_000  # 主要内容, a plan step, a part's content
MAX_ITEMS = 200  # policies, plan steps, parts
FIRST_YEAR, LAST_YEAR = 2000, 2100  # 年度, and the years of 开始日期 and 结束日期
ShortText = Annotated[str, Field(max_length=SHORT_TEXT)]
LongText = Annotated[str, Field(max_length=LONG_TEXT)]

# Characters that have no place in a brief: C0/C1 controls (ESC starts a terminal escape sequence) and the
# bidirectional overrides that reorder how text displays. Line breaks and tabs only where text runs on.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_BREAK = re.compile(f"{_CONTROL.pattern}|[\t\n\r]")
_MULTILINE = {"content", "work", "detail", "policies"}
_CONTROL_NAMES = {"\x1b": "ESC（终端转义序列的开头）", "\n": "换行", "\r": "回车符", "\t": "制表符"}


def _control_name(char: str) -> str:
    if char in _CONTROL_NAMES:
        return _CONTROL_NAMES[char]
    kind = "文字方向控制符" if char >= "\u202a" else "控制字符"
    return f"{kind} U+{ord(char):04X}"


def _reject_controls(value: object, field: str) -> object:
    texts = value if isinstance(value, list) else [value]
    pattern = _CONTROL if field in _MULTILINE else _CONTROL_OR_BREAK
    for text in texts:
        found = pattern.search(text) if isinstance(text, str) else None
        if found:
            where = "（该栏只能写一行）" if found[0] in "\t\n\r" else ""
            raise ValueError(f"含有{_control_name(found[0])}{where}，请删除后重试")
    return value


class BriefModel(BaseModel):
    """Every text of a brief is checked for control characters, naming the field."""

    model_config = BRIEF_CONFIG

    @field_validator("*", mode="before")
    @classmethod
    def _visible(cls, value: object) -> object:
        """Invisible format characters (zero-width space…) removed: ``1\u200b2份`` is read as the 12份 it shows."""
        return visible_data(value) if isinstance(value, (str, list)) else value

    @field_validator("*", mode="after")
    @classmethod
    def _no_controls(cls, value: object, info: ValidationInfo) -> object:
        return _reject_controls(value, info.field_name or "")


def _amount_before(raw: object) -> object:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError("应为金额数字（元），而不是 是/否")
    if isinstance(raw, (int, float)):  # a YAML number: .nan, .inf and 1e30 are refused like the same text
        return _parse_amount(repr(raw))
    if isinstance(raw, str):
        return _parse_amount(raw)
    return raw


def _not_negative(amount: Decimal | None) -> Decimal | None:
    if amount is not None and amount < 0:
        raise ValueError("金额不能为负数")
    return amount


def _parse_amount(raw: str) -> Decimal:
    try:
        amount = parse_amount(raw)
    except AmountTooLarge:
        raise ValueError(f"“{raw}”金额过大（不少于 1,000 万亿元）：{TOO_LARGE_HINT}") from None
    except ValueError:
        amount = None
    if amount is None:
        raise ValueError(f"“{raw}”不是金额，请写数字（单位：元），如 1860000，或写明万元，如 186万元")
    if amount != amount.quantize(_CENT):
        raise ValueError(
            f"“{raw}”是 {amount} 元，不足 1 分的部分无法填报：金额以元为单位，最多两位小数（到分）；"
            "请按实际金额改写" + (f"，如 {amount.quantize(_CENT)}" if amount.quantize(_CENT) else "")
        )
    return amount


_CENT = Decimal("0.01")


# Yuan, written as a number or as text such as "1,860,000元", "186万元" or "1.2亿元" (converted exactly, and
# said so in ``Brief.unit_notes``); never negative; a blank is None.
OptionalAmount = Annotated[Decimal | None, BeforeValidator(_amount_before), AfterValidator(_not_negative)]
Amount = Annotated[Decimal, BeforeValidator(_amount_before), AfterValidator(_not_negative)]


def joined_figures(value: str | None) -> str | None:
    """Free text with grouped figures as plain digits (1,235公里 → 1235公里), so no reader takes a tail."""
    return join_digit_groups(value) if isinstance(value, str) else value
