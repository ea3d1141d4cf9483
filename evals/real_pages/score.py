"""How many real published declarations are read with their project name, amount and every indicator row.

    PYTHONPATH=. python evals/real_pages/score.py [tune|test|all]

Reads tests/fixtures/real_pages/found/<half>/*.txt with the product's reader (``parse_file``, as ``assistant
import`` does) and compares with expected.json: a declaration counts when its name is the expected one, its
amount (annual, else total) equals the expected yuan, and every expected indicator name is among its rows
(compared without spaces; a 指标1： numbering is the reader's to strip). Prints one line per declaration.

Where the expectation lists ``rows`` (一级/二级 as written, 三级, value as written) and header fields (``year``,
``unit``), it also prints field accuracy: of the expected fields, how many the reader got (一级/二级 compared
without spaces and a trailing 指标; values compared without spaces, ``>=``/``≧`` read as ``≥``; the unit may be
the 主管部门, 实施单位 or 申报单位). A page refused with a message counts as not read.
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

from assistant.domain.model import Declaration
from assistant.errors import AssistantError
from assistant.ingest.text_export import parse_file

FOUND = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "real_pages" / "found"


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _level(text: str | None) -> str:
    return _key(text or "").removesuffix("指标")


def _value(text: str | None) -> str:
    return _key(text or "").replace(">=", "≥").replace("≧", "≥").replace("<=", "≤").replace("≦", "≤")


def _fields(decl: Declaration | None, want: dict) -> tuple[int, int]:
    """(fields right, fields expected) for one declaration's header fields and rows."""
    good = total = 0
    header = decl.header if decl else None
    if "year" in want:
        total += 1
        good += header is not None and header.year == want["year"]
    if "unit" in want:
        total += 1
        units = {_key(u or "") for u in (header.department, header.implementer, header.applicant)} if header else set()
        good += _key(want["unit"]) in units
    found = {_key(i.name): i for i in decl.indicators} if decl else {}
    for row in want.get("rows", []):
        total += 4
        ind = found.get(_key(row["name"]))
        if ind is None:
            continue
        good += 1
        good += _level(ind.level1_written) == _level(row["l1"])
        good += _level(ind.level2_written) == _level(row["l2"])
        good += _value(row["value"]) in {_value(ind.value.raw), _value(ind.value.render())}
    return good, total


def score(half: str) -> tuple[int, int, int, int]:
    """(declarations read right, declarations expected, fields right, fields expected) over a half."""
    expected = json.loads((FOUND / "expected.json").read_text(encoding="utf-8"))
    good = total = field_good = field_total = 0
    for name, wanted in sorted(expected.items()):
        if name.startswith("_") or (half != "all" and not name.startswith(half + "/")):
            continue
        try:
            found = parse_file(FOUND / name).declarations
        except AssistantError as exc:
            found = []
            print(f"{name}: 拒绝 — {exc.message[:100]}")
        by_name = {_key(d.header.name): d for d in found}
        for want in wanted:
            total += 1
            decl = by_name.get(_key(want["name"]))
            names = want.get("indicators") or [r["name"] for r in want.get("rows", [])]
            fg, ft = _fields(decl, want)
            field_good, field_total = field_good + fg, field_total + ft
            if decl is None:
                print(f"  ✗ {want['name']}: 没有读到（读到 {[d.header.name for d in found]}）")
                continue
            amount = decl.funding.annual if decl.funding.annual is not None else decl.funding.total
            rows = {_key(i.name) for i in decl.indicators}
            missing = [n for n in names if _key(n) not in rows]
            ok = amount is not None and amount == Decimal(want["yuan"]) and not missing
            good += ok
            fields = f"，字段 {fg}/{ft}" if ft else ""
            print(
                f"  {'✓' if ok else '✗'} {want['name']}: 金额 {amount}（应为 {want['yuan']}），缺少指标 {missing}{fields}"
            )
    return good, total, field_good, field_total


if __name__ == "__main__":
    half = sys.argv[1] if len(sys.argv) > 1 else "test"
    good, total, fg, ft = score(half)
    print(f"{half}: {good}/{total} 份申报表读到项目名称、金额和全部指标行（{100 * good / max(total, 1):.0f}%）")
    print(f"{half}: 字段（年度、单位、每行的一级/二级/三级/指标值）{fg}/{ft}（{100 * fg / max(ft, 1):.0f}%）")
