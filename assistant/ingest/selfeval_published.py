"""What a published 自评表 states that the row-by-row reading leaves implicit (new-user trial 2026-12-07, M-4).

    published(funds, rows) -> (funds, rows, notes)

- A 年度资金总额 row written as 0 (or left blank) over its 其中 rows that carry the money (年度资金总额 0 0 0 /
  其中：本年财政拨款 90 89.974 89.974): the total is the sum of its parts, so the execution rate can be computed; a
  note says so. A total with any figure of its own is kept as written.
- A qualitative row whose 实际完成值 names a band (达成预期指标, 部分达成, 未完成…) was scored by the publisher in that
  band: the band is read from the words, and the published 得分 stays, checked against the band by scoring.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.cycle import Band, FundKind, FundLine, SelfEvalRow
from assistant.domain.model import NoteLevel, ParseNote
from assistant.ingest.selfeval_rate import rates_in_percent

_FIGURES = ("initial_budget", "full_year_budget", "executed")
_BANDS = (
    (re.compile(r"^(?:未达成|未完成|未达到|未实现)"), Band.NOT_ACHIEVED),
    (re.compile(r"^(?:部分达成|部分完成|部分实现|部分达到|基本达成|基本完成)"), Band.PARTIAL),
    (
        re.compile(
            r"^(?:已|全部|均)?(?:达成|完成|实现|达到)(?:了)?(?:预期|年度|既定|计划)?(?:指标|目标)?(?:值|要求)?$"
        ),
        Band.ACHIEVED,
    ),
)


def published(
    funds: list[FundLine], rows: list[SelfEvalRow]
) -> tuple[list[FundLine], list[SelfEvalRow], list[ParseNote]]:
    """``funds`` with a blank total filled from its parts and ``rows`` with the bands their words name, and a note
    (INFO, Chinese) for each thing read this way."""
    funds, fund_notes = total_from_parts(funds)
    funds, rate_notes = rates_in_percent(funds)
    rows, band_notes = stated_bands(rows)
    return funds, rows, fund_notes + rate_notes + band_notes


def total_from_parts(funds: list[FundLine]) -> tuple[list[FundLine], list[ParseNote]]:
    total = next((f for f in funds if f.kind is FundKind.TOTAL), None)
    parts = [f for f in funds if f.kind is not FundKind.TOTAL]
    if total is None or any(getattr(total, name) for name in _FIGURES):
        return funds, []
    sums = {name: _sum([getattr(p, name) for p in parts]) for name in _FIGURES}
    if not sums["full_year_budget"] and not sums["initial_budget"]:
        return funds, []
    filled = total.model_copy(update={**sums, "rate": None, "score": None})
    shown = "，".join(
        f"{label} {_plain(sums[name])}"
        for name, label in zip(_FIGURES, ("年初预算数", "全年预算数", "全年执行数"), strict=True)
        if sums[name] is not None
    )
    note = ParseNote(
        level=NoteLevel.INFO,
        code="selfeval.total_from_parts",
        message=f"原表“年度资金总额”一行为0或空白，其下“其中”各行有数：按各行之和读取（{shown}），用于计算预算执行率；请对照原表核对",
        fragment=total.label,
    )
    return [filled if f is total else f for f in funds], [note]


def stated_bands(rows: list[SelfEvalRow]) -> tuple[list[SelfEvalRow], list[ParseNote]]:
    read: list[SelfEvalRow] = []
    named: list[str] = []
    for n, row in enumerate(rows, start=1):
        band = band_of(row.actual) if row.band is None else None
        if band is None or (row.target_value is not None and row.target_value.number is not None):
            read.append(row)
            continue
        read.append(row.model_copy(update={"band": band}))
        named.append(f"第 {n} 行“{row.actual}”→{band.value}")
    if not named:
        return read, []
    note = ParseNote(
        level=NoteLevel.INFO,
        code="selfeval.stated_band",
        message="定性指标的实际完成值写明了完成程度，按其档次读取，原表得分保留并按档次核对：" + "；".join(named),
    )
    return read, [note]


def band_of(actual: str | None) -> Band | None:
    """达成预期指标 → 达成; 部分达成 → 部分达成; 未完成 → 未达成; any other words → None (the officer chooses)."""
    text = re.sub(r"[\s。.，,]", "", actual or "")
    return next((band for pattern, band in _BANDS if pattern.match(text)), None) if text else None


def _sum(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _plain(number: Decimal | None) -> str:
    return "" if number is None else f"{number.normalize():f}"
