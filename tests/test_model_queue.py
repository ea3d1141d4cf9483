"""The model shared by many users: one FIFO queue in front of it (`assistant.llm.queue`), each waiting request told
its position (排队中：前面还有 N 个请求) in the drafting events the page and the command line show, a bounded queue
refused in Chinese, and no crossed streams, against a loopback endpoint the test holds (`fault_server`, "gated")."""

from __future__ import annotations

import threading
import time

import pytest
from fault_server import FaultServer
from langchain_core.messages import HumanMessage
from test_llm_faults import _settings

from assistant.cli.draft_cmd import _Progress
from assistant.domain.brief import example_brief
from assistant.drafting.chain import DraftEvent
from assistant.llm.queue import ModelQueue, QueueFull, waiting_text
from assistant.llm.runtime import LLMRuntime
from assistant.services import build_services
from assistant.services.drafting import DraftingService
from assistant.web.draft_tab import _progress, _record


def _until(condition, what: str, timeout: float = 30.0) -> None:
    """Wait for ``condition`` (a state the test drives to, not a time); fail naming ``what`` after ``timeout``."""
    ends = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < ends, f"timed out waiting for {what}"
        time.sleep(0.01)


def _tagged(body: dict) -> str:
    tag = body["messages"][-1]["content"]
    return f"本段正文只属于{tag}，保障平台稳定运行。"


def test_requests_take_turns_see_their_position_and_a_full_queue_is_refused(tmp_path):
    with FaultServer("gated", reply=_tagged) as server:
        settings = _settings(tmp_path, server.base_url, concurrent_requests=1, queue_limit=2, section_budget_s=30.0)
        runtime = LLMRuntime(settings)
        heard: dict[str, list[int]] = {}
        replies: dict[str, str] = {}

        def ask(tag: str) -> None:
            reply = runtime.stream(
                [HumanMessage(tag)], on_delta=lambda _d: None, on_wait=lambda n: heard.setdefault(tag, []).append(n)
            )
            replies[tag] = reply.text

        threads = {tag: threading.Thread(target=ask, args=(tag,)) for tag in ("甲请求", "乙请求", "丙请求")}
        threads["甲请求"].start()
        _until(lambda: len(server.requests) == 1, "the first request at the endpoint")
        threads["乙请求"].start()
        _until(lambda: runtime.queue.waiting == 1 and heard.get("乙请求"), "the second request queued")
        threads["丙请求"].start()
        _until(lambda: runtime.queue.waiting == 2 and heard.get("丙请求"), "the third request queued")
        with pytest.raises(QueueFull) as full:  # 1 running + 2 waiting: the limit
            runtime.stream([HumanMessage("丁请求")], on_delta=lambda _d: None)
        assert "语言模型正忙" in full.value.message and "最多排 2 个" in full.value.message
        assert len(server.requests) == 1  # the others wait here, not at the endpoint
        server.gate.set()
        for thread in threads.values():
            thread.join(60)
    assert heard == {"乙请求": [1, 0], "丙请求": [2, 1, 0]}  # 0: its turn came; 甲 never waited
    assert [r["messages"][-1]["content"] for r in server.requests] == ["甲请求", "乙请求", "丙请求"]  # FIFO
    assert server.most_in_flight == 1
    for tag, text in replies.items():  # each reply is its own request's: no crossed streams
        assert tag in text and all(other in (tag,) or other not in text for other in replies)


def test_a_queue_wait_ends_when_the_person_stops_and_the_queue_moves_on():
    queue = ModelQueue(slots=1, limit=4)
    stop = RuntimeError("stopped")
    outcome: list[str] = []
    with queue.turn():

        def waiter() -> None:
            def on_wait(_ahead: int) -> None:
                raise stop

            try:
                with queue.turn(on_wait):
                    outcome.append("ran")
            except RuntimeError:
                outcome.append("left")

        thread = threading.Thread(target=waiter)
        thread.start()
        thread.join(10)
        assert outcome == ["left"] and queue.waiting == 0
    with queue.turn():
        assert queue.running == 1


def test_a_draft_shows_its_place_in_the_queue(tmp_path, capsys):
    with FaultServer(lambda n, _b: "gated" if n == 0 else "ok") as server:
        settings = _settings(tmp_path, server.base_url, concurrent_requests=1, section_budget_s=60.0)
        with build_services(settings) as services:
            holder = threading.Thread(
                target=lambda: services.runtime.stream([HumanMessage("别人的请求")], on_delta=lambda _d: None)
            )
            holder.start()
            _until(lambda: len(server.requests) == 1, "another user's request at the endpoint")
            events: list[DraftEvent] = []
            drafting = DraftingService(settings, services.scope, services.runtime, services.store, author="tester")
            done: dict[str, object] = {}
            worker = threading.Thread(
                target=lambda: done.update(saved=drafting.draft(example_brief(), on_event=events.append))
            )
            worker.start()
            _until(lambda: any(e.kind == "queued" for e in events), "the draft's first request queued")
            server.gate.set()
            worker.join(120)
            holder.join(60)
    queued = [e for e in events if e.kind == "queued"]
    assert queued[0].message == waiting_text(1) == "排队中：前面还有 1 个请求" and queued[0].section == "项目概况"
    assert queued[-1].message == "轮到本请求，开始生成"
    assert "saved" in done and done["saved"].draft.sections[0].generated_by != "rules"  # written after its turn
    log: list[str] = []
    _record(queued[0], log, {})
    assert "排队 项目概况：排队中：前面还有 1 个请求" in _progress(log, {})  # the page's progress
    _Progress()(queued[0])
    assert "排队 项目概况：排队中：前面还有 1 个请求" in capsys.readouterr().err  # the command line's
