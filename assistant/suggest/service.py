"""The suggestion service as the shells use it: the bank of the configured corpus, built once per change."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assistant.corpus.store import Corpus
from assistant.domain.brief import Brief
from assistant.settings import Settings
from assistant.suggest.bank import IndicatorBank, build_bank
from assistant.suggest.models import SuggestionSet
from assistant.suggest.suggest import suggest

Fingerprint = tuple[tuple[str, int, int], ...]


def _fingerprint(corpus_dir: Path) -> Fingerprint:
    """Name, size and modification time of every declaration file: a rebuilt corpus gives a new bank."""
    paths = sorted((corpus_dir / "declarations").glob("*.json"))
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in paths)


@lru_cache(maxsize=4)
def _bank(corpus_dir: Path, fingerprint: Fingerprint) -> IndicatorBank:
    return build_bank(Corpus.load(corpus_dir).declarations)


def load_bank(settings: Settings) -> IndicatorBank:
    """The indicator bank of the configured corpus; reused while the corpus files are unchanged."""
    corpus_dir = settings.corpus.corpus_dir
    return _bank(corpus_dir, _fingerprint(corpus_dir))


def suggest_for(brief: Brief, settings: Settings) -> SuggestionSet:
    return suggest(brief, load_bank(settings))
