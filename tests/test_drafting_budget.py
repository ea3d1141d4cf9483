"""No runaway section (issue 22): a loopback fake OpenAI-compatible server injects the faults (a model that
never starts writing, one that loops, one that ignores the output cap); the real provider, drafting chain,
corpus and review run against it. Each fault ends in the rules text with a note, or in the text before the
loop, well before the server would have finished.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from assistant.domain.brief import load_brief
from assistant.domain.model import SectionKind
from assistant.drafting.budget import repetition_start
from assistant.drafting.chain import DraftEvent, Writer, drafting_chain
from assistant.drafting.context import build_context
from assistant.drafting.models import NoteKind
from assistant.llm.runtime import LLMRuntime
from assistant.review.checks_relevance import ReviewContext
from assistant.services.scope import CorpusScope
from assistant.services.writing import make_writer
from assistant.settings import LLMProvider, load_settings
from assistant.suggest.suggest import suggest

REPO = Path(__file__).resolve().parent.parent
SOURCES = CorpusScope(REPO / "corpus").current()
BRIEF = load_brief(REPO / "evals" / "drafting" / "briefs" / "archive.yaml")
GOOD = "现有纸质档案老化破损，查档需调阅原件，亟需通过数字化实现在线查阅。"


class FakeOpenAI(http.server.ThreadingHTTPServer):
    """/v1/chat/completions as a stream of chunks; ``modes`` says how each request is answered, in turn:
    ``good`` (a short section), ``stall`` (nothing for 30 s), ``loop`` (one phrase again and again), ``long``
    (one character at a time, ignoring max_tokens)."""

    daemon_threads = True

    def __init__(self, modes: list[str]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.modes = modes
        self.served: list[str] = []


class _Handler(http.server.BaseHTTPRequestHandler):
    server: FakeOpenAI

    def log_message(self, *args: object) -> None:
        return None

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        mode = self.server.modes[len(self.server.served) % len(self.server.modes)]
        self.server.served.append(mode)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            for piece in _pieces(mode):
                self.wfile.write(_chunk(piece))
                self.wfile.flush()
            self.wfile.write(_chunk(None) + b"data: [DONE]\n\n")
        except (BrokenPipeError, ConnectionResetError):
            return  # the client stopped reading: what the product does to a runaway reply


def _pieces(mode: str) -> Iterator[str]:
    if mode == "stall":
        time.sleep(30)
    if mode == "loop":
        yield '{"text": "' + GOOD[:12]
        for _ in range(2000):
            time.sleep(0.002)
            yield "提高档案利用效率，"
        return
    if mode == "long":
        yield '{"text": "'
        for _ in range(3000):
            time.sleep(0.002)
            yield "档"
        return
    yield json.dumps({"text": GOOD, "citations": []}, ensure_ascii=False)


def _chunk(content: str | None) -> bytes:
    choice = {
        "index": 0,
        "delta": {"content": content} if content else {},
        "finish_reason": None if content else "stop",
    }
    body = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "fake", "choices": [choice]}
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()


@pytest.fixture
def fake():
    servers: list[FakeOpenAI] = []

    def start(modes: list[str]) -> FakeOpenAI:
        server = FakeOpenAI(modes)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _writer(server: FakeOpenAI, events: list[DraftEvent], *, section_s: float, draft_s: float) -> Writer:
    settings = load_settings()
    llm = settings.llm.model_copy(
        update={
            "provider": LLMProvider.OPENAI,
            "base_url": f"http://127.0.0.1:{server.server_address[1]}/v1",
            "api_key": SecretStr("test"),
            "model": "fake",
            "max_retries": 1,
        }
    )
    writer = make_writer(
        settings.model_copy(update={"llm": llm}),
        LLMRuntime(settings.model_copy(update={"llm": llm})),
        events.append,
        [],
    )
    writer.section_seconds, writer.seconds = section_s, draft_s
    return writer


def _draft(writer: Writer):
    ctx = build_context(BRIEF, suggest(BRIEF, SOURCES.bank), SOURCES.corpus, SOURCES.policies)
    return drafting_chain(writer, ReviewContext()).invoke(ctx)


def test_a_section_past_its_time_budget_gets_the_rules_text_with_a_note(fake):
    server = fake(["good", "stall", "good", "good"])
    events: list[DraftEvent] = []
    started = time.perf_counter()
    draft = _draft(_writer(server, events, section_s=3.0, draft_s=60.0))
    elapsed = time.perf_counter() - started
    assert elapsed < 25  # the stalled call (30 s) was abandoned, not waited for
    necessity = draft.section(SectionKind.NECESSITY)
    assert necessity.generated_by == "rules"
    note = next(n for n in draft.notes if n.section is SectionKind.NECESSITY and n.kind is NoteKind.RULES_ONLY)
    assert "时间预算" in note.message and "按简报内容用规则起草" in note.message
    assert draft.section(SectionKind.OVERVIEW).generated_by == "fake"


def test_when_the_draft_s_budget_is_spent_the_rest_is_written_by_rules_without_asking(fake):
    server = fake(["stall"])
    events: list[DraftEvent] = []
    started = time.perf_counter()
    draft = _draft(_writer(server, events, section_s=3.0, draft_s=8.0))
    assert time.perf_counter() - started < 20
    assert all(s.generated_by == "rules" for s in draft.sections)
    assert len(server.served) <= 3  # sections after the budget ran out never reached the model
    assert any("时间预算已用完" in e.message for e in events if e.kind == "finished")


def test_a_looping_reply_is_stopped_at_the_repeat(fake):
    server = fake(["loop"])
    events: list[DraftEvent] = []
    draft = _draft(_writer(server, events, section_s=20.0, draft_s=80.0))
    overview = draft.section(SectionKind.OVERVIEW)
    assert overview.text.count("提高档案利用效率") <= 2
    assert any(n.kind is NoteKind.TRUNCATED and "重复" in n.message for n in draft.notes)
    assert sum(len(e.message) for e in events if e.kind == "delta" and e.section == "项目概况") < 400


def test_a_reply_past_its_output_cap_is_cut_there(fake):
    server = fake(["long"])
    events: list[DraftEvent] = []
    _draft(_writer(server, events, section_s=20.0, draft_s=80.0))
    streamed = sum(len(e.message) for e in events if e.kind == "delta" and e.section == "项目概况")
    assert streamed < 400  # about 1.25 × the section's max_tokens, not the 3,000 the server would send


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("提高效率，提高效率，提高效率，", "提高效率，"),
        ("档案零损毁。查档方便。档案零损毁。", "档案零损毁。查档方便。"),
        ("完成档案数字化加工。", None),
    ],
)
def test_repetition_is_found_where_it_starts(text, kept):
    cut = repetition_start(text)
    assert (text[:cut] if cut is not None else None) == kept


def test_the_indicator_table_s_model_step_gets_only_the_draft_s_time_left():
    """A draft took 126 s under load: its sections in 20 s, then the table's model step ran to its own 90 s limit.
    The step's call is now bounded by what the draft's budget has left."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.llm.chat import stream_call

    chat = FakeListChatModel(responses=[json.dumps({"text": GOOD, "citations": []}, ensure_ascii=False)] * 20)
    limits: list[float | None] = []

    def ask(system: str, user: str, *, seconds: float | None = None) -> str:
        limits.append(seconds)
        return '{"rename": [], "add": []}'

    writer = Writer(
        complete=lambda messages, _, on_delta: stream_call(chat, messages, on_delta=on_delta),
        model="fake",
        provider="fake",
        retries=0,
        on_event=lambda _event: None,
        ask=ask,
        seconds=40.0,
    )
    _draft(writer)
    assert len(limits) == 1 and limits[0] is not None and 0 < limits[0] <= 40.0
