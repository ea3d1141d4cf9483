"""What a copied form leaves in a header value besides the value: the next label glued on (``蒋建华联系电目``: the
联系电话 label, one character misread), a row of tick boxes (``新增项目□延续项目√``) where one option is meant, and a
funding line that completes the total (``三、其他:3683.3970万元``) checked against that total.

Pure functions over text; the reader (``office.reader``) calls them and writes the notes.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from assistant.domain.model import CheckOption, CheckState

GLYPHS = {
    "☑": CheckState.CHECKED,
    "☒": CheckState.CHECKED,
    "■": CheckState.CHECKED,
    "√": CheckState.CHECKED,
    "✓": CheckState.CHECKED,
    "✔": CheckState.CHECKED,
    "☐": CheckState.UNCHECKED,
    "□": CheckState.UNCHECKED,
}
_MARKS = "".join(GLYPHS)
_BEFORE = re.compile(rf"([{_MARKS}])?\s*([^\s{_MARKS}]+)")  # ☑新增 ☐延续: the mark before its option
_AFTER = re.compile(rf"([^\s{_MARKS}]+)\s*([{_MARKS}])")  # 新增项目□延续项目√: the mark after its option
# Header fields whose value is a person's or a unit's name: a label glued on after it is never part of it.
GLUE_TARGETS = frozenset(
    {"manager", "contact", "phone", "applicant", "department", "implementer", "unit_head", "preparer", "nature"}
)
_NUMBER = re.compile(r"^\d{1,2}\s*[、.．]\s*")
_NEAR_MIN = 4  # a label this long may be matched one character off (联系电目 for 联系电话); shorter ones exactly


def options(text: str) -> list[CheckOption]:
    """The options of a tick-box cell, each with its state: marks before their options (``☑新增 ☐延续``) or after
    them (``新增项目□延续项目√``, the way Hunan's forms print); an option with no mark is UNKNOWN."""
    stripped = text.strip()
    if stripped and stripped[0] not in GLYPHS and has_marks(stripped):  # the first option carries the first mark
        found = [CheckOption(label=_bare(m[1]), state=GLYPHS[m[2]]) for m in _AFTER.finditer(stripped)]
        last = max((m.end() for m in _AFTER.finditer(stripped)), default=0)
        rest = [CheckOption(label=_bare(w), state=CheckState.UNKNOWN) for w in stripped[last:].split()]
        return found + rest
    return [
        CheckOption(label=_bare(m[2]), state=GLYPHS[m[1]] if m[1] else CheckState.UNKNOWN)
        for m in _BEFORE.finditer(stripped)
    ]


def _bare(option: str) -> str:
    """An option without its number (``1、持续性项目`` → 持续性项目)."""
    return _NUMBER.sub("", option) or option


def has_marks(text: str) -> bool:
    return any(mark in text for mark in GLYPHS)


def ticked(text: str) -> str | None:
    """The one ticked option of a tick-box value (``新增项目□延续项目√`` → 延续项目), else None (none or several
    ticked, or the marks not readable)."""
    chosen = [o.label for o in options(text) if o.state is CheckState.CHECKED]
    return chosen[0] if len(chosen) == 1 else None


def glued_label(value: str, labels: frozenset[str]) -> tuple[str, str] | None:
    """(value, label) when ``value`` ends with a known label, or with one off by a single character after its first
    two (联系电目 for 联系电话), and something is left before it; else None. Longest label first."""
    for size in range(min(len(value) - 1, 12), 1, -1):
        tail = value[-size:]
        if tail in labels:
            return value[:-size], tail
        if size >= _NEAR_MIN and any(_one_off(tail, label) for label in _labels_of(labels, size, tail[:2])):
            return value[:-size], tail
    return None


def _one_off(a: str, b: str) -> bool:
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


@cache
def _labels_of(labels: frozenset[str], size: int, head: str) -> tuple[str, ...]:
    return tuple(label for label in labels if len(label) == size and label.startswith(head))


def parts_message(total: Decimal, parts: list[tuple[str, Decimal]]) -> tuple[bool, str]:
    """(adds up, message) for a total and the funding lines that make it up (财政拨款, 自有资金, 其他), amounts in yuan."""
    added = sum((amount for _, amount in parts), Decimal(0))
    sums = " + ".join(f"{label} {_yuan(amount)}" for label, amount in parts)
    if added == total:
        return True, f"资金构成 {sums} = {_yuan(added)} 元，与资金总额一致"
    return False, (
        f"资金构成 {sums} = {_yuan(added)} 元，与资金总额 {_yuan(total)} 元不一致（相差 {_yuan(total - added)} 元）；"
        "请对照原表核对各项金额"
    )


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"
