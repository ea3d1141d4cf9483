"""Q&A reading classes of helper q16b (issue 24, tuned on sealed13_tune), with wordings written here (none is a
question of an eval set); the gold is read from the raw declaration JSON, never from the assistant.

- 哪三个项目…最多: a number written for 几 cuts the ranking to that many;
- 26年的呢 项目资金总额多少: a follow-up in an opening clause of its own keeps the project, changes the year;
- 合记 for 合计, and 几个项目的预算 合计: the money of those projects summed, nothing counted;
- a section's heading with its bracketed gloss is the section, the gloss's words no project;
- 的 before a part of a project's name is no indicator's part; 要了多少 asks the amount applied for.
"""

from decimal import Decimal

from assistant.qa.follow_clauses import opens_as_follow_up
from assistant.qa.question_typos import correct_asking
from assistant.qa.section_glosses import without_glosses
from tests.qa_support import DECLS, ask, money, talk, yuan


def _form(name: str, year: int) -> dict:
    (found,) = [d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year]
    return found


def test_a_ranking_asked_with_a_number_for_ji_lists_that_many():
    held = sorted((d for d in DECLS if d["header"]["year"] == 2023), key=money, reverse=True)
    result = ask("2023年哪三个项目花的钱最多")
    assert [row.declaration_id for row in result.rows] == [d["id"] for d in held[:3]]


def test_a_follow_up_in_an_opening_clause_keeps_the_project():
    form = _form("信息化运维项目", 2026)
    result = talk("信息化运维项目2023年的年度申请额是多少", "26年的呢 年度资金申请总额多少")
    assert [row.declaration_id for row in result.rows] == [form["id"]]
    assert result.figure == yuan(Decimal(form["funding"]["annual"]))


def test_an_opening_clause_that_asks_something_is_no_follow_up():
    assert opens_as_follow_up("26年的呢年度资金多少")
    assert not opens_as_follow_up("哪个最多呢2023年的")
    assert not opens_as_follow_up("信息化运维项目呢")  # nothing after it: the short follow-up reads it


def test_a_summing_word_typed_by_sound_is_read_and_said():
    assert correct_asking("一共几个", "") == ("一共几个", ())
    held = [d for d in DECLS if d["header"]["year"] == 2023 and d["header"]["department"] == "中共上海市委组织部"]
    result = ask("组织部23年几个项目的预算 合记下")
    assert result.figure == yuan(sum((money(d) for d in held), Decimal(0)))
    assert "“合记”按“合计”理解" in result.text


def test_a_bracketed_gloss_after_a_section_heading_is_dropped():
    assert without_glosses("资源配置（人员、经费、管理制度）那部分") == "资源配置那部分"
    assert without_glosses("信息化运维项目（2023、2026）") == "信息化运维项目（2023、2026）"
    result = ask("资源配置（人员、经费、管理制度）那部分 其他项目怎么写的")
    assert not result.refused
    held = {d["id"] for d in DECLS if any(s["kind"] == "resources" for s in d["sections"])}
    assert {c.ref.split("#")[0] for c in result.citations} <= held


def test_de_before_part_of_a_project_name_is_no_indicator():
    form = _form("信息化建设项目", 2026)
    result = ask("26年的信息化建设 要了多少")
    assert [row.declaration_id for row in result.rows] == [form["id"]]
    assert result.figure == yuan(Decimal(form["funding"]["annual"]))
