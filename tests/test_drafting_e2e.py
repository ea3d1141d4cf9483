"""End to end: a whole draft from the real local llama.cpp server with the embedded model.

Sections are kept short (a few dozen characters) so the test runs in about a minute on 2 cores.
"""

import dataclasses

import pytest

from assistant.domain.brief import example_brief
from assistant.domain.model import SectionKind
from assistant.drafting import sections
from assistant.drafting.service import draft_brief
from assistant.llm.runtime import LLMRuntime
from assistant.settings import LLMProvider, load_settings


@pytest.fixture()
def short_sections(monkeypatch):
    short = {kind: dataclasses.replace(spec, length=40) for kind, spec in sections.SPECS.items()}
    monkeypatch.setattr(sections, "SPECS", short)


def test_draft_with_the_embedded_model(short_sections, tmp_path):
    settings = load_settings()
    settings.llm.provider = LLMProvider.LOCAL
    settings.llm.local_port = 8791  # not the default, so a developer's running server is left alone
    events = []
    with LLMRuntime(settings) as runtime:
        draft = draft_brief(example_brief(), settings, runtime, on_event=events.append)
    assert draft.provider == "local" and "Qwen" in draft.model
    assert [s.kind for s in draft.sections] == [SectionKind.OVERVIEW, SectionKind.NECESSITY, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL]
    assert all(s.text and s.generated_by == draft.model for s in draft.sections)
    assert all(any(c.ref == "brief" for c in s.citations) for s in draft.sections)
    assert all(b.policy_id or b.user_supplied for b in draft.basis)
    assert len(draft.usage) >= 4 and all(u.completion_tokens > 0 for u in draft.usage)
    assert draft.review is not None and not draft.review.has_errors
    assert [e.kind for e in events].count("finished") == 5
