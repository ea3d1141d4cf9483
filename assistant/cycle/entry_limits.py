"""How long a typed cell of a monitoring table or a self-evaluation may be (red team rt11 #3: a 30,000-character
执行情况 was saved and widened every view). One cell of the official form holds a sentence or a short paragraph; the
limit is far above that and refuses only a runaway paste, naming the row, the field, its length and the limit.
Only cells the person changed are checked: a published form imported with a long cell is not refused on a later save.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.domain.cycle import MonitoringRow, MonitoringTable, SelfEvalRow, SelfEvaluation
from assistant.errors import InputError

CELL_TEXT = 2_000  # characters in one typed cell (the corpus's longest section is 2,668 characters: a whole section)

# (attribute path on a row, Chinese label as the form writes it)
_MONITORING = (
    ("actual_to_date", "执行情况"),
    ("expected_full_year", "全年预计完成情况"),
    ("deviation.text", "偏差原因分析"),
    ("corrective_measures", "纠偏措施"),
    ("remark", "备注"),
    ("rectification", "整改要求和建议"),
)
_SELFEVAL = (("actual", "实际完成值"), ("deviation", "偏差原因分析及改进措施"), ("evidence", "数据来源"))


def _cells(form: MonitoringTable | SelfEvaluation) -> Iterator[tuple[int, str, str, str]]:
    """(row from 1, indicator name, label, text) of each free-text cell of ``form``."""
    fields = _MONITORING if isinstance(form, MonitoringTable) else _SELFEVAL
    rows: list[MonitoringRow | SelfEvalRow] = list(form.rows)
    for n, row in enumerate(rows, start=1):
        for path, label in fields:
            value: object = row
            for part in path.split("."):
                value = getattr(value, part, None)
            if isinstance(value, str):
                yield n, row.link.name, label, value


def check_cell_lengths(form: MonitoringTable | SelfEvaluation, before: MonitoringTable | SelfEvaluation) -> None:
    """Refuse a cell changed from ``before`` that is longer than ``CELL_TEXT`` (InputError naming row and field)."""
    old = {(n, label): text for n, _, label, text in _cells(before)}
    for n, name, label, text in _cells(form):
        if len(text) > CELL_TEXT and old.get((n, label)) != text:
            raise InputError(
                f"第 {n} 行“{name}”的{label}有 {len(text):,} 字，超过一格的上限 {CELL_TEXT:,} 字，未保存",
                hint=f"请精简到 {CELL_TEXT:,} 字以内；详细材料可另作附件提交",
            )
