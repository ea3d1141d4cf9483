"""The rows of a document mirror whose values stand away from their names, read in order where the points prove it.

On a 自评表 mirrored from a workbook (稷山's .xlsx as one line of cells), some rows' four values (年度指标值, 实际完成值,
分值, 得分) follow their names, others were emitted in one block after an earlier row (``75元 75元 10 10 95% 95% 30
27 95% 95% 10 9 100 94``) or among the header's column names (``8755 分值 得分 … 8676 15 13``), and those names
come later, without values. The left-over figures are read as groups of four (the last two whole numbers: 分值 and
得分) and given to the names without values in page order only when

- there are exactly as many groups as names, a last pair of whole numbers stands after them (the 总分 row's 分值 and
  得分), and
- the 分值 of every row, those read beside their names included, add up to that total, or to it less one whole
  number the fund block writes (the budget line's own 分值, ``65.66 65.07 10 99% 9``).

Elsewhere nothing is assigned (the caller's note names the rows left unread).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.ingest.selfeval_cells import FUND_HEADER, State, cell_key
from assistant.ingest.web_cells import WebCell

_VALUE = re.compile(r"^[<>=≥≤＞＜]?\d+(?:\.\d+)?(?:%|[\u4e00-\u9fffA-Za-z]{1,4})?$")
_WHOLE = re.compile(r"^\d{1,3}$")


@dataclass
class Orphan:
    """A numbered name the first pass found no values beside: where it stands, its name and its categories."""

    at: int
    name: str
    levels: dict[str, str]
    cell: WebCell


def is_value(text: str) -> bool:
    """``text`` is one value cell: a figure, with an operator or a short unit (``75元``, ``95%``, ``≥90%``)."""
    return bool(_VALUE.match(text.replace(",", "").strip()))


def assign(
    cells: list[WebCell], used: set[int], orphans: list[Orphan], weights: list[Decimal], state: State, start: int
) -> list[tuple[Orphan, list[str]]] | None:
    """Each orphan with its four values (see the module's docstring), or None where the points do not prove it.
    ``used`` holds the indexes of ``cells`` read beside their names; ``weights`` the 分值 of those rows."""
    if not orphans:
        return None
    left = [cells[k].text.strip() for k in range(len(cells)) if k not in used and is_value(cells[k].text)]
    groups: list[list[str]] = []
    while len(left) >= 4 and _WHOLE.match(left[2]) and _WHOLE.match(left[3]):
        groups.append(left[:4])
        left = left[4:]
    if len(groups) != len(orphans) or len(left) != 2 or not all(_WHOLE.match(v) for v in left):
        return None
    total = Decimal(left[0])
    points = sum(weights, Decimal(0)) + sum((Decimal(g[2]) for g in groups), Decimal(0))
    if total - points != 0 and total - points not in _fund_points(state, start):
        return None
    return list(zip(orphans, groups, strict=True))


def _fund_points(state: State, end: int) -> set[Decimal]:
    """The fund block's whole numbers that stand beside a rate (``10 99% 9``: its 分值 and 得分), between its first
    column name and the indicator table."""
    tokens = state.tokens[:end]
    first = next((k for k, t in enumerate(tokens) if t is not None and cell_key(t.text) in FUND_HEADER), None)
    if first is None:
        return set()
    texts = [t.text.strip() for t in tokens[first:] if t is not None and t.text.strip()]
    return {
        Decimal(text)
        for k, text in enumerate(texts)
        if _WHOLE.match(text) and any(n.endswith("%") for n in texts[max(k - 1, 0) : k + 2])
    }
