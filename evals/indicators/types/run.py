"""Suggestions for briefs of every project type, judged against what a careful reviewer expects.

    .venv/bin/python evals/indicators/types/run.py            # both halves, test half last; exit 1 if a target is missed
    .venv/bin/python evals/indicators/types/run.py --split test

Each case is a brief (briefs/NN-*.yaml, an ordinary brief: `assistant suggest` reads it) and its
expectations (expect/NN-*.yaml): the type, the half it belongs to, must-have indicator kinds,
values computable from the brief, rows a reviewer would also keep, and words that must not appear.
Per case it prints: type found, rows suggested, share kept, must-have kinds present, brief figures
used (expected values found exactly), cost level present, forbidden rows proposed. See README.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.corpus.store import Corpus
from assistant.domain.brief import load_brief
from assistant.domain.framework import Level1
from assistant.suggest.bank import IndicatorBank, build_bank
from assistant.suggest.models import IndicatorSuggestion, SuggestionSet
from assistant.suggest.suggest import suggest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
TARGETS = {"kept": 0.8, "forbidden": 0, "cost_level": 1.0, "type": 1.0}


class ExpectedValue(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    value: str


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    must_have: list[str]
    values: list[ExpectedValue]
    keep: list[str]
    forbidden: list[str]


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
    split: str
    brief: str = Field(description="Path of the brief, relative to this folder.")
    expect: Expect


@dataclass(frozen=True)
class Outcome:
    case: str
    case_type: str
    found_type: str
    rows: int
    kept: int
    must: tuple[int, int]
    figures: tuple[int, int]
    cost_level: bool
    forbidden: list[str]


def load_cases(split: str | None) -> list[tuple[str, Case]]:
    cases = [
        (p.stem, Case.model_validate(yaml.safe_load(p.read_text(encoding="utf-8"))))
        for p in sorted((HERE / "expect").glob("*.yaml"))
    ]
    return [(n, c) for n, c in cases if split is None or c.split == split]


def _hits(pattern: str, row: IndicatorSuggestion) -> bool:
    return re.search(pattern, row.name) is not None


def judge(name: str, case: Case, result: SuggestionSet) -> Outcome:
    rows, e = result.suggestions, case.expect
    forbidden = [r.name for r in rows if any(_hits(p, r) for p in e.forbidden)]
    good = [*e.must_have, *e.keep]
    kept = sum(1 for r in rows if r.name not in forbidden and any(_hits(p, r) for p in good))
    must = sum(1 for p in e.must_have if any(_hits(p, r) for r in rows))
    figures = sum(1 for v in e.values if any(_hits(v.name, r) and r.value.value == v.value for r in rows))
    cost = any(r.level1 is Level1.COST and (r.value.unit or "").startswith(("元", "万元")) for r in rows)
    found = result.project_type.type.value if result.project_type and result.project_type.type else "（未识别）"
    return Outcome(
        name, case.type, found, len(rows), kept, (must, len(e.must_have)), (figures, len(e.values)), cost, forbidden
    )


def run(split: str | None, bank: IndicatorBank, *, verbose: bool) -> list[Outcome]:
    outcomes = []
    for name, case in load_cases(split):
        result = suggest(load_brief(HERE / case.brief), bank)
        outcomes.append(judge(name, case, result))
        if verbose:
            for r in result.suggestions:
                print(
                    f"    {name} | {r.level2.value} | {r.name} | {r.value.value} | {r.origin.value} | {r.value.ground.value}"
                )
    return outcomes


def report(title: str, outcomes: list[Outcome]) -> bool:
    print(f"\n## {title}\n")
    print("| 简报 | 期望类型 | 识别类型 | 建议数 | 可保留 | 必备指标 | 简报数字 | 成本水平 | 禁止项 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for o in outcomes:
        share = o.kept / o.rows if o.rows else 0.0
        print(
            f"| {o.case} | {o.case_type} | {o.found_type} | {o.rows} | {o.kept} ({share:.0%}) | {o.must[0]}/{o.must[1]} | "
            f"{o.figures[0]}/{o.figures[1]} | {'有' if o.cost_level else '无'} | {len(o.forbidden)}{(' ' + '、'.join(o.forbidden)) if o.forbidden else ''} |"
        )
    rows, kept = sum(o.rows for o in outcomes), sum(o.kept for o in outcomes)
    figures = (sum(o.figures[0] for o in outcomes), sum(o.figures[1] for o in outcomes))
    must = (sum(o.must[0] for o in outcomes), sum(o.must[1] for o in outcomes))
    types = sum(o.case_type == o.found_type for o in outcomes)
    cost = sum(o.cost_level for o in outcomes)
    forbidden = sum(len(o.forbidden) for o in outcomes)
    print(
        f"\n合计：类型正确 {types}/{len(outcomes)}；可保留 {kept}/{rows} ({kept / max(rows, 1):.0%})；必备指标 {must[0]}/{must[1]}；"
        f"简报数字 {figures[0]}/{figures[1]}；有成本水平 {cost}/{len(outcomes)}；禁止项 {forbidden}"
    )
    return (
        kept / max(rows, 1) >= TARGETS["kept"]
        and forbidden == TARGETS["forbidden"]
        and cost == len(outcomes)
        and types == len(outcomes)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "test"], default=None)
    parser.add_argument("--verbose", action="store_true", help="print every suggested row")
    args = parser.parse_args()
    bank = build_bank(Corpus.load(REPO / "corpus").declarations)
    splits = [args.split] if args.split else ["tune", "test"]
    ok = [
        report(f"{s}（{'调参用' if s == 'tune' else '未调参，报告用'}）", run(s, bank, verbose=args.verbose))
        for s in splits
    ]
    print(
        f"\n目标：可保留 ≥{TARGETS['kept']:.0%}、禁止项 0、每份都有成本水平、类型全部正确 —— {'达到' if all(ok) else '未达到'}"
    )
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
