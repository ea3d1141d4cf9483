"""Q&A: the classes the sealed6 set (issue 24) found missing, each checked on wordings other than the eval's against
figures computed here from corpus/declarations/*.json (never typed in): indicators listed or counted by quoted words
of their names, 列一下 as a list, a project pointed at by a word only its name holds (X那个系统) or by what it does
before 那个<unit>经费, 全库/平均下来, two named projects' sums each on its own line, 减去 as a difference, 哪年多 over
two years, and a question about a draft refused (drafts are not the corpus)."""

import json
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 12, 6)
DECLS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus/declarations").glob("*.json"))]
AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")


def ask(question: str):
    return answer(question, Conversation(), None, scope=SCOPE.current().qa, finder=None, today=TODAY)


def yuan(value: Decimal) -> str:
    return f"{value:,.2f} 元"


def by_name(name: str, year: int | None = None) -> dict:
    return next(d for d in DECLS if d["header"]["name"] == name and year in (None, d["header"]["year"]))


@pytest.mark.parametrize(("question", "word", "year"), [("2023年带“及时”两个字的指标都有哪些", "及时", 2023)])
def test_indicators_listed_by_quoted_name_words(question: str, word: str, year: int) -> None:
    wanted = {i["name"] for d in DECLS if d["header"]["year"] == year for i in d["indicators"] if word in i["name"]}
    result = ask(question)
    assert wanted and {row.field for row in result.rows} == wanted


@pytest.mark.parametrize(
    ("question", "word"), [("名称里含“合格率”的指标全库一共几条", "合格率"), ("含“故障”字样的指标有几个", "故障")]
)
def test_indicators_counted_by_quoted_name_words(question: str, word: str) -> None:
    count = sum(word in i["name"] for d in DECLS for i in d["indicators"])
    assert ask(question).figure == f"{count} 项"


def test_list_asked_with_lie_yi_xia() -> None:
    wanted = {d["id"] for d in DECLS if d["header"]["year"] == 2023}
    result = ask("2023年的项目都列一下")
    assert {row.declaration_id for row in result.rows} == wanted and not result.refused


def test_project_pointed_at_by_a_word_only_its_name_holds() -> None:
    (decl,) = [d for d in DECLS if "党费" in d["header"]["name"]]
    result = ask("网上缴党费那个系统的项目资金总额是多少")
    assert not result.refused and result.figure == yuan(Decimal(decl["funding"]["total"]))
    assert {row.declaration_id for row in result.rows} == {decl["id"]} and "党费" in result.text
    refused = ask("网上缴水费那个系统的项目资金总额是多少")  # no name holds 水费: still refused
    assert refused.refused and refused.figure is None and not AMOUNT.search(refused.text)


def test_unit_project_described_before_nage() -> None:
    decl = by_name("组织部门建设和管理工作经费", 2023)
    wanted = {i["name"] for i in decl["indicators"] if i["level2"] == "数量指标"}
    result = ask("印内刊的那个组织部经费，数量指标列一下")
    assert wanted and {row.field for row in result.rows} == wanted
    assert {row.declaration_id for row in result.rows} == {decl["id"]}


def test_whole_corpus_average_of_indicators() -> None:
    mean = Decimal(sum(len(d["indicators"]) for d in DECLS)) / len(DECLS)
    result = ask("库里平均下来每个项目几个指标")
    assert result.figure == f"{mean.quantize(Decimal('0.01'), ROUND_HALF_UP)} 项"


def test_two_named_projects_sums_each_shown() -> None:
    first, second = by_name("机关服务费", 2023), by_name("信息化建设项目", 2023)
    result = ask("机关服务费和信息化建设项目2023年的项目资金总额分别是多少")
    assert {row.declaration_id for row in result.rows} == {first["id"], second["id"]}
    for decl in (first, second):
        assert yuan(Decimal(decl["funding"]["total"])) in result.text
    missing = ask("信息化运维项目和机关服务费2026年的资金总额分别是多少")  # 机关服务费 has no 2026 form: said so
    assert "语料库中没有“机关服务费”2026年的申报表" in missing.text


def test_subtraction_is_a_difference() -> None:
    first, second = by_name("机关服务费", 2023), by_name("信息化建设项目", 2023)
    gap = abs(Decimal(first["funding"]["total"]) - Decimal(second["funding"]["total"]))
    result = ask("2023年机关服务费的项目资金总额减去信息化建设项目的项目资金总额是多少")
    assert result.figure == yuan(gap) and "合计" not in result.text


def test_which_of_two_years_has_more() -> None:
    sums = {y: sum(Decimal(d["funding"]["total"]) for d in DECLS if d["header"]["year"] == y) for y in (2020, 2023)}
    result = ask("2020年和2023年的项目资金总额哪年多")  # the year with more and its sum (sealed8's rank_years)
    assert not result.refused and all(yuan(s) in result.text for s in sums.values())
    assert result.figure == yuan(max(sums.values())) and "2023年" in result.text
    assert yuan(sums[2023] - sums[2020]) in result.text


@pytest.mark.parametrize("question", ["草稿3里设了几个指标", "我的草稿资金总额是多少"])
def test_draft_question_refused_with_how_to_see_it(question: str) -> None:
    result = ask(question)
    assert result.refused and result.figure is None and not AMOUNT.search(result.text) and not result.rows
    assert "assistant drafts show" in result.text and "语料库" in result.text


def test_follow_up_naming_an_indicator_drops_the_category_before() -> None:
    decl = by_name("机关服务费", 2023)
    other = next(i for i in decl["indicators"] if i["level1"] != "满意度指标" and "次数" in i["name"])
    conversation = Conversation()
    scope = SCOPE.current().qa
    answer("机关服务费的满意度指标有哪些", conversation, None, scope=scope, finder=None, today=TODAY)
    result = answer(f"{other['name']}呢", conversation, None, scope=scope, finder=None, today=TODAY)
    assert not result.refused and other["name"] in {row.field for row in result.rows}


def test_unit_of_a_form_with_blank_units_read_from_who_leads_it() -> None:
    unit = "闵行区党建服务中心"
    held = [
        d
        for d in DECLS
        if d["header"]["year"] == 2020
        and (unit in d["header"]["name"] or any(f"{unit}牵头" in (s.get("text") or "") for s in d["sections"]))
    ]
    result = ask("2020年闵行区党建服务中心的项目本级财政一共多少")
    assert len(held) == 2 and {row.declaration_id for row in result.rows} == {d["id"] for d in held}
    assert result.figure == yuan(sum(Decimal(d["funding"]["fiscal_same_level"]) for d in held))


def test_bound_asked_reads_the_measure_named_by_its_words() -> None:
    decl = by_name("信息化运维项目", 2023)
    indicator = next(i for i in decl["indicators"] if "信访投诉" in i["name"])
    result = ask("信息化运维项目2023年技术运维的信访投诉不超过几件")
    assert not result.refused and indicator["value"]["raw"] in result.text
    assert {row.declaration_id for row in result.rows} == {decl["id"]}


def test_date_asked_reads_the_measure_named_by_its_words() -> None:
    decl = by_name("组织部门建设和管理工作经费", 2023)
    indicator = next(i for i in decl["indicators"] if i["name"].startswith("援派干部培训") and "及时" in i["name"])
    result = ask("组织部门建设和管理工作经费的援派干部培训什么时候要完成")
    assert not result.refused and indicator["value"]["raw"].strip() in result.text
    assert {row.declaration_id for row in result.rows} == {decl["id"]}
