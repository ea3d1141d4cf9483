"""The unit a form names for its amounts, away from the figures themselves.

Published forms write plain figures (``1568.00``) and say once where the unit is: at the end of a label
(``资金总额（万元）``, ``项目资金/万元``), in a row-group label whose rows hold the amounts (``项目资金（万元） |
资金总额 | 1568.00`` then ``| | 其中：财政拨款 | 1568.00``), in a column header (``金额（万元）``) or in a line of
its own (``单位：万元``, ``金额单位：元``). These helpers find that unit; the readers apply it to the plain
figures under it (a figure written with its own unit, ``86万元``, keeps its own).

Lines under a table that explain it (``注：…``, ``说明：…``, ``填表说明：…``, ``备注：…``) are footnotes, never rows
(a form reader keeps a ``备注：…`` line as the form's 备注 section).
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.amounts import BLANK_MARKS, MAX_YUAN, AmountTooLarge, compact_amount
from assistant.ingest.cells import label_key

UNIT_WORD = r"(?:人民币)?(?:千万元|百万元|千元|万元|亿元|元|万)"
_UNIT_SUFFIX = re.compile(rf"(?:[（(]\s*(?:(?:金额)?单位\s*[：:]\s*)?({UNIT_WORD})\s*[)）]|[/／]\s*({UNIT_WORD}))$")
_UNIT_MARKER = re.compile(rf"(?:单位[：:]|^[（(]|^金额[（(]|^金额[/／])(?P<unit>{UNIT_WORD})[)）]?$")
# A bracket at a label's end that names money in a unit the readers cannot turn into yuan (万美元, 港元, 千万美元).
_ODD_UNIT = re.compile(r"[（(]\s*(?:(?:金额)?单位\s*[：:]\s*)?(?P<unit>[^（()）]{0,8}(?:元|币))\s*[)）]$")
SCALES = {
    "元": Decimal(1),
    "千元": Decimal(1_000),
    "万元": Decimal(10_000),
    "百万元": Decimal(1_000_000),
    "千万元": Decimal(10_000_000),
    "亿元": Decimal(100_000_000),
}
# A figure that writes its own unit (``2124000元``, ``2.124亿元``, ``86万``): that unit, whatever the block's.
_OWN_UNIT = re.compile(r"^(?P<num>[+-]?[\d,，]+(?:\.\d+)?)\s*(?P<unit>千万元|百万元|千元|万元|亿元|元|万|亿)$")
_MARKER_MAX = 24  # a longer cell naming a unit is a sentence, not a marker
FOOTNOTE = re.compile(r"^(?:注|说明|填表说明|附注|备注)\s*\d?\s*[:：]")
REMARK = re.compile(r"^备注\s*[:：]\s*(?P<text>\S.*)$")


def canonical(unit: str) -> str:
    """A unit as the readers name it: ``人民币万元`` and ``万`` → 万元, ``亿`` → 亿元; others as written."""
    unit = unit.removeprefix("人民币")
    return {"万": "万元", "亿": "亿元"}.get(unit, unit)


def unit_of(label: str) -> str | None:
    """The unit a label names at its end: ``资金总额（万元）`` → 万元, ``项目资金/元`` → 元, ``(千元)`` → 千元,
    ``(单位：人民币万元)`` and ``(万)`` → 万元, else None."""
    found = _UNIT_SUFFIX.search(label_key(label))
    return canonical(found[1] or found[2]) if found else None


def odd_unit(label: str) -> str | None:
    """A money unit named at a label's end that is none of `SCALES` (``项目资金（万美元）`` → 万美元), else None."""
    if unit_of(label) is not None:
        return None
    found = _ODD_UNIT.search(label_key(label))
    return found["unit"] if found else None


def scale(unit: str | None) -> Decimal:
    """Yuan per one of ``unit`` (None: the figures are yuan)."""
    return SCALES.get(canonical(unit), Decimal(1)) if unit else Decimal(1)


def own_unit(text: str) -> str | None:
    """The unit a figure writes after itself (``2124000元`` → 元, ``2.124亿元`` → 亿元, ``86万`` → 万元), else None."""
    found = _OWN_UNIT.match(text.strip().replace(" ", ""))
    return canonical(found["unit"]) if found else None


def read_in_unit(text: str, unit: str | None) -> tuple[Decimal | None, str]:
    """(yuan, the unit used) for a figure in a block whose unit is ``unit``: a figure that writes its own unit keeps
    its own (``513500元`` in a 万元 block is 513,500 元); a plain one is read in the block's. Raises ValueError for
    anything that is not a figure; (None, unit) for a blank (``""``, ``-``, ``——``)."""
    text = compact_amount(text)  # full-width ２，１２４，０００．００ too (red team rt12 #12)
    if text in BLANK_MARKS or set(text) <= {"-", "—"}:
        return None, unit or "元"
    found = _OWN_UNIT.match(text)
    number, used = (found["num"], canonical(found["unit"])) if found else (text, unit or "元")
    if not re.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?", number):
        raise ValueError(text)
    amount = Decimal(number.replace(",", "")) * scale(used)
    if abs(amount) >= MAX_YUAN:
        raise AmountTooLarge(text)
    if found and used != "元" and amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))  # 1.2亿 → 120000000, not …0.0 (as `parse_amount` reads it)
    return amount, used


def unit_message(label: str, text: str, yuan: Decimal, unit: str, block: str | None, *, grouped: bool = False) -> str:
    """The note on an amount read in ``unit``: which unit, why, and the yuan it makes (``grouped``: 2,400,000)."""
    shown = f"{yuan:,}" if grouped else f"{yuan}"
    read = f"按 {shown} 元读取" if unit == "元" else f"已换算为 {shown} 元"
    return f"「{label.strip()}」的金额「{text.strip()}」以{unit}计（{unit_reason(unit, text, block)}），{read}"


def unit_note_code(text: str, unit: str, block: str | None) -> tuple[str, bool]:
    """(the note's code, whether the figure's own unit differs from its block's scaled unit — 万元, 千元 …: then a
    warning, not an info; a 万元 figure in a form in 元 is the usual way of writing it)."""
    conflicting = own_unit(text) is not None and block not in (None, "元") and canonical(block) != unit
    if unit == "万元":
        return "funding.wan_yuan", conflicting
    return ("funding.own_unit" if conflicting else "funding.unit_scaled"), conflicting


def unit_reason(unit: str, written: str, block: str | None) -> str:
    """Why ``unit`` was used for a figure, for its note: its own, or where the block's was named."""
    if own_unit(written) is not None:
        besides = f"，不按栏目的单位{block}再换算" if block and canonical(block) != unit else ""
        return f"金额自带单位{unit}{besides}"
    return f"按栏目注明的单位{unit}"


def unit_marker(text: str) -> str | None:
    """The unit of a cell that only names the unit of the amounts after or under it (``单位：万元``, ``金额单位:元``,
    ``（万元）``, ``金额（千元）``, ``单位：人民币万元``); None for anything else."""
    key = label_key(text)
    found = _UNIT_MARKER.search(key)
    if found is None or (len(key) > _MARKER_MAX and not key.startswith(("填报单位", "编制单位"))):
        return None
    return canonical(found["unit"])


def without_unit(key: str) -> str:
    """A label key without the unit at its end (``项目资金（万元）`` → ``项目资金``)."""
    return _ODD_UNIT.sub("", _UNIT_SUFFIX.sub("", key))


def is_footnote(text: str) -> bool:
    """``注：…``, ``注1：…``, ``说明：…``, ``备注：…``: a line explaining the table above it."""
    return bool(FOOTNOTE.match(text.strip()))
