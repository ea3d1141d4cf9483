"""Score Q&A on the officer question sets (issue 24): per class, on the tune and the test half.

    PYTHONPATH=. python evals/qa/officer.py                  # both halves, no model (--llm none)
    PYTHONPATH=. python evals/qa/officer.py --split test     # the test half only (the figures to report)
    PYTHONPATH=. python evals/qa/officer.py --llm local      # unsure questions go to the embedded model
    PYTHONPATH=. python evals/qa/officer.py --file S.yaml    # a set kept outside the repo until it is measured

Gold comes from `evals/qa/gold.py` (the corpus JSON, not the assistant). Besides per-class accuracy it counts
answers that give figures for an absent subject (must be 0) and answers carrying diagnostics (must be 0),
and prints the latency per question (p50, p95, max).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gold

from assistant.qa.conversation import Conversation
from assistant.qa.models import Answer
from assistant.qa.sources import verify_citation
from assistant.services import build_services
from assistant.services.answering import answer
from assistant.settings import LLMProvider, load_settings

TODAY = date(2026, 12, 6)  # the eval's clock: 今年 = 2026, 去年 = 2025
AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")
# What a diagnostic looks like: model/JSON vocabulary, English field names, tracebacks.
DIAGNOSTIC = re.compile(
    r"模型未能|JSON|json|Traceback|level1|level2|target|funding_field|取值“|无效，可选|null|None|\b[a-z_]{5,}\b"
)
SYNTHESIS_CHARS = 600
# How an answer asks which project a 这个项目/它 with nothing before it means.
CLARIFY = re.compile(r"哪个项目|哪一个项目|哪个申报|哪一份|请.{0,8}(指明|说明|告诉|补充|写明|给出).{0,8}(项目|名称)")
# How an answer says the forms have no field for a qualifier (重点项目): 申报表没有记录/未标注/不区分…
# How an answer says the forms hold targets, not results (实际完成值, 自评得分): 记录的是…目标值…不记录实际…
TARGETS_ONLY = re.compile(r"(申报表|语料库).{0,12}(目标值|绩效目标).{0,40}(不|没有|未)(记录|包含|含).{0,6}(实际|自评)")
UNRECORDED = re.compile(r"(没有|未|不|并无|无)(记录|登记|标注|区分|注明)|没有.{0,8}(栏目|字段|这一栏|这一项)")


def keys(result: Answer) -> list[str]:
    return [row.declaration_id or "" if row.field == "项目" else row.field for row in result.rows]


def check(case: dict, result: Answer) -> tuple[bool, str]:
    g = case["gold"]
    text = result.text
    if g.get("absent"):
        ok = result.refused and ("语料库中没有" in text or "语料库中未找到" in text)
        ok = ok and result.figure is None and not AMOUNT.search(text)
        return ok, f"refused={result.refused} figure={result.figure} text={text[:80]!r}"
    if g.get("unrecorded"):
        ok = result.figure is None and not AMOUNT.search(text) and bool(UNRECORDED.search(text))
        return ok, f"figure={result.figure} text={text[:80]!r}"
    if g.get("actual"):  # a target is never passed off as an actual
        ok = result.figure is None and bool(TARGETS_ONLY.search(text)) and all(w in text for w in g.get("contains", []))
        return ok, f"figure={result.figure} text={text[:80]!r}"
    if g.get("clarify"):
        ok = result.figure is None and not AMOUNT.search(text) and not result.rows and bool(CLARIFY.search(text))
        return ok, f"figure={result.figure} rows={len(result.rows)} text={text[:80]!r}"
    if result.refused:
        return False, f"refused: {text[:120]!r}"
    problems = []
    if "figure" in g and result.figure != g["figure"]:
        problems.append(f"figure {result.figure} != {g['figure']}")
    for wanted in g.get("contains", []):
        if wanted not in text:
            problems.append(f"missing {wanted}")
    for unwanted in g.get("excludes", []):
        if unwanted in text:
            problems.append(f"names {unwanted}")
    at = 0
    for wanted in g.get("sequence", []):
        at = text.find(wanted, at)
        if at < 0:
            problems.append(f"sequence {g['sequence']}")
            break
        at += len(wanted)
    if "yes" in g and (("不是" in text or "不同" in text) if g["yes"] else "不是" not in text and "不同" not in text):
        problems.append("yes/no " + ("不是 said" if g["yes"] else "不是 not said"))
    if "yes" in g and g["yes"] and "是" not in text:
        problems.append("是 not said")
    if g.get("exists") and "语料库中有" not in text:
        problems.append("yes not said")
    if g.get("blank") and "未填写" not in text and "空白" not in text:
        problems.append("blank not said")
    if g.get("unreadable") and ("无法判断" not in text or result.figure is not None):  # a checkbox lost in the export
        problems.append("无法判断 not said")
    if g.get("nofigure") and result.figure is not None:  # a named row the form lacks: no partial sum as the whole
        problems.append(f"figure {result.figure} given")
    if "leaders" in g:  # every project tied at the top, first, and no other before them
        got = {row.declaration_id for row in result.rows[: len(g["leaders"])]}
        if got != set(g["leaders"]):
            problems.append(f"leaders {sorted(got)} != {g['leaders']}")
    if "ids" in g and "order" not in g:
        got = {row.declaration_id for row in result.rows}
        if got != set(g["ids"]):
            problems.append(f"rows from {sorted(got)} != {g['ids']}")
    if "rows" in g and len(result.rows) != g["rows"]:  # 前三名: exactly that many rows
        problems.append(f"{len(result.rows)} rows != {g['rows']}")
    if "refs" in g:
        cited = {c.ref for c in result.citations}
        if not set(g["refs"]) <= cited:
            problems.append(f"cited {sorted(cited)}")
    # gold's indicator lists keep a name once per form (成本控制率 twice); the answer's names are compared as a set
    if "items" in g and sorted(set(keys(result))) != sorted(set(g["items"])):
        problems.append(f"items {sorted(set(keys(result)))}")
    if "order" in g:
        got = [
            row.declaration_id if row.declaration_id in gold.BY_ID and len(g["order"][0]) == 11 else row.field
            for row in result.rows
        ]
        if got[: len(g["order"])] != g["order"]:
            problems.append(f"order {got[: len(g['order'])]}")
    if "scope" in g:
        cited = [c.ref.split("#")[0] for c in result.citations]
        least = g.get("min_cited", 3)  # fewer where the corpus holds fewer such indicators (覆盖率: two)
        if len(text) > SYNTHESIS_CHARS or len(cited) < least or len(set(cited)) < min(2, least):
            problems.append(f"synthesis chars={len(text)} cited={sorted(set(cited))}")
        elif not set(cited) <= set(g["scope"]):
            problems.append(f"synthesis chars={len(text)} cited={sorted(set(cited))}")
    return not problems, "; ".join(problems)


def run(cases: list[dict], services, runtime) -> list[dict]:
    scope = services.scope.current().qa
    out = []
    for case in cases:
        conversation = Conversation()
        for turn in case.get("turns", []):
            answer(turn, conversation, runtime, scope=scope, finder=services.search, today=TODAY)
        start = time.perf_counter()
        result = answer(case["q"], conversation, runtime, scope=scope, finder=services.search, today=TODAY)
        seconds = time.perf_counter() - start
        cited = [*result.citations, *(row.citation for row in result.rows)]
        valid = all(verify_citation(scope.corpus, scope.lexicon.policies, c) for c in cited)
        passed, why = check(case, result)
        shown = result.text + "\n" + "\n".join(result.notes)
        out.append(
            {
                "case": case,
                "passed": passed and valid,
                "why": why if valid else f"{why}; invalid citation",
                "seconds": seconds,
                "diagnostic": bool(DIAGNOSTIC.search(shown)),
                "absent_figures": bool(
                    case["gold"].get("absent") or case["gold"].get("unrecorded") or case["gold"].get("clarify")
                )
                and (result.figure is not None or bool(AMOUNT.search(result.text))),
            }
        )
    return out


def report(outcomes: list[dict]) -> str:
    lines = []
    seen = dict.fromkeys([*gold.SPLITS, *(o["case"]["split"] for o in outcomes)])  # a --file set's split last
    for split in seen:
        group = [o for o in outcomes if o["case"]["split"] == split]
        if not group:
            continue
        by_class: dict[str, list[dict]] = defaultdict(list)
        for o in group:
            by_class[o["case"]["class"]].append(o)
        lines += [f"## {split} half ({len(group)} questions)", "", "| class | correct |", "|---|---|"]
        for name in sorted(by_class):
            found = by_class[name]
            passed = sum(o["passed"] for o in found)
            lines.append(f"| {name} | {passed}/{len(found)} ({100 * passed / len(found):.0f} %) |")
        passed = sum(o["passed"] for o in group)
        lines.append(f"| **all** | {passed}/{len(group)} ({100 * passed / len(group):.0f} %) |")
        seconds = sorted(o["seconds"] for o in group)
        p95 = seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
        lines += [
            "",
            f"answers giving figures for an absent subject: {sum(o['absent_figures'] for o in group)}",
            f"answers carrying diagnostics: {sum(o['diagnostic'] for o in group)}",
            f"seconds per question: p50 {statistics.median(seconds):.3f}, p95 {p95:.3f}, max {seconds[-1]:.3f}",
            "",
        ]
        failed = [o for o in group if not o["passed"]]
        lines += ["failures:" if failed else "failures: none"]
        lines += [f"- {o['case']['id']} {o['case']['q']}: {o['why']}" for o in failed]
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--llm", choices=[p.value for p in LLMProvider], default="none")
    parser.add_argument("--split", default=None, help=f"comma-separated, of {', '.join(gold.SPLITS)}; default all")
    parser.add_argument("--only", default=None, help="comma-separated case ids")
    parser.add_argument("--file", type=Path, default=None, help="score this set instead (a sealed set kept outside)")
    args = parser.parse_args()
    settings = load_settings()
    settings.llm.provider = LLMProvider(args.llm)
    cases = [case for path in ([args.file] if args.file else gold.HALVES) for case in gold.load(path)]
    if args.split:
        cases = [c for c in cases if c["split"] in args.split.split(",")]
    if args.only:
        cases = [c for c in cases if c["id"] in args.only.split(",")]
    with build_services(settings) as services:
        runtime = services.runtime if services.runtime.enabled else None
        outcomes = run(cases, services, runtime)
    print(report(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
