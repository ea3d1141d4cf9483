"""README's drafting time budgets are the code's (new-user trial, 2026-12-06: notes said 60 s, README 40 s)."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.drafting.budget import DRAFT_SECONDS, SECTION_SECONDS
from assistant.drafting.chain import Writer
from assistant.settings import LLMSettings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_the_readme_states_the_section_and_draft_budgets_the_chain_uses():
    section = re.search(r"(\d+) s a section", README)
    whole = re.search(r"(\d+) s for the whole draft", README)
    assert section and whole
    assert float(section.group(1)) == SECTION_SECONDS == Writer.__dataclass_fields__["section_seconds"].default
    assert float(whole.group(1)) == DRAFT_SECONDS == Writer.__dataclass_fields__["seconds"].default
    leftover = re.search(r"the next has (\d+) s", README)
    assert leftover and float(leftover.group(1)) == DRAFT_SECONDS - SECTION_SECONDS


def test_the_request_settings_it_names_are_the_settings_defaults():
    fields = LLMSettings.model_fields
    assert f"`ASSISTANT_LLM__SECTION_BUDGET_S` ({fields['section_budget_s'].default:.0f} s)" in README
    assert f"`ASSISTANT_LLM__TIMEOUT_S` ({fields['timeout_s'].default:.0f} s)" in README
