"""A 自评表 whose 年度资金总额 is written into its label cell (原州: ``年度资金总额:38.75万元``) while the 年初预算数 /
全年预算数 / 全年执行数 cells beside it hold text (the project's name and a breakdown of its funds), so the fund
block has no figure in its columns and was not read.

The figure the label cell states, with its unit, is the year's total budget: read as the 全年预算数 of the
年度资金总额 row, with a warning naming the cell. Only the total row, only a figure written right after the label's
colon with its unit (万元/元), only where the cell beside it is text (not the columns' figures) and no fund
figure was read otherwise; the other rows (其中:财政拨款
``少数民族发展资金37万元``) name their figures inside text and are not read.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.domain.cycle import FundKind, FundLine
from assistant.domain.model import NoteLevel
from assistant.ingest.selfeval_cells import FUND_ROWS, State, cell_key
from assistant.ingest.web_cells import WebCell

_LABEL = re.compile(r"^(?P<label>[^:：\d]{2,12})[:：]\s*(?P<rest>.*)$", re.S)
_STATED = re.compile(r"^(?P<figure>(?:0|[1-9]\d*)(?:\.\d+)?)\s*(?P<unit>万元|元)")
_SCALE = {("万元", "元"): Decimal(10000), ("元", "万元"): Decimal(1) / Decimal(10000)}


def label_amount(state: State, unit: str | None) -> FundLine | None:
    """The 年度资金总额 row from a label cell that states the figure after its colon (or in the cell right after a
    label cut at its colon), in the form's ``unit``, noted; None where the page has no such cell."""
    tokens = state.tokens
    for k, token in enumerate(tokens):
        if token is None or (label := _LABEL.match(token.text.strip())) is None:
            continue
        if FUND_ROWS.get(cell_key(label["label"])) is not FundKind.TOTAL:
            continue
        after = label["rest"] or (nxt.text.strip() if k + 1 < len(tokens) and (nxt := tokens[k + 1]) else "")
        if (stated := _STATED.match(after)) is None or _figures_beside(after[stated.end() :], tokens, k):
            return None
        written = stated["unit"]
        figure = Decimal(stated["figure"]) * _SCALE.get((written, unit or "元"), Decimal(1))
        state.note(
            "selfeval.fund_in_label",
            f"「{label['label']}」栏目中写有「{stated.group()}」，而年初预算数、全年预算数、全年执行数各栏没有数字："
            f"按栏目中写的金额读作年度资金总额的全年预算数，执行数未读取；请对照原表核对",
            token,
            NoteLevel.WARNING,
        )
        return FundLine(kind=FundKind.TOTAL, full_year_budget=figure)
    return None


def no_fund_figure(funds: list[FundLine]) -> bool:
    """No budget or executed figure in any of ``funds`` (none read, or rows whose columns held text)."""
    return all(f.initial_budget is None and f.full_year_budget is None and f.executed is None for f in funds)


def _figures_beside(rest: str, tokens: list[WebCell | None], k: int) -> bool:
    """The label's figure is followed by the columns' own figures: the block is the fund reader's, not this one's."""
    rest = rest.strip()
    if not rest:
        nxt = next((t for t in tokens[k + 1 : k + 3] if t is not None and t.text.strip()), None)
        rest = nxt.text.strip() if nxt is not None else ""
    run = _DIGITS.match(rest)
    return run is not None and not rest.startswith("年", run.end())  # ``2022年原州区…``: a name that opens with a year


_DIGITS = re.compile(r"[\d.,%]+")
