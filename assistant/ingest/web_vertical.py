"""Category cells written down the page a character or two per line (汉阴: ``产`` / ``出`` / ``指`` / ``标``,
``效益`` / ``指标``, ``服务对象`` / ``满意度`` / ``指标``; a header ``一级`` / ``指标``), which a copy with one cell per line
turns into as many cells: joined again where the joined text is a category of the framework or a column name of the
indicator table and the first piece alone is none. Anything else is left as it is."""

from __future__ import annotations

import re

from assistant.ingest.web_slots import level_term

_PIECE_MAX = 5  # characters of one line of a vertical label
_PIECES_MAX = 6  # lines one label may take (产 / 出 / 指 / 标)
_HEADER_NAMES = frozenset({"一级指标", "二级指标", "三级指标"})
_NO_PIECE = re.compile(r"[\d%％:：|、，,。.;；()（）]")


def vertical_runs(texts: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of ``texts`` (one cell each, in order) that is one vertical label: end exclusive,
    at least two pieces; runs do not overlap."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(texts):
        end = _longest(texts, i)
        if end is None:
            i += 1
            continue
        runs.append((i, end))
        i = end
    return runs


def _longest(texts: list[str], start: int) -> int | None:
    if not _piece(texts[start]) or _term(texts[start]):
        return None
    found = None
    joined = texts[start]
    for end in range(start + 1, min(len(texts), start + _PIECES_MAX)):
        if not _piece(texts[end]):
            break
        joined += texts[end]
        if _term(joined):
            found = end + 1
    return found


def _piece(text: str) -> bool:
    return 0 < len(text) <= _PIECE_MAX and not _NO_PIECE.search(text)


def _term(text: str) -> bool:
    return text in _HEADER_NAMES or (text.endswith("指标") and level_term(text) is not None)
