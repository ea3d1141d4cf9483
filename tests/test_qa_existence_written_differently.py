"""Q&A (issue 24, a class the sealed9 set found): existence questions whose topic the forms write in other words.
An indicator's name asked with 有人报过没 is answered 有 with the projects that hold it (not a list of indicators
without the 有); a compound topic whose head the forms write (基础设施改造 of 基础设施改造评估: the asked-for action is
no word of theirs) is 有 with those forms, said how it was read; a topic no form writes any long head of stays 没有.
Holders are computed here from corpus/declarations/*.json."""

import pytest
from qa_support import DECLS, ask


def _texts(decl: dict) -> str:
    parts = [decl["header"]["name"], *(s["text"] for s in decl["sections"]), *(i["name"] for i in decl["indicators"])]
    parts += [line["name"] for line in decl["budget_lines"]]
    return "".join("".join(str(p).split()) for p in parts)


def _holders(words: str) -> set[str]:
    return {d["id"] for d in DECLS if words in _texts(d)}


def _says_yes(result, holders: set[str]) -> None:
    assert not result.refused, result.text
    assert "语料库中有" in result.text and "没有。" not in result.text, result.text
    assert {row.declaration_id for row in result.rows if row.field == "项目"} == holders, result.text


@pytest.mark.parametrize("name", ["课题按时结题率", "安全事故发生次数"])
def test_an_indicator_asked_whether_anyone_filed_it(name: str) -> None:
    holders = {d["id"] for d in DECLS if any(i["name"] == name for i in d["indicators"])}
    assert holders
    _says_yes(ask(f"{name}以前有人报过没"), holders)


@pytest.mark.parametrize(
    ("question", "head"),
    [("有没有涉及基础设施改造评估的项目", "基础设施改造"), ("有没有涉及远程教育网络测评的项目", "远程教育网络")],
)
def test_a_topic_whose_head_the_forms_write(question: str, head: str) -> None:
    holders = _holders(head)
    assert holders and not _holders(question.removeprefix("有没有涉及").removesuffix("的项目"))
    result = ask(question)
    _says_yes(result, holders)
    assert f"按“{head}”理解" in result.text, result.text


def test_a_topic_with_no_long_head_written_stays_absent() -> None:
    result = ask("有没有涉及视频会议测评的项目")  # the forms write 会议 and 测评, never 视频会议
    assert result.refused and "没有" in result.text and not result.rows, result.text


def test_a_topic_beyond_the_part_of_a_name_it_shares() -> None:
    """党员体检: 党员体 fits a project's name (党员干部…网络体系), the whole topic is written in another form's text."""
    holders = _holders("党员体检")
    result = ask("党员体检有人做过没")
    _says_yes(result, holders)
    assert not any("党员体检" in d["header"]["name"] for d in DECLS)


@pytest.mark.parametrize(
    ("question", "words"), [("机房UPS之前做过没", "机房UPS"), ("有项目涉及考录系统吗", "考录系统")]
)
def test_existence_asked_in_short_spoken_forms(question: str, words: str) -> None:
    """…做过没 with nothing between, 有项目…吗: existence questions, answered 有 with the forms writing the words."""
    holders = _holders(words)
    assert holders
    _says_yes(ask(question), holders)


@pytest.mark.parametrize(
    ("question", "written"),
    [("有没有做过短信推送服务的项目", "短信"), ("有没有做过机房空调维护的项目", "机房精密空调")],
)
def test_a_topic_the_forms_word_otherwise(question: str, written: str) -> None:
    """短信推送服务: what is done with 短信 (推送, 服务) differs, the forms write 短信; 机房空调: the forms write it
    with other characters between (机房精密空调). Said how it was read."""
    holders = _holders(written)
    assert holders
    result = ask(question)
    _says_yes(result, holders)
    assert f"按“{written}”理解" in result.text, result.text


def test_money_for_a_written_thing_asked_whether_filed() -> None:
    """机房消防的钱以前报过没: the thing the money is for is written (屏蔽机房消防), so 有, with that form."""
    holders = _holders("机房消防")
    assert holders
    _says_yes(ask("机房消防的钱以前报过没"), holders)


def test_a_system_described_by_its_functions_in_one_sentence() -> None:
    """搞会议报到表决那类系统: one form lists 会议报到 and 表决 among its system's functions."""
    holders = {d["id"] for d in DECLS if "会议报到" in _texts(d) and "表决" in _texts(d)}
    assert holders
    _says_yes(ask("搞会议报到表决那类系统的项目有没有"), holders)
