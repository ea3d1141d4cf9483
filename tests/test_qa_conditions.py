"""Issue 24 (new-user trial): conditional listings (哪些项目用了/有/包含/涉及 X) filter by what the forms write and say when
none does; existence questions (有没有/是否有/有无 … 项目/先例) answer 有 with the matches or 语料库中没有… with real
candidates; a kind of project no declaration is (老年助餐项目的满意度指标…) is refused, never answered from unrelated
projects (real corpus, real parser, no model). Expected declarations are read from the raw corpus JSON here."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.qa.sources import verify_citation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 12, 6)
AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")
PERCENT = re.compile(r"\d+(\.\d+)?\s*\(?%")
DIAGNOSTIC = re.compile(r"模型未能|JSON|Traceback|level1|level2|target|mentions|unknown_kind|None|\b[a-z_]{5,}\b")
RAW = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus/declarations").glob("*.json"))]


def written(word: str, years: tuple[int, ...] = ()) -> set[str]:
    """Ids of the raw forms whose name, sections, indicators, 项目构成 or 制度保障 hold ``word``."""
    found = set()
    for d in RAW:
        parts = [d["header"]["name"], *(s["text"] for s in d["sections"])]
        parts += [f"{i['name']} {i['value']['raw']}" for i in d["indicators"]]
        parts += [" ".join(str(b.get(k) or "") for k in ("name", "content", "detail")) for b in d["budget_lines"]]
        parts += [" ".join(str(s.get(k) or "") for k in ("category", "document", "measures")) for s in d["safeguards"]]
        if word in "\n".join(parts) and (not years or d["header"]["year"] in years):
            found.add(d["id"])
    return found


def ask(question: str, conversation: Conversation | None = None):
    scope = SCOPE.current().qa
    return answer(question, conversation or Conversation(), None, scope=scope, finder=None, today=TODAY)


def ids(result) -> set[str]:
    return {row.declaration_id for row in result.rows}


def assert_sound(result) -> None:
    scope = SCOPE.current().qa
    cited = [*result.citations, *(row.citation for row in result.rows)]
    assert all(verify_citation(scope.corpus, scope.lexicon.policies, c) for c in cited)
    assert not DIAGNOSTIC.search(result.text + "\n".join(result.notes)), result.text


def assert_none_found(result) -> None:
    assert result.refused and "语料库中没有" in result.text, result.text
    assert result.figure is None and not AMOUNT.search(result.text) and not result.rows, result.text
    assert_sound(result)


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("哪些项目用了微信？", "微信"),
        ("哪些项目提到了监理？", "监理"),
        ("有哪些项目涉及直播？", "直播"),
        ("哪几个项目包含困难党员的内容？", "困难党员"),
        ("写到服务器的项目有哪些？", "服务器"),
        ("用到了食堂的项目是哪些", "食堂"),
        ("项目里有没有涉及合同管理的？", "合同管理"),
        ("哪些项目用了第三方接口开发？", "第三方接口开发"),  # a 项目构成 row
    ],
)
def test_a_conditional_listing_lists_only_the_forms_that_write_it(question, word):
    result = ask(question)
    assert not result.refused, result.text
    assert ids(result) == written(word) and written(word), result.text
    assert f"“{word}”" in result.text and all(word in row.value for row in result.rows)
    assert_sound(result)


def test_the_trial_question_with_a_condition_no_form_meets_says_so():
    result = ask("哪些项目用了第三方评估？")  # was: every project listed
    assert_none_found(result)
    assert "没有写到“第三方评估”" in result.text
    assert "“第三方”" in result.text  # the nearest: a form that writes a part of it, said to be no match


@pytest.mark.parametrize("question", ["哪些项目用了区块链技术？", "有没有项目用到了无人机？", "哪些申报表涉及垃圾分类"])
def test_a_condition_no_form_meets_is_never_answered_with_projects(question):
    assert_none_found(ask(question))


def test_a_condition_is_counted_and_kept_in_a_follow_up():
    counted = ask("有几个项目提到了微信？")
    assert counted.figure == f"{len(written('微信'))} 个"
    conversation = Conversation()
    ask("哪些项目用到了微信？", conversation)
    result = ask("2020年的呢？", conversation)
    assert ids(result) == written("微信", (2020,)), result.text


def test_a_condition_written_apart_in_one_sentence_says_so():
    result = ask("哪些项目涉及机房消防改造？")
    assert ids(result) == written("机房消防"), result.text
    assert "没有原样写“机房消防改造”" in result.text
    assert_sound(result)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("有没有老年助餐类项目的先例？", "老年助餐"),  # was: 没有 swallowed into a project name
        ("是否有社区养老方面的项目？", "社区养老"),
        ("有无垃圾分类相关的项目先例", "垃圾分类"),
        ("以前有没有人做过校舍修缮这类项目？", "校舍修缮"),
        ("老年助餐项目以前有人报过吗？", "老年助餐"),
    ],
)
def test_an_existence_question_about_a_kind_the_corpus_lacks_says_no(question, kind):
    result = ask(question)
    assert_none_found(result)
    assert f"语料库中没有“{kind}”类项目的申报表" in result.text or f"语料库中没有写到“{kind}”" in result.text
    assert "“没有" not in result.text and "“有" not in result.text  # no question word inside the name said absent
    assert any(w in result.text for w in ("名称最接近的项目", "现有项目", "只写到其中部分字词")), (
        result.text
    )  # candidates


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("有没有党费缴纳系统这样的项目？", "闵行区党建服务中心党费缴纳管理系统项目"),
        ("之前有没有做过老干部信息管理系统的项目先例", "上海市人大老干部综合信息管理系统建设经费"),
    ],
)
def test_an_existence_question_about_a_held_project_says_yes_with_it(question, name):
    result = ask(question)
    assert not result.refused and result.text.startswith("有。语料库中有"), result.text
    assert {row.project for row in result.rows} == {name}
    assert_sound(result)


def test_an_existence_question_with_a_condition_says_yes_with_the_forms():
    result = ask("有没有项目用到了短信？")
    assert "语料库中有" in result.text and ids(result) == written("短信"), result.text
    assert_sound(result)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        (
            "老年助餐项目的满意度指标一般定多少？",
            "老年助餐",
        ),  # the trial's question: was answered from unrelated projects
        ("养老服务类项目的时效指标一般怎么写？", "养老服务"),
        ("河道整治项目的成本指标一般写些什么", "河道整治"),
        ("垃圾分类方面的项目满意度一般填多少", "垃圾分类"),
    ],
)
def test_indicator_statistics_for_a_kind_the_corpus_lacks_are_refused(question, kind):
    result = ask(question)
    assert_none_found(result)
    assert f"语料库中没有“{kind}" in result.text and not result.citations
    assert not PERCENT.search(result.text), result.text


@pytest.mark.parametrize(
    "question",
    [
        "满意度指标的目标值一般填多少？",
        "其他项目的满意度指标一般定多少？",
        "信息化项目的满意度指标一般定多少？",
        "运维项目的时效指标一般怎么写？",
        "2023年组织部的项目有哪些？",
        "所有项目里指标最多的是哪个",
        "哪些项目有满意度指标？",
        "哪些项目没有成本指标？",
        "我们单位的项目有哪些",
        "前面说的项目有几个指标",
        "2023年新增项目有哪些",
    ],
)
def test_words_before_project_that_name_no_kind_are_still_answered(question):
    result = ask(question)
    assert not result.refused, result.text
    assert "类项目的申报表" not in result.text


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("2026年党建服务中心负责实施的项目年度资金申请总额合计多少？", "12,482,226.00 元"),
        ("2023年组织部申报的项目项目资金总额一共多少？", "26,413,037.00 元"),
    ],
)
def test_what_a_unit_does_with_its_projects_names_no_kind(question, figure):
    result = ask(question)
    assert not result.refused and result.figure == figure, result.text


def test_an_existence_question_naming_a_project_by_its_type_words_finds_that_project():
    result = ask("有没有信息化建设的项目可以参考？")
    assert result.text.startswith("有。语料库中有"), result.text
    assert {row.project for row in result.rows} == {"信息化建设项目"}
    assert ids(result) == {"2023-003-05", "2026-004-04"}


def test_an_indicator_value_of_a_project_named_by_a_short_name_ending_in_money_is_the_value():
    result = ask("党建服务工作经费的处理时效满意度定的多少？")
    assert not result.refused and "≥90.00(%)" in result.text, result.text
    assert result.figure is None and {row.field for row in result.rows} == {"处理时效满意度"}


def annual_of(decl_ids: set[str]) -> str:
    from decimal import Decimal

    amounts = [Decimal(d["funding"]["annual"]) for d in RAW if d["id"] in decl_ids and d["funding"]["annual"]]
    return f"{sum(amounts, Decimal(0)):,.2f} 元"


def test_a_verb_of_condition_before_a_type_word_makes_it_a_condition():
    counted = ask("涉及培训的项目有几个？")  # 培训 is also a project type: here the forms that write it are counted
    assert counted.figure == f"{len(written('培训'))} 个", counted.text
    summed = ask("提到宣传的项目一共申请了多少钱？")
    assert ids(summed) == written("宣传") and summed.figure == annual_of(written("宣传")), summed.text


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("哪些项目的指标里提到了直播？", "直播"),
        ("哪些项目有涉及大数据的内容", "大数据"),
        ("项目中有没有写到监理的", "监理"),
    ],
)
def test_a_condition_read_through_the_words_around_it(question, word):
    result = ask(question)
    assert ids(result) == written(word), result.text
    assert_sound(result)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("有没有跟老年人相关的项目？", "老年人"),
        ("我们想报一个老年食堂的项目，有先例吗", "老年食堂"),
        ("以前有单位申报过智慧养老平台项目吗", "智慧养老平台"),
        ("有没有类似智慧社区的项目先例？", "智慧社区"),
    ],
)
def test_an_existence_question_reads_the_kind_without_the_words_around_it(question, kind):
    result = ask(question)
    assert_none_found(result)
    said = (f"语料库中没有“{kind}”类项目的申报表", f"语料库中没有写到“{kind}”")  # a kind, or 跟…相关: a condition
    assert any(line in result.text for line in said), result.text


def test_an_existence_question_without_a_word_for_project_still_reads_the_project():
    result = ask("有没有人做过党费缴纳系统")
    assert result.text.startswith("有。语料库中有") and ids(result) == {"2020-000-01"}, result.text


def test_whether_a_named_project_has_a_category_is_answered_for_each_of_its_years():
    result = ask("信息化运维项目有没有成本指标？")  # was read as 没有成本指标: the year lacking them was listed
    assert ids(result) == {"2023-003-06"} and {row.field for row in result.rows} == {"控制成本管理规范性"}
    assert "信息化运维项目（2026） 没有成本指标" in result.text, result.text


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("哪些项目是用到了短信平台的？", "短信平台"),
        ("用到微信的有哪些项目", "微信"),
        ("哪些项目用到了“等级保护”？", "等级保护"),
    ],
)
def test_a_condition_in_other_word_orders_and_quoted(question, word):
    result = ask(question)
    assert ids(result) == written(word) and written(word), result.text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("咱们有做过老年助餐的项目吗", "老年助餐"),
        ("之前有过养老类的项目吗", "养老"),
        ("老年助餐服务的满意度一般写多少", "老年助餐服务"),
    ],
)
def test_a_kind_asked_about_in_chat_wording_or_without_the_word_project_is_refused(question, kind):
    result = ask(question)
    assert_none_found(result)
    assert f"语料库中没有“{kind}”类项目的申报表" in result.text, result.text


@pytest.mark.parametrize(
    "question", ["培训的满意度一般写多少？", "技术支持的满意度一般定多少", "往年项目的满意度指标一般怎么填"]
)
def test_a_category_qualified_by_words_the_corpus_holds_is_still_answered(question):
    result = ask(question)
    assert not result.refused and result.citations, result.text


@pytest.mark.parametrize(
    ("question", "word"),
    [("提到合同管理制度的项目有哪些", "合同管理制度"), ("哪些项目写到了专款专用制度？", "专款专用制度")],
)
def test_a_condition_holding_a_word_of_the_vocabulary_is_still_a_condition(question, word):
    result = ask(question)  # 制度 alone asks for 制度保障 rows; inside the condition it is part of what is looked for
    assert ids(result) == written(word) and written(word), result.text
    assert_sound(result)


@pytest.mark.parametrize(
    ("question", "wanted"),
    [("哪些项目有设置成本指标？", "成本指标"), ("哪些项目包括驻场人员数量指标", "驻场人员数量")],
)
def test_an_indicator_condition_is_still_read_as_indicators(question, wanted):
    result = ask(question)
    raw = {d["id"] for d in RAW for i in d["indicators"] if wanted in (i["name"], i["level1"])}
    assert ids(result) == raw and "写到" not in result.text, result.text


@pytest.mark.parametrize(
    ("question", "word"),
    [("跟大数据有关的项目有哪些", "大数据"), ("和微信相关的项目有几个", "微信"), ("哪些项目与短信相关", "短信")],
)
def test_projects_related_to_a_word_are_the_forms_that_write_it(question, word):
    result = ask(question)
    assert ids(result) == written(word) and written(word), result.text


def test_projects_related_to_a_word_no_form_writes_are_none():
    assert_none_found(ask("哪些项目跟第三方评估有关？"))


def test_a_condition_narrows_other_questions_too():
    indicators = ask(
        "提到驻场人员的项目有哪些指标？"
    )  # the indicators of the forms that write it, not the project list
    raw = next(d for d in RAW if d["id"] == "2023-003-06")
    assert ids(indicators) == written("驻场人员") == {"2023-003-06"}
    assert {row.field for row in indicators.rows} == {i["name"] for i in raw["indicators"]}
    summed = ask("涉及网络安全的项目一共申请了多少钱？")
    assert ids(summed) == written("网络安全") and summed.figure == annual_of(written("网络安全")), summed.text
