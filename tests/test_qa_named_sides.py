"""Q&A: questions that name three or more projects, ask a ratio, ask a count and a sum at once, or compare one name
across years whose forms come from different units (issue 24, red team and new user). Expected figures are computed
here from corpus/declarations/*.json (never typed in)."""

from decimal import ROUND_HALF_UP, Decimal

from qa_support import DECLS, ask, money, yuan


def named(name: str, year: int) -> dict:
    return next(d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year)


def years_of(name: str) -> list[int]:
    return sorted({d["header"]["year"] for d in DECLS if d["header"]["name"] == name})


def test_every_named_project_gets_its_line_or_its_absence() -> None:
    names = ["机关服务费", "党员远教电教工作经费", "信息化建设项目", "基层党建及队伍教育管理"]
    absent = [n for n in names if 2023 not in years_of(n)]
    assert absent  # the question must name a project with no 2023 form
    result = ask("、".join(names) + "这几个项目23年的预算分别是多少")
    for name in names:
        assert name in result.text
    for name in absent:
        line = next(line for line in result.text.splitlines() if name in line and "语料库中没有" in line)
        assert all(f"{y}年" in line for y in years_of(name))
    for name in names:
        if name not in absent:
            assert yuan(money(named(name, 2023))) in result.text
    assert {row.declaration_id for row in result.rows} == {named(n, 2023)["id"] for n in names if n not in absent}


def _ratio(a: dict, b: dict) -> str:
    return f"{(money(a) / money(b)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)} 倍"


def test_ratio_divides_and_cites_both() -> None:
    a, b = named("基层党建及队伍教育管理", 2023), named("机关服务费", 2023)
    for question in (
        "2023年基层党建及队伍教育管理的资金总额除以机关服务费的资金总额等于多少",
        "2023年基层党建及队伍教育管理的预算是机关服务费的几倍",
        "2023年基层党建及队伍教育管理和机关服务费资金总额的比值",
    ):
        result = ask(question)
        assert result.figure == _ratio(a, b), question
        assert {row.declaration_id for row in result.rows} == {a["id"], b["id"]}, question
        assert yuan(money(a)) in result.text and yuan(money(b)) in result.text


def test_ratio_sides_each_with_its_own_year() -> None:
    a, b = named("信息化建设项目", 2026), named("信息化运维项目", 2023)
    result = ask("26年信息化建设项目的资金除以23年信息化运维项目的资金是多少")
    assert result.figure == _ratio(a, b)
    assert {row.declaration_id for row in result.rows} == {a["id"], b["id"]}


def test_count_and_sum_in_one_question_answers_both() -> None:
    forms = [d for d in DECLS if d["header"]["year"] == 2026]
    result = ask("2026年总共有几个项目，合计多少钱？")
    assert f"共 {len(forms)} 个项目" in result.text
    assert result.figure == yuan(sum((money(d) for d in forms), Decimal(0)))


def test_one_name_across_years_from_different_units_says_so() -> None:
    old, new = named("信息化运维项目", 2023), named("信息化运维项目", 2026)
    units = {old["header"][k] for k in ("department", "implementer", "applicant")}
    assert new["header"]["implementer"] not in units  # the 2026 form names a unit the 2023 one does not
    text = ask("信息化运维项目23年到26年预算变化了多少").text
    assert "申报单位不同" in text and new["header"]["implementer"] in text
    paired = ask("23年的信息化运维项目和26年的信息化运维项目比，哪个预算多")
    assert {row.declaration_id for row in paired.rows} == {old["id"], new["id"]}
    assert "申报单位不同" in paired.text
    same = [n for n in {d["header"]["name"] for d in DECLS} if len(years_of(n)) == 1]
    assert "申报单位不同" not in ask(f"{same[0]}的预算是多少").text
