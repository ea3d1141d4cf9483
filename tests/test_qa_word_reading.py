"""Q&A: how a question's words are read (issue 24, q7a), each class checked on wordings other than the eval sets'
against values read here from corpus/declarations/*.json (never typed in):

- a character typed for another of the same sound in an indicator name, a 项目类别 or a 项目构成 row (合哥率, 满以度,
  完成绿, 其他运转累) is read as the term's, where the pair written is no dictionary word, and said so; a real word
  (学院, 适用) is never changed;
- a project's short name run into a measure (信息化运维驻场人数, 26年信息化运维平台故障处理率) names the project and
  that project's indicator whose name sounds closest, said how it was read;
- an existence question is answered from what the forms write: a leading verb dropped (做课题), the longest head the
  forms write (虚拟专网 of 虚拟专网运维) rather than a project whose name shares a part, and a thing with a word no
  form writes with it (视频会议系统) refused as absent."""

import json

import pytest
from qa_support import DECLS, SCOPE, ask

from assistant.qa.homophones import correct_terms, is_word
from assistant.qa.lexicon import terms


def indicator(decl_id: str, *, ends: str) -> dict:
    decl = next(d for d in DECLS if d["id"] == decl_id)
    return next(i for i in decl["indicators"] if i["name"].endswith(ends))


def ids_writing(phrase: str) -> set[str]:
    def text(d: dict) -> str:
        return "".join(json_text(d).split())

    return {d["id"] for d in DECLS if phrase in text(d)}


def json_text(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False)


def decl_of(name: str, year: int) -> dict:
    return next(d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year)


@pytest.mark.parametrize(
    ("question", "decl_id", "ends", "read_as"),
    [
        ("23年信息化运维的运维满以度多少", "2023-003-06", "运维满意度", "满意度"),
        ("IPTV平台运维服务完成绿多少", "2026-004-03", "IPTV平台运维服务完成率", "完成率"),
        ("老干部系统建设完成绿写的啥", "2019-002-02", "建设完成率", "完成率"),
    ],
)
def test_a_homophone_typo_in_an_indicator_name_is_read_as_the_name(question, decl_id, ends, read_as):
    wanted = indicator(decl_id, ends=ends)
    result = ask(question)
    assert not result.refused, result.text
    assert {row.declaration_id for row in result.rows} == {decl_id}
    assert wanted["value"]["raw"].strip() in result.text
    assert f"按“{read_as}”理解" in result.text


def test_a_homophone_typo_in_a_category_filters_by_that_category():
    wanted = {d["id"] for d in DECLS if d["header"].get("category") == "其他运转类"}
    result = ask("其他运转累的项目有哪些")
    assert {row.declaration_id for row in result.rows} == wanted
    assert "按“运转类”理解" in result.text


def test_real_words_and_question_words_are_never_corrected():
    lexicon = SCOPE.current().qa.lexicon
    for question in ("干部网络学院平台运维经费有几个指标", "党费系统哪些制度保障在实施阶段不适用", "那信访平台呢"):
        assert correct_terms(question, terms(lexicon), (*lexicon.projects, *lexicon.units))[1] == (), question
    assert is_word("学院") and is_word("适用") and not is_word("合哥")


@pytest.mark.parametrize(
    ("question", "decl_id", "ends"),
    [
        ("23年信息化运维驻场人数写的多少", "2023-003-06", "驻场人员数量"),
        ("26年信息化运维平台故障处理率多少", "2026-004-05", "平台故障处置率"),
    ],
)
def test_a_short_name_run_into_a_measure_names_the_project_and_its_indicator(question, decl_id, ends):
    wanted = indicator(decl_id, ends=ends)
    result = ask(question)
    assert not result.refused, result.text
    assert {row.declaration_id for row in result.rows} == {decl_id}
    assert wanted["value"]["raw"].strip() in result.text
    assert f"按“{wanted['name']}”理解" in result.text


def test_existence_drops_the_verb_before_the_thing():
    result = ask("有没有做课题的项目")
    assert "有。" in result.text and not result.refused
    assert {row.declaration_id for row in result.rows} == ids_writing("课题")


def test_existence_finds_what_the_forms_write_not_a_name_sharing_a_part():
    result = ask("虚拟专网运维以前有人做过吗")
    assert "有。" in result.text and not result.refused
    assert {row.declaration_id for row in result.rows} == ids_writing("虚拟专网")
    assert "虚拟专网" in result.text


def test_existence_of_a_thing_no_form_writes_is_refused_with_the_nearest():
    assert not ids_writing("视频会议")
    result = ask("有没有人报过视频会议系统")
    assert result.refused and "语料库中没有" in result.text
    assert result.figure is None and not result.rows


def test_existence_of_a_project_named_by_its_short_form_still_lists_it():
    result = ask("以前有没有做过党费缴纳系统这类项目")
    assert "有。" in result.text and not result.refused
    assert "2020-000-01" in {row.declaration_id for row in result.rows}
