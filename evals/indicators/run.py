"""Leave-one-declaration-out evaluation of indicator suggestions, against a plain vector-search baseline.

For each declaration D of the corpus: build the bank without D, derive a brief from D, suggest, and
compare with D's own current-framework indicators. The method is in README.md next to this file.

Run: ``.venv/bin/python evals/indicators/run.py`` (add ``--write`` to update results.md).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief, BriefFunding
from assistant.domain.framework import Level2
from assistant.domain.model import Declaration, SectionKind
from assistant.domain.values import IndicatorValue, Operator, ValueKind, parse_value
from assistant.review import lexicon
from assistant.services import build_services
from assistant.settings import load_settings
from assistant.suggest.bank import IndicatorBank, build_bank
from assistant.suggest.suggest import requirements, suggest
from assistant.suggest.text import sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from embed_cache import EmbeddingCache, default_cache

MATCH_THRESHOLD = 0.985  # e5 cosine above which two names count as the same indicator (README: calibration)
BRIEF_CHARS = 120  # the brief keeps the first sentences of D's overview or goals, about this long
TARGET_COVERAGE = 1.0
TARGET_F1_RATIO = 1.5
RESULTS = Path(__file__).with_name("results.md")


@dataclass(frozen=True)
class Item:
    name: str
    level2: Level2 | None
    value: IndicatorValue


@dataclass(frozen=True)
class Outcome:
    proposed: int
    truth: int
    matched: int
    agreeing: int
    covered: int
    required: int

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def total(outcomes: list[Outcome]) -> Outcome:
    fields = ("proposed", "truth", "matched", "agreeing", "covered", "required")
    return Outcome(**{f: sum(getattr(o, f) for o in outcomes) for f in fields})


def brief_from(decl: Declaration, *, implementer: bool = True) -> Brief:
    """What an officer would know before writing D: header, budget and the gist of its overview or goals."""
    h, money = decl.header, decl.funding
    gist = next(
        (
            t
            for k in (SectionKind.OVERVIEW, SectionKind.GOAL_ANNUAL, SectionKind.GOAL_TOTAL)
            if (t := decl.section_text(k))
        ),
        "",
    )
    fund_use = h.fund_use.selected[0] if h.fund_use and h.fund_use.selected else None
    funding = BriefFunding(
        total=money.total,
        fiscal=money.fiscal_total or money.fiscal_annual,
        other=money.other_total,
        annual=money.annual,
    )
    return Brief(
        name=h.name,
        year=h.year or 0,
        department=h.department or h.applicant,
        implementer=h.implementer if implementer else None,
        nature=h.nature,
        category=h.category,
        fund_use=fund_use,
        funding=funding,
        content=sentences(gist, BRIEF_CHARS),
    )


def truth_of(decl: Declaration) -> list[Item]:
    """D's indicators on the current framework; legacy 投入和管理目标 rows (level1 None) are left out."""
    return [Item(i.name, i.level2, i.value) for i in decl.indicators if i.level1 is not None]


def ours(brief: Brief, bank: IndicatorBank) -> list[Item]:
    return [Item(s.name, s.level2, parse_value(s.value.value)) for s in suggest(brief, bank).suggestions]


def baseline(brief: Brief, others: list[Declaration], n: int, cache: EmbeddingCache) -> list[Item]:
    """Plain vector search: the ``n`` past indicators whose names are closest to the brief (e5 query role)."""
    pool = list(
        {i.name: Item(i.name, i.level2, i.value) for d in others for i in d.indicators if i.level1 is not None}.values()
    )
    docs = cache.vectors([item.name for item in pool], "passage")
    query = cache.vectors([brief.text()], "query")[0]
    order = np.argsort(-(docs @ query), kind="stable")
    return [pool[k] for k in order[:n]]


def match(
    proposed: list[Item], truth: list[Item], key: dict[str, str], cache: EmbeddingCache | None
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching; a pair may match when its names share a key or (with ``cache``) are near-synonyms."""
    edges = [[t for t in range(len(truth)) if key[p.name] == key[truth[t].name]] for p in proposed]
    if cache is not None and proposed and truth:
        sim = cache.vectors([p.name for p in proposed], "passage") @ cache.vectors([t.name for t in truth], "passage").T
        edges = [
            sorted(set(e) | {t for t in range(len(truth)) if sim[n, t] >= MATCH_THRESHOLD}) for n, e in enumerate(edges)
        ]
    owner: dict[int, int] = {}
    for n in range(len(proposed)):
        _augment(n, edges, owner, set())
    return sorted((p, t) for t, p in owner.items())


def _augment(p: int, edges: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    for t in edges[p]:
        if t in seen:
            continue
        seen.add(t)
        if t not in owner or _augment(owner[t], edges, owner, seen):
            owner[t] = p
            return True
    return False


def agrees(a: IndicatorValue, b: IndicatorValue) -> bool:
    """Same operator and number (a missing operator reads as =); other kinds: the same wording."""
    if a.kind is ValueKind.QUANTITATIVE and b.kind is ValueKind.QUANTITATIVE:
        return (a.operator or Operator.EQ) == (b.operator or Operator.EQ) and a.number == b.number
    return _words(a) == _words(b)


def _words(value: IndicatorValue) -> str:
    return "".join(value.raw.split()).replace("，", ",")


def outcome(
    proposed: list[Item], truth: list[Item], year: int, key: dict[str, str], cache: EmbeddingCache | None
) -> Outcome:
    pairs = match(proposed, truth, key, cache)
    needs = requirements(year)
    covered = sum(1 for need in needs if any(p.level2 in need.accepted for p in proposed))
    agreeing = sum(1 for p, t in pairs if agrees(proposed[p].value, truth[t].value))
    return Outcome(len(proposed), len(truth), len(pairs), agreeing, covered, len(needs))


def template_keys(bank: IndicatorBank, names: set[str]) -> dict[str, str]:
    """The normalised template of each name, on the bank of the whole corpus (the same for both systems)."""
    return {name: lexicon.measure_key(bank.pattern_for(name)) for name in names}


@dataclass(frozen=True)
class Row:
    decl: Declaration
    ours: Outcome
    baseline: Outcome
    ours_exact: Outcome
    baseline_exact: Outcome


def evaluate(corpus: Corpus, cache: EmbeddingCache, *, implementer: bool = True, limit: int | None = None) -> list[Row]:
    """``limit``: evaluate only the first declarations (each still held out of a bank of all the others)."""
    full = build_bank(corpus.declarations)
    rows = []
    for decl in corpus.declarations[:limit]:
        others = [d for d in corpus.declarations if d.id != decl.id]
        brief = brief_from(decl, implementer=implementer)
        mine = ours(brief, build_bank(others))
        theirs = baseline(brief, others, len(mine), cache)
        truth = truth_of(decl)
        names = {i.name for i in (*mine, *theirs, *truth)}
        key, exact = template_keys(full, names), {n: lexicon.measure_key(n) for n in names}
        year = decl.header.year or 0
        rows.append(
            Row(
                decl,
                outcome(mine, truth, year, key, cache),
                outcome(theirs, truth, year, key, cache),
                outcome(mine, truth, year, exact, None),
                outcome(theirs, truth, year, exact, None),
            )
        )
    cache.save()
    return rows


def _cells(o: Outcome) -> list[str]:
    agree = f"{o.agreeing}/{o.matched}" if o.matched else "–"
    return [str(o.proposed), f"{o.precision:.2f}", f"{o.recall:.2f}", f"{o.f1:.2f}", agree, f"{o.covered}/{o.required}"]


def table(rows: list[Row]) -> str:
    head = "| 申报表 | 项目名称 | 真实指标 | 本方法 建议数 | P | R | F1 | 取值一致 | 必备类别 | 基线 建议数 | P | R | F1 | 取值一致 | 必备类别 |"
    lines = [head, "|" + "---|" * 15]
    for r in rows:
        lines.append(
            "| "
            + " | ".join([r.decl.id, r.decl.header.name, str(r.ours.truth), *_cells(r.ours), *_cells(r.baseline)])
            + " |"
        )
    mine, base = total([r.ours for r in rows]), total([r.baseline for r in rows])
    lines.append("| **合计（微平均）** | | " + " | ".join([str(mine.truth), *_cells(mine), *_cells(base)]) + " |")
    return "\n".join(lines)


def _line(label: str, o: Outcome, exact: Outcome, macro: float) -> str:
    return (
        f"{label}：P={o.precision:.3f} R={o.recall:.3f} F1={o.f1:.3f}（宏平均 F1={macro:.3f}；只计同名指标时 F1={exact.f1:.3f}），"
        f"匹配指标取值一致 {o.agreeing}/{o.matched}（{o.agreeing / max(o.matched, 1):.1%}），必备类别覆盖 {o.covered}/{o.required}"
    )


def summary(rows: list[Row]) -> list[str]:
    mine, base = total([r.ours for r in rows]), total([r.baseline for r in rows])
    complete = sum(1 for r in rows if r.ours.covered == r.ours.required)
    ratio = mine.f1 / base.f1 if base.f1 else float("inf")
    return [
        _line("本方法", mine, total([r.ours_exact for r in rows]), float(np.mean([r.ours.f1 for r in rows])))
        + f"（{complete}/{len(rows)} 份全覆盖）",
        _line(
            "基线（向量检索 top-N）",
            base,
            total([r.baseline_exact for r in rows]),
            float(np.mean([r.baseline.f1 for r in rows])),
        ),
        f"目标：必备类别覆盖 100% —— {'达到' if mine.covered == mine.required else '未达到'}；"
        f"F1 ≥ 基线的 {TARGET_F1_RATIO} 倍 —— 实际 {ratio:.2f} 倍，{'达到' if ratio >= TARGET_F1_RATIO else '未达到'}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the figures to results.md")
    parser.add_argument("--without-implementer", action="store_true", help="leave 实施单位 out of the derived briefs")
    args = parser.parse_args()
    settings = load_settings()
    corpus = build_services(settings).scope.current().corpus  # the services' corpus state, as the product reads it
    rows = evaluate(corpus, default_cache(settings.data_dir), implementer=not args.without_implementer)
    text = table(rows) + "\n\n" + "\n".join(f"- {line}" for line in summary(rows))
    print(text)
    if args.write:
        RESULTS.write_text(_results_page(text), encoding="utf-8")
        print(f"\n已写入 {RESULTS}")
    mine, base = total([r.ours for r in rows]), total([r.baseline for r in rows])
    return 0 if mine.covered == mine.required and mine.f1 >= TARGET_F1_RATIO * base.f1 else 1


def _results_page(text: str) -> str:
    return (
        "# 指标建议评测结果（留一法）\n\n"
        "由 `.venv/bin/python evals/indicators/run.py --write` 生成；方法见 README.md。"
        "P/R/F1 为名称级别的一对一匹配；“取值一致”为匹配指标中比较符号和数值相同（定性值措辞相同）的个数；"
        "“必备类别”为覆盖的现行框架必备类别数。\n\n" + text + "\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
