"""Indicator values: ``≥90(%)``, ``=365(天)``, ``及时``, ``6月底前``, ``1小时内响应，3小时内抵达现场`` (primer §4)."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.text import clauses as split_clauses


class Operator(StrEnum):
    GE = "≥"
    LE = "≤"
    EQ = "="
    GT = ">"
    LT = "<"


class ValueKind(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"
    DEADLINE = "deadline"
    COMPOUND = "compound"
    MISSING = "missing"


class ValuePart(BaseModel):
    """One quantity inside a compound value, e.g. ``1小时内响应``."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    number: Decimal
    unit: str | None
    text: str


class IndicatorValue(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    raw: str = Field(description="The value exactly as written.")
    kind: ValueKind
    operator: Operator | None = Field(default=None, description="None when a number carries no operator (100%).")
    number: Decimal | None = None
    decimals: int | None = Field(default=None, description="Digits written after the decimal point.")
    unit: str | None = None
    text: str | None = Field(default=None, description="Qualitative wording or deadline text.")
    parts: list[ValuePart] = Field(default_factory=list)

    def render(self) -> str:
        """Canonical written form: ``≥90(%)``; other kinds as written."""
        if self.kind is not ValueKind.QUANTITATIVE or self.number is None:
            return self.raw
        op = self.operator.value if self.operator else ""
        unit = f"({self.unit})" if self.unit else ""
        return f"{op}{self.number}{unit}"


_OPERATORS = {
    "≥": Operator.GE,
    "≧": Operator.GE,
    ">=": Operator.GE,
    "＞＝": Operator.GE,
    "≤": Operator.LE,
    "≦": Operator.LE,
    "<=": Operator.LE,
    "＜＝": Operator.LE,
    "=": Operator.EQ,
    "＝": Operator.EQ,
    "═": Operator.EQ,  # a box-drawing double line a PDF or Word font gives for = (永德 自评表: ``═ | 100 | %``)
    "==": Operator.EQ,
    ">": Operator.GT,
    "＞": Operator.GT,
    "<": Operator.LT,
    "＜": Operator.LT,
}
_OP_PATTERN = "|".join(re.escape(op) for op in sorted(_OPERATORS, key=len, reverse=True))
_QUANT = re.compile(
    rf"^(?P<op>{_OP_PATTERN})?\s*(?P<num>[+-]?\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?)\s*"
    r"(?:[(（]\s*(?P<punit>[^()（）]{1,8})\s*[)）]|(?P<unit>%|‰|[^\d\s()（）,，;；。]{1,6}))?$"
)
_MISSING = {"", "-", "—", "——", "--", "/", "／"}
_DEADLINE = re.compile(r"(\d{1,2}\s*月(?:份)?(?:底|末|中|初|\d{1,2}日)?(?:前|之前|内)|年底前|年内|\d{4}年\d{1,2}月)")
# 2027年11月底前, 12月20日前, 6月上旬前, 6月前: the month (its end, a third of it, a day) before which a thing is done;
# the one reading of such a deadline (a brief's statement, a self-evaluation's date against its target).
MONTH_DEADLINE = re.compile(
    r"(?:(?P<year>\d{4})年)?(?P<month>1[0-2]|0?[1-9])月"
    r"(?P<when>(?P<end>底|末)|上旬|中旬|下旬|(?P<day>[12]\d|3[01]|0?[1-9])日)?(?:之前|以前|前)"
)
_QUANTITY_PHRASE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>个工作日|工作日|小时|分钟|天|日|周|月|年|次|个|人|项|%)"
)


# Full-width ASCII forms (``９８０％``, ``（个）``, ``９８．５``) and the ideographic space, folded before a number
# or unit is read, so every rule sees ``980`` and ``%`` (red team rt10 #4: ``≥９８０％`` escaped VAL-IMPOSSIBLE).
# The sentence punctuation (，；：！？) stays as written: a compound value's text keeps the form's own commas.
_KEPT = {ord(c) for c in "，；：！？"}
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if code not in _KEPT} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """``≥９８０％`` → ``≥980%``: full-width letters, digits and signs as ASCII; other text unchanged."""
    return text.translate(_FULL_WIDTH)


def parse_value(raw: str) -> IndicatorValue:
    """Classify and parse one written value; never raises."""
    text = raw.strip()
    if text in _MISSING:
        return IndicatorValue(raw=raw, kind=ValueKind.MISSING)
    if _DEADLINE.search(text):
        return IndicatorValue(raw=raw, kind=ValueKind.DEADLINE, text=text)
    quantitative = _parse_quantitative(fold_width(text), raw)
    if quantitative is not None:
        return quantitative
    compound = _parse_compound(fold_width(text), raw)
    if compound is not None:
        return compound
    return IndicatorValue(raw=raw, kind=ValueKind.QUALITATIVE, text=text)


# Words written around a number instead of an operator: ``90%以上``, ``12万人次以上``, ``不少于300人``.
# ``None``: an approximate value (左右, 约) that states no direction.
# ``3个工作日内``, ``24小时内``, ``30天内``: 内 after a unit of time is a limit (≤), as 以内 is.
_WORD_SUFFIX = re.compile(
    r"(?P<word>及以上|或以上|以上|及以下|或以下|以下|以内|之内|左右|上下|(?<=[日天时钟周月年])内)$"
)
_WORD_PREFIX = re.compile(r"^(?P<word>不少于|不低于|至少|大于等于|不超过|不高于|不多于|最多|小于等于|大约|约)")
_WORD_OPERATORS: dict[str, Operator | None] = {
    "及以上": Operator.GE,
    "或以上": Operator.GE,
    "以上": Operator.GE,
    "不少于": Operator.GE,
    "不低于": Operator.GE,
    "至少": Operator.GE,
    "大于等于": Operator.GE,
    "及以下": Operator.LE,
    "或以下": Operator.LE,
    "以下": Operator.LE,
    "以内": Operator.LE,
    "之内": Operator.LE,
    "内": Operator.LE,
    "不超过": Operator.LE,
    "不高于": Operator.LE,
    "不多于": Operator.LE,
    "最多": Operator.LE,
    "小于等于": Operator.LE,
    "左右": None,
    "上下": None,
    "大约": None,
    "约": None,
}


def operator_words(raw: str) -> tuple[str, ...]:
    """The words a quantitative value uses in place of an operator (``90%以上`` → ``("以上",)``)."""
    text = raw.strip().replace(" ", "")
    found = [m["word"] for m in (_WORD_PREFIX.search(text), _WORD_SUFFIX.search(text)) if m]
    if not found or _parse_quantitative(fold_width(text), raw) is None:
        return ()
    return tuple(found)


def _strip_words(text: str) -> tuple[str, Operator | None]:
    operator = None
    for pattern in (_WORD_PREFIX, _WORD_SUFFIX):
        found = pattern.search(text)
        if found:
            text = text[: found.start()] + text[found.end() :]
            operator = operator or _WORD_OPERATORS[found["word"]]
    return text, operator


_SENSE_OF = {Operator.GE: "up", Operator.GT: "up", Operator.LE: "down", Operator.LT: "down"}


def conflicting_bound(raw: str) -> tuple[str, str] | None:
    """(the operator, the word) of a value whose sign and word bound it in opposite senses (``≥57个以下``), else None:
    such a value is kept as written (qualitative), never read with one of the two silently dropped."""
    text = fold_width(raw.strip().replace(" ", ""))
    stripped, word = _strip_words(text)
    match = _QUANT.match(stripped)
    if match is None or not match["op"] or word is None:
        return None
    senses = {_SENSE_OF.get(_OPERATORS[match["op"]]), _SENSE_OF.get(word)}
    if senses != {"up", "down"}:
        return None
    written = next(m["word"] for m in (_WORD_PREFIX.search(text), _WORD_SUFFIX.search(text)) if m)
    return match["op"], written


def bound_message(name: str, raw: str) -> str | None:
    """The import note for a value whose sign and word disagree (`conflicting_bound`), else None."""
    found = conflicting_bound(raw)
    if found is None:
        return None
    return (
        f"指标「{name}」的目标值「{raw.strip()}」既写「{found[0]}」又写「{found[1]}」，两者方向相反，"
        "未读作数值，按原文保留；请核对后改为一个方向"
    )


def _parse_quantitative(text: str, raw: str) -> IndicatorValue | None:
    if conflicting_bound(text) is not None:
        return None
    stripped, word_operator = _strip_words(fold_width(text.replace(" ", "")))
    match = _QUANT.match(stripped)
    if match is None:
        return None
    number_text = match["num"].replace(",", "")
    unit = match["punit"] or match["unit"]
    operator = _OPERATORS[match["op"]] if match["op"] else word_operator
    return IndicatorValue(
        raw=raw,
        kind=ValueKind.QUANTITATIVE,
        operator=operator,
        number=Decimal(number_text),
        decimals=len(number_text.split(".")[1]) if "." in number_text else 0,
        unit=unit.strip() if unit else None,
    )


def _parse_compound(text: str, raw: str) -> IndicatorValue | None:
    """Two or more clauses each carrying a quantity: ``1小时内响应，3小时内抵达现场``."""
    clauses = split_clauses(text)
    if len(clauses) < 2:
        return None
    parts = []
    for clause in clauses:
        found = _QUANTITY_PHRASE.search(clause)
        if found is None:
            return None
        parts.append(ValuePart(number=Decimal(found["num"]), unit=found["unit"], text=clause))
    return IndicatorValue(raw=raw, kind=ValueKind.COMPOUND, text=text, parts=parts)


# An operator (or none), then only digits and number punctuation, then a unit in brackets: the shape of a numeric
# target ("≥1200(次)"). Text of this shape that `parse_value` cannot read as a number (``≥1,200.5.3(次)``,
# ``≥1..2(个)``, ``＞1e3(次)``) is a mistyped figure, not a qualitative value.
_NUMBER_SHAPED = re.compile(
    r"^\s*(?:>=|<=|[≥≤=<>＜＞≧≦＝])?\s*[0-9０-９][0-9０-９,，.．eE\s]*[（(][^()（）]{1,12}[)）]\s*$"
)


def mistyped_number(text: str) -> bool:
    """Whether ``text`` is shaped as a numeric target but its number cannot be read (then it would be stored as a
    qualitative value that no self-evaluation can score, red team rt8 R8)."""
    return bool(_NUMBER_SHAPED.match(text)) and parse_value(text).kind is not ValueKind.QUANTITATIVE
