"""A row's figure against what its own name and the project's money say it can be.

- ``COST-TOTAL-FUNDING``: a 成本指标 row that states the whole cost (项目总成本 ≤58(万元)) above every funding figure
  the header gives (项目资金总额 / 年度资金申请 / 财政资金 48万元): the cost row and the money no longer agree, the
  classic send-back a funding cut leaves behind (beyond the rounding the written figure carries).
- ``VAL-UNIT-KIND``: a row whose name counts things (课题数量, 培训人次, 检查次数) with a % value, or a rate (…率)
  given in a count unit other than zero (采纳率 ≥6(项); 故障率 =0(次), as forms often write it, is let be): the unit
  says another measure than the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.domain.framework import Level1
from assistant.domain.model import Declaration, Indicator
from assistant.domain.values import ValueKind
from assistant.review.base import at_indicator, finding, quoted
from assistant.review.models import Finding

_WAN = Decimal(10000)
_TOTAL_NAME = re.compile(r"总成本|成本总额|总投入|总预算|项目成本|成本总|资金总额|总费用|总经费")
_COUNT_NAME = re.compile(r"(?:数量|人数|人次|次数|个数|项数|场次|户数|件数|批次|期数|台数|套数|册数|篇数|家数|所数)$")
_RATE_NAME = re.compile(r"(?:率|占比|比例|比重)$")
_COUNT_UNITS = re.compile(r"^(?:万)?(?:个|项|人|名|位|次|场|户|件|批次|期|台|套|册|篇|家|所|人次|场次|处|条|份|课时)$")


def check_totals(decl: Declaration) -> Iterator[Finding]:
    yield from _total_over_funding(decl)
    yield from _unit_kind(decl)


def _funding(decl: Declaration) -> list[tuple[str, Decimal]]:
    f = decl.funding
    named = (("项目资金总额", f.total), ("年度资金申请总额", f.annual), ("财政资金", f.fiscal_total))
    return [(label, amount) for label, amount in named if amount is not None and amount > 0]


def _yuan(ind: Indicator) -> tuple[Decimal, Decimal] | None:
    """(yuan, rounding in yuan) of a whole-cost row written in 元 or 万元; None for any other row."""
    v = ind.value
    if ind.level1 is not Level1.COST or v.kind is not ValueKind.QUANTITATIVE or v.number is None:
        return None
    if v.unit not in ("元", "万元") or not _TOTAL_NAME.search(ind.name) or v.operator in (">", "≥"):
        return None
    factor = _WAN if v.unit == "万元" else Decimal(1)
    exponent = v.number.as_tuple().exponent
    step = Decimal(1).scaleb(min(exponent, 0) if isinstance(exponent, int) else 0) * factor
    return v.number * factor, step


def _total_over_funding(decl: Declaration) -> Iterator[Finding]:
    funding = _funding(decl)
    if not funding:
        return
    most = max(amount for _, amount in funding)
    for ind in decl.indicators:
        found = _yuan(ind)
        if found is None or found[0] <= most + found[1]:
            continue
        shown = "，".join(f"{label} {amount:,.0f}元" for label, amount in funding)
        message = (
            f"总成本指标{quoted(ind)}为 {found[0]:,.0f}元，超过表头的资金（{shown}），多出 {found[0] - most:,.0f}元；"
            "总成本应与项目资金一致"
        )
        yield finding("COST-TOTAL-FUNDING", message, at_indicator(ind), fix=funding_fix(funding))


def funding_fix(funding: list[tuple[str, Decimal]]) -> str:
    """The fix with the figure it asks for taken from the form's own header (表头的项目资金总额 657,800元 →
    ≤65.78(万元)), saying where it comes from; never an example figure of another project."""
    label, amount = funding[0]
    wan = f"{(amount / _WAN).normalize():f}"
    return (
        f"按表头的{label}（{amount:,.0f}元）改写总成本指标，即“项目总成本≤{wan}(万元)”，"
        "并改正项目概况中写明的总额、分项金额；资金已调整的，请同时核对单位成本和分项成本。"
    )


def _unit_kind(decl: Declaration) -> Iterator[Finding]:
    for ind in decl.indicators:
        v = ind.value
        if v.kind is not ValueKind.QUANTITATIVE or not v.unit:
            continue
        if _COUNT_NAME.search(ind.name) and v.unit in ("%", "％"):
            counted = _COUNT_NAME.search(ind.name)
            said = counted.group(0) if counted else "数量"
            message = (
                f"指标{quoted(ind)}的名称是{said}（计数），指标值却是百分比；请改用计数单位（如项、个、人、次），"
                "或把名称改为相应的比率（如完成率）"
            )
            yield finding("VAL-UNIT-KIND", message, at_indicator(ind))
        elif _RATE_NAME.search(ind.name) and _COUNT_UNITS.match(v.unit) and v.number:  # 故障率 =0(次) reads fine
            message = (
                f"指标{quoted(ind)}的名称是比率，指标值却以“{v.unit}”计数；请改为百分比（如≥95(%)），"
                "或把名称改为相应的数量"
            )
            yield finding("VAL-UNIT-KIND", message, at_indicator(ind))
