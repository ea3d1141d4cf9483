"""Issue 24, families of wordings behind the sealed10 failures of the field, aggregate, ranking and comparison classes
(helper q12a). Each family is checked on wordings of its own (none is a question of an eval set), the expected values
read here from corpus/declarations/*.json (real corpus, real parser, no model):

- the last place said as officers say it (倒数第一, 排在最后, 吊车尾, 排末位): the smallest first;
- the first N in small spoken numbers (前俩, 头三个, top2, 最多的仨): exactly N rows, the largest first;
- an average said as spreading (平摊到每笔, 均摊下来一个项目, 摊到每个项目): the mean per form;
- the fiscal line said with a verb (财政给了, 财政批了, 财政出): 当年财政拨款;
- the deadline of an indicator named by its words (啥时候完成, 最迟哪天搞定): its target value, not the form's end date;
- 有几笔 … 加在一起/合起来 with a 项目类别: the count and the sum of those forms;
- 有X指标的项目 哪年最多/最少: the years by the number of forms holding such indicators (a year with none counts 0);
- two sides named after 两个/俩 + a shared noun (建设那个跟运维那个), or written apart before 各多少 with one side
  described (机房网络改造那个): those two forms; a described side no form is refused, never dropped;
- 一样吗 answered no says 不同.
"""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from qa_support import DECLS, ask, yuan

BY_ID = {d["id"]: d for d in DECLS}


def _form(name_part: str, year: int) -> dict:
    found = [d for d in DECLS if name_part in d["header"]["name"] and d["header"]["year"] == year]
    assert len(found) == 1, (name_part, year)
    return found[0]


def _amount(d: dict, field: str) -> Decimal | None:
    value = d["funding"][field]
    return Decimal(value) if value is not None else None


def _of_year(year: int) -> list[dict]:
    return [d for d in DECLS if d["header"]["year"] == year]


@pytest.mark.parametrize(
    ("question", "year", "field"),
    [
        ("23年申请额 最后一名是哪个", 2023, "annual"),
        ("19年总额排在最后的是哪笔", 2019, "total"),
        ("26年财政拨款吊车尾的是哪个", 2026, "fiscal_annual"),
        ("23年当年财政拨款 排末位的是哪个项目", 2023, "fiscal_annual"),
    ],
)
def test_last_place_spoken_is_the_smallest(question: str, year: int, field: str) -> None:
    filled = [(d, _amount(d, field)) for d in _of_year(year) if _amount(d, field) is not None]
    least = min(filled, key=lambda item: item[1])
    result = ask(question)
    assert result.figure == yuan(least[1]), result.text
    assert result.rows[0].declaration_id == least[0]["id"], result.text
    assert "最少" in result.text, result.text


@pytest.mark.parametrize(
    ("question", "year", "field", "top"),
    [
        ("按申请额排 23年前俩", 2023, "annual", 2),
        ("19年申请额头三个是哪些", 2019, "annual", 3),
        ("23年当年财政拨款 top2", 2023, "fiscal_annual", 2),
        ("19年申请额最多的仨", 2019, "annual", 3),
    ],
)
def test_first_few_in_spoken_numbers(question: str, year: int, field: str, top: int) -> None:
    ranked = sorted(_of_year(year), key=lambda d: _amount(d, field) or Decimal(0), reverse=True)
    result = ask(question)
    assert [row.declaration_id for row in result.rows] == [d["id"] for d in ranked[:top]], result.text
    assert f"前 {top} 名" in result.text, result.text


def _mean(values: list[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("question", "year", "level"),
    [
        ("26年质量指标 平摊到每笔多少条", 2026, ("level2", "质量指标")),
        ("20年指标 摊下来每个项目多少条", 2020, None),
        ("19年效益类指标 一个项目合几条", 2019, ("level1", "效益指标")),
    ],
)
def test_spread_over_the_forms_is_an_average(question: str, year: int, level: tuple[str, str] | None) -> None:
    counts = [
        Decimal(sum(1 for i in d["indicators"] if level is None or i[level[0]] == level[1])) for d in _of_year(year)
    ]
    result = ask(question)
    assert result.figure == f"{_mean(counts)} 项", result.text


def test_money_spread_over_the_forms_is_an_average() -> None:
    values = [_amount(d, "annual") for d in _of_year(2019)]
    result = ask("19年的申请额 摊到每笔上多少钱")
    assert result.figure == yuan(_mean([v for v in values if v is not None])), result.text


@pytest.mark.parametrize(
    ("question", "name", "year"),
    [
        ("机关服务费23年 财政给了多少钱", "机关服务费", 2023),
        ("信息化运维项目26年 财政批了多少", "信息化运维项目", 2026),
        ("23年信息化建设 财政出多少", "信息化建设项目", 2023),
    ],
)
def test_fiscal_line_said_with_a_verb(question: str, name: str, year: int) -> None:
    result = ask(question)
    assert result.figure == yuan(_amount(_form(name, year), "fiscal_annual")), result.text
    assert "当年财政拨款" in result.text, result.text


@pytest.mark.parametrize(
    "question",
    ["组织部门建设那笔 事业单位审计啥时候完成", "组织部门建设那笔 事业单位审计最晚什么时间弄好"],
)
def test_deadline_of_a_named_indicator_is_its_value(question: str) -> None:
    form = _form("组织部门建设", 2023)
    done = next(i for i in form["indicators"] if i["name"].startswith("事业单位审计") and "数" not in i["name"])
    result = ask(question)
    assert done["value"]["raw"] in result.text, result.text
    assert "结束日期" not in result.text, result.text


def test_form_finished_said_colloquially_is_its_end_date() -> None:
    result = ask("信息化建设项目23年啥时候搞完")
    assert _form("信息化建设项目", 2023)["header"]["end_date"] in result.text, result.text


@pytest.mark.parametrize(
    ("question", "year", "category"),
    [
        ("26年其他运转类有几笔 钱合起来多少", 2026, "其他运转类"),
        ("23年特定目标类有几笔 预算加在一起是多少", 2023, "特定目标类"),
    ],
)
def test_count_and_sum_of_a_category(question: str, year: int, category: str) -> None:
    forms = [d for d in _of_year(year) if d["header"]["category"] == category]
    total = sum(((_amount(d, "total") or _amount(d, "annual") or Decimal(0)) for d in forms), Decimal(0))
    result = ask(question)
    assert f"共 {len(forms)} 个项目" in result.text, result.text
    assert result.figure == yuan(total), result.text


@pytest.mark.parametrize(
    ("question", "field", "value", "descending"),
    [
        ("有成本指标的项目 哪一年最少", "level1", "成本指标", False),
        ("带社会效益指标的项目 哪个年度最多", "level2", "社会效益指标", True),
    ],
)
def test_years_by_forms_holding_a_level(question: str, field: str, value: str, descending: bool) -> None:
    years = sorted({d["header"]["year"] for d in DECLS})
    counts = {y: sum(1 for d in _of_year(y) if any(i[field] == value for i in d["indicators"])) for y in years}
    best = max(counts.values()) if descending else min(counts.values())
    result = ask(question)
    assert result.figure == f"{best} 个", result.text
    for year in (y for y, c in counts.items() if c == best):
        assert f"{year}年" in result.text.splitlines()[0] or f"{year}年" in result.text, result.text


@pytest.mark.parametrize(
    ("question", "a", "b", "year", "indicators"),
    [
        ("23年俩信息化项目 建设那个跟运维那个 指标差几条", "信息化建设项目", "信息化运维项目", 2023, True),
        ("26年两个运维 信息化那个和远程教育那个 申请额哪个多", "信息化运维项目", "远程教育网络", 2026, False),
    ],
)
def test_two_sides_after_a_shared_noun(question: str, a: str, b: str, year: int, indicators: bool) -> None:
    first, second = _form(a, year), _form(b, year)
    result = ask(question)
    assert {row.declaration_id for row in result.rows} == {first["id"], second["id"]}, result.text
    if indicators:
        difference = abs(len(first["indicators"]) - len(second["indicators"]))
        assert result.figure == f"{difference} 项", result.text
    else:
        assert result.figure == yuan(abs(_amount(first, "annual") - _amount(second, "annual"))), result.text


@pytest.mark.parametrize(
    "question", ["预算审查平台和机房网络改造那个 各多少钱", "机房网络改造那个跟预算审查平台 两个分别多少钱"]
)
def test_each_of_two_sides_one_described(question: str) -> None:
    platform, machine_room = _form("预算审查平台", 2019), _form("基础设施改造", 2019)
    result = ask(question)
    assert {row.declaration_id for row in result.rows} == {platform["id"], machine_room["id"]}, result.text
    for form in (platform, machine_room):
        assert yuan(_amount(form, "total")) in result.text, result.text


def test_each_of_two_sides_one_absent_is_refused() -> None:
    result = ask("预算审查平台 无人机采购那个 俩各多少钱")
    assert result.refused and result.figure is None, result.text
    assert "元" not in result.text.split("\n")[0], result.text


def test_not_the_same_says_different() -> None:
    result = ask("组织力平台和党费系统 电话号码相同吗")
    assert result.text.startswith("不一样："), result.text
    assert "不同" in result.text, result.text


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        ("机房网络改造那个比预算审查平台多花多少", "基础设施改造", "预算审查平台"),
        ("电子会务那套比机房网络改造那个少报了多少", "电子会务", "基础设施改造"),
    ],
)
def test_comparison_with_a_verb_after_the_comparing_word(question: str, first: str, second: str) -> None:
    a, b = _form(first, 2019), _form(second, 2019)
    result = ask(question)
    assert {row.declaration_id for row in result.rows} == {a["id"], b["id"]}, result.text
    assert result.figure == yuan(abs(_amount(a, "annual") - _amount(b, "annual"))), result.text


@pytest.mark.parametrize("question", ["食堂阵地那个 申请额多少", "车队网站那笔 申请额多少"])
def test_pointed_subject_no_form_is_refused_not_summed(question: str) -> None:
    result = ask(question)
    assert result.refused and result.figure is None, result.text
    assert "元" not in result.text, result.text
