"""How many real published declarations are read with their project name, amount and every indicator row.

    PYTHONPATH=. python evals/real_pages/score.py [tune|test|tune5|…|all]

Reads tests/fixtures/real_pages/found/<half>/*.txt with the product's reader (``parse_file``, as ``assistant
import`` does) and compares with expected.json: a declaration counts when its name is the expected one, its
amount (annual, else total) equals the expected yuan, and every expected indicator name is among its rows
(compared without spaces; a 指标1： numbering is the reader's to strip). Prints one line per declaration.

An expectation with ``"kind": "selfeval"`` is a published 项目支出绩效自评表: it is read with the product's
self-evaluation reader (``read_self_evaluation_forms``: every 自评表 in the file, in order; ``assistant selfeval import``
stores each, leaving out and noting any read empty) and counts the same way:
its project name, its amount (the 全年预算数 of the 年度资金总额 row, else — blank or zero there — that of the 财政拨款
row, in yuan) and every indicator row, the value compared being the 年度指标值.

Where the expectation lists ``rows`` (一级/二级 as written, 三级, value as written) and header fields (``year``,
``unit``, ``fiscal_annual``: the year's 财政拨款 in yuan), it also prints field accuracy: of the expected fields, how many the reader got (一级/二级 compared
without spaces and a trailing 指标; values compared without spaces, ``>=``/``≧`` read as ``≥``, a unit in brackets as the same unit without; the unit may be
the 主管部门, 实施单位 or 申报单位). A page refused with a message counts as not read.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from assistant.domain.cycle import FundKind, SelfEvaluation
from assistant.domain.model import Declaration
from assistant.errors import AssistantError
from assistant.ingest.selfeval_files import read_self_evaluation_forms
from assistant.ingest.text_export import parse_file

FOUND = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "real_pages" / "found"


@dataclass
class Read:
    """What a reader got from one form, in the shape the comparison needs."""

    name: str
    amount: Decimal | None
    year: int | None
    units: set[str]
    rows: dict[str, list[tuple[str | None, str | None, set[str]]]] = field(default_factory=dict)
    fiscal_annual: Decimal | None = None  # the year's 财政拨款, where the expectation gives it

    def add(self, name: str, level1: str | None, level2: str | None, values: set[str]) -> None:
        self.rows.setdefault(_key(name), []).append((level1, level2, values))


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _level(text: str | None) -> str:
    return _key(text or "").removesuffix("指标")


def _value(text: str | None) -> str:
    """A value as compared: no spaces, ``>=``/``≧`` as ``≥``, and the unit's brackets dropped (``=3500(米)`` is ``=3500米``)."""
    text = _key(text or "").replace(">=", "≥").replace("≧", "≥").replace("<=", "≤").replace("≦", "≤")
    return re.sub(r"[(（](.*?)[)）]$", r"\1", text)


def _from_declaration(decl: Declaration) -> Read:
    header = decl.header
    amount = decl.funding.annual if decl.funding.annual is not None else decl.funding.total
    units = {_key(u or "") for u in (header.department, header.implementer, header.applicant)}
    read = Read(header.name, amount, header.year, units, fiscal_annual=decl.funding.fiscal_annual)
    for i in decl.indicators:
        read.add(i.name, i.level1_written, i.level2_written, {_value(i.value.raw), _value(i.value.render())})
    return read


def _from_selfeval(form: SelfEvaluation) -> Read:
    def budget(kind: FundKind) -> Decimal | None:
        line = form.fund(kind)
        return line.full_year_budget if line is not None and line.full_year_budget else None

    amount = budget(FundKind.TOTAL) or budget(FundKind.FISCAL)
    if amount is not None and form.amount_unit == "万元":
        amount = amount * 10000
    units = {_key(u or "") for u in (form.department, form.implementer)}
    read = Read(form.project_name, amount, form.year, units)
    for row in form.rows:
        values = {_value(row.target)} | ({_value(row.target_value.render())} if row.target_value else set())
        read.add(row.link.name, row.link.level1_written, row.link.level2_written, values)
    return read


def _read(path: Path, selfeval: bool) -> list[Read]:
    if selfeval:
        return [_from_selfeval(form) for form, _ in read_self_evaluation_forms(path)]
    return [_from_declaration(d) for d in parse_file(path).declarations]


def _fields(got: Read | None, want: dict) -> tuple[int, int]:
    """(fields right, fields expected) for one form's header fields and rows."""
    good = total = 0
    if "year" in want:
        total += 1
        good += got is not None and got.year == want["year"]
    if "unit" in want:
        total += 1
        good += got is not None and _key(want["unit"]) in got.units
    if "fiscal_annual" in want:
        total += 1
        good += got is not None and got.fiscal_annual == Decimal(want["fiscal_annual"])
    unused = {name: list(found) for name, found in got.rows.items()} if got else {}
    for row in want.get("rows", []):
        total += 4
        candidates = unused.get(_key(row["name"])) or []
        if not candidates:
            continue
        marks = [_row_marks(found, row) for found in candidates]
        best = max(range(len(marks)), key=marks.__getitem__)
        good += 1 + marks[best]
        candidates.pop(best)  # two rows of one name are matched one to one, each to its best-fitting reading
    return good, total


def _row_marks(found: tuple[str | None, str | None, set[str]], row: dict) -> int:
    level1, level2, values = found
    return (
        (_level(level1) == _level(row["l1"])) + (_level(level2) == _level(row["l2"])) + (_value(row["value"]) in values)
    )


def score(half: str) -> tuple[int, int, int, int]:
    """(forms read right, forms expected, fields right, fields expected) over a half."""
    expected = json.loads((FOUND / "expected.json").read_text(encoding="utf-8"))
    good = total = field_good = field_total = 0
    for name, wanted in sorted(expected.items()):
        if name.startswith("_") or (half != "all" and not name.startswith(half + "/")):
            continue
        try:
            found = _read(FOUND / name, selfeval=any(w.get("kind") == "selfeval" for w in wanted))
        except AssistantError as exc:
            found = []
            print(f"{name}: 拒绝 — {exc.message[:100]}")
        by_name = {_key(r.name): r for r in found}
        for want in wanted:
            total += 1
            got = by_name.get(_key(want["name"]))
            names = want.get("indicators") or [r["name"] for r in want.get("rows", [])]
            fg, ft = _fields(got, want)
            field_good, field_total = field_good + fg, field_total + ft
            kind = "（自评表）" if want.get("kind") == "selfeval" else ""
            if got is None:
                print(f"  ✗ {want['name']}{kind}: 没有读到（读到 {[r.name for r in found]}）")
                continue
            missing = [n for n in names if _key(n) not in got.rows]
            ok = got.amount is not None and got.amount == Decimal(want["yuan"]) and not missing
            good += ok
            fields = f"，字段 {fg}/{ft}" if ft else ""
            print(
                f"  {'✓' if ok else '✗'} {want['name']}{kind}: 金额 {got.amount}（应为 {want['yuan']}），"
                f"缺少指标 {missing}{fields}"
            )
    return good, total, field_good, field_total


if __name__ == "__main__":
    half = sys.argv[1] if len(sys.argv) > 1 else "test"
    good, total, fg, ft = score(half)
    print(f"{half}: {good}/{total} 份申报表读到项目名称、金额和全部指标行（{100 * good / max(total, 1):.0f}%）")
    print(f"{half}: 字段（年度、单位、每行的一级/二级/三级/指标值）{fg}/{ft}（{100 * fg / max(ft, 1):.0f}%）")
