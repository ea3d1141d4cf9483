"""Q&A: the classes a new user's trial (2026-12-06) found wrong, each checked on several wordings against figures
computed here from corpus/declarations/*.json (never typed in): negation words, a short name followed by 那个项目,
前N名, rankings over blank 项目资金总额, 哪一年项目最多, comparisons whose sides carry their own year and unit, two
named projects' indicator counts, 这两个 in a conversation, a kind found by indicator names, type counts."""

import re
from collections import Counter
from decimal import Decimal

import pytest
from qa_support import DECLS, REPO, SCOPE, TODAY, ask, money, yuan  # noqa: F401

from assistant.qa.conversation import Conversation
from assistant.qa.lexicon import TYPE_WORDS


def one(name: str, year: int) -> dict:
    return next(d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year)


def lacking(level: str, year: int | None = None, key: str = "level1") -> set[str]:
    return {
        d["id"]
        for d in DECLS
        if (year is None or d["header"]["year"] == year) and all(i[key] != level for i in d["indicators"])
    }


@pytest.mark.parametrize(
    ("question", "level1", "year"),
    [
        ("帮我看看哪些项目没写成本指标", "成本指标", None),
        ("哪些项目未设成本指标？", "成本指标", None),
        ("2026年哪些项目没列成本指标", "成本指标", 2026),
        ("哪些项目缺少满意度指标", "满意度指标", None),
        ("2019年哪些申报表没填成本指标", "成本指标", 2019),
    ],
)
def test_negation_words_list_projects_without_the_category(question, level1, year):
    result = ask(question)
    assert lacking(level1, year), "the corpus must hold such projects for the test to mean anything"
    assert {row.declaration_id for row in result.rows} == lacking(level1, year)


@pytest.mark.parametrize("that", ["那个项目", "这个项目"])
def test_short_name_then_that_project_counts_and_values(that):
    remote = one("党员远教电教工作经费", 2026)
    counted = ask(f"远教电教{that}有几个绩效指标？")
    assert counted.figure == f"{len(remote['indicators'])} 项"
    satisfaction = ask(f"远教电教{that}满意度指标是多少")
    wanted = {i["name"] for i in remote["indicators"] if i["level1"] == "满意度指标"}
    assert {row.field for row in satisfaction.rows} == wanted
    veteran = one("上海市人大老干部综合信息管理系统建设经费", 2019)
    assert ask(f"老干部系统{that}一共多少钱").figure == yuan(Decimal(veteran["funding"]["total"]))
    budget = one("上海市人大智能预算审查平台建设项目经费", 2019)
    lines = ask(f"预算审查平台{that}有几项项目构成")
    assert lines.figure == f"{len(budget['budget_lines'])} 项" and "个项目" not in lines.text


@pytest.mark.parametrize(("written", "n"), [("前三名", 3), ("前5名", 5), ("前两名", 2)])
def test_top_n_lists_exactly_n_with_blank_totals_read_as_annual(written, n):
    result = ask(f"哪个项目钱最多？{written}是哪些？")
    ranked = sorted(DECLS, key=money, reverse=True)
    assert money(ranked[n - 1]) != money(ranked[n]), "a tie at the cut would make n rows ambiguous"
    assert [row.declaration_id for row in result.rows] == [d["id"] for d in ranked[:n]]
    blank = [d for d in DECLS if d["funding"]["total"] is None]
    assert f"{len(blank)} 份申报表的项目资金总额为空白，按其年度资金申请总额计" in result.text


def test_ranking_cites_the_annual_amount_where_the_total_is_blank():
    result = ask("所有项目按资金从低到高排一下")
    ranked = sorted(DECLS, key=money)
    assert [row.declaration_id for row in result.rows] == [d["id"] for d in ranked]
    for row in result.rows:
        decl = next(d for d in DECLS if d["id"] == row.declaration_id)
        assert row.citation.part == ("年度资金申请总额" if decl["funding"]["total"] is None else "项目资金总额")


@pytest.mark.parametrize(
    ("question", "descending"),
    [("哪一年报的项目最多", True), ("哪年的项目数最多？", True), ("哪一年申报的项目最少", False)],
)
def test_which_year_counts_projects_by_year(question, descending):
    counts = Counter(d["header"]["year"] for d in DECLS)
    best = (max if descending else min)(counts.values())
    years = [y for y, n in counts.items() if n == best]
    result = ask(question)
    assert result.figure == f"{best} 个"
    assert all(f"{y}年" in result.text.splitlines()[0] for y in years)


@pytest.mark.parametrize(
    ("question", "first", "second", "measure"),
    [
        (
            "23年组织部的信息化建设项目和26年党建服务中心的信息化建设项目比，哪个预算多，差多少？",
            ("信息化建设项目", 2023),
            ("信息化建设项目", 2026),
            "annual",
        ),
        (
            "2023年机关服务费和2026年信息化运维项目谁的指标多",
            ("机关服务费", 2023),
            ("信息化运维项目", 2026),
            "indicators",
        ),
        (
            "2026年的信息化运维项目与2023年的信息化运维项目相比，哪个钱多",
            ("信息化运维项目", 2026),
            ("信息化运维项目", 2023),
            "annual",
        ),
    ],
)
def test_comparison_sides_carry_their_own_year_and_unit(question, first, second, measure):
    a, b = one(*first), one(*second)
    result = ask(question)
    assert {row.declaration_id for row in result.rows} == {a["id"], b["id"]}
    if measure == "indicators":
        assert result.figure == f"{abs(len(a['indicators']) - len(b['indicators']))} 项"
    else:
        assert result.figure == yuan(abs(Decimal(a["funding"]["annual"]) - Decimal(b["funding"]["annual"])))


@pytest.mark.parametrize("question", ["信息化运维和信息化建设哪个指标多", "信息化建设和信息化运维项目谁的指标多"])
def test_two_named_projects_indicator_counts_per_year(question):
    result = ask(question)
    pairs = [
        (one("信息化运维项目", y), one("信息化建设项目", y))
        for y in sorted({d["header"]["year"] for d in DECLS})
        if any(d["header"]["name"] == "信息化运维项目" and d["header"]["year"] == y for d in DECLS)
    ]
    assert pairs
    assert {row.declaration_id for row in result.rows} == {d["id"] for pair in pairs for d in pair}
    for ops, build in pairs:
        assert f"{len(ops['indicators'])} 项" in result.text and f"{len(build['indicators'])} 项" in result.text


@pytest.mark.parametrize(
    ("turns", "pair"),
    [
        (
            ["党员远教电教工作经费申请了多少钱？", "2026年的信息化运维项目呢？"],
            [("党员远教电教工作经费", 2026), ("信息化运维项目", 2026)],
        ),
        (
            ["机关服务费的联系人是谁", "组织力建设信息化平台有几个指标"],
            [("机关服务费", 2023), ("组织力建设信息化平台", 2020)],
        ),
    ],
)
def test_these_two_are_the_last_two_projects_discussed(turns, pair):
    conversation = Conversation()
    for turn in turns:
        ask(turn, conversation)
    a, b = (one(*p) for p in pair)
    by_money = ask("这两个哪个钱多？", conversation)
    assert {row.declaration_id for row in by_money.rows} == {a["id"], b["id"]}
    assert by_money.figure == yuan(abs(money(a) - money(b)))
    by_count = ask("这两个哪个指标多", conversation)
    assert by_count.figure == f"{abs(len(a['indicators']) - len(b['indicators']))} 项"


@pytest.mark.parametrize("last", ["这两个项目比一比", "两者差多少钱", "这俩的资金对比一下", "它俩哪个钱多"])
def test_these_two_in_other_words(last):
    conversation = Conversation()
    for turn in ("远教电教那个项目多少钱", "机关服务费有几个指标"):
        ask(turn, conversation)
    a, b = one("党员远教电教工作经费", 2026), one("机关服务费", 2023)
    result = ask(last, conversation)
    assert {row.declaration_id for row in result.rows} == {a["id"], b["id"]}
    assert result.figure == yuan(abs(money(a) - money(b)))


def test_these_two_asking_a_field_is_no_comparison():
    conversation = Conversation()
    for turn in ("远教电教那个项目多少钱", "机关服务费有几个指标"):
        ask(turn, conversation)
    result = ask("这两个项目的联系人分别是谁", conversation)
    assert result.figure is None and "比" not in result.text


def test_a_kind_no_form_is_typed_as_is_found_by_indicator_names():
    carrying = {d["id"] for d in DECLS if any("培训" in i["name"] for i in d["indicators"])}
    assert carrying
    for question in ("有没有做过培训类的项目，一般定哪些产出指标", "以前有没有培训类的项目"):
        result = ask(question)
        assert not result.refused and result.text.startswith("有。")
        assert {row.declaration_id for row in result.rows} == carrying
        assert "绩效指标名称写有“培训”" in result.text
    outputs = [i["name"] for d in DECLS for i in d["indicators"] if "培训" in i["name"] and i["level1"] == "产出指标"]
    assert all(name in ask("有没有做过培训类的项目，一般定哪些产出指标").text for name in outputs)


def test_a_named_subject_with_a_kind_word_stays_refused():
    """垃圾分类宣传项目 names a project the corpus lacks: not answered from indicators that say 宣传."""
    result = ask("垃圾分类宣传项目设了哪些时效指标？")
    assert result.refused and result.figure is None


def test_type_counts_add_up_to_the_declarations():
    absent = next(t for w, t in TYPE_WORDS.items() if w == "咨询")
    result = ask(f"有没有{absent.value.split('/')[0]}类的项目")
    assert result.refused
    held = re.search(r"按各自最可能的类型计：([^，）]+)", result.text)
    assert held is not None
    assert sum(int(n) for n in re.findall(r"(\d+) 份", held.group(1))) == len(DECLS)


def test_negation_where_every_form_sets_the_category_says_so():
    having = sorted(y for y in {d["header"]["year"] for d in DECLS} if not lacking("时效指标", y, "level2"))
    assert having, "a year whose forms all set 时效指标"
    year = having[0]
    result = ask(f"{year}年哪些项目没列时效指标")
    count = sum(d["header"]["year"] == year for d in DECLS)
    assert result.refused and not result.rows
    assert f"语料库中没有缺少时效指标的项目：{year}年的 {count} 份申报表都设了时效指标。" in result.text


@pytest.mark.parametrize(
    ("question", "names", "measure"),
    [
        (
            "人大信访平台和党费缴纳系统哪个指标多",
            ("上海人大系统人民群众来信来访智能化工作平台建设经费", "闵行区党建服务中心党费缴纳管理系统项目"),
            "indicators",
        ),
        (
            "党费缴纳系统和人大信访平台哪个钱多",
            ("闵行区党建服务中心党费缴纳管理系统项目", "上海人大系统人民群众来信来访智能化工作平台建设经费"),
            "total",
        ),
    ],
)
def test_a_unit_written_for_one_side_does_not_empty_the_other(question, names, measure):
    a, b = (next(d for d in DECLS if d["header"]["name"] == name) for name in names)
    result = ask(question)
    assert {row.declaration_id for row in result.rows} == {a["id"], b["id"]}
    if measure == "indicators":
        assert result.figure == f"{abs(len(a['indicators']) - len(b['indicators']))} 项"
    else:
        assert result.figure == yuan(abs(money(a) - money(b)))


def test_a_unit_neither_side_has_stays_refused():
    """人大的党费缴纳系统和组织力平台: 人大 is neither project's unit; not answered as if unasked."""
    result = ask("人大的党费缴纳系统和组织力平台比哪个钱多")
    assert result.refused and result.figure is None and not result.rows
