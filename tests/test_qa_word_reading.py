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
from qa_support import DECLS, SCOPE, TODAY, ask

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


def test_a_project_described_with_a_word_no_form_writes_is_resolved_by_meaning():
    """管车辆和食堂的那个: 食堂 is written in one project's forms alone, 车辆 in none (they write 公务用车)."""
    holders = ids_writing("食堂")
    assert len({next(d["header"]["name"] for d in DECLS if d["id"] == i) for i in holders}) == 1
    assert not ids_writing("车辆")
    result = ask("管车辆和食堂的那个项目负责人是谁")
    assert not result.refused, result.text
    assert {row.declaration_id for row in result.rows} == holders
    assert "“车辆”各表没有原词，按语义相近判断" in result.text or "车辆”各表没有原词" in result.text


def test_a_described_project_with_an_unrelated_unwritten_word_stays_absent():
    result = ask("管无人机和食堂的那个项目多少钱")
    assert result.refused and "语料库中没有" in result.text
    assert result.figure is None and not result.rows


def test_two_projects_each_pointed_at_by_what_they_do_are_compared():
    """印内刊那个跟驾驶员食堂那个: each side is the one form whose content writes its words."""
    a = ids_writing("内刊")
    b = ids_writing("驾驶员") & ids_writing("食堂")
    assert len(a) == 1 and len(b) == 1
    counts = {d["id"]: len(d["indicators"]) for d in DECLS if d["id"] in a | b}
    result = ask("印内刊那个跟驾驶员食堂那个 指标数比一下")
    assert {row.declaration_id for row in result.rows} == a | b
    assert result.figure == f"{abs(counts[min(a)] - counts[min(b)])} 项"


def test_the_kind_of_form_named_by_its_tier_filters_by_tier():
    import re

    district = re.compile("(闵行|浦东|黄浦|徐汇|长宁|静安|普陀|虹口|杨浦|宝山|嘉定|金山|松江|青浦|奉贤|崇明)")

    def written(d: dict) -> str:
        h = d["header"]
        units = " ".join(str(h.get(k) or "") for k in ("department", "applicant", "implementer"))
        return units + h["name"] + " ".join(s.get("document", "") for s in d.get("safeguards", []))

    wanted = {d["id"] for d in DECLS if district.search(written(d))}
    result = ask("区里那种表的项目都有哪些")
    assert {row.declaration_id for row in result.rows} == wanted


def test_a_category_written_with_a_character_of_the_same_sound_filters_by_it():
    wanted = {d["id"] for d in DECLS if d["header"].get("category") == "其他运转类"}
    result = ask("其它运转类的项目有几个")
    assert result.figure == f"{len(wanted)} 个"
    assert "按“其他运转类”理解" in result.text


def test_a_dictionary_word_is_corrected_where_three_characters_of_a_term_say_so():
    """合格律: 格律 is a word, but 合格率 is what an indicator name writes."""
    wanted = indicator("2019-002-02", ends="验收合格率")
    result = ask("老干部系统验收合格律多少")
    assert wanted["value"]["raw"].strip() in result.text
    assert "按“合格率”理解" in result.text


def test_a_project_pointed_at_by_a_word_of_its_indicators_with_a_measure_after_it():
    wanted = indicator("2026-004-03", ends="平台故障处置率")
    assert ids_writing("IPTV") >= {"2026-004-03"}
    result = ask("IPTV运维那个平台故障处理率多少")
    assert {row.declaration_id for row in result.rows} == {"2026-004-03"}
    assert wanted["value"]["raw"].strip() in result.text


def test_a_latin_word_before_a_short_form_points_at_the_form_that_writes_it():
    """IPTV运维那个项目: 运维项目 alone would fit 信息化运维项目, but no form of it writes IPTV."""
    wanted = indicator("2026-004-03", ends="平台故障处置率")
    result = ask("IPTV运维那个项目故障处理率多少")
    assert {row.declaration_id for row in result.rows} == {"2026-004-03"}
    assert wanted["value"]["raw"].strip() in result.text


def test_words_officers_use_for_fields_categories_spans_and_units():
    org = decl_of("组织力建设信息化平台", 2020)
    assert org["header"]["end_date"] in ask("组织力平台的截止时间是哪天").text
    running = [d for d in DECLS if d["header"].get("category") == "其他运转类"]
    assert ask("运转类的项目一共几个").figure == f"{len(running)} 个"
    office = "上海市人民代表大会常务委员会办公厅"
    held = [d for d in DECLS if office in json_text(d["header"])]
    assert ask("人大办公厅报了几个项目").figure == f"{len(held)} 个"


def test_existence_of_a_thing_written_first_then_asked():
    result = ask("公务用车方面以前有人做过吗")
    assert "有。" in result.text and not result.refused
    assert {row.declaration_id for row in result.rows} == ids_writing("公务用车")


def test_a_phone_as_a_means_is_no_phone_field():
    from assistant.qa.models import HeaderField
    from assistant.qa.parse import read

    cues = read("手机上缴党费那套系统有哪些功能", SCOPE.current().qa.lexicon, today=TODAY).cues
    assert HeaderField.PHONE not in cues.header_fields
