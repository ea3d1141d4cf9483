"""Q&A (issue 24, sealed10 tune classes): a thing asked about is never found by a fragment of its word. Two
characters of a compound the forms lack (机器人, 电子屏) matched inside unrelated words of a name (人大｜机关) or as
the only part of it a name holds must not answer 有 nor list that project; a thing no form writes (充电桩) asked
first (…有人做过吗) is absent, never every form listed. Checked on the real corpus and parser."""

import pytest
from qa_support import SCOPE, ask

from assistant.qa.entities import Names, match


def names() -> Names:
    return Names(tuple(sorted(set(SCOPE.current().qa.lexicon.projects))))


def test_short_phrase_across_words_of_a_name_names_nothing() -> None:
    every = names()
    # 人 of 人大 and 机 of 机关 (市人大机关…): no word of that name, whatever the weights
    assert match("人机", every)[0] is None
    # written together in a name, a short phrase still names it
    found, _ = match("会务", every)
    assert found is not None and "会务" in found.name


@pytest.mark.parametrize("phrase", ["无人机", "电子屏"])
def test_trimmed_fragment_of_a_compound_is_flagged(phrase: str) -> None:
    assert names().fragment(phrase)


@pytest.mark.parametrize("phrase", ["党费花", "信访平台"])
def test_asking_words_beside_a_name_are_no_fragment(phrase: str) -> None:
    assert not names().fragment(phrase)


@pytest.mark.parametrize(
    ("question", "thing"),
    [("以前有单位做过无人机巡查吗", "无人机"), ("电子屏有人做过吗", "电子屏"), ("充电桩有人报过没", "充电桩")],
)
def test_existence_of_a_thing_no_form_writes_is_no(question: str, thing: str) -> None:
    result = ask(question)
    assert result.refused and "语料库中有" not in result.text
    assert thing in result.text
    assert not result.rows


def test_existence_of_a_thing_the_forms_write_still_yes() -> None:
    result = ask("人脸识别方面以前有人做过吗")
    assert "语料库中有" in result.text and result.rows


@pytest.mark.parametrize("question", ["有没有手机移动端的项目"])
def test_existence_of_a_thing_is_no_header_field(question: str) -> None:
    import json

    from qa_support import DECLS

    holders = {d["id"] for d in DECLS if "移动端" in json.dumps(d, ensure_ascii=False)}
    result = ask(question)
    assert "语料库中有" in result.text
    assert result.rows and "联系电话" not in {row.field for row in result.rows}
    assert {row.declaration_id for row in result.rows} <= holders


def test_existence_of_a_thing_never_answers_the_phone_field() -> None:
    result = ask("手机移动端以前有人做过吗")
    assert "联系电话" not in {row.field for row in result.rows}
    assert "联系电话" not in result.text
