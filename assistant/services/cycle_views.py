"""What the cycle service hands the shells: a self-evaluation with its score card and findings, a monitoring table
with its report, next year's draft with what changed and why; a self-evaluation with its blank scores filled, and
the refusal of a form of the other kind."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.cycle.findings import Finding
from assistant.cycle.monitoring import MonitoringReport
from assistant.cycle.nextyear import NextYearPlan
from assistant.cycle.scoring import Scorecard
from assistant.domain.cycle import FundKind, MonitoringTable, SelfEvaluation
from assistant.errors import InputError
from assistant.services.saved import SavedDraft
from assistant.store import Proposal
from assistant.store.cycle import Form, StoredForm


@dataclass(frozen=True)
class SelfEvalView:
    stored: StoredForm
    form: SelfEvaluation
    card: Scorecard
    findings: list[Finding]


@dataclass(frozen=True)
class MonitoringView:
    stored: StoredForm
    form: MonitoringTable
    report: MonitoringReport


@dataclass(frozen=True)
class NextYear:
    saved: SavedDraft
    plan: NextYearPlan
    diff: list[str]
    moved: list[str]  # the project's year moved to the new year (项目名称, indicator names and values)
    rollover: Proposal | None  # the year in the text sections moved, for the person to accept

    def unfilled_warning(self, form_id: int) -> str | None:
        """``注意：…`` naming the self-evaluation rows left unfilled (each shell lists them after it), or None."""
        rows = self.plan.unfilled
        if not rows:
            return None
        return (
            f"注意：第 {form_id} 号自评表有 {len(rows)} 行未填完，这些行的下年目标只能沿用上年目标；"
            "请补全后重新生成，或在草稿中逐行核对："
        )

    def changes(self) -> list[str]:
        """What the new draft changed and why, one Chinese line each: the year moved, then each indicator row."""
        moved = [f"年份顺延：{line}" for line in self.moved]
        return moved + (self.diff or ["各项指标均沿用上年目标。"])

    def rollover_note(self) -> str | None:
        """The proposal moving the year in the dates and the text, in Chinese (how to accept it is the shell's)."""
        if self.rollover is None:
            return None
        return f"日期和正文中的上年年份未直接改动（可能是实施期或往年情况），已作为建议：{self.rollover.instruction}"


def scored(ev: SelfEvaluation, card: Scorecard) -> SelfEvaluation:
    """``ev`` with every blank 分值/得分/执行率/总分 filled from ``card`` (written figures are kept as written)."""
    rows = [
        row.model_copy(
            update={
                "weight": row.weight if row.weight is not None else s.weight,
                "score": row.score if row.score is not None else s.score,
            }
        )
        for row, s in zip(ev.rows, card.rows, strict=True)
    ]
    funds = []
    for line in ev.funds:
        if line.kind is FundKind.TOTAL:
            line = line.model_copy(
                update={
                    "weight": line.weight if line.weight is not None else card.budget.weight,
                    "rate": line.rate if line.rate is not None else card.budget.rate,
                    "score": line.score if line.score is not None else card.budget.score,
                }
            )
        funds.append(line)
    total = ev.total_score if ev.total_score is not None else card.total
    return ev.model_copy(update={"rows": rows, "funds": funds, "total_score": total})


_KIND_NAMES = {"selfeval": "自评表", "monitor": "运行监控表"}


def expect_kind(form_id: int, form: Form, kind: str, command: str) -> None:
    """Refuse form ``form_id`` when it is not of ``kind`` (``selfeval``/``monitor``), the same message for every
    command (show, export …), pointing to the other kind's ``command``. Raises `InputError`."""
    actual = "selfeval" if isinstance(form, SelfEvaluation) else "monitor"
    if actual != kind:
        raise InputError(
            f"第 {form_id} 号表是{_KIND_NAMES[actual]}，不是{_KIND_NAMES[kind]}",
            hint=f"用 assistant {actual} {command} {form_id}",
        )
