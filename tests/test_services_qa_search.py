"""Q&A searches with the services' one search service (the `search` command's), over the real index."""

from __future__ import annotations

from assistant.qa.conversation import Conversation
from assistant.services import build_services
from assistant.settings import LLMProvider, LLMSettings


def _services(corpus_index):
    settings, _ = corpus_index
    return build_services(settings.model_copy(update={"llm": LLMSettings(provider=LLMProvider.NONE)}))


def test_an_open_question_is_answered_from_the_search_service_the_search_command_uses(corpus_index):
    with _services(corpus_index) as services:
        answer = services.qa.answer("党费缴纳移动端包括哪些功能？", Conversation())
        assert (
            "search" in services.__dict__ and services.search._retriever is not None
        )  # opened by Q&A, kept for search
        retriever = services.search.retriever()
        assert services.search.retriever() is retriever
    assert not answer.refused and answer.citations


def test_a_structured_question_opens_no_index(corpus_index):
    with _services(corpus_index) as services:
        answer = services.qa.answer("2023年组织部各项目资金合计多少？", Conversation())
        assert answer.figure and "search" not in services.__dict__
