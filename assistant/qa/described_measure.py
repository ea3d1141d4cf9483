"""One indicator of a named project described in the asker's own words (一年要保证多少天能用 → 年度服务可用时间,
要检多少人 → 服务老党员、困难党员体检数量, 培训最晚几月前开班 → 各类培训开班及时性, 卫生没及时打扫最多容许几回 →
卫生脏乱超过1小时未清理次数).

With one project read (by name or by description) and no indicator, category, section, field, row or money asked,
the words left over are compared with each indicator of that project's forms (of the year asked): two characters in
a row it writes count ``PAIR``, one character ``CHAR``, a spoken word for a written one (能用 → 可用, 打扫 → 清理)
counts as written, and the kind of value asked (多少天 → 天, 几回/几份 → 次, 多少人 → 人, 几月 → a date, 方不方便 →
words) agreeing with the indicator's value adds ``KIND``. The indicator that leads the next by ``MARGIN`` and scores
``LEAST`` is read, and the scope line says so; else nothing is read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa.content_names import Content
from assistant.qa.cues import CUT, MONEY, Cues
from assistant.qa.lexicon import Lexicon

PAIR = 2.0
CHAR = 0.75
KIND = 1.5
LEAST = 3.0
MARGIN = 1.0

# What the question asks besides the measure's own words: never compared with a name.
_ASKING = re.compile(
    r"请问|麻烦|帮我|查下|一下|写的|写了|定的|定了|设的|设了|填的|怎么写|咋写|怎么定|是多少|多少|是啥|是什么|什么|啥|"
    r"要到|要求|最多|最少|最晚|最早|容许|允许|那条|这条|那个|这个|一年|每年|几|的|了|吗|呢|要|是|定|写|设|填"
)
# Spoken words and the words the forms write for them.
_SPOKEN = {
    "能用": "可用",
    "打扫": "清理",
    "方便": "便捷",
    "提意见": "建言",
    "意见": "建言",
    "开课": "开班",
    "坏了": "故障",
    "修": "维修",
    "报告": "报告",
    "检": "体检",
    "上线": "上线",
}
# The kind of value asked, and how an indicator's value of that kind is written.
_KINDS = (
    (re.compile(r"多少天|几天"), re.compile(r"天")),
    (re.compile(r"几回|几次|多少次|几份|多少份|几遍|多少回"), re.compile(r"次|份")),
    (re.compile(r"多少人|几个人|几人"), re.compile(r"人")),
    (re.compile(r"几期|多少期"), re.compile(r"期")),
    (re.compile(r"几条|多少条"), re.compile(r"条")),
    (re.compile(r"一周|每周"), re.compile(r"周")),
    (re.compile(r"几月|哪个月|什么时候|何时|最晚|截止"), re.compile(r"\d+月|月前|月底")),
    (re.compile(r"方不方便|好不好|怎么样|怎么写|咋写|写的啥|写的什么"), re.compile(r"^[^\d≥≤=<>]+$")),
    (re.compile(r"百分之|几成|率"), re.compile(r"%")),
)
# …那个平台, …那笔: the words up to a pointer at the project describe it, the indicator is asked after them
_POINTED = re.compile(r"^.*?(?:那|这)(?:个|笔|套|项)(?:项目|系统|平台|工程|经费|钱)?(?!条)")
_STOP = set("的了是在和与及或之其个项年度要有无不没这那么多少几啥什定写设填到吗呢人天次份期月")
_TARGET_ASKED = re.compile(r"的?(?:目标数值?|目标值|指标值|目标定的?|定的目标)(?:是|为|定的|定了)?(?:多少|几)?$")
_BLOCKED = re.compile(r"指标|钱|经费|预算|资金|负责人|联系|电话|日期|类别|依据|目标|概况|构成|制度|满意度")


def take_described_measure(text: str, cues: Cues, lexicon: Lexicon) -> tuple[str, Cues]:
    """The cues with the project's indicator the leftover words describe (see the module); else unchanged."""
    if not cues.project or cues.versus or cues.indicator_name or cues.level1 or cues.level2 or cues.section:
        return text, cues
    if cues.header_fields or cues.rows or cues.funding_field or cues.mentions or cues.category:
        return text, cues
    described = [written for written, _ in cues.matched]
    segments = [s for s in re.split(f"[{re.escape(CUT + MONEY)}]", text) if not any(s in w for w in described)]
    asked = max(segments, key=len, default="")  # the words left that did not name the project
    if len(after := _POINTED.sub("", asked, count=1)) >= 3:  # 联网监督那个平台 数据对外共享: what follows the pointer
        asked = after
    asked = _TARGET_ASKED.sub("", asked)  # 采集信访信息的目标数: the value asked, no section 目标
    if len(asked) < 3 or _BLOCKED.search(asked):
        return text, cues
    forms = [c for c in lexicon.contents if c.name == cues.project and (not cues.years or c.year in cues.years)]
    if cues.declaration_id:
        forms = [c for c in forms if c.declaration_id == cues.declaration_id] or forms
    found = best_measure(asked, forms)
    if found is None:
        return text, cues
    if found in asked:  # 公务用车保障率定多少: named as written, nothing to say
        return text, replace(cues, indicator_name=found)
    before = cues.matched_how or "；".join(f"由问题中的“{w}”匹配" for w, _ in cues.matched)
    how = "；".join(filter(None, [before, f"问题中的“{asked}”按指标“{found}”理解"]))
    updated = replace(cues, indicator_name=found, matched=(*cues.matched, (asked, found)), matched_how=how)
    return text.replace(asked, CUT, 1), updated


def best_measure(asked: str, forms: list[Content]) -> str | None:
    """The indicator name of ``forms`` the words ``asked`` describe, or None where none clearly leads."""
    ranked = scored_measures(asked, forms)
    if not ranked or ranked[0][1] < LEAST or len(ranked) > 1 and ranked[0][1] < ranked[1][1] + MARGIN:
        return None
    return ranked[0][0]


def scored_measures(asked: str, forms: list[Content]) -> list[tuple[str, float]]:
    """The indicator names of ``forms``, each with its score against the words ``asked``, best first."""
    words = _ASKING.sub(" ", asked)
    for spoken, written in _SPOKEN.items():
        words = words.replace(spoken, f" {written} ")
    kinds = [value for asks, value in _KINDS if asks.search(asked)]
    scored: dict[str, float] = {}
    for content in forms:
        for name, value in content.measures:
            scored[name] = max(scored.get(name, 0.0), _score(words, kinds, name, value))
    return sorted(scored.items(), key=lambda s: -s[1])


def _score(words: str, kinds: list[re.Pattern[str]], name: str, value: str) -> float:
    pieces = [p for p in words.split() if p]
    pairs = {p[i : i + 2] for p in pieces for i in range(len(p) - 1)}
    chars = {c for p in pieces for c in p if c not in _STOP}
    shared_pairs = [pair for pair in pairs if pair in name]
    in_pairs = set("".join(shared_pairs))
    score = PAIR * len(shared_pairs) + CHAR * len([c for c in chars if c in name and c not in in_pairs])
    if shared_pairs or score:
        score += KIND * sum(1 for kind in kinds if kind.search(value))
    return score
