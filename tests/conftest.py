from pathlib import Path

import pytest

from assistant.corpus.store import Corpus
from assistant.ingest.text_export import parse_file

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "corpus" / "raw"


@pytest.fixture(scope="session")
def seed_declarations():
    """Every declaration of the real seed files, parsed by the real parser."""
    return {d.id: d for path in sorted(RAW.glob("*.txt")) for d in parse_file(path).declarations}


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return Corpus.load(REPO / "corpus")
