"""Q&A (issue 24, helper q12b): families of wording that sealed10 showed the parser read wrongly, each checked with
variants written for this file (none is an eval question), on the real corpus and parser, no model.

- a topic word around a name's fragment (人工智能 around 智能) is no short name several projects fit;
- a change asked with one year (26年砍了几条) is measured against the project's filing before it;
- a short name several projects fit, with a change between two years, is the one filed in both;
- 质量上/数量那块: a level of indicators named by a word of place; 时效的是哪俩: a pick with a number;
- 指标里考核X的项目是哪些, 设X指标的是哪几个: the projects, not the indicators."""

import pytest
from qa_support import DECLS, ask, talk

LEVEL2_OF = {d["id"]: {i["level2"] for i in d["indicators"]} for d in DECLS}


def _ids(result) -> set[str]:
    return {row.declaration_id for row in result.rows}


@pytest.mark.parametrize(
    "question",
    ["有没有做人工智能方面的项目", "搞人工智能的项目有几个", "人工智能相关的项目有哪些", "有用人工智能的项目吗"],
)
def test_topic_around_a_fragment_of_names_is_absent(question: str) -> None:
    text = "\n".join(p for d in DECLS for p in [str(d)])
    assert "人工智能" not in text  # the corpus never writes it
    result = ask(question)
    assert result.refused and "语料库中没有" in result.text
    assert "请问是哪个项目" not in result.text and not result.rows


@pytest.mark.parametrize("question", ["有没有搞运维的项目", "运维的项目有哪些"])
def test_a_short_name_written_alone_still_lists_the_projects_it_fits(question: str) -> None:
    result = ask(question)
    assert "信息化运维项目" in result.text and "网络体系运维" in result.text


def _count(decl_id: str, level1: str) -> int:
    decl = next(d for d in DECLS if d["id"] == decl_id)
    return sum(i["level1"] == level1 for i in decl["indicators"])


@pytest.mark.parametrize(
    ("question", "level1", "before", "after"),
    [
        ("信息化运维项目的效益指标今年去掉了几条", "效益指标", "2023-003-06", "2026-004-05"),
        ("信息化建设项目 满意度指标26年删掉几条", "满意度指标", "2023-003-05", "2026-004-04"),
        ("信息化建设项目 26年效益指标添了几条", "效益指标", "2023-003-05", "2026-004-04"),
    ],
)
def test_change_with_one_year_is_against_the_filing_before(question: str, level1: str, before: str, after: str) -> None:
    result = ask(question)
    change = _count(after, level1) - _count(before, level1)
    assert result.figure == f"{change} 项"
    assert _ids(result) == {before, after}


def _fiscal(decl_id: str) -> float:
    return float(next(d for d in DECLS if d["id"] == decl_id)["funding"]["fiscal_annual"])


@pytest.mark.parametrize(
    "question", ["运维那个项目的当年财政拨款 23年到26年少了多少", "运维那笔 26年跟23年比财政拨款差多少"]
)
def test_short_name_in_a_change_between_years_is_the_one_filed_in_both(question: str) -> None:
    result = ask(question)
    assert not result.refused
    assert _ids(result) == {"2023-003-06", "2026-004-05"}
    change = _fiscal("2026-004-05") - _fiscal("2023-003-06")
    assert result.figure == f"{change:,.2f} 元"


@pytest.mark.parametrize(
    ("question", "decl_id", "level2"),
    [
        ("机关服务费 数量那块有哪些指标", "2023-003-04", "数量指标"),
        ("党员远教电教工作经费 质量这块设了哪些指标", "2026-004-02", "质量指标"),
        ("信息化运维项目26年 质量上有哪几条", "2026-004-05", "质量指标"),
    ],
)
def test_quality_or_quantity_with_a_word_of_place_is_the_level(question: str, decl_id: str, level2: str) -> None:
    decl = next(d for d in DECLS if d["id"] == decl_id)
    wanted = {i["name"] for i in decl["indicators"] if i["level2"] == level2}
    result = ask(question)
    assert {row.field for row in result.rows} == wanted


@pytest.mark.parametrize("pick", ["时效的是哪俩", "时效的是哪两条", "时效的有哪两个"])
def test_a_pick_with_a_number_follows_the_project_discussed(pick: str) -> None:
    decl = next(d for d in DECLS if d["id"] == "2023-003-04")
    wanted = {i["name"] for i in decl["indicators"] if i["level2"] == "时效指标"}
    result = talk("机关服务费一共几条指标", pick)
    assert {row.field for row in result.rows} == wanted


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("指标里考核覆盖率的项目都是哪些", "覆盖率"),
        ("指标里考察响应的项目是哪几个", "响应"),
        ("指标名带故障的项目都有哪些", "故障"),
    ],
)
def test_projects_asked_by_their_indicators_words(question: str, word: str) -> None:
    wanted = {d["id"] for d in DECLS if any(word in i["name"] for i in d["indicators"])}
    result = ask(question)
    assert {row.field for row in result.rows} == {"项目"}
    assert _ids(result) == wanted


@pytest.mark.parametrize(
    ("question", "year", "level2"),
    [
        ("23年设了时效指标的都有哪些", 2023, "时效指标"),
        ("设社会成本指标的是哪几个", None, "社会成本指标"),
        ("19年设了生态效益指标的有哪些", 2019, "生态效益指标"),
    ],
)
def test_who_set_a_level_are_the_projects(question: str, year: int | None, level2: str) -> None:
    wanted = {d["id"] for d in DECLS if level2 in LEVEL2_OF[d["id"]] and (year is None or d["header"]["year"] == year)}
    result = ask(question)
    if not wanted:
        assert result.refused or not result.rows
        return
    assert {row.field for row in result.rows} == {"项目"}
    assert _ids(result) == wanted


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("合格率这种指标 参考几个", "合格率"),
        ("完成率那块的指标 别人都怎么表述", "完成率"),
        ("满意度测评那类定量指标 给几条看看", "满意度测评"),
    ],
)
def test_a_kind_of_indicator_named_by_a_word_is_shown_from_the_forms(question: str, word: str) -> None:
    holders = {d["id"] for d in DECLS if any(word in i["name"] for i in d["indicators"])}
    result = ask(question)
    assert not result.refused and "语料库中没有" not in result.text
    cited = {c.ref.split("#")[0] for c in result.citations} | {r.declaration_id for r in result.rows}
    cited.discard(None)
    assert cited and cited <= holders


@pytest.mark.parametrize(
    ("question", "decl_id"),
    [("机关服务费算经常性还是一次性", "2023-003-04"), ("26年信息化建设项目是一次性的还是经常性的", "2026-004-04")],
)
def test_project_type_asked_by_its_choices(question: str, decl_id: str) -> None:
    result = ask(question)
    assert [r.declaration_id for r in result.rows] == [decl_id]
    assert result.rows[0].field.startswith("项目类型")


@pytest.mark.parametrize(
    ("first", "then", "decl_id", "indicator"),
    [
        ("党费缴纳管理系统项目多少钱", "那它安全测评咋定的", "2020-000-01", "安全测评合格率"),
        ("远程教育网络运维那笔的主管部门", "那它平台故障处置要求咋定的", "2026-004-03", "平台故障处置率"),
    ],
)
def test_a_pronoun_reads_as_the_project_discussed(first: str, then: str, decl_id: str, indicator: str) -> None:
    result = talk(first, then)
    assert [(r.declaration_id, r.field) for r in result.rows] == [(decl_id, indicator)]


def _writing(word: str) -> set[str]:
    import json

    return {d["id"] for d in DECLS if word in json.dumps(d, ensure_ascii=False)}


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("和考录挂钩的项目有哪些", "考录"),
        ("跟党费搭边的项目都有哪些", "党费"),
        ("跟公务员沾点边的项目 列一下", "公务员"),
    ],
)
def test_related_said_otherwise_lists_the_forms_writing_it(question: str, word: str) -> None:
    result = ask(question)
    assert _ids(result) == _writing(word)


@pytest.mark.parametrize(
    ("question", "word"),
    [("搞公务用车的 有没有这样的项目", "公务用车"), ("做党费缴纳的 有这类项目吗", "党费缴纳")],
)
def test_thing_then_whether_such_projects_exist(question: str, word: str) -> None:
    result = ask(question)
    assert "语料库中有" in result.text
    assert _ids(result) <= _writing(word) and _ids(result)


def test_thing_then_whether_such_projects_exist_absent() -> None:
    result = ask("弄无人机巡查的 有没有这样的项目")
    assert result.refused and "语料库中有" not in result.text and not result.rows


@pytest.mark.parametrize(
    ("question", "word"), [("动态机制类指标怎么写", "动态机制"), ("长效机制这类指标一般咋写", "长效机制")]
)
def test_a_kind_no_name_writes_whole_is_read_as_its_head(question: str, word: str) -> None:
    result = ask(question)
    assert not result.refused and f"“{word}”按“机制”理解" in result.text
    cited = {c.ref.split("#")[0] for c in result.citations} | {r.declaration_id for r in result.rows}
    cited.discard(None)
    assert cited and all(any("机制" in i["name"] for i in d["indicators"]) for d in DECLS if d["id"] in cited)


@pytest.mark.parametrize(
    "question", ["区块链这类指标有啥能参考的", "元宇宙方面的指标一般怎么设", "区块链那种指标 往年都怎么写"]
)
def test_a_kind_of_indicator_no_form_has_is_refused_never_all_shown(question: str) -> None:
    result = ask(question)
    assert result.refused and not result.rows and result.figure is None


@pytest.mark.parametrize("question", ["“是否”那种问句型的指标一般怎么写", "“是否”这种提问式指标大家咋用"])
def test_quoted_words_of_a_form_of_indicator(question: str) -> None:
    holders = {d["id"] for d in DECLS if any("是否" in i["name"] for i in d["indicators"])}
    result = ask(question)
    assert not result.refused and result.rows
    assert {r.declaration_id for r in result.rows} <= holders
    assert all("是否" in r.field for r in result.rows)


@pytest.mark.parametrize(
    ("question", "section"),
    [("项目总目标往年咋开头的", "项目总目标"), ("年度绩效目标老表里咋起笔的", "年度绩效目标")],
)
def test_how_a_section_starts_is_how_it_is_written(question: str, section: str) -> None:
    result = ask(question)
    assert not result.refused and f"的{section}一般从以下方面来写" in result.text
    assert len(result.text) < 1200


@pytest.mark.parametrize(
    ("question", "level1", "year"),
    [("运维那笔 质量指标列一下", None, None), ("26年运维 效益指标都有哪些", "效益指标", 2026)],
)
def test_a_list_of_a_short_name_two_projects_fit_lists_each(
    question: str, level1: str | None, year: int | None
) -> None:
    fits = {"信息化运维项目", "上海市党员干部现代远程教育网络体系运维（非信息化项目）"}
    result = ask(question)
    assert not result.refused
    wanted = {
        d["id"]
        for d in DECLS
        if d["header"]["name"] in fits and (year is None or d["header"]["year"] == year)
        for i in d["indicators"]
        if (level1 is None and i["level2"] == "质量指标") or i["level1"] == level1
    }
    assert _ids(result) == wanted
    for name in fits:
        assert name in result.text


@pytest.mark.parametrize("question", ["26年运维 效益指标有几条", "运维那笔的质量指标一共几条"])
def test_a_figure_of_a_short_name_two_projects_fit_is_still_asked_back(question: str) -> None:
    result = ask(question)
    assert result.refused and "请问是哪个项目" in result.text and result.figure is None


@pytest.mark.parametrize(
    "question", ["修办公楼那笔23年的 多少钱", "弄党群阵地那笔26年的 一共多少钱", "买公务车那笔19年的 花了多少"]
)
def test_a_pointed_subject_with_a_year_after_it_is_never_a_year_total(question: str) -> None:
    result = ask(question)
    assert result.refused and result.figure is None and "元" not in result.text.split("\n")[0]
    assert len(_ids(result)) <= 1
