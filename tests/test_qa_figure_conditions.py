"""Issue 24, held5 round: conditions on a figure of each form and rankings of years by money, as officers ask them:
an amount (资金总额超过100万元的项目, 预算在50万以下的, 100万到200万之间), a number of indicators (指标超过10个的项目,
15个及以上指标), 哪一年资金最多, two units joined (组织部和人大的项目有几个), a question in traditional characters, and
这个项目有几个指标 with no project before it (asks which project). Expected figures are computed here from the corpus
JSON (real corpus, real parser, no model)."""

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 12, 6)
AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")
DECLS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "corpus/declarations").glob("*.json"))]
ORG, NPC, CENTRE = "中共上海市委组织部", "上海市人民代表大会常务委员会办公厅", "上海市党建服务中心"


def ask(question: str, conversation: Conversation | None = None):
    return answer(question, conversation or Conversation(), None, scope=SCOPE.current().qa, finder=None, today=TODAY)


def ids(result) -> set[str]:
    return {row.declaration_id for row in result.rows}


def money(d: dict) -> Decimal:
    """项目资金总额, or 年度资金申请总额 where it is blank (the README's rule for rankings)."""
    funding = d["funding"]
    return Decimal(funding["total"] if funding["total"] is not None else funding["annual"])


def of_units(d: dict, *wanted: str) -> bool:
    return bool({d["header"].get(k) for k in ("department", "applicant", "implementer")} & set(wanted))


@pytest.mark.parametrize(
    ("question", "low", "high"),
    [
        ("资金总额超过100万元的项目有哪些？", Decimal(1_000_000), None),
        ("预算在50万以下的项目", None, Decimal(500_000)),
        ("资金在100万到200万之间的项目", Decimal(1_000_000), Decimal(2_000_000)),
        ("哪些项目的经费不少于二百万元", Decimal("1999999.99"), None),
    ],
)
def test_an_amount_condition_filters_the_projects_by_their_amount(question, low, high):
    result = ask(question)
    wanted = {d["id"] for d in DECLS if (low is None or money(d) > low) and (high is None or money(d) < high)}
    assert not result.refused and ids(result) == wanted, result.text
    assert all(row.amount is None and "元" in row.value for row in result.rows), result.text  # each shows its amount


def test_an_amount_condition_counts_and_keeps_the_year_and_the_asked_field():
    over = [d for d in DECLS if d["funding"]["annual"] and Decimal(d["funding"]["annual"]) > 3_000_000]
    assert ask("年度申请金额超过300万的项目有几个").figure == f"{len(over)} 个"
    in_2019 = {d["id"] for d in DECLS if d["header"]["year"] == 2019 and money(d) > 2_000_000}
    assert ids(ask("2019年经费超过200万的项目")) == in_2019


def test_an_amount_condition_in_a_follow_up_narrows_the_earlier_projects():
    conversation = Conversation()
    ask("2023年有哪些项目？", conversation)
    result = ask("那超过300万元的呢？", conversation)
    wanted = {d["id"] for d in DECLS if d["header"]["year"] == 2023 and money(d) > 3_000_000}
    assert not result.refused and ids(result) == wanted, result.text


@pytest.mark.parametrize(
    ("question", "over", "under"),
    [
        ("指标超过10个的项目", 10, None),
        ("绩效指标不到10个的项目有哪些", None, 10),
        ("设了15个及以上指标的项目", 14, None),
        ("指标数超过20个的是哪个项目", 20, None),
    ],
)
def test_a_condition_on_the_number_of_indicators_filters_the_projects(question, over, under):
    result = ask(question)
    counts = {d["id"]: len(d["indicators"]) for d in DECLS}
    wanted = {i for i, n in counts.items() if (over is None or n > over) and (under is None or n < under)}
    assert not result.refused and ids(result) == wanted, result.text


def test_a_count_of_projects_under_an_indicator_condition_counts_projects():
    wanted = [d for d in DECLS if d["header"]["year"] == 2026 and len(d["indicators"]) > 10]
    assert ask("2026年指标在10个以上的有几个项目").figure == f"{len(wanted)} 个"


def year_sums(pick=lambda d: True, field=None) -> dict[int, Decimal]:
    sums: dict[int, Decimal] = {}
    for d in filter(pick, DECLS):
        value = money(d) if field is None else d["funding"][field]
        if value is not None:
            sums[d["header"]["year"]] = sums.get(d["header"]["year"], Decimal(0)) + Decimal(value)
    return sums


@pytest.mark.parametrize(
    ("question", "field", "best"),
    [
        ("哪一年资金最多", None, max),
        ("哪一年报的预算最高", None, max),
        ("哪年的经费最少", None, min),
        ("哪年申请的钱最多", "annual", max),
        ("按年份看哪一年花钱最多，多少", None, max),
    ],
)
def test_a_year_ranking_by_money_ranks_the_years_by_their_sums(question, field, best):
    sums = year_sums(field=field)
    year = best(sums, key=lambda y: sums[y])
    result = ask(question)
    assert not result.refused and result.figure == f"{sums[year]:,.2f} 元", result.text
    assert f"{year}年" in result.text.splitlines()[0], result.text


def test_two_units_joined_count_sum_and_list_either_ones_projects():
    both = [d for d in DECLS if of_units(d, ORG, NPC)]
    assert ask("组织部和人大的项目有几个").figure == f"{len(both)} 个"
    total = sum((Decimal(d["funding"]["total"]) for d in both if d["funding"]["total"] is not None), Decimal(0))
    assert ask("组织部与人大的项目资金总额加起来是多少").figure == f"{total:,.2f} 元"
    listed = ask("人大跟党建服务中心的项目有哪些")
    assert ids(listed) == {d["id"] for d in DECLS if of_units(d, NPC, CENTRE)}, listed.text
    indicators = sum(len(d["indicators"]) for d in both)
    assert ask("组织部、人大两家一共设了多少指标").figure == f"{indicators} 项"


def test_a_question_in_traditional_characters_is_read_as_simplified():
    org = [d for d in DECLS if of_units(d, ORG)]
    assert ask("組織部的項目有幾個").figure == f"{len(org)} 个"
    fee = next(d for d in DECLS if d["id"] == "2020-000-01")
    assert fee["header"]["manager"] in ask("黨費繳納系統的負責人是誰").text
    topic = ask("有沒有關於遠程教育的項目")
    assert ids(topic) == {d["id"] for d in DECLS if "远程教育" in json.dumps(d, ensure_ascii=False)}, topic.text


@pytest.mark.parametrize("question", ["这个项目有几个指标", "它申请了多少钱", "该项目的负责人是谁", "这个的立项依据呢"])
def test_a_pointer_at_no_project_asks_which_project(question):
    result = ask(question)
    assert result.figure is None and not result.rows and not AMOUNT.search(result.text), result.text
    assert "哪个项目" in result.text, result.text


def test_a_pointer_after_a_named_project_is_that_project():
    conversation = Conversation()
    ask("机关服务费的实施单位是哪个？", conversation)
    counted = next(len(d["indicators"]) for d in DECLS if d["id"] == "2023-003-04")
    assert ask("这个项目有几个指标", conversation).figure == f"{counted} 项"
