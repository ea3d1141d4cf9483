"""The question asked back when a pointer names no project gives an example on a project the corpus holds: the
example is taken from the corpus, never a fixed project name that another corpus may lack."""

from __future__ import annotations

from pathlib import Path

from assistant.corpus.store import Corpus
from assistant.qa.after_refusal import refused_again
from assistant.qa.lexicon import Lexicon
from assistant.qa.scope import Scope
from assistant.qa.subjects import which_project
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parents[1]
FULL = CorpusScope(REPO / "corpus").current().qa


def _without_example() -> Scope:
    """The real corpus less every form of the project the example names over the whole corpus."""
    named = _example(which_project("这个项目有几个指标", FULL).text)
    corpus = Corpus([d for d in FULL.corpus.declarations if not named.startswith(d.header.name)])
    return Scope(corpus=corpus, lexicon=Lexicon.of(corpus, FULL.lexicon.policies))


def _example(text: str) -> str:
    line = next(line for line in text.splitlines() if line.startswith("请问是哪个项目"))
    return line.split("例如“", 1)[1]


def test_the_example_names_a_project_the_corpus_holds() -> None:
    for scope in (FULL, _without_example()):
        for answer in (which_project("这个项目有几个指标", scope), refused_again("联系人呢？", scope)):
            example = _example(answer.text)
            assert any(example.startswith(name) for name in scope.lexicon.projects), answer.text
            absent = set(FULL.lexicon.projects) - set(scope.lexicon.projects)
            assert not any(example.startswith(name) for name in absent), answer.text
