"""Character-level text tools: n-gram TF-IDF, project core names, template filling.

No word segmenter on purpose: jieba's dictionary takes 1.5 s to load on this machine, more than
the whole budget of the suggestion fast path; character bigrams do the job on short Chinese texts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from assistant.domain.text import sentence_pieces
from assistant.review.checks_relevance import specific_bigrams

_RUNS = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z][A-Za-z0-9]+")
_PARENTHETICAL = re.compile(r"[（(][^）)]*[）)]")
_LEADING_PLACE = re.compile(r"^(上海市|上海|某(?:市|区|县|镇|乡|街道|村)|[\u4e00-\u9fff]{2}区)")
_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}(?:\s*[—\-–~至]\s*(?:19|20)?\d{2})?\s*年度?")  # 2027年度, 2026-2028年
_CONNECTIVE = re.compile(r"及|和|与|、|以及")
# Words that say how a project is run or paid, not what it is about: taken off the end of a short object.
_HOW = re.compile(r"(?:社会化|运营|运行|运维|管理|保障|服务|建设|补贴|补助|经费|项目|工作|专项|购买|财政|资金)$")
SHORT_OBJECT = 6  # characters: a short object is trimmed of such words only while it is longer than this
# Budget words that say nothing of what a project does.
GENERIC_AFFIXES = ("经费", "项目", "工作", "费")


def grams(text: str) -> list[str]:
    """Chinese character bigrams (a lone character as itself) and Latin words, lower-cased."""
    found: list[str] = []
    for run in _RUNS.findall(text):
        if run.isascii():
            found.append(run.lower())
        elif len(run) == 1:
            found.append(run)
        else:
            found.extend(run[i : i + 2] for i in range(len(run) - 1))
    return found


def specific_grams(text: str) -> set[str]:
    """Bigrams left once generic words (系统, 平台, 完成…) are removed, plus Latin words (IPTV)."""
    return specific_bigrams(text) | {g for g in grams(text) if g.isascii()}


class TfIdf:
    """TF-IDF over character bigrams, fitted on a handful of documents; cosine between texts."""

    def __init__(self, documents: Iterable[str]) -> None:
        docs = [set(grams(d)) for d in documents]
        df = Counter(g for doc in docs for g in doc)
        self._idf = {g: math.log((1 + len(docs)) / (1 + n)) + 1 for g, n in df.items()}
        self._default_idf = math.log(1 + len(docs)) + 1

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(grams(text))
        weights = {g: (1 + math.log(n)) * self._idf.get(g, self._default_idf) for g, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {g: w / norm for g, w in weights.items()}

    @staticmethod
    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        return sum(w * large.get(g, 0.0) for g, w in small.items())


def core_name(name: str) -> str:
    """A project name without brackets, leading place, or trailing budget words: 党员教育平台运维."""
    core = _PARENTHETICAL.sub("", name).strip()
    core = _LEADING_YEAR.sub("", core).strip() or core
    for _ in range(2):  # 某区某街道…
        core = _LEADING_PLACE.sub("", core) or core
    changed = True
    while changed:
        changed = False
        for affix in GENERIC_AFFIXES:
            if core.endswith(affix) and len(core) > len(affix) + 1:
                core, changed = core[: -len(affix)], True
    return core


def short_object(name: str) -> str:
    """What a project is about, short, for a row the framework requires: 2027年度社区长者食堂及老年助餐服务 →
    老年助餐服务; 2027年度某街道睦邻中心社会化运营服务 → 睦邻中心; never cut inside a word (a whole part of the
    name, less whole words of how it is run)."""
    core = core_name(name)
    parts = [p for p in _CONNECTIVE.split(core) if len(p) >= 2]
    short = parts[-1] if parts else core
    while len(short) > SHORT_OBJECT and (trimmed := _HOW.sub("", short)) != short and len(trimmed) >= 2:
        short = trimmed
    return short


def strip_activity(core: str, activities: Iterable[str]) -> str:
    """The object of a core name: 党员教育平台运维 → 党员教育平台 (the shortest activity suffix removed)."""
    endings = sorted((a for a in activities if core.endswith(a) and len(core) - len(a) >= 2), key=len)
    return core[: -len(endings[0])] if endings else core


def merge(prefix: str, fixed: str) -> str:
    """Join an object and a template's fixed part without repeating their overlap: 平台 + 平台运维… → 平台运维…"""
    for k in range(min(len(prefix), len(fixed)), 0, -1):
        if prefix.endswith(fixed[:k]):
            return prefix + fixed[k:]
    return prefix + fixed


def sentences(text: str, limit: int) -> str:
    """The first sentences of a text, up to about ``limit`` characters."""
    parts = [p.strip() for p in sentence_pieces(text, ends="。；;！？\n") if p.strip()]
    taken: list[str] = []
    for part in parts:
        if taken and len("".join(taken)) + len(part) > limit:
            break
        taken.append(part)
    return "".join(taken)[: limit * 2]
