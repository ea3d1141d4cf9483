"""How many real published declarations are read with their project name, amount and every indicator row.

    PYTHONPATH=. python evals/real_pages/score.py [tune|test|all]

Reads tests/fixtures/real_pages/found/<half>/*.txt with the product's reader (``parse_file``, as ``assistant
import`` does) and compares with expected.json: a declaration counts when its name is the expected one, its
amount (annual, else total) equals the expected yuan, and every expected indicator name is among its rows
(compared without spaces; a 指标1： numbering is the reader's to strip). Prints one line per declaration.
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

from assistant.errors import AssistantError
from assistant.ingest.text_export import parse_file

FOUND = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "real_pages" / "found"


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def score(half: str) -> tuple[int, int]:
    expected = json.loads((FOUND / "expected.json").read_text(encoding="utf-8"))
    good = total = 0
    for name, wanted in sorted(expected.items()):
        if name.startswith("_") or (half != "all" and not name.startswith(half + "/")):
            continue
        try:
            found = parse_file(FOUND / name).declarations
        except AssistantError as exc:
            found = []
            print(f"{name}: 拒绝 — {exc.message[:80]}")
        by_name = {_key(d.header.name): d for d in found}
        for want in wanted:
            total += 1
            decl = by_name.get(_key(want["name"]))
            if decl is None:
                print(f"  ✗ {want['name']}: 没有读到（读到 {[d.header.name for d in found]}）")
                continue
            amount = decl.funding.annual if decl.funding.annual is not None else decl.funding.total
            rows = {_key(i.name) for i in decl.indicators}
            missing = [n for n in want["indicators"] if _key(n) not in rows]
            ok = amount is not None and amount == Decimal(want["yuan"]) and not missing
            good += ok
            print(f"  {'✓' if ok else '✗'} {want['name']}: 金额 {amount}（应为 {want['yuan']}），缺少指标 {missing}")
    return good, total


if __name__ == "__main__":
    half = sys.argv[1] if len(sys.argv) > 1 else "test"
    good, total = score(half)
    print(f"{half}: {good}/{total} 份申报表读到项目名称、金额和全部指标行（{100 * good / max(total, 1):.0f}%）")
