"""Q&A (issue 24, sealed7 classes colloquial, listing, field, typo): a project described only by what it does, resolved
from its content, and its indicator described in other words; a described thing no form is about refused; rows of
项目构成 counted when 拆成几块; indicators listed by quoted words of their names; 报了哪些 as a list of projects; a whole
indicator name with the project pointed at by 那个经费; a typo correction that would split a word the forms write.

Wordings are our own (other projects, fields and words than the sealed7 questions); every expected figure is read here
from corpus/declarations/*.json, never typed in."""

import re
from decimal import Decimal

import pytest
from qa_support import DECLS, SCOPE, ask

from assistant.qa.conversation import Conversation
from assistant.qa.homophones import correct_terms
from assistant.qa.lexicon import terms, vocabulary, written_text

AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")


def decl_of(name: str, year: int | None = None) -> dict:
    return next(d for d in DECLS if d["header"]["name"] == name and year in (None, d["header"]["year"]))


def raw_value(decl: dict, indicator: str) -> str:
    return next(i["value"]["raw"] for i in decl["indicators"] if i["name"] == indicator)


@pytest.mark.parametrize(
    ("question", "name", "year", "indicator"),
    [
        ("管公务用车和驾驶员的那笔后勤经费 公务用车保障率定多少", "机关服务费", None, "公务用车保障率"),
        ("23年管网站和考录系统运维那笔钱 驻场几个人", "信息化运维项目", 2023, "驻场人员数量"),
        ("给到村任职选调生做体检的那笔经费 体检最晚几月前做完", "基层党建及队伍教育管理", None, "体检完成及时性"),
        (
            "党员干部看数字电视那套网络的运维 重大故障发生数定几次",
            "上海市党员干部现代远程教育网络体系运维（非信息化项目）",
            None,
            "重大故障发生数",
        ),
        ("机关服务费 东西坏了超时没修最多几次", "机关服务费", None, "超过规定时间维修次数"),
    ],
)
def test_described_project_and_measure(question: str, name: str, year: int | None, indicator: str) -> None:
    decl = decl_of(name, year)
    result = ask(question)
    assert not result.refused
    assert {row.declaration_id for row in result.rows} == {decl["id"]}
    assert {row.field for row in result.rows} == {indicator}
    assert raw_value(decl, indicator) in result.text
    assert not AMOUNT.search(result.text)  # 那笔钱 pointed at the project: no money was asked


def test_described_project_says_how_it_matched() -> None:
    result = ask("管公务用车和驾驶员的那笔后勤经费 公务用车保障率定多少")
    assert "按描述匹配到：机关服务费" in result.text and "“公务用车”" in result.text


@pytest.mark.parametrize(
    "question",
    ["给退休干部发慰问品的那笔钱一共多少", "给社区装充电桩的那笔钱花了多少", "给退休干部发慰问品的那笔钱 满意度定多少"],
)
def test_described_thing_no_form_is_about_is_refused(question: str) -> None:
    result = ask(question)
    assert result.refused and "语料库中没有" in result.text
    assert result.figure is None and not AMOUNT.search(result.text) and not result.rows


def test_a_place_in_a_ranking_is_no_described_thing() -> None:
    """最少的那个呢 after a ranking: the conversation's question, not an absent thing called 最少."""
    from qa_support import TODAY

    from assistant.qa.conversation import Conversation
    from assistant.services.answering import answer

    conversation = Conversation()
    scope = SCOPE.current().qa
    answer("2020年哪个项目钱最多", conversation, None, scope=scope, finder=None, today=TODAY)
    result = answer("最少的那个呢", conversation, None, scope=scope, finder=None, today=TODAY)
    assert "没有关于“最少”" not in result.text and not result.refused


@pytest.mark.parametrize(
    ("question", "name"),
    [("预算审查平台项目构成拆成几块", "上海市人大智能预算审查平台建设项目经费"), ("信访平台项目构成分了几部分", None)],
)
def test_budget_lines_counted_when_split_into_parts(question: str, name: str | None) -> None:
    decl = decl_of(name) if name else next(d for d in DECLS if "来信来访" in d["header"]["name"])
    assert ask(question).figure == f"{len(decl['budget_lines'])} 项"


@pytest.mark.parametrize(
    ("question", "word"), [("含“满意度”三个字的指标都列出来", "满意度"), ("含“故障”俩字的指标都有哪些", "故障")]
)
def test_indicators_listed_by_quoted_words_with_counted_characters(question: str, word: str) -> None:
    wanted = {i["name"] for d in DECLS for i in d["indicators"] if word in i["name"]}
    result = ask(question)
    assert wanted and {row.field for row in result.rows} == wanted


@pytest.mark.parametrize(
    ("question", "year", "category"), [("19年报了哪些", 2019, None), ("23年其他运转类报了哪些", 2023, "其他运转类")]
)
def test_filed_asks_for_the_projects(question: str, year: int, category: str | None) -> None:
    wanted = {d["id"] for d in DECLS if d["header"]["year"] == year and category in (None, d["header"]["category"])}
    result = ask(question)
    assert wanted and {row.declaration_id for row in result.rows} == wanted and not result.refused


def test_whole_indicator_name_with_the_project_pointed_at_by_its_money_word() -> None:
    decl = decl_of("组织部门建设和管理工作经费")
    result = ask("调研成果汇编要出多少册 组织部门建设那个经费")
    assert {row.declaration_id for row in result.rows} == {decl["id"]}
    assert raw_value(decl, "调研成果汇编") in result.text and not AMOUNT.search(result.text)


def test_long_indicator_name_with_one_character_miswritten_is_read_and_said() -> None:
    decl = decl_of("党员远教电教工作经费")
    result = ask("远教电教 制作党建类远程教育课建要几部")
    assert {row.declaration_id for row in result.rows} == {decl["id"]}
    assert raw_value(decl, "制作党建类远程教育课件") in result.text and "按“制作党建类远程教育课件”理解" in result.text


def test_typo_correction_does_not_split_a_word_the_forms_write() -> None:
    lexicon = SCOPE.current().qa.lexicon
    known = (*lexicon.projects, *lexicon.units, *vocabulary(lexicon))
    for text in ("党员干部看数字电视学习", "党员干部看IPTV"):
        corrected, said = correct_terms(text, terms(lexicon), known, written_text(lexicon))
        assert corrected == text and not said
    corrected, said = correct_terms("特定目标累的项目", terms(lexicon), known, written_text(lexicon))
    assert "特定目标类" in corrected and said  # three characters a term writes still win


@pytest.mark.parametrize(
    ("question", "name", "indicator"),
    [
        (
            "两新组织党建工作信息宣传内容怎么定的 基层党建那个经费",
            "基层党建及队伍教育管理",
            "两新组织党建工作信息宣传内容",
        ),
        ("组织部门建设经费 评选年度全市组织系统优秀调研成果一等将定几个", "组织部门建设和管理工作经费", None),
        ("党组织建设那个经费 培训党支部建设示范典怎么写的", "党组织建设和党员教育管理", "培训党支部建设示范点"),
    ],
)
def test_named_indicator_restricted_to_the_named_project(question: str, name: str, indicator: str | None) -> None:
    decl = decl_of(name)
    indicator = indicator or next(i["name"] for i in decl["indicators"] if "一等奖" in i["name"])
    result = ask(question)
    assert {(row.field, row.declaration_id) for row in result.rows} == {(indicator, decl["id"])}
    assert raw_value(decl, indicator) in result.text and not AMOUNT.search(result.text)


def test_count_of_projects_over_years_gives_each_years_count() -> None:
    chosen = [d for d in DECLS if d["header"]["category"] == "特定目标类"]
    years = sorted({d["header"]["year"] for d in chosen})
    result = ask("每年特定目标类各有几个")
    assert result.figure == f"{len(chosen)} 个" and len(years) > 1
    each = "；".join(f"{y}年 {sum(d['header']['year'] == y for d in chosen)} 个" for y in years)
    assert f"按年度：{each}。" in result.text


def test_description_marked_by_a_run_one_form_writes() -> None:
    """两新组织 (one form writes it) beside commoner words; 党建信息 is written with words between (党建工作信息)."""
    decl = next(d for d in DECLS if any("两新组织" in i["name"] and "推送" in i["name"] for i in d["indicators"]))
    indicator = next(i["name"] for i in decl["indicators"] if "推送" in i["name"])
    result = ask("给两新组织推送党建信息的那笔经费 一周推几条")
    assert {(row.field, row.declaration_id) for row in result.rows} == {(indicator, decl["id"])}
    assert raw_value(decl, indicator) in result.text


def test_unwritten_word_confirmed_by_the_indicator_asked() -> None:
    """打包 is written nowhere; 包干完成率 is an indicator only one of the forms writing 党群 and 阵地 has."""
    holders = [d for d in DECLS if any("包干" in i["name"] for i in d["indicators"])]
    assert len(holders) == 1
    indicator = next(i["name"] for i in holders[0]["indicators"] if "包干" in i["name"])
    result = ask("帮党群阵地打包搞服务的那笔经费 包干完成率要到多少")
    assert {(row.field, row.declaration_id) for row in result.rows} == {(indicator, holders[0]["id"])}


def test_unwritten_manner_beside_a_run_one_form_writes() -> None:
    """手机 is written nowhere (the form writes 移动端); 上缴党费 is written by one form alone, in another order (线上党费缴纳):
    its 制度保障 rows are listed."""
    holders = [d for d in DECLS if "上党费缴" in json_text(d)]
    assert len(holders) == 1 and not any("手机" in json_text(d) for d in DECLS)
    result = ask("用手机上缴党费那套系统 制度保障有哪几条")
    assert {row.declaration_id for row in result.rows} == {holders[0]["id"]}
    assert len(result.rows) == len(holders[0]["safeguards"])


def json_text(decl: dict) -> str:
    import json

    return json.dumps(decl, ensure_ascii=False)


def test_money_word_ending_a_short_name_asks_no_money_when_a_measure_is_described() -> None:
    """组织部门建设经费 培训的学员满不满意: 经费 ends the project's short name; the measure asked is its 培训学员满意度."""
    decl = decl_of("组织部门建设和管理工作经费")
    result = ask("组织部门建设经费 培训的学员满不满意定多少")
    assert {(row.field, row.declaration_id) for row in result.rows} == {("培训学员满意度", decl["id"])}
    assert raw_value(decl, "培训学员满意度") in result.text and not AMOUNT.search(result.text)
    assert ask("组织部门建设经费是多少").figure == f"{Decimal(str(decl['funding']['total'])):,.2f} 元"


@pytest.mark.parametrize(
    ("first", "follow_up"),
    [
        ("23年信息化建设项目主管部门是哪个？", "26年的主管部门也是这个吗"),
        ("机关服务费的实施单位是哪个？", "23年的实施单位也是这个吗"),
    ],
)
def test_a_follow_up_whose_words_no_form_holds_is_answered_not_raised(first: str, follow_up: str) -> None:
    """A follow-up rewritten to ``｜的主管部门也是这个吗`` scores no form in scope: the description reader gives way
    (an IndexError before the merge fix) and the question is answered."""
    conversation = Conversation()
    ask(first, conversation)
    result = ask(follow_up, conversation)
    assert result.text and "Traceback" not in result.text
