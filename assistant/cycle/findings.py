"""Review findings on a self-evaluation (cycle.md: what reviewers flag), from its `Scorecard`.

Each finding names its row (0-based ``index``, None for the whole form), says what is wrong and what to do,
in Chinese. Codes are stable: ``SE-NO-REASON``, ``SE-TARGET-LOW``, ``SE-TARGET-LOOSE``, ``SE-NO-SURVEY``,
``SE-UNSCORED``, ``SE-WEIGHTS``, ``SE-SCORE-MISMATCH``, ``SE-TOTAL-MISMATCH``, ``SE-BUDGET``, ``SE-OVERSPEND``
(执行数 above the budget), ``SE-IMPOSSIBLE`` (an 实际完成值 the indicator cannot have), ``SE-UNREADABLE`` (an
实际完成值 whose number cannot be read or whose unit does not convert to the target's), ``SE-YEAR-OPEN`` (the year
has not ended), ``SE-COST-OVERRUN`` (a cost row's actual above its target, `costs.overrun`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from assistant.cycle.numbers import fmt, quantize
from assistant.cycle.rules import DEFAULT_SETTINGS, Part, RuleId, Settings
from assistant.cycle.scoring import RowScore, Scorecard
from assistant.domain.cycle import SelfEvalRow, SelfEvaluation

_SURVEY = re.compile(r"问卷|调查|调研|测评|访谈|样本|回收")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    HINT = "hint"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "hint": "提示"}[self.value]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    index: int | None
    message: str
    fix: str

    def where(self, names: list[str]) -> str:
        """Where the finding is, naming the part of the form: ``绩效指标第 3 行“…”`` (the row as the form's 绩效指标
        table numbers it, from 1), ``项目资金``, ``分值``, ``总分`` or ``全表``."""
        if self.index is None:
            return _PARTS.get(self.code, "全表")
        return f"绩效指标第 {self.index + 1} 行“{names[self.index]}”"


# The part of the form a whole-form finding is about.
_PARTS = {
    "SE-WEIGHTS": "分值",
    "SE-BUDGET": "项目资金",
    "SE-OVERSPEND": "项目资金·年度资金总额",
    "SE-YEAR-OPEN": "全表",
    "SE-TOTAL-MISMATCH": "总分",
    "MON-BUDGET": "项目预算执行情况",
    "MON-OVERSPEND": "项目预算执行情况",
    "MON-FUTURE": "数据截止日期",
}


def _budget_fix(problem: str) -> str:
    """What to do about the budget line: a 0 written is checked, a blank is filled in."""
    if "为 0" in problem:
        return "预算确已调减为 0 的，执行率不计算；否则请在项目资金中改正全年预算数"
    return "请在项目资金中填写预算数与执行数"


def selfeval_findings(
    evaluation: SelfEvaluation, card: Scorecard, settings: Settings = DEFAULT_SETTINGS, *, today: date | None = None
) -> list[Finding]:
    """Every finding, whole-form ones first, then by row; ``today`` (None: not compared) warns of a year not ended."""
    found: list[Finding] = []
    if (open_year := year_open(evaluation.year, today)) is not None:
        found.append(open_year)
    if card.weights_problem:
        found.append(Finding("SE-WEIGHTS", Severity.ERROR, None, card.weights_problem, "请调整各行分值，使合计为100"))
    if card.budget.problem:
        found.append(Finding("SE-BUDGET", Severity.ERROR, None, card.budget.problem, _budget_fix(card.budget.problem)))
    if card.budget.overspend:
        found.append(
            Finding(
                "SE-OVERSPEND",
                Severity.ERROR,
                None,
                f"年度资金总额：{card.budget.overspend}，执行率超过100%",
                "请核对全年执行数；如年中追加了预算，请把调整后的数额填为全年预算数（--budget）",
            )
        )
    found += _total(evaluation, card)
    for score, row in zip(card.rows, evaluation.rows, strict=True):
        found += _row(score, row, settings)
    return found


def year_open(year: int | None, today: date | None) -> Finding | None:
    """SE-YEAR-OPEN (a warning) when ``year`` has not ended by ``today``: cycle.md places the self-evaluation after
    the year closes, so its 实际完成值 and 全年执行数 can only be estimates. A warning, not a refusal: departments
    start the form in December and finish it after the accounts close."""
    if year is None or today is None or today > date(year, 12, 31):
        return None
    state = "尚未开始" if today.year < year else "尚未结束"
    return Finding(
        "SE-YEAR-OPEN",
        Severity.WARNING,
        None,
        f"{year}年度{state}（今天 {today.isoformat()}）：绩效自评应在年度结束后进行，现填写的实际完成值和执行数只能是预计数",
        f"请在{year}年度结束、决算数据确定后核实并更新各项实际值",
    )


def _total(evaluation: SelfEvaluation, card: Scorecard) -> list[Finding]:
    if evaluation.total_score is None or card.total is None or quantize(evaluation.total_score) == card.total:
        return []
    return [
        Finding(
            "SE-TOTAL-MISMATCH",
            Severity.WARNING,
            None,
            f"填报总分 {fmt(evaluation.total_score)} 与按规则计算的 {card.total} 不一致",
            "请核对各行得分；按规则计算的得分及算式见评分明细",
        )
    ]


def _row(score: RowScore, row: SelfEvalRow, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    i = score.index
    if score.problem:
        out.append(Finding("SE-UNSCORED", Severity.ERROR, i, score.problem, "填写后即可计分"))
    if score.impossible:
        fix = "请核对并改正实际完成值（此行暂按0分计，也不作为下年目标的历史标准）"
        return [*out, Finding("SE-IMPOSSIBLE", Severity.ERROR, i, f"{score.impossible}（目标 {row.target}）", fix)]
    if score.unreadable:
        fix = f"{score.hint}（此行暂按0分计，也不作为下年目标的历史标准）"
        return [*out, Finding("SE-UNREADABLE", Severity.ERROR, i, f"{score.unreadable}（目标 {row.target}）", fix)]
    reason = (row.deviation or "").strip()
    if score.overrun:
        fix = "请在偏差原因中说明超出的原因和控制措施；超出的成本不作为下年目标（见“下年申报”）"
        out.append(Finding("SE-COST-OVERRUN", Severity.WARNING, i, score.overrun, fix))
    if score.score is not None and score.weight is not None and score.score < score.weight and not reason:
        out.append(
            Finding(
                "SE-NO-REASON",
                Severity.ERROR,
                i,
                f"得分 {score.score} 低于分值 {fmt(score.weight)}，但未填写偏差原因",
                "请在“偏差原因分析及改进措施”中说明未完成的原因和改进措施",
            )
        )
    out += _margin(score, settings)
    if score.part is Part.SATISFACTION and not _survey_basis(row):
        out.append(
            Finding(
                "SE-NO-SURVEY",
                Severity.WARNING,
                i,
                "满意度指标没有写明调查依据",
                "请在数据来源中写明调查方式、样本量和时间（如 问卷调查，回收有效问卷300份，于当年12月开展）",
            )
        )
    if (
        score.rule not in (RuleId.BAND, None)
        and row.score is not None
        and score.score is not None
        and quantize(row.score) != score.score
    ):
        out.append(
            Finding(
                "SE-SCORE-MISMATCH",
                Severity.WARNING,
                i,
                f"填报得分 {fmt(row.score)} 与按规则计算的 {score.score} 不一致（{score.arithmetic}）",
                "请按规则改正得分，或在偏差原因中说明评分口径",
            )
        )
    return out


def _margin(score: RowScore, settings: Settings) -> list[Finding]:
    if score.ratio is None:
        return []
    margin = settings.wide_margin
    if score.direction == "positive" and score.ratio >= 1 + margin:
        return [
            Finding(
                "SE-TARGET-LOW",
                Severity.WARNING,
                score.index,
                f"实际完成值为目标的 {quantize(score.ratio * 100)}%，超出 {quantize(margin * 100, 0)}% 以上：目标值设置偏低",
                "下一年度申报时宜以本年实际完成值为历史标准提高目标（见“下年申报”）",
            )
        ]
    if score.direction == "reverse" and score.ratio <= 1 - margin:
        return [
            Finding(
                "SE-TARGET-LOOSE",
                Severity.WARNING,
                score.index,
                f"反向指标实际值仅为目标的 {quantize(score.ratio * 100)}%：目标值设置偏松",
                "下一年度申报时宜以本年实际值为历史标准收紧目标",
            )
        ]
    return []


def _survey_basis(row: SelfEvalRow) -> bool:
    text = " ".join(t for t in (row.evidence, row.deviation, row.actual) if t)
    return bool((row.evidence or "").strip()) or bool(_SURVEY.search(text))


def counts(findings: list[Finding]) -> dict[Severity, int]:
    return {s: sum(1 for f in findings if f.severity is s) for s in Severity}


__all__ = ["Finding", "Severity", "counts", "selfeval_findings"]
