"""One measure given two different figures in a text (rt8 R7): ``全年办理援助案件1200件`` and ``全年办理援助案件3000件``.
Used for a brief's 起草提示 notes (`assistant.drafting.brief_figures`) and by review on a form's own text
(`assistant.review.checks_figures`)."""

from __future__ import annotations

import re
from collections.abc import Hashable
from decimal import Decimal

from assistant.domain.statements import Kind, Statement, plain

# A clause adding to or splitting a figure (另培训800人次, 其中200件): another amount, not another account of one.
_PART_OR_MORE = re.compile(r"^\s*(?:另|再|此外|其中|新增|追加|增加|含|包括|此前|上年|去年|往年|\d{4}年)")


# Units that count occurrences (times, person-times, sittings): a figure in them is of work done even with no verb read
# (全年供餐二十万人次 beside 全年供餐15万人次, red team rt10 #6).
_OCCURRENCES = frozenset({"人次", "次", "批次", "场", "期", "餐", "课时", "学时"})
_SCALES = {"万": Decimal(10000), "亿": Decimal(100000000)}


def _base(s: Statement) -> tuple[Decimal | None, str]:
    """(number, unit) with a scale word moved into the number: ``15万人次`` → (150000, 人次), as ``二十万人次`` reads."""
    scale = _SCALES.get(s.unit[:1]) if len(s.unit) > 1 else None
    if scale is None or s.number is None:
        return s.number, s.unit
    return s.number * scale, s.unit[1:]


def _key(s: Statement) -> Hashable:
    return (s.kind, s.verb, s.object, _base(s)[1], s.per_unit, s.subject)


def _not_listed(group: list[Statement]) -> list[Statement]:
    """``group`` without the statements of a clause that itself gives several figures for the measure (a listing:
    ``300台记录仪、120台打印终端``) or that adds to, splits or dates a figure (另…, 其中…, 2025年…): those are other
    amounts, not two accounts of one."""
    numbers: dict[str, set[Decimal | None]] = {}
    for s in group:
        numbers.setdefault(s.clause, set()).add(_base(s)[0])
    return [s for s in group if len(numbers[s.clause]) == 1 and not _PART_OR_MORE.match(s.clause)]


def conflicting(statements: list[Statement]) -> list[list[Statement]]:
    """Groups of statements that give one measure (same kind, verb, object, unit) two or more different figures,
    one statement per figure in reading order; a count with no verb, a listing's parts, derived figures and clauses that add to or split
    a figure are left out (`_not_listed`)."""
    groups: dict[Hashable, list[Statement]] = {}
    for s in statements:
        # a count with no action (党支部405.2万个 beside 党支部8.7万个) is a fact of a scope the clause may not name
        acted = s.verb or s.kind is not Kind.COUNT or _base(s)[1] in _OCCURRENCES
        if s.number is not None and not s.parts and s.derivation is None and s.object and acted:
            groups.setdefault(_key(s), []).append(s)
    found = []
    for group in groups.values():
        figures: dict[Decimal, Statement] = {}
        for s in _not_listed(group):
            figures.setdefault(_base(s)[0] or Decimal(0), s)
        if len(figures) >= 2:
            found.append(list(figures.values()))
    return found


def written_figures(group: list[Statement]) -> str:
    """``主要内容“全年办理援助案件1200件”（1200件）；主要内容“全年办理援助案件3000件”（3000件）``."""
    return "；".join(f"{s.field}“{s.clause}”（{plain(s.number)}{s.unit}）" for s in group)
