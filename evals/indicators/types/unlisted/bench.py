"""Briefs of kinds the type catalogue lacks (issue 21): does the table carry the brief's own figures?

    PYTHONPATH=. .venv/bin/python evals/indicators/types/unlisted/bench.py                # both halves, test last
    PYTHONPATH=. .venv/bin/python evals/indicators/types/unlisted/bench.py --split test --verbose

Per case (briefs/NN-*.yaml, expect/NN-*.yaml) and per half it prints:
- figures: the share of the figures the brief states (expect ``figures``: ``180(个)``, ``78(万人)``, ``0(*)`` for
  a zero target in any unit) that appear as a row's value with that unit (名 = 人; 1.2(万卷) = 12000(卷));
- unit costs: the share of cost rows priced per unit (元/…) whose value is one a reviewer accepts (``costs``);
- foreign: rows whose name carries a word of another kind of project (``forbidden``);
- 二级: the share of the 二级 the brief gives something for (``level2``) that the table covers;
- p95 ms per brief with the rules only (no model), warm (the first call, which loads jieba's dictionary, is
  printed on its own).
Targets (issue 21, test half): figures ≥ 90%, unit costs 100%, foreign 0, every such 二级 covered, p95 ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from assistant.corpus.store import Corpus
from assistant.domain.brief import load_brief
from assistant.domain.framework import Level1
from assistant.suggest.bank import IndicatorBank, build_bank
from assistant.suggest.models import IndicatorSuggestion, SuggestionSet
from assistant.suggest.suggest import suggest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
_FIGURE = re.compile(r"^(?P<num>\d+(?:\.\d+)?)\((?P<unit>[^)]*)\)$")
RUNS = 5  # timed runs per brief
_TITLES = {
    "tune": "调参用",
    "test": "首轮未调参；其后按首轮所见的输入类别修正过",
    "test2": "写成后未调参，报告用",
    "fresh": "第三批：会议费、考察、课题研究，运行前写成",
    "services-tune": "社区服务类（issue 22）：多站点、收费与按单位补贴，调参用",
    "services-test": "社区服务类（issue 22）：多站点、收费与按单位补贴，运行前写成，报告用",
}
# A name cut across a clause: another figure inside it (道3个社区长者食堂和依托数量), or a connective or a
# preposition left hanging before the measure's suffix (…和依托数量, …并人次).
_CUT = re.compile(
    r"\d+(?:\.\d+)?[个家名人次份单辆台套处所条件项场期班批]|(?:依托|通过|按照|其中|(?<!合)并|(?<![总饱])和|(?<![涉惠普危以])及|(?<![参给赋])与|(?<![核针相面应绝])对|(?<![存所现实])在|(?<![行作认成因])为)"
    r"(?:数量|人数|人次|次数|场次|份数|户数|时限|标准|成本|覆盖率|满意度)$"
)


@dataclass(frozen=True)
class Outcome:
    case: str
    figures: tuple[int, int]
    missing: list[str]
    costs: tuple[int, int]
    bad_costs: list[str]
    foreign: list[str]
    cut: list[str]
    level2: tuple[int, int]
    uncovered: list[str]
    rows: int


def _norm(number: Decimal, unit: str) -> tuple[Decimal, str]:
    unit = unit.replace("名", "人").replace("位", "人")
    if unit.startswith("万") and unit != "万元":
        return (number * 10000).normalize(), unit[1:]
    return number.normalize(), unit


def _parse(figure: str) -> tuple[Decimal, str]:
    m = _FIGURE.match(figure)
    if m is None:
        raise ValueError(f"figure not in the form 180(个): {figure}")
    return Decimal(m["num"]), m["unit"]


def has_figure(rows: list[IndicatorSuggestion], figure: str) -> bool:
    """Whether a row carries ``figure`` (``a|b``: either of two ways a reviewer accepts to write it)."""
    if "|" in figure:
        return any(has_figure(rows, f) for f in figure.split("|"))
    number, unit = _parse(figure)
    for r in rows:
        if r.value.number is None:
            continue
        if unit == "*" and r.value.number == 0:
            return True
        if _norm(r.value.number, r.value.unit or "") == _norm(number, unit):
            return True
    return False


def judge(name: str, expect: dict, result: SuggestionSet) -> Outcome:
    rows = result.suggestions
    missing = [f for f in expect["figures"] if not has_figure(rows, f)]
    unit_costs = [r for r in rows if r.level1 is Level1.COST and (r.value.unit or "").startswith("元/")]
    accepted = [_norm(*_parse(c)) for c in expect["costs"]]
    bad = [
        f"{r.name} {r.value.value}"
        for r in unit_costs
        if _norm(r.value.number or Decimal(-1), r.value.unit or "") not in accepted
    ]
    foreign = [r.name for r in rows if any(w in r.name for w in expect["forbidden"])]
    cut = [r.name for r in rows if _CUT.search(r.name)]
    covered = {r.level2.value for r in rows}
    uncovered = [l2 for l2 in expect["level2"] if l2 not in covered]
    return Outcome(
        name,
        (len(expect["figures"]) - len(missing), len(expect["figures"])),
        missing,
        (len(unit_costs) - len(bad), len(unit_costs)),
        bad,
        foreign,
        cut,
        (len(expect["level2"]) - len(uncovered), len(expect["level2"])),
        uncovered,
        len(rows),
    )


def load(split: str | None) -> list[tuple[str, dict]]:
    found = [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted((HERE / "expect").glob("*.yaml"))]
    return [(n, e) for n, e in found if split is None or e["split"] == split]


def run(cases: list[tuple[str, dict]], bank: IndicatorBank, *, verbose: bool) -> tuple[list[Outcome], list[float]]:
    outcomes, times = [], []
    for name, expect in cases:
        brief = load_brief(HERE / expect["brief"])
        result = suggest(brief, bank)
        for _ in range(RUNS):
            start = time.perf_counter()
            suggest(brief, bank)
            times.append((time.perf_counter() - start) * 1000)
        outcomes.append(judge(name, expect, result))
        if verbose:
            for r in result.suggestions:
                print(f"    {name} | {r.level2.value} | {r.name} | {r.value.value} | {r.origin.value}")
    return outcomes, times


def report(title: str, outcomes: list[Outcome], times: list[float]) -> bool:
    print(f"\n## {title}\n")
    print("| 简报 | 行数 | 简报数字入表 | 单位成本可接受 | 外来行 | 名称截断 | 二级覆盖 | 未入表 / 不可接受 / 未覆盖 |")
    print("|---|---|---|---|---|---|---|---|")
    for o in outcomes:
        notes = "；".join(x for x in ("、".join(o.missing), "、".join(o.bad_costs), "、".join(o.uncovered)) if x)
        print(
            f"| {o.case} | {o.rows} | {o.figures[0]}/{o.figures[1]} | {o.costs[0]}/{o.costs[1]} | {len(o.foreign)}"
            f"{(' ' + '、'.join(o.foreign)) if o.foreign else ''} | {len(o.cut)}"
            f"{(' ' + '、'.join(o.cut)) if o.cut else ''} | {o.level2[0]}/{o.level2[1]} | {notes} |"
        )
    fig = (sum(o.figures[0] for o in outcomes), sum(o.figures[1] for o in outcomes))
    cost = (sum(o.costs[0] for o in outcomes), sum(o.costs[1] for o in outcomes))
    l2 = (sum(o.level2[0] for o in outcomes), sum(o.level2[1] for o in outcomes))
    foreign = sum(len(o.foreign) for o in outcomes)
    cut = sum(len(o.cut) for o in outcomes)
    p95 = statistics.quantiles(times, n=20)[18] if len(times) >= 2 else (times[0] if times else 0.0)
    print(
        f"\n合计：简报数字入表 {fig[0]}/{fig[1]} ({fig[0] / max(fig[1], 1):.0%})；单位成本可接受 {cost[0]}/{cost[1]} "
        f"({cost[0] / max(cost[1], 1):.0%})；外来行 {foreign}；名称截断 {cut}；二级覆盖 {l2[0]}/{l2[1]} ({l2[0] / max(l2[1], 1):.0%})；"
        f"每份简报 p95 {p95:.0f} ms（中位 {statistics.median(times):.0f} ms，{len(times)} 次，--llm none）"
    )
    return fig[0] >= 0.9 * fig[1] and cost[0] == cost[1] and foreign == 0 and cut == 0 and l2[0] == l2[1] and p95 <= 300


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=list(_TITLES), default=None)
    parser.add_argument("--verbose", action="store_true", help="print every suggested row")
    args = parser.parse_args()
    bank = build_bank(Corpus.load(REPO / "corpus").declarations)
    first = load(None)[0][1]
    start = time.perf_counter()
    suggest(load_brief(HERE / first["brief"]), bank)
    print(f"首次调用（含 jieba 词典加载）：{(time.perf_counter() - start) * 1000:.0f} ms")
    splits = [args.split] if args.split else ["tune", "test", "test2"]
    ok = [report(f"{s}（{_TITLES[s]}）", *run(load(s), bank, verbose=args.verbose)) for s in splits]
    print(
        f"\n目标（测试半）：数字入表 ≥90%、单位成本 100% 可接受、外来行 0、二级全覆盖、p95 ≤300 ms —— {'达到' if ok[-1] else '未达到'}"
    )
    return 0 if ok[-1] else 1


if __name__ == "__main__":
    sys.exit(main())
