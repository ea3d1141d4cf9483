"""Model faults keep the work: a fault-injecting OpenAI-compatible endpoint on loopback (`fault_server`) and a
test per mode. Whatever the endpoint does, the draft is saved with every section that was written, the rules
text (marked, with a Chinese note naming the section to retry) for the rest, within the call budget; no garbage
reaches the draft and no API key reaches any text."""

from __future__ import annotations

import re
import time

import pytest
from fault_server import GARBAGE, GOOD, FaultServer
from pydantic import SecretStr
from web_support import REPO, free_port

from assistant.domain.brief import example_brief
from assistant.domain.model import SectionKind
from assistant.drafting.chain import failed_sections
from assistant.drafting.models import RULES_MODEL, NoteKind
from assistant.llm.faults import Budget, prose_problem, retry_after
from assistant.llm.redact import redact, register_secret
from assistant.services import build_services
from assistant.services.drafting import DraftingService
from assistant.settings import CorpusSettings, LLMProvider, LLMSettings, Settings, StoreSettings

KEY = "sk-test-SECRET0123456789abcdef"
BUDGET_S = 3.0


def _settings(tmp_path, base_url: str, **llm: object) -> Settings:
    options = {"section_budget_s": BUDGET_S, "timeout_s": 60.0, "transport_retries": 2, "max_retries": 0}
    options |= llm
    return Settings(
        data_dir=tmp_path / "data",
        corpus=CorpusSettings(corpus_dir=REPO / "corpus"),
        llm=LLMSettings(
            provider=LLMProvider.OPENAI, base_url=base_url, model="fault", api_key=SecretStr(KEY), **options
        ),
        store=StoreSettings(user="tester"),
    )


def cli_env(monkeypatch, settings: Settings) -> None:
    """The environment a CLI run needs to see ``settings`` (data dir, user, the endpoint and its key)."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("ASSISTANT_STORE__USER", settings.store.user)
    for name, value in settings.llm.model_dump(mode="json").items():
        if value is not None and not isinstance(value, dict | list):
            monkeypatch.setenv(f"ASSISTANT_LLM__{name.upper()}", str(value))
    monkeypatch.setenv("ASSISTANT_LLM__API_KEY", KEY)


def _draft(tmp_path, server: FaultServer, **llm: object):
    """Draft the example brief against ``server`` (precedents from the bank: no index), saved in a temp store;
    (saved draft, seconds, the events' text)."""
    settings = _settings(tmp_path, server.base_url, **llm)
    events: list[str] = []
    with build_services(settings) as services:
        drafting = DraftingService(settings, services.scope, services.runtime, services.store, author="tester")
        started = time.monotonic()
        saved = drafting.draft(example_brief(), on_event=lambda e: events.append(f"{e.kind} {e.section} {e.message}"))
        seconds = time.monotonic() - started
        stored = services.store.latest(saved.info.draft_id)  # it is in the store, not only returned
    print(f"\n  {seconds:.1f} s, {len(server.requests)} requests")
    return stored.draft, seconds, "\n".join(events)


def _all_text(draft) -> str:
    return "\n".join([*(s.text for s in draft.sections), *(n.message for n in draft.notes)])


def _ruled(draft) -> list[SectionKind]:
    return [s.kind for s in draft.sections if s.generated_by == RULES_MODEL and s.kind is not SectionKind.PLAN]


def test_a_good_endpoint_writes_every_section(tmp_path):
    with FaultServer("ok") as server:
        draft, _, _ = _draft(tmp_path, server)
    assert not _ruled(draft) and GOOD[:10] in draft.sections[0].text
    assert failed_sections(draft) == []


@pytest.mark.parametrize("mode", ["server_error", "hang", "cut", "invalid_json", "echo_key"])
def test_an_endpoint_fault_on_the_first_section_still_saves_a_marked_rules_draft(tmp_path, mode):
    with FaultServer(mode) as server:
        draft, seconds, events = _draft(tmp_path, server)
    ruled = _ruled(draft)
    assert ruled and ruled == failed_sections(draft)  # every drafted section by rules, each listed to retry
    notes = [n.message for n in draft.notes if n.kind is NoteKind.RULES_ONLY]
    assert any("模型" in n and "单独重试" in n for n in notes)
    assert seconds < 2 * BUDGET_S + 8  # one call's budget (the rest by rules without calling), plus drafting itself
    assert KEY not in _all_text(draft) and KEY not in events and "sk-test" not in _all_text(draft)
    assert not re.search(r"[A-Z][a-z]+Error|Traceback", "".join(notes))  # no exception names in what a person reads


def test_a_fault_after_the_first_section_keeps_what_was_written(tmp_path):
    with FaultServer(lambda n, _body: "ok" if n == 0 else "server_error") as server:
        draft, _, _ = _draft(tmp_path, server)
    assert draft.sections[0].generated_by != RULES_MODEL and GOOD[:10] in draft.sections[0].text
    assert SectionKind.NECESSITY in failed_sections(draft) and SectionKind.OVERVIEW not in failed_sections(draft)


def test_429_is_retried_after_the_time_it_asks_for(tmp_path):
    with FaultServer(lambda n, _body: "rate_limited" if n == 0 else "ok") as server:
        draft, _, _ = _draft(tmp_path, server)
    assert draft.sections[0].generated_by != RULES_MODEL  # retried after Retry-After: 1, within the budget


def test_a_retry_after_beyond_the_budget_is_not_waited_for(tmp_path):
    with FaultServer("rate_limited_long") as server:
        draft, seconds, _ = _draft(tmp_path, server)
    assert _ruled(draft) and seconds < BUDGET_S + 8 and len(server.requests) == 1
    assert any("超出本次的时间预算" in n.message for n in draft.notes)


def test_a_refused_connection_is_retried_with_back_off_then_rules(tmp_path):
    closed = _Closed(f"http://127.0.0.1:{free_port()}/v1")  # nothing listens there: every connection is refused
    draft, seconds, _ = _draft(tmp_path, closed)
    assert _ruled(draft) == failed_sections(draft) and _ruled(draft) and seconds < BUDGET_S + 8
    assert any("无法连接模型服务" in n.message for n in draft.notes)


class _Closed:
    def __init__(self, url: str) -> None:
        self.base_url, self.requests = url, []


@pytest.mark.parametrize("mode", ["garbage", "english"])
def test_a_reply_that_is_not_chinese_prose_is_refused(tmp_path, mode):
    with FaultServer(mode) as server:
        draft, _, _ = _draft(tmp_path, server)
    assert _ruled(draft) == failed_sections(draft) and _ruled(draft)
    assert "锟斤拷" not in _all_text(draft) and "<|im_end|>" not in _all_text(draft)
    assert "This project" not in "".join(s.text for s in draft.sections)
    assert len(server.requests) >= 3  # one reply's fault, not the endpoint's: later sections ask again


@pytest.mark.parametrize("mode", ["endless", "drip"])
def test_an_endless_or_dripping_stream_is_cut_at_the_budget(tmp_path, mode):
    with FaultServer(mode) as server:
        draft, seconds, _ = _draft(tmp_path, server, max_reply_chars=2000)
    assert _ruled(draft) and max(len(s.text) for s in draft.sections) < 2000
    assert seconds < 4 * (BUDGET_S + 2)  # each section's call cut at its budget (drip) or length (endless)


def test_empty_choices_is_a_model_message_not_an_index_error(tmp_path):
    with FaultServer("empty_choices") as server:
        draft, _, _ = _draft(tmp_path, server)
    assert _ruled(draft)
    assert "IndexError" not in _all_text(draft) and "ValueError" not in _all_text(draft)


# -- the pieces -------------------------------------------------------------------------------------------


def test_prose_check():
    assert prose_problem('{"text": "' + GARBAGE + '"}') is not None
    assert prose_problem('{"text": "' + GOOD + '", "citations": ["S1"]}') is None
    assert prose_problem("This is an English reply about the project and its plans for the year.") is not None
    assert prose_problem("☃☃☃☃☃☃☃☃☃☃☃☃ 项目") is not None


def test_retry_after_reads_seconds_and_dates():
    assert retry_after("2") == 2.0 and retry_after(None) is None and retry_after("soon") is None
    assert 0 <= (retry_after("Wed, 21 Oct 2099 07:28:00 GMT") or 0) > 1000


def test_redaction_of_keys_in_upstream_text():
    register_secret("custom-secret-value")
    text = "bad key custom-secret-value; Authorization: Bearer abcdefghijklmnop; sk-abcdefghijklmnop"
    cleaned = redact(text)
    assert "custom-secret-value" not in cleaned and "abcdefghijklmnop" not in cleaned


def test_budget_counts_down():
    budget = Budget(seconds=0.05, max_chars=10, retries=0)
    time.sleep(0.06)
    assert budget.left() < 0
