"""Re-derive the gold answers of evals/qa/paraphrases.yaml from the raw corpus JSON, without the assistant's code.

    python evals/qa/verify_gold.py        # prints one line per group; exit code 1 on any mismatch

Only the standard library and PyYAML: the gold must not come from the system under test.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DECLS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus/declarations").glob("*.json"))]
ORG = "中共上海市委组织部"
NPC = "上海市人民代表大会常务委员会办公厅"
CENTRE = "上海市党建服务中心"


def units(d: dict) -> set[str]:
    h = d["header"]
    return {h.get("department"), h.get("applicant"), h.get("implementer")} - {None}


def names(name: str, year: int, level: str) -> list[str]:
    return [
        i["name"]
        for d in DECLS
        if d["header"]["name"] == name and d["header"]["year"] == year
        for i in d["indicators"]
        if level in (i["level1"], i["level2"])
    ]


def money(amount: Decimal) -> str:
    return f"{amount:,.2f} 元"


def total(field: str, pick) -> Decimal:
    return sum((Decimal(d["funding"][field]) for d in DECLS if pick(d) and d["funding"][field] is not None), Decimal(0))


def canonical(value: dict) -> str:
    if value["kind"] == "quantitative" and value["number"] is not None:
        number = format(Decimal(value["number"]).normalize(), "f")
        return f"{value['operator'] or ''}{number}{value['unit'] or ''}"
    return value["raw"].strip()


def usual(pick) -> str:
    """The value written by most declarations among the indicators ``pick`` selects."""
    by_value: dict[str, set[str]] = {}
    for d in DECLS:
        for i in d["indicators"]:
            if pick(i):
                by_value.setdefault(canonical(i["value"]), set()).add(d["id"])
    return max(sorted(by_value), key=lambda v: len(by_value[v]))


def commonest_time_ending() -> str:
    endings = Counter()
    for ending in ("及时性", "及时率", "响应时间", "抵达现场时间"):
        endings[ending] = len(
            {
                d["id"]
                for d in DECLS
                for i in d["indicators"]
                if i["level2"] == "时效指标" and i["name"].endswith(ending)
            }
        )
    return endings.most_common(1)[0][0]


def citing(number: str) -> list[str]:
    found = []
    for d in DECLS:
        text = (
            "".join(s["text"] for s in d["sections"])
            .replace("〔", "[")
            .replace("〕", "]")
            .replace("（", "[")
            .replace("）", "]")
        )
        if number in text:
            found.append(f"{d['header']['name']} {d['header']['year']}")
    return found


def lacking(year: int, level: str) -> list[str]:
    return [
        f"{d['header']['name']} {year}"
        for d in DECLS
        if d["header"]["year"] == year and not any(i["level1"] == level for i in d["indicators"])
    ]


def annual(name: str, year: int) -> Decimal:
    return total("annual", lambda d: d["header"]["name"] == name and d["header"]["year"] == year)


def citing_title(title: str) -> list[str]:
    return [
        f"{d['header']['name']} {d['header']['year']}" for d in DECLS if any(title in s["text"] for s in d["sections"])
    ]


def projects_of(year: int) -> list[str]:
    return [f"{d['header']['name']} {year}" for d in DECLS if d["header"]["year"] == year]


def count_indicators(name: str, year: int) -> str:
    return (
        f"{sum(len(d['indicators']) for d in DECLS if d['header']['name'] == name and d['header']['year'] == year)} 项"
    )


def training_projects() -> list[str]:
    """A training project names its purpose: 培训 in the project name (none in this corpus: the answer is a refusal)."""
    return [d["id"] for d in DECLS if "培训" in d["header"]["name"]]


GOLD = {
    "G01": names("机关服务费", 2023, "时效指标"),
    "G02": usual(lambda i: i["level1"] == "满意度指标"),
    "G03": [f"{d['id']}#necessity" for d in DECLS if NPC in units(d)],
    "G04": money(total("total", lambda d: d["header"]["year"] == 2023 and ORG in units(d))),
    "G05": names("信息化运维项目", 2026, "满意度指标"),
    "G06": f"{sum(d['header']['year'] == 2023 for d in DECLS)} 个",
    "G07": citing("组厅字[2017]7号"),
    "G08": money(annual("信息化运维项目", 2026) - annual("信息化运维项目", 2023)),
    "G09": lacking(2026, "成本指标"),
    "G10": [
        f"{d['id']}#goal_total"
        for d in DECLS
        if d["header"]["name"] == "信息化运维项目" and d["header"]["year"] == 2023
    ],
    "G11": commonest_time_ending(),
    "G12": f"{sum(NPC in units(d) for d in DECLS)} 个",
    "G13": names("闵行区党建服务中心党费缴纳管理系统项目", 2020, "数量指标"),
    "G14": money(total("annual", lambda d: d["header"]["year"] == 2026 and CENTRE in units(d))),
    "G15": usual(lambda i: "驻场人员数量" in i["name"]),
    "G16": usual(lambda i: "验收合格率" in i["name"]),
    "G17": names("信息化运维项目", 2026, "时效指标"),
    "G18": names("机关服务费", 2023, "满意度指标"),
    "G19": count_indicators("信息化运维项目", 2023),
    "G20": projects_of(2020),
    "G21": training_projects(),
    "G22": usual(lambda i: i["level2"] == "质量指标"),
    "G23": money(total("total", lambda d: NPC in units(d))),
    "G24": citing_title("预算法"),
    "G25": money(annual("信息化建设项目", 2026)),
    "G26": usual(lambda i: "稳定运行率" in i["name"]),
}


def expected(case: dict) -> object:
    if case["kind"] == "figure":
        return case["figure"]
    if case["kind"] in ("section", "synthesis"):
        return sorted(case["refs"])
    if case["kind"] == "refusal":
        return []
    return sorted(case["items"])


def main() -> int:
    cases = yaml.safe_load((ROOT / "evals/qa/paraphrases.yaml").read_text(encoding="utf-8"))
    bad = 0
    for group, gold in GOLD.items():
        gold = gold if isinstance(gold, str) else sorted(gold)
        mine = [c for c in cases if c["group"] == group]
        wrong = [c["id"] for c in mine if expected(c) != gold]
        bad += len(wrong)
        print(f"{group}: {len(mine)} phrasings, gold {gold}" + (f"  MISMATCH {wrong}" if wrong else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
