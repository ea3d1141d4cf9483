"""A 执行率 written as a fraction (裕安: ``全年预算数 29 | 全年执行数 27.8 | 执行率 0.958``) where the model keeps it in
percent: read as percent (95.8) only where the fraction itself equals 全年执行数 / 全年预算数 (the figures prove it),
noted. A rate the figures do not prove is kept as written (the monitor compares it with the figures)."""

from __future__ import annotations

from decimal import Decimal

from assistant.domain.cycle import FundLine
from assistant.domain.model import NoteLevel, ParseNote

_SLACK = Decimal("0.006")  # a fraction written to two or three decimals, rounded or cut (0.958 for 0.9586)


def rates_in_percent(funds: list[FundLine]) -> tuple[list[FundLine], list[ParseNote]]:
    """``funds`` with each proven fractional rate in percent, and a note (INFO, Chinese) naming the lines changed."""
    read: list[FundLine] = []
    changed: list[str] = []
    for line in funds:
        budget = line.full_year_budget or line.initial_budget
        rate = line.rate
        if rate is None or line.executed is None or not budget or not 0 < rate <= 1:
            read.append(line)
            continue
        share = line.executed / budget
        if abs(rate - share) > _SLACK or abs(rate - share * 100) <= 1:
            read.append(line)
            continue
        percent = rate.scaleb(2)
        percent = percent.quantize(Decimal(1)) if percent == percent.to_integral() else percent
        read.append(line.model_copy(update={"rate": percent}))
        changed.append(f"{line.label or line.kind.value} {rate.normalize():f} → {percent.normalize():f}%")
    if not changed:
        return read, []
    note = ParseNote(
        level=NoteLevel.INFO,
        code="selfeval.rate_fraction",
        message="执行率写成了小数（与全年执行数 ÷ 全年预算数相符），按百分数读取：" + "；".join(changed),
    )
    return read, [note]
