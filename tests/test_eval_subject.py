"""The drafting eval's own judge of staying on the project (evals/drafting/cases.yaml): it counts the issue's
defects in the issue's drafts, and none in drafts that stay on their project."""

from __future__ import annotations

from pathlib import Path

from test_review_subject import _archive_as_the_issue_drafted_it, _legislation_as_the_issue_drafted_it

from assistant.evals.subject import judge, load_cases
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SOURCES = CorpusScope(REPO / "corpus").current()
SET = load_cases(REPO / "evals")
CASES = {c.name: c for c in SET.cases}


def test_the_set_is_split_and_every_brief_exists():
    assert {c.split for c in SET.cases} == {"tune", "test"}
    assert SET.cases[0].split == "test"  # test half first
    assert all(c.brief.is_file() for c in SET.cases)
    known = {p.id for p in SOURCES.policies}
    assert all(c.fitting <= known for c in SET.cases)


def test_the_issue_s_drafts_are_counted():
    legislation = judge(_legislation_as_the_issue_drafted_it(), CASES["legislation"], SET.domains, SOURCES.policies)
    assert legislation == {"foreign_basis": 2, "foreign_sentences": 1, "goal_copies": 2}
    archive = judge(_archive_as_the_issue_drafted_it(), CASES["archive"], SET.domains, SOURCES.policies)
    assert archive == {"foreign_basis": 1, "foreign_sentences": 1, "goal_copies": 2}
