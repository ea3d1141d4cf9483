"""Search tokens for BM25: jieba's search mode plus whole policy document numbers and standard numbers.

A document number such as 组厅字〔2017〕7号 is written with many bracket variants; it is pulled out
before jieba runs (jieba would split it into 组厅字 / 2017 / 7 / 号) and normalised to one canonical
token, so that the query and the document meet on the same token whatever brackets each used.
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import jieba

DOMAIN_DICT = Path(__file__).with_name("domain_dict.txt")

_OPEN = r"\[［【〔﹝〖(（"
_CLOSE = r"\]］】〕﹞〗)）"
_HAN = r"\u4e00-\u9fff"
_ISSUER_MAX = 6

_DOC_NUMBER = re.compile(
    rf"(?P<run>[{_HAN}]{{1,16}})[{_OPEN}]\s*(?P<year>\d{{4}})\s*[{_CLOSE}]"
    rf"\s*(?P<mid>[{_HAN}]{{0,2}}?)\s*(?P<num>\d{{1,5}})\s*号"
)
_STANDARD = re.compile(
    r"(?<![A-Za-z])(?P<code>GB/[TZ]|GB|DB\d{2}/T|DB\d{2}|[A-Z]{2,4}/[TZ]|[A-Z]{2,4})"
    r"\s*(?P<snum>\d+(?:\.\d+)*)\s*[-‐‑–—−]\s*(?P<syear>\d{4})(?!\d)",
    re.IGNORECASE,
)
# Words that end the text before an issuer code ("根据财预〔2021〕101号": the issuer is 财预).
_ISSUER_BOUNDARIES = (
    "根据",
    "依据",
    "按照",
    "参照",
    "依照",
    "遵照",
    "对照",
    "执行",
    "落实",
    "贯彻",
    "印发",
    "转发",
    "通知",
    "意见",
    "办法",
    "规定",
    "方案",
    "规划",
    "决定",
    "细则",
    "纲要",
    "计划",
    "文件",
    "的",
    "及",
    "和",
    "与",
    "或",
    "见",
    "即",
)
# Kept minimal on purpose: BM25's idf already discounts frequent words; these only add noise.
STOPWORDS = frozenset("的 了 和 与 及 或 等 在 对 为 是 将 把 被 其 之 以 于 由 并 且 也 该 各 中".split())


def _trim_issuer(run: str) -> str:
    cut = max((run.rfind(word) + len(word) for word in _ISSUER_BOUNDARIES if word in run), default=0)
    issuer = run[cut:] or run
    return issuer[-_ISSUER_MAX:]


def _doc_number(issuer: str, year: str, mid: str, num: str) -> str:
    return f"{issuer}〔{year}〕{mid}{int(num)}号"


def _standard(code: str, snum: str, syear: str) -> str:
    return f"{code.upper()} {snum}-{syear}"


def _special_pattern() -> re.Pattern[str]:
    return re.compile(f"{_DOC_NUMBER.pattern}|{_STANDARD.pattern}", re.IGNORECASE)


_SPECIAL = _special_pattern()


def normalize_doc_number(text: str) -> str:
    """The canonical form of one document or standard number; the text unchanged if it is neither.

    组厅字[2017]7号, 组厅字［2017］7号 and 组厅字〔2017〕7号 all give 组厅字〔2017〕7号;
    GB/T22239—2019 gives GB/T 22239-2019.
    """
    normal = unicodedata.normalize("NFKC", text).strip()
    match = _SPECIAL.fullmatch(normal)
    if match is None:
        return normal
    return _canonical(match)[0]


def _canonical(match: re.Match[str]) -> tuple[str, str | None, int]:
    """(canonical token, issuer or None, offset where the token's own text starts)."""
    if match.group("run") is None:
        return _standard(match["code"], match["snum"], match["syear"]), None, match.start()
    issuer = _trim_issuer(match["run"])
    start = match.end("run") - len(issuer)
    return _doc_number(issuer, match["year"], match["mid"], match["num"]), issuer, start


def _keep(token: str) -> bool:
    return any(ch.isalnum() for ch in token) and token not in STOPWORDS


class SearchTokenizer:
    """jieba (search mode, domain dictionary, own cache file) with document numbers kept whole."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir or Path(tempfile.gettempdir()) / "shenbao-jieba"
        self._jieba: jieba.Tokenizer | None = None
        self._lock = threading.Lock()

    def _segmenter(self) -> jieba.Tokenizer:
        with self._lock:
            if self._jieba is None:
                self._jieba = self._load()
            return self._jieba

    def _load(self) -> jieba.Tokenizer:
        jieba.setLogLevel(logging.WARNING)
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        segmenter = jieba.Tokenizer()
        segmenter.tmp_dir = str(self._cache_dir)
        segmenter.cache_file = "jieba.cache"
        segmenter.load_userdict(str(DOMAIN_DICT))
        return segmenter

    def tokens(self, text: str) -> list[str]:
        normal = unicodedata.normalize("NFKC", text)
        return [token for token in self._raw_tokens(normal) if _keep(token)]

    def _raw_tokens(self, text: str) -> Iterator[str]:
        position = 0
        for match in _SPECIAL.finditer(text):
            token, issuer, start = _canonical(match)
            yield from self._words(text[position:start])
            yield token
            if issuer:
                yield issuer
            position = match.end()
        yield from self._words(text[position:])

    def _words(self, text: str) -> list[str]:
        if not text.strip():
            return []
        return [word.strip().lower() for word in self._segmenter().lcut_for_search(text)]


@cache
def search_tokenizer(cache_dir: Path | None = None) -> SearchTokenizer:
    """One tokenizer per cache folder and process: jieba's dictionary loads once (about a second)."""
    return SearchTokenizer(cache_dir)
