"""Projects, budget lines and indicators named by what they do (helper q16a, issue 24, tuned on sealed13_tune), with
wordings written here; gold from the raw declaration JSON.

- a 项目构成 line named by its words after a described project is that line's amount, never the project's total;
- a project named verb first before a pointer (交党费那套系统), with a unit before it, resolves;
- 那笔钱 …申请了多少: the money asked of the described project;
- 目标数 asks an indicator's value, no section 目标;
- an indicator described with no project named is read across the forms where one clearly leads.
"""

from decimal import Decimal

from tests.qa_support import DECLS, ask, yuan

BY_ID = {d["id"]: d for d in DECLS}


def _line(word: str) -> tuple[str, Decimal]:
    (found,) = [(d["id"], Decimal(b["amount"])) for d in DECLS for b in d["budget_lines"] if word in b["name"]]
    return found


def _indicator(word: str) -> tuple[str, str]:
    (found,) = [(d["id"], i["value"]["raw"].strip()) for d in DECLS for i in d["indicators"] if word in i["name"]]
    return found


def test_a_line_named_by_its_words_is_that_lines_amount():
    form, amount = _line("软件测评")
    result = ask("交党费那套系统 做软件测评花了几块钱")
    assert not result.refused and yuan(amount) in result.text
    assert yuan(Decimal(BY_ID[form]["funding"]["total"])) not in result.text  # never the project's total
    assert {row.declaration_id for row in result.rows} == {form}


def test_a_verb_first_name_before_a_pointer_after_a_district():
    form, amount = _line("软件测评")
    result = ask("闵行交党费那套系统 软件测评费多少")
    assert not result.refused and yuan(amount) in result.text
    assert {row.declaration_id for row in result.rows} == {form}


def test_money_asked_after_a_pointed_money_word():
    (form,) = [d for d in DECLS if any("食堂" in i["name"] for i in d["indicators"])]
    result = ask("管食堂保洁那笔钱 23年申请了多少")
    assert result.figure == yuan(Decimal(form["funding"]["annual"]))


def test_a_target_number_asks_the_indicators_value():
    form, value = _indicator("未清理次数")
    result = ask("管食堂保洁那个项目 卫生没及时打扫的目标数")
    assert not result.refused and value in result.text
    assert {row.declaration_id for row in result.rows} == {form}


def test_an_indicator_described_with_no_project_named():
    form, value = _indicator("示范培训班")
    result = ask("居村书记示范培训班 要办几期")
    assert not result.refused and value in result.text
    assert {row.declaration_id for row in result.rows} == {form}


def test_money_for_a_thing_no_line_of_the_described_project_is_gives_no_total():
    (form,) = [d for d in DECLS if any("宽带租赁" in i["name"] for i in d["indicators"])]
    assert not any("宽带" in b["name"] for b in form["budget_lines"])  # the form writes no line for it
    result = ask("远教电教那笔 宽带租赁花了多少")
    assert result.refused and result.figure is None and "宽带租赁" in result.text
    assert yuan(Decimal(form["funding"]["annual"])) not in result.text
