"""Every repair path on recorded raw replies of the real embedded model (tests/fixtures/raw_replies.json,
written by evals/capture_raw_replies.py): sampling differs across CPUs, so the live test checks shape only
and these replies prove the parser.

Two contracts were recorded: ``json`` (the earlier prompts asked for {"text", "citations"}; the model
fenced it and ran into the token limit, the failure that broke the e2e test on a clean machine) and
``text`` (today's prompts: plain text with [S1] markers).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel, Field

from assistant.domain.model import SectionKind
from assistant.drafting.replies import read_reply
from assistant.drafting.sections import SPECS
from assistant.llm.chat import ChatReply, TokenUsage, parse_reply

FIXTURE = Path(__file__).parent / "fixtures" / "raw_replies.json"
REPLIES = {r["id"]: r for r in json.loads(FIXTURE.read_text(encoding="utf-8"))["replies"]}


class SectionJson(BaseModel):
    text: str = Field(min_length=1)
    citations: list[str] = Field(default_factory=list)


def _reply(record: dict) -> ChatReply:
    return ChatReply(
        text=record["raw"],
        usage=TokenUsage(600, record["max_tokens"]),
        finish_reason=record["finish_reason"],
        elapsed_s=1.0,
    )


def _read(record: dict):
    kind = SectionKind(record["section"])
    return read_reply(_reply(record), kind, length=SPECS[kind].length)


def test_the_fixture_covers_every_shape():
    shapes = {shape for r in REPLIES.values() for shape in r["shapes"]}
    assert {"fenced", "truncated", "invalid_json", "prose_after"} <= shapes
    assert {r["contract"] for r in REPLIES.values()} == {"json", "text"}


@pytest.mark.parametrize("rid", [rid for rid, r in REPLIES.items() if r["contract"] == "json"])
def test_every_recorded_json_reply_is_read(rid):
    record = REPLIES[rid]
    result = parse_reply(_reply(record), SectionJson)
    assert result.value.text and "```" not in result.value.text and '"text"' not in result.value.text
    assert result.truncated == (record["finish_reason"] == "length")
    assert result.value.text[:20] in record["raw"]


@pytest.mark.parametrize("rid", list(REPLIES))
def test_every_recorded_reply_gives_whole_sentences_or_an_exact_problem(rid):
    reading = _read(REPLIES[rid])
    if reading.text:
        assert reading.text[-1] in "。；！？" or REPLIES[rid]["finish_reason"] != "length"
        assert not any(mark in reading.text for mark in ("```", '"text"', "[S", "{"))
    else:
        assert reading.problems and ("截断" in reading.problems[0] or "为空" in reading.problems[0])


def test_a_fenced_cut_off_object_keeps_its_first_sentence():
    reading = _read(REPLIES["json-example-tight_budget-overview-0"])
    assert (
        reading.text
        == "本项目由上海市党建服务中心实施，保障上海市党员教育平台（含门户网站、移动端和IPTV平台）全年稳定运行。"
    )
    assert reading.cut


def test_an_object_cut_after_its_text_loses_nothing():
    reading = _read(REPLIES["json-training-tight_budget-goal_total-0"])
    assert (
        reading.text
        == "通过实施2027年度区人大代表履职能力培训，提高区人大代表的履职能力，为推动区人大常委会代表工作提供有力支持。"
    )
    assert not reading.cut


def test_a_cut_off_reply_without_a_whole_sentence_asks_for_a_shorter_one():
    reading = _read(REPLIES["json-training-tight_budget-overview-0"])
    assert reading.text == "" and reading.problems == [
        "输出因长度上限被截断，没有一句完整的话：请把正文写短，150 字以内"
    ]


def test_a_repeated_title_is_tidied_away():
    record = REPLIES["json-example-tight_budget-goal_annual-0"]
    assert _read(record).text == "在2027年，保障上海市党员教育平台全年稳定运行，完成日常运维、安全巡检和故障处置工作。"


def test_a_fenced_object_with_its_citations():
    reading = _read(REPLIES["json-example-as_drafted-overview-0"])
    assert reading.citations == ["S1"] and reading.text.endswith("做好平台数据备份和网络安全防护。")


def test_a_reply_that_echoes_the_brief_is_sent_back():
    from assistant.drafting.replies import echoed_lines

    record = REPLIES["text-example-as_drafted-overview-0"]
    brief = "项目名称：党员教育平台运维项目\n年度：2027\n主管部门：中共上海市委组织部\n实施单位：上海市党建服务中心"
    assert echoed_lines(record["raw"], brief) >= 2


def test_a_cut_off_reply_ending_in_a_semicolon_ends_as_a_sentence():
    from assistant.drafting.replies import complete_sentences

    assert (
        complete_sentences("开展日常运维，工作日故障30分钟内响应；每季度提交")
        == "开展日常运维，工作日故障30分钟内响应。"
    )


def test_on_the_last_try_a_cut_off_reply_keeps_its_whole_clauses():
    """The failure of the e2e test under load: three cut-off replies in a row, none with a whole sentence.
    The last try keeps what the reply says up to its last ， (marked cut, so the user is told)."""
    record = REPLIES["json-training-tight_budget-overview-0"]
    kind = SectionKind(record["section"])
    reading = read_reply(_reply(record), kind, length=SPECS[kind].length, last_try=True)
    assert (
        reading.text
        == "本项目由青禾区人大常委会代表工作室实施，为全区约320名区人大代表举办履职能力培训班4期，每期2天。"
    )
    assert reading.cut and not reading.problems


def test_a_last_try_without_a_clause_still_reports_the_cut():
    reply = ChatReply(
        text="本项目由区人大常委会代表工作室实施并", usage=TokenUsage(600, 20), finish_reason="length", elapsed_s=1.0
    )
    reading = read_reply(reply, SectionKind.OVERVIEW, length=150, last_try=True)
    assert reading.text == "" and "截断" in reading.problems[0]


def test_the_prompts_placeholder_copied_back_is_not_a_section():
    """A new user's draft had 必要性 = “正文”: the model copied the prompt's JSON example."""
    reply = ChatReply(
        text='{"text": "正文", "citations": []}', usage=TokenUsage(600, 12), finish_reason="stop", elapsed_s=1.0
    )
    reading = read_reply(reply, SectionKind.NECESSITY, length=160)
    assert reading.text == "" and reading.problems == ["只写了“正文”，不是本部分的正文：请写出完整的一段话，160 字以内"]
