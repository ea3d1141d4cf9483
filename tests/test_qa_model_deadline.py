"""Issue 24: a question waits for the model at most `MODEL_SECONDS` (the p95 ≤ 5 s target): a model that hangs
(a real HTTP endpoint on loopback that never answers) leaves the patterns' reading, answered from the corpus."""

import time

import pytest
from fault_server import HANG_S, FaultServer
from pydantic import SecretStr
from test_qa_structured import SCOPE
from test_qa_understanding import TODAY

from assistant.errors import InputError
from assistant.llm.runtime import LLMRuntime
from assistant.qa.conversation import Conversation
from assistant.services.answering import MODEL_SECONDS, answer
from assistant.settings import LLMProvider, LLMSettings, Settings

DOUBTED = "闵行党费系统上线后多久要求响应"  # the patterns do not read it with confidence: the model is asked


def _runtime(base_url: str, tmp_path) -> LLMRuntime:
    llm = LLMSettings(provider=LLMProvider.OPENAI, base_url=base_url, model="fault", api_key=SecretStr("sk-test"))
    return LLMRuntime(Settings(data_dir=tmp_path, llm=llm))


def test_a_hanging_model_is_given_up_at_the_deadline_and_the_pattern_reading_answers(tmp_path):
    scope = SCOPE.current().qa
    with FaultServer("hang") as server, _runtime(server.base_url, tmp_path) as runtime:
        started = time.monotonic()
        result = answer(DOUBTED, Conversation(), runtime, scope=scope, finder=None, today=TODAY)
        waited = time.monotonic() - started
    assert len(server.requests) == 1  # asked once; no second round once the time is spent
    assert waited < HANG_S / 2  # gave up long before the endpoint would (the deadline, not the hang, ended it)
    assert result.text and "超时" not in result.text and "模型" not in result.text  # no diagnostic in the answer
    without_model = answer(DOUBTED, Conversation(), None, scope=scope, finder=None, today=TODAY)
    assert result.text == without_model.text  # the patterns' reading stands, as with --llm none


def test_the_deadline_leaves_time_for_the_answer():
    assert 0 < MODEL_SECONDS <= 4.0  # 1 s of the 5 s target is kept for reading, retrieval and formatting


def test_a_question_far_too_long_is_refused_at_once_in_chinese():
    # Red team: a 200,000-character question took 25 s to read; it is refused before any reading.
    question = "2023年组织部各项目资金合计多少？" * 12_000
    with pytest.raises(InputError) as refused:
        answer(question, Conversation(), None, scope=SCOPE.current().qa, finder=None, today=TODAY)
    assert "问题太长" in refused.value.message and f"{len(question):,} 字" in refused.value.message
