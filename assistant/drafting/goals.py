"""Goals that are goals: what the money achieves (outputs with the brief's figures, the effect on the
people served), not the brief's 主要内容 pasted.

``copied_share`` measures how much of a goal is the brief's own text (runs of six characters or more
found verbatim); a goal at ``MAX_COPIED`` or above is sent back to the model, and replaced by
``compose_goal`` when it stays so. ``compose_goal`` writes a goal from the indicator table `assistant
suggest` made for the brief: its output rows with their values (数量, 质量, 时效) and its effect and
satisfaction rows; no figure that the table does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from assistant.domain.brief import Brief
from assistant.domain.framework import Level1, Level2
from assistant.domain.statements import read_statements
from assistant.domain.values import ValueKind, parse_value
from assistant.drafting.models import DraftIndicator
from assistant.review.subject import is_copy
from assistant.suggest.models import HUMAN_BASIS, Ground, IndicatorSuggestion, SuggestionSet
from assistant.suggest.years import later_year, whole_total

OUTPUTS = 4  # output rows named in a composed goal
EFFECTS = 3  # effect and satisfaction rows named
QUALITATIVE_CHARS = 8  # a qualitative value longer than this (a procedure written out) is left to the table
# A row that counts harms (事故, 投诉, 故障…): a goal may say it stays at 0 or under a bound, never that it reaches a
# positive number (安全事故发生次数达到5次 came from a brief's 去年发生跳闸停电5次).
_HARM = re.compile(r"事故|投诉|故障|差错|损毁|损坏|泄露|泄密|违规|违法|失误|伤亡|火灾|事件|跳闸|停电|渗漏")
_PAST = re.compile(r"^(?:去年|上年|往年|前年|历年|以往)")  # 去年发生跳闸次数: what happened, not what is to be achieved
_HANDLED = re.compile(r"处置|处理|整改|解决|响应|办结|化解|修复|排除|查处|回复")  # 投诉处理率: a harm dealt with
_VALUE = re.compile(r"^(≥|≤|=|>|<)?\s*([\d.]+)\s*(?:\((.*)\))?$")
Row = IndicatorSuggestion | DraftIndicator  # a suggested row, or a draft's (a person's rows among them)


def repeats_brief(goal: str, brief: Brief) -> bool:
    return is_copy(goal, brief.content)


def _phrase(row: Row) -> str | None:
    """The row as a goal's phrase, or None for a figure nobody decided on: a type template's reference value or a
    precedent's (≥95%: 参考模板值) is a hint for the table, never the unit's commitment in its goal; the brief's own
    figures (计划标准) and a person's (人工填写) are."""
    own = row.value.ground is Ground.PLAN or row.value.basis == HUMAN_BASIS
    if not own and row.value.number is not None:
        return None
    return value_phrase(row.name, row.value.value)


def value_phrase(name: str, value: str) -> str | None:
    """How a composed goal says row ``name`` with ``value`` (its 指标值 as written: ``≥320(人次)``):
    ``培训人次不少于320人次``, ``培训考核合格率不低于95%``, ``选举依法按期完成``; None for a row without a value."""
    value = value.strip()
    if _PAST.match(name):
        return None
    match = _VALUE.match(value)
    if match is None and "是否" in name and value in ("是", "否", "达到", "完成"):
        # 是否支撑…开展 = 是 → 支撑…开展; 是否发生安全事故 = 否 → 不发生安全事故 (a goal states, never asks)
        return name.replace("是否", "不" if value == "否" else "", 1)
    if match is None:
        if value and name.endswith(f"{value}性"):  # 长效管理机制健全性 = 健全 → 长效管理机制健全, a statement
            return name[:-1]
        if value in ("", "是", "达到", "完成") or value in name:
            return name
        dated = parse_value(value).kind is ValueKind.DEADLINE  # 2027年11月30日前: a date, however long, is said
        return f"{name}为{value}" if dated or len(value) <= QUALITATIVE_CHARS else None  # a paragraph is no goal
    op, number, unit = match.group(1) or "=", _plain(match.group(2)), match.group(3) or ""
    if _HARM.search(name) and not _HANDLED.search(name) and op in ("=", "≥", ">") and number != "0":
        return None  # a harm is no target to reach
    rate = unit in ("%", "％")
    word = {"≥": "不低于" if rate else "不少于", ">": "高于", "≤": "不超过", "<": "低于", "=": "达到"}[op]
    word = "为" if op == "=" and number == "0" else word
    return f"{name}{word}{number}{unit}"


def _plain(number: str) -> str:
    """``100.00`` → ``100``, ``99.50`` → ``99.5``."""
    return number.rstrip("0").rstrip(".") if "." in number else number


def compose_goal(brief: Brief, suggestions: SuggestionSet, *, annual: bool) -> str | None:
    """A goal from the indicator table: ``通过本项目的实施，完成…；…。``; None when the table has no row to say."""
    return goal_from_rows(brief, suggestions.suggestions, annual=annual)


def goal_from_rows(brief: Brief, rows: Sequence[Row], *, annual: bool, leading: Collection[str] = ()) -> str | None:
    """`compose_goal` over any rows (a draft's table, a person's rows among them); the rows named in ``leading`` (rows
    a person just added) are said first, so the goal names them however many rows the table holds."""
    # rows of the brief's own figures (计划标准) first: the goal states what this brief plans
    ordered = sorted(rows, key=lambda r: (r.name not in leading, r.value.ground is not Ground.PLAN))
    outputs = [p for _, p in _outputs(ordered)]
    effects = [
        p
        for r in sorted(rows, key=lambda r: r.name not in leading)
        if r.level1 in (Level1.BENEFIT, Level1.SATISFACTION) or r.level2 is Level2.SATISFACTION
        if (p := _phrase(r))
    ][:EFFECTS]
    if not annual:
        totals, later = _over_the_years(brief)  # 总计扫描120万页 … 2028年完成60万页: the whole project's
        if totals or later:  # the budget year's own share says its year (2027年档案数字化页数不少于60万页)
            outputs = [f"{brief.year}年{p}" if _dated(r, brief.year) else p for r, p in _outputs(ordered)]
        outputs = [*totals, *outputs, *later]
    if not outputs and not effects:
        return None
    when = f"{brief.year}年度" if annual else "通过本项目的实施"
    parts = []
    if outputs:
        parts.append(f"{when}，{'，'.join(outputs)}")
    if effects:
        parts.append(("" if outputs else f"{when}，") + "，".join(effects))
    return "；".join(parts) + "。"


def goal_phrase(row: Row) -> str | None:
    """How a goal says ``row`` (a row a person added), or None: a cost row is the budget's, not a goal's."""
    return None if row.level1 is Level1.COST else _phrase(row)


def _outputs(rows: Sequence[Row]) -> list[tuple[Row, str]]:
    return [(r, p) for r in rows if r.level1 is Level1.OUTPUT and (p := _phrase(r))][:OUTPUTS]


def _dated(row: Row, year: int) -> bool:
    """A row whose figure the brief dates in the budget ``year`` (“2027年完成60万页” quoted in its basis)."""
    return row.value.ground is Ground.PLAN and f"“{year}年" in row.value.basis


def _over_the_years(brief: Brief) -> tuple[list[str], list[str]]:
    """(totals, later years' figures): the brief's total over its years and a later year's figures, as written (总计扫描120万页, 2028年完成60万页):
    the 总目标 of a project over several years says them; the budget year's table holds only its own share."""
    every = [s for s in read_statements(brief) if s.field == "主要内容"]
    totals = [s.clause for s in every if whole_total(s, every, brief.year)]
    return totals, [s.clause for s in every if later_year(s, brief.year)]


def brief_outputs(suggestions: SuggestionSet, numbers: set[str], limit: int = OUTPUTS) -> list[str]:
    """The output rows whose value is the brief's own figure (计划标准, every number of it in ``numbers``), as
    phrases for the goal's prompt: ``实地调研次数不少于12次``."""
    found = []
    for row in suggestions.suggestions:
        if row.level1 is not Level1.OUTPUT or row.value.ground is not Ground.PLAN:
            continue
        phrase = _phrase(row)
        if phrase and set(re.findall(r"\d+(?:\.\d+)?", phrase)) <= numbers:
            found.append(phrase)
    return found[:limit]
