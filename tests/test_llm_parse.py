"""Reading a model's JSON whatever wraps or breaks it: each repair path on a small written reply.

The same paths on recorded replies of the real embedded model: tests/test_drafting_raw_replies.py.
"""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field

from assistant.llm.chat import ChatReply, StructuredOutputError, TokenUsage, json_payload, parse_reply, strip_fences


class Note(BaseModel):
    text: str = Field(min_length=1)
    citations: list[str] = Field(default_factory=list)


def _reply(text: str, finish_reason: str | None = "stop") -> ChatReply:
    return ChatReply(text=text, usage=TokenUsage(5, 3), finish_reason=finish_reason, elapsed_s=0.1)


@pytest.mark.parametrize(
    "raw",
    [
        '```json\n{"text": "好。"}\n```',
        '```\n{"text": "好。"}\n```',
        '```json\n{"text": "好。"}',  # opening fence, the closing one never came
        '以下是结果：\n```json\n{"text": "好。"}\n```\n希望对您有帮助。',
        '好的，JSON 如下：{"text": "好。"} 以上。',
    ],
)
def test_fences_and_prose_around_the_object_are_ignored(raw: str) -> None:
    result = parse_reply(_reply(raw), Note)
    assert result.value == Note(text="好。") and not result.truncated


def test_strip_fences_keeps_an_unfenced_text() -> None:
    assert strip_fences("正文。") == "正文。"
    assert strip_fences("```json\n{}") == "{}"


def test_a_cut_off_object_is_repaired_and_marked_truncated() -> None:
    result = parse_reply(_reply('```json\n{"text": "保障平台运行。开展运', finish_reason="length"), Note)
    assert result.value.text == "保障平台运行。开展运"
    assert result.repaired and result.truncated


def test_an_unclosed_object_counts_as_cut_off_even_without_a_finish_reason() -> None:
    result = parse_reply(_reply('{"text": "保障平台运行。开展运', finish_reason=None), Note)
    assert result.truncated


def test_unescaped_quotes_and_line_breaks_are_repaired() -> None:
    quoted = parse_reply(_reply('{"text": "开展"党员教育"工作。", "citations": ["S1"]}'), Note)
    assert quoted.value == Note(text='开展"党员教育"工作。', citations=["S1"]) and quoted.repaired
    broken = parse_reply(_reply('{"text": "第一条。\n第二条。", "citations": [S1]}'), Note)
    assert broken.value == Note(text="第一条。\n第二条。", citations=["S1"]) and not broken.truncated


def test_a_valid_object_is_not_marked_repaired() -> None:
    result = parse_reply(_reply('{"text": "好。", "citations": []}'), Note)
    assert not result.repaired and not result.truncated


def test_no_object_is_an_error_that_says_so() -> None:
    with pytest.raises(StructuredOutputError) as caught:
        parse_reply(_reply("我无法完成这个任务。"), Note)
    assert "没有 JSON 对象" in caught.value.problem
    assert caught.value.raw_output == "我无法完成这个任务。"


def test_a_wrong_shape_names_the_field_in_chinese() -> None:
    with pytest.raises(StructuredOutputError) as caught:
        parse_reply(_reply('{"answer": "好。"}'), Note)
    assert caught.value.problem == "字段 text：缺少该字段"


def test_json_payload_reports_the_first_object() -> None:
    payload = json_payload('{"text": "一"}\n{"text": "二"}')
    assert payload.value == {"text": "一"} and payload.closed and not payload.repaired


def test_a_key_cut_off_before_its_value_is_left_to_its_default() -> None:
    result = parse_reply(_reply('```json\n{\n  "text": "好。",\n  "citations":', finish_reason="length"), Note)
    assert result.value == Note(text="好。", citations=[]) and result.truncated
