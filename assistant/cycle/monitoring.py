"""Traffic lights of a monitoring table: budget execution against the time elapsed (序时进度), each indicator's
progress, expected full-year result and 完成目标可能性 (cycle.md: 序时进度预警, 目标完成预警, 全年预计完成情况预警).

Shapes: `elapsed_share(as_of)` → percent of the year gone (31 July → 58.08); `monitor(table)` →
`MonitoringReport` with a `Light` and its reasons for the budget and for each row, and findings (a row that is not
green with no 偏差原因, a red row with no 纠偏措施, a figure that cannot be read). The red/yellow cut-offs are product
settings (`rules.py`). A figure is read in its own unit and converted to the target's (`units.read_actual`:
``2小时`` against ``≤30(分钟)`` is 120 minutes); one that cannot be read (``1e3天``, ``NaN人``, ``四百天``, words
for a numeric target) or whose unit does not convert is ``Light.UNREADABLE`` (○无法读取) with MON-UNREADABLE,
never green.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from assistant.cycle.bounds import days_to, impossible_actual, overspent, year_days
from assistant.cycle.costs import ceiling
from assistant.cycle.findings import Finding, Severity
from assistant.cycle.numbers import fmt, quantize, target_of
from assistant.cycle.rules import DEFAULT_SETTINGS, Settings
from assistant.cycle.units import Reading, ReadKind, read_actual
from assistant.domain.cycle import MonitoringRow, MonitoringTable, Possibility
from assistant.domain.values import ValueKind


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"  # nothing filled yet
    UNREADABLE = "unreadable"  # a figure that cannot be read or converted to the target's unit

    @property
    def label(self) -> str:
        labels = {"green": "正常", "yellow": "关注", "red": "预警", "grey": "未填写", "unreadable": "无法读取"}
        return labels[self.value]

    @property
    def mark(self) -> str:
        """A text mark that every font has (the terminal and the page draw no colour emoji everywhere)."""
        return {"green": "●", "yellow": "▲", "red": "■", "grey": "○", "unreadable": "○"}[self.value]

    @property
    def colour(self) -> str:
        colours = {"green": "#2e8b3a", "yellow": "#c98a00", "red": "#c0392b", "grey": "#888888"}
        return colours.get(self.value, "#888888")

    def html(self) -> str:
        """The light as a coloured mark and its label (for the web page)."""
        return f'<span style="color:{self.colour};font-weight:bold">{self.mark} {self.label}</span>'


_RANK = {Light.GREY: 0, Light.GREEN: 1, Light.YELLOW: 2, Light.UNREADABLE: 3, Light.RED: 4}


@dataclass(frozen=True)
class Signal:
    light: Light
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BudgetSignal:
    rate: Decimal | None  # 执行率 to date, percent
    elapsed: Decimal  # share of the year gone, percent
    light: Light
    text: str
    overspend: str | None = None  # Chinese: 执行数 above the budget (`bounds.overspent`)
    mismatch: str | None = None  # Chinese: the written 执行率 disagrees with 执行数 ÷ 预算 (`written_rate_mismatch`)


RATE_SLACK = Decimal("1")  # percentage points a written 执行率 may differ from 执行数 ÷ 预算 (rounded by hand)


def written_rate_mismatch(written: Decimal | None, executed: Decimal | None, budget: Decimal | None) -> str | None:
    """Chinese, when the form's written 执行率 (percent) differs from 执行数 ÷ 预算 by more than RATE_SLACK points:
    ``表中执行率 250% 与 执行数 5,000,000 ÷ 预算 9,382,600 = 53.29% 不符，已按计算值判断``; None when it agrees or
    either side cannot be computed."""
    if written is None or executed is None or not budget:
        return None
    computed = quantize(executed / budget * 100)
    if abs(written - computed) <= RATE_SLACK:
        return None
    return (
        f"表中执行率 {fmt(written)}% 与 执行数 {fmt(executed)} ÷ 预算 {fmt(budget)} = {computed}% 不符，"
        f"已按计算值 {computed}% 判断"
    )


@dataclass(frozen=True)
class MonitoringReport:
    elapsed: Decimal
    budget: BudgetSignal
    rows: list[Signal]
    findings: list[Finding]


def elapsed_share(as_of: date) -> Decimal:
    """Days from 1 January to ``as_of`` inclusive over the days of its year, in percent (2 decimals)."""
    days = 366 if calendar.isleap(as_of.year) else 365
    return quantize(Decimal(as_of.timetuple().tm_yday) / days * 100)


def _worst(signals: list[Signal]) -> Signal:
    lit = [s for s in signals if s.light is not Light.GREY]
    if not lit:
        return Signal(Light.GREY, ["未填写执行情况"])
    light = max((s.light for s in lit), key=_RANK.__getitem__)
    return Signal(light, [r for s in lit if s.light is light for r in s.reasons])


def elapsed_by(as_of: date, today: date | None) -> Decimal:
    """The share of the year gone by the cut-off ``as_of``, or by ``today`` when the cut-off is still to come (0 when
    the year has not begun): a table dated in the future is not held to time that has not passed."""
    if today is None or as_of <= today:
        return elapsed_share(as_of)
    if today < date(as_of.year, 1, 1):
        return Decimal("0.00")
    return elapsed_share(today)


def future_finding(as_of: date, today: date | None) -> Finding | None:
    """MON-FUTURE (a warning) when the cut-off ``as_of`` is after ``today``: nothing can have been executed to it yet.
    A warning, not a refusal: a blank table may be prepared ahead of its cut-off (the default is 31 July of the
    declaration's year); what is typed into it before then can only be a plan."""
    if today is None or as_of <= today:
        return None
    not_begun = f"，{as_of.year}年度尚未开始" if today.year < as_of.year else ""
    return Finding(
        "MON-FUTURE",
        Severity.WARNING,
        None,
        f"数据截止日期 {as_of.isoformat()} 晚于今天（{today.isoformat()}）{not_begun}：截至该日的执行情况现在还不可能有",
        f"请在 {as_of.isoformat()} 之后填写实际数，或改用今天之前的截止日期；序时进度暂按今天计",
    )


def budget_signal(
    table: MonitoringTable, settings: Settings = DEFAULT_SETTINGS, *, today: date | None = None
) -> BudgetSignal:
    """执行率 = 执行数 ÷ 调整后预算 (年初预算 when none is written) against the elapsed share of the year
    (`elapsed_by`). A written 0 is a budget (red team rt11): no rate can be computed against it, which is said."""
    elapsed = elapsed_by(table.as_of, today)
    b = table.budget
    label = "调整后预算数" if b.adjusted_budget is not None else "年初预算数"
    budget = b.adjusted_budget if b.adjusted_budget is not None else b.initial_budget
    if budget == 0:
        return _zero_budget(b.executed, elapsed, label, table.amount_unit)
    rate = b.rate
    mismatch = written_rate_mismatch(b.rate, b.executed, budget)
    if (rate is None or mismatch) and b.executed is not None and budget:
        rate = quantize(b.executed / budget * 100)
    if rate is None:
        return BudgetSignal(None, elapsed, Light.GREY, "未填写执行数")
    over = overspent(b.executed, budget, unit=table.amount_unit)
    if over is None and rate > 100:
        over = f"执行率 {rate}% 超过100%"
    if over is not None:
        text = f"{mismatch}；" if mismatch else ""
        return BudgetSignal(
            rate, elapsed, Light.RED, f"{text}{over}，执行数不能超过预算，请核对", overspend=over, mismatch=mismatch
        )
    gap = elapsed - rate
    if gap >= settings.behind_schedule_red:
        light = Light.RED
    elif gap > 0:
        light = Light.YELLOW
    else:
        light = Light.GREEN
    if mismatch:
        light = Light.RED if light is Light.RED else Light.YELLOW
    basis = f"{fmt(b.executed)} ÷ {fmt(budget)} = " if b.rate is None or mismatch else ""
    behind = f"，落后序时进度 {quantize(gap)} 个百分点" if gap > 0 else "，不低于序时进度"
    by = f"（截止日期未到，按今天 {today.isoformat()} 计）" if today is not None and table.as_of > today else ""
    text = f"{mismatch}；" if mismatch else ""
    return BudgetSignal(
        rate, elapsed, light, f"{text}执行率 {basis}{rate}%，序时进度 {elapsed}%{by}{behind}", mismatch=mismatch
    )


def _zero_budget(executed: Decimal | None, elapsed: Decimal, label: str, unit: str) -> BudgetSignal:
    """The signal against a budget written as 0: spending is overspend (red); otherwise the rate cannot be computed."""
    over = overspent(executed, Decimal(0), budget_label=label, unit=unit)
    if over is not None:
        return BudgetSignal(None, elapsed, Light.RED, f"{over}，{label}为 0 时不能有支出，请核对", overspend=over)
    spent = "执行数为 0" if executed is not None else "未填写执行数"
    return BudgetSignal(
        None,
        elapsed,
        Light.GREY,
        f"{label}填写为 0，{spent}，执行率无法计算（不能以 0 作除数）；预算未调减为 0 的，请改正",
    )


def row_signal(
    row: MonitoringRow, elapsed: Decimal, settings: Settings = DEFAULT_SETTINGS, *, as_of: date | None = None
) -> Signal:
    """The worst of: 完成目标可能性, 全年预计完成情况 against the target, progress to date against 序时进度; a figure
    the indicator cannot have (`impossible`) is red, one that cannot be read (`unreadable`) is ○无法读取, whatever
    the rest says."""
    wrong = impossible(row, as_of)
    if wrong:
        return Signal(Light.RED, wrong)
    unread = unreadable(row)
    if unread:
        return Signal(Light.UNREADABLE, [text for text, _, _ in unread])
    return _worst([_possibility(row), _expected(row), _progress(row, elapsed, settings)])


def impossible(row: MonitoringRow, as_of: date | None) -> list[str]:
    """Why the row's 执行情况 or 全年预计完成情况 cannot be (Chinese, one line each; `bounds.impossible_actual`):
    执行情况 covers 1 January to ``as_of``, the full-year figure the whole year (None: a leap year's days)."""
    target = target_of(row.target, row.target_value)
    name = row.link.name
    to_date = days_to(as_of) if as_of is not None else 366
    whole = year_days(as_of.year) if as_of is not None else 366
    found = [
        (label, text, impossible_actual(name, text, target, days=days))
        for label, text, days in (
            ("执行情况", row.actual_to_date, to_date),
            ("全年预计", row.expected_full_year, whole),
        )
    ]
    return [f"{label}“{text}”{why}" for label, text, why in found if why]


def unreadable(row: MonitoringRow) -> list[tuple[str, str, bool]]:
    """The row's 执行情况 and 全年预计完成情况 that a numeric target cannot be compared with, one per figure:
    (Chinese why, Chinese what to write, refused — a number that cannot be read or a unit that does not convert,
    rather than words). Empty for a target that is not numeric."""
    target = target_of(row.target, row.target_value)
    if target.kind is not ValueKind.QUANTITATIVE or target.number is None:
        return []
    found = []
    for label, text in (("执行情况", row.actual_to_date), ("全年预计", row.expected_full_year)):
        reading = read_actual(text, target, row.link.name)
        if reading.refused or reading.kind is ReadKind.TEXT:
            found.append((f"{label}“{text}”{reading.problem}", reading.hint or "", reading.refused))
    return found


# 执行情况 that says the work has not been done or has stopped (未完成, 尚未启动, 无进展, 停滞)
_NOT_DONE = re.compile(
    r"未(?:完成|开展|启动|实施|达成|达到|落实|执行)|尚未|没有(?:完成|开展|启动)|无进展|停滞|已暂停|已取消"
)


def not_done(row: MonitoringRow) -> str | None:
    """The words of an 执行情况 saying nothing is done, beside a 完成目标可能性 of 确定能 (red team rt11 #3: shown as
    ●正常 without a word); None otherwise."""
    if row.possibility is not Possibility.CERTAIN:
        return None
    found = _NOT_DONE.search(row.actual_to_date or "")
    return found.group(0) if found else None


def _possibility(row: MonitoringRow) -> Signal:
    if row.possibility is Possibility.IMPOSSIBLE:
        return Signal(Light.RED, ["完成目标可能性：完全不可能"])
    if row.possibility is Possibility.POSSIBLE:
        return Signal(Light.YELLOW, ["完成目标可能性：有可能"])
    if row.possibility is Possibility.CERTAIN:
        return Signal(Light.GREEN)
    return Signal(Light.GREY)


def _numbers(row: MonitoringRow, text: str | None) -> tuple[Decimal, Decimal, bool, Reading] | None:
    """The figure in the target's unit, the target, whether the target is a ceiling, and the reading (for its text)."""
    target = target_of(row.target, row.target_value)
    reading = read_actual(text, target, row.link.name)
    if target.kind is not ValueKind.QUANTITATIVE or target.number is None or reading.value is None:
        return None
    return reading.value, target.number, ceiling(row.link, target), reading  # ≤, or = on a cost row (`costs.ceiling`)


def _expected(row: MonitoringRow) -> Signal:
    found = _numbers(row, row.expected_full_year)
    if found is None:
        return Signal(Light.GREEN if (row.expected_full_year or "").strip() else Light.GREY)
    expected, goal, reverse, reading = found
    short = expected > goal if reverse else expected < goal
    if short:
        return Signal(Light.RED, [f"全年预计 {reading.shown()}，达不到目标 {row.target}"])
    return Signal(Light.GREEN)


def _progress(row: MonitoringRow, elapsed: Decimal, settings: Settings) -> Signal:
    found = _numbers(row, row.actual_to_date)
    if found is None:
        return Signal(Light.GREEN if (row.actual_to_date or "").strip() else Light.GREY)
    actual, goal, reverse, reading = found
    target = target_of(row.target, row.target_value)
    if reverse:
        if actual > goal:
            return Signal(Light.YELLOW, [f"当前 {reading.shown()} 已超过目标上限 {row.target}"])
        return Signal(Light.GREEN)
    if target.unit in ("%", "‰", "％") or goal == 0:  # a rate or level: judged as it stands, not cumulated
        if actual < goal:
            return Signal(Light.YELLOW, [f"当前 {reading.shown()} 低于目标 {row.target}"])
        return Signal(Light.GREEN)
    progress = quantize(actual / goal * 100)
    gap = elapsed - progress
    if gap >= settings.behind_schedule_red:
        return Signal(Light.RED, [f"完成进度 {progress}%，落后序时进度 {elapsed}% 达 {quantize(gap)} 个百分点"])
    if gap > 0:
        return Signal(Light.YELLOW, [f"完成进度 {progress}%，低于序时进度 {elapsed}%"])
    return Signal(Light.GREEN)


def _unreadable_finding(index: int, row: MonitoringRow, unread: list[tuple[str, str, bool]]) -> Finding:
    """MON-UNREADABLE: an error for a number that cannot be read or a unit that does not convert, a warning for
    words where a number is wanted."""
    severity = Severity.ERROR if any(refused for _, _, refused in unread) else Severity.WARNING
    why = "；".join(text for text, _, _ in unread)
    fix = f"{'；'.join(dict.fromkeys(hint for _, hint, _ in unread if hint))}（此行显示为“无法读取”，不参与预警判断）"
    return Finding("MON-UNREADABLE", severity, index, f"{why}（目标 {row.target}）", fix)


def monitor(
    table: MonitoringTable, settings: Settings = DEFAULT_SETTINGS, *, today: date | None = None
) -> MonitoringReport:
    """Lights and findings of ``table``; ``today`` (None: not compared) warns of a cut-off still to come."""
    elapsed = elapsed_by(table.as_of, today)
    rows = [row_signal(row, elapsed, settings, as_of=table.as_of) for row in table.rows]
    findings: list[Finding] = []
    for i, (row, signal) in enumerate(zip(table.rows, rows, strict=True)):
        wrong = impossible(row, table.as_of)
        if wrong:
            fix = "请核对并改正（此行按预警显示，不能作为全年预计或自评的依据）"
            findings.append(
                Finding("MON-IMPOSSIBLE", Severity.ERROR, i, f"{'；'.join(wrong)}（目标 {row.target}）", fix)
            )
            continue
        if unread := unreadable(row):
            findings.append(_unreadable_finding(i, row, unread))
            continue
        if (said := not_done(row)) is not None:
            findings.append(
                Finding(
                    "MON-CONTRADICTION",
                    Severity.WARNING,
                    i,
                    f"执行情况写“{said}”，完成目标可能性却选“{Possibility.CERTAIN.value}”，两者矛盾",
                    "请核对：确能完成的，在全年预计完成情况中写明何时、如何完成；否则改选“有可能”或“完全不可能”并说明偏差原因",
                )
            )
        if signal.light in (Light.YELLOW, Light.RED) and row.deviation.is_blank:
            findings.append(
                Finding(
                    "MON-NO-REASON",
                    Severity.ERROR,
                    i,
                    f"{signal.light.label}（{'；'.join(signal.reasons)}），但未填写偏差原因",
                    "请选择偏差原因（经费保障/制度保障/人员保障/硬件保障/其他）并说明",
                )
            )
        if signal.light is Light.RED and not (row.corrective_measures or "").strip():
            findings.append(
                Finding("MON-NO-MEASURE", Severity.WARNING, i, "预警行未填写纠偏措施", "请填写纠偏措施及完成时限")
            )
    budget = budget_signal(table, settings, today=today)
    if budget.overspend is not None:
        fix = "请核对执行数；如年中调整了预算，请填写调整后预算（--adjusted）"
        findings.insert(0, Finding("MON-OVERSPEND", Severity.ERROR, None, budget.text, fix))
    elif budget.mismatch is not None:
        findings.insert(
            0, Finding("MON-RATE-MISMATCH", Severity.WARNING, None, budget.text, "请按 执行数 ÷ 预算 核对并改正执行率")
        )
    elif budget.light is Light.RED:
        findings.insert(
            0, Finding("MON-BUDGET", Severity.WARNING, None, budget.text, "请说明预算执行滞后的原因和加快执行的措施")
        )
    future = future_finding(table.as_of, today)
    if future is not None:
        findings.insert(0, future)
    return MonitoringReport(elapsed=elapsed, budget=budget, rows=rows, findings=findings)
