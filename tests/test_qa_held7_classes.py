"""Q&A: the classes issue 24's round 7 computes (comparison sides described beside named ones, signed changes in the
order written, 制度保障 stages, short syntheses, and what sealed set 6 could not express: blank places, lost
checkboxes, another year's indicator, sums counting blank totals, level averages, indicators off the framework's
levels, indicators both years set, what the parser set aside). Each is checked on wordings other than the eval sets'
against figures computed here from corpus/declarations/*.json (never typed in)."""

import json
import re
from decimal import ROUND_HALF_UP, Decimal

from qa_support import DECLS, ask, yuan

BY_ID = {d["id"]: d for d in DECLS}


def holding(word: str, year: int | None = None) -> list[dict]:
    return [
        d for d in DECLS if word in json.dumps(d, ensure_ascii=False) and (year is None or d["header"]["year"] == year)
    ]


def named(name: str, year: int) -> dict:
    return next(d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year)


def test_side_described_beside_a_named_one_counts_both() -> None:
    described = holding("党代表履职")
    assert len(described) == 1
    other = named("机关服务费", 2023)
    result = ask("党代表履职那个和机关服务费 指标差几个")
    assert {row.declaration_id for row in result.rows} == {described[0]["id"], other["id"]}
    assert result.figure == f"{abs(len(described[0]['indicators']) - len(other['indicators']))} 项"


def test_side_with_its_own_year_described_and_a_project_of_two_years() -> None:
    described = [d for d in holding("考录功能模块", 2023)]
    assert len(described) == 1
    other = named("信息化运维项目", 2023)
    result = ask("23年考录模块建设那个跟信息化运维项目比 预算差多少")
    assert {row.declaration_id for row in result.rows} == {described[0]["id"], other["id"]}
    a, b = (Decimal(d["funding"]["total"]) for d in (described[0], other))
    assert result.figure == yuan(abs(a - b))


def test_change_is_signed_in_the_order_written() -> None:
    old, new = named("信息化建设项目", 2023), named("信息化建设项目", 2026)
    assert (
        ask("信息化建设项目的指标26年比23年砍了几个").figure == f"{len(new['indicators']) - len(old['indicators'])} 项"
    )
    old, new = named("信息化运维项目", 2023), named("信息化运维项目", 2026)
    delta = Decimal(old["funding"]["annual"]) - Decimal(new["funding"]["annual"])
    result = ask("23年信息化运维项目的年度申请额减去26年的是多少")
    assert result.figure == ("-" if delta < 0 else "") + yuan(abs(delta))


def test_which_year_more_names_only_the_blank_year() -> None:
    old, new = named("信息化运维项目", 2023), named("信息化运维项目", 2026)
    assert old["funding"]["total"] is not None and new["funding"]["total"] is None
    more = 2023 if Decimal(old["funding"]["annual"]) > Decimal(new["funding"]["annual"]) else 2026
    text = ask("信息化运维项目23年和26年哪年钱多").text
    assert "这些申报表的项目资金总额均为空白" not in text
    assert "2026年申报表的项目资金总额均为空白" in text and f"{more}年多" in text


def test_stage_lookup_with_the_project_glued_to_the_stage() -> None:
    decl = next(d for d in DECLS if d["header"]["name"] == "闵行区党建服务中心党费缴纳管理系统项目")
    on = {
        s["document"] for s in decl["safeguards"] if any(x["stage"] == "实施阶段" and x["applies"] for x in s["stages"])
    }
    off = {s["document"] for s in decl["safeguards"]} - on
    text = ask("党费系统实施阶段适用哪些制度").text
    assert on and all(doc in text for doc in on) and not any(doc in text for doc in off)


def test_a_documents_stages() -> None:
    rows = [(d, s) for d in DECLS for s in d["safeguards"] if s["document"] == "合同管理制度"]
    assert rows
    result = ask("合同管理制度在哪些阶段适用")
    assert {r.declaration_id for r in result.rows} == {d["id"] for d, _ in rows}
    for _, s in rows:
        assert all(x["stage"] in result.text for x in s["stages"] if x["applies"])
    assert ask("信息安全管理制度在哪几个阶段适用").refused


def test_district_layout_section_synthesis() -> None:
    district = {d["id"] for d in DECLS if any(s["kind"] == "approval" for s in d["sections"])}
    result = ask("区里那种表的项目立项情况怎么写比较好")
    cited = {c.ref.split("#")[0] for c in result.citations}
    assert not result.refused and cited and cited <= district and len(result.text) <= 600


def test_indicator_kind_is_short_and_cites_only_those_indicators() -> None:
    holders = {d["id"] for d in DECLS if any("到位率" in i["name"] for i in d["indicators"])}
    result = ask("到位率这类指标有人设过吗")
    cited = {c.ref.split("#")[0] for c in result.citations}
    assert result.text.startswith("有") and cited == holders and len(result.text) <= 600


def test_blank_section_and_blank_value_are_said_blank() -> None:
    decl = named("党员远教电教工作经费", 2026)
    assert any(s["kind"] == "goal_total" and not s["text"].strip() for s in decl["sections"])
    result = ask("26年远教电教那个的项目总目标是什么")
    assert not result.refused and "未填写" in result.text and [r.declaration_id for r in result.rows] == [decl["id"]]
    form = named("信息化建设项目", 2023)
    empty = next(i["name"] for i in form["indicators"] if not i["value"]["raw"].strip())
    assert "空白" in ask(f"23年信息化建设项目的{empty}目标值是多少").text


def test_lost_checkbox_is_unreadable_not_blank() -> None:
    decl = next(d for d in DECLS if any(n["code"] == "header.checkbox_lost" for n in d["parse_notes"]))
    assert any(n["field"] == "header.project_type" for n in decl["parse_notes"])
    result = ask("老干部管理系统的项目类型选的是哪个")
    assert "无法判断" in result.text and result.figure is None
    assert [r.declaration_id for r in result.rows] == [decl["id"]]


def test_indicator_missing_in_the_asked_year_gives_the_other_year_as_nearest() -> None:
    asked, other = named("信息化运维项目", 2026), named("信息化运维项目", 2023)
    found = [i for i in other["indicators"] if "驻场人员" in i["name"]]
    assert found and not any("驻场人员" in i["name"] for i in asked["indicators"])
    result = ask("2026年信息化运维项目的驻场人员数量要求几人")
    assert "没有" in result.text and found[0]["value"]["raw"] in result.text
    assert {r.declaration_id for r in result.rows} == {other["id"]}


def test_sum_also_counts_blank_totals_by_the_amount_applied_for() -> None:
    decls = holding("课题")
    fallback = sum((Decimal(d["funding"]["total"] or d["funding"]["annual"]) for d in decls), Decimal(0))
    filled = sum((Decimal(d["funding"]["total"]) for d in decls if d["funding"]["total"]), Decimal(0))
    result = ask("写到课题的项目资金一共多少")
    assert result.figure == yuan(filled)
    if fallback != filled:
        assert yuan(fallback) in result.text


def test_average_of_one_levels_indicators() -> None:
    decls = [d for d in DECLS if d["header"]["year"] == 2026]
    count = sum(1 for d in decls for i in d["indicators"] if i["level2"] == "质量指标")
    mean = (Decimal(count) / len(decls)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert ask("26年平均每个项目几个质量指标").figure == f"{mean} 项"


def test_indicators_off_the_frameworks_first_level() -> None:
    wanted = {(d["id"], i["name"]) for d in DECLS for i in d["indicators"] if i["level1"] is None}
    result = ask("哪些指标没分一级指标")
    assert wanted and {(r.declaration_id, r.field) for r in result.rows} == wanted


def test_indicators_both_years_set() -> None:
    forms = [named("信息化运维项目", y) for y in (2023, 2026)]
    both = {i["name"] for i in forms[0]["indicators"]} & {i["name"] for i in forms[1]["indicators"]}
    result = ask("信息化运维项目23年跟26年共同的指标有哪些")
    if both:
        assert {r.field for r in result.rows} == both
    else:
        assert "没有" in result.text and {r.declaration_id for r in result.rows} == {d["id"] for d in forms}


def test_what_the_parser_set_aside() -> None:
    decl, note = next(
        (d, n) for d in DECLS for n in d["parse_notes"] if n["code"].startswith("artefact.") and n["fragment"]
    )
    short = {"2019-002-01": "预算审查平台", "2020-001-01": "组织力平台"}[decl["id"]]
    result = ask(f"{short}的表里那个{note['fragment']}是什么")
    assert note["fragment"] in result.text and [r.declaration_id for r in result.rows] == [decl["id"]]


def test_sides_each_with_its_own_year_and_unit() -> None:
    def total(year: int, unit: str) -> tuple[Decimal, int]:
        decls = [
            d for d in DECLS if d["header"]["year"] == year and unit in json.dumps(d["header"], ensure_ascii=False)
        ]
        return sum((Decimal(len(d["indicators"])) for d in decls), Decimal(0)), len(decls)

    (a, na), (b, nb) = total(2023, "中共上海市委组织部"), total(2019, "上海市人民代表大会常务委员会办公厅")
    assert na and nb
    result = ask("23年组织部的项目比19年人大的项目指标多几个")
    assert result.figure == f"{a - b} 项"
    assert len({r.declaration_id for r in result.rows}) == na + nb


def test_side_partly_named_by_words_no_form_writes() -> None:
    canteen = [d for d in holding("食堂") if d["header"]["year"] == 2023]
    other = holding("两新组织党建")
    assert len(canteen) == 1 and len(other) == 1 and not holding("车辆")
    result = ask("两新组织党建那个和管食堂车辆的那个 指标差几个")
    assert {row.declaration_id for row in result.rows} == {canteen[0]["id"], other[0]["id"]}
    assert re.search("“车辆”(在各表中没有写到|各表没有原词)", result.text)  # the word no form writes is said
    assert ask("食堂无人机那个和机房改造哪个贵").refused


def test_subtraction_of_two_sides_each_with_its_year_is_signed() -> None:
    a, b = named("信息化建设项目", 2026), named("信息化运维项目", 2023)
    result = ask("26年信息化建设项目的指标数减去23年信息化运维项目的指标数")
    assert result.figure == f"{len(a['indicators']) - len(b['indicators'])} 项"
    assert {row.declaration_id for row in result.rows} == {a["id"], b["id"]}


def test_safeguards_ticked_in_every_stage() -> None:
    decl = next(d for d in DECLS if d["header"]["name"] == "组织力建设信息化平台")
    every = {s["document"] for s in decl["safeguards"] if all(x["applies"] for x in s["stages"])}
    result = ask("组织力平台所有阶段都适用的制度保障")
    assert every and {row.field for row in result.rows} == every


def test_second_place_written_colloquially() -> None:
    decls = sorted((d for d in DECLS if d["header"]["year"] == 2023), key=lambda d: -Decimal(d["funding"]["annual"]))
    result = ask("23年申请额排老二的项目")
    assert [r.declaration_id for r in result.rows] == [decls[1]["id"]]


def test_section_examples_are_a_short_synthesis() -> None:
    holders = {d["id"] for d in DECLS if any(s["kind"] == "plan" and s["text"].strip() for s in d["sections"])}
    result = ask("实施计划那栏有没有例子参考一下")
    cited = {c.ref.split("#")[0] for c in result.citations}
    assert cited and cited <= holders and len(result.text) <= 600


def test_project_count_change_counts_a_year_without_forms_as_zero() -> None:
    unit = "上海市人民代表大会常务委员会办公厅"
    before = sum(1 for d in DECLS if d["header"]["year"] == 2019 and unit in json.dumps(d, ensure_ascii=False))
    after = sum(1 for d in DECLS if d["header"]["year"] == 2026 and unit in json.dumps(d, ensure_ascii=False))
    assert ask("人大办公厅报的项目 19年到26年少了几个").figure == f"{after - before} 个"


def test_two_kinds_sharing_one_noun_are_two_sides() -> None:
    build, run = named("信息化建设项目", 2026), named("信息化运维项目", 2026)
    result = ask("26年建设和运维那两个信息化项目谁的指标多")
    assert {r.declaration_id for r in result.rows} == {build["id"], run["id"]}
    assert result.figure == f"{abs(len(build['indicators']) - len(run['indicators']))} 项"


def test_indicators_asked_by_a_word_of_their_kind() -> None:
    holders = {d["id"] for d in DECLS if any("稳定" in i["name"] for i in d["indicators"])}
    result = ask("运行稳定方面的指标一般怎么定")
    cited = {c.ref.split("#")[0] for c in result.citations}
    assert cited and cited <= holders and len(result.text) <= 600


def test_same_value_asked_of_a_unit_as_it() -> None:
    from assistant.qa.conversation import Conversation

    first, second = named("信息化运维项目", 2026), named("信息化运维项目", 2023)
    conversation = Conversation()
    ask("26年信息化运维的实施单位是哪个", conversation)
    result = ask("那23年的也是它吗", conversation)
    same = first["header"]["implementer"] == second["header"]["implementer"]
    assert ("不是" in result.text) is not same and second["header"]["implementer"] in result.text


def test_names_of_what_was_just_counted() -> None:
    from assistant.qa.conversation import Conversation

    decl = named("信息化运维项目", 2026)
    wanted = {i["name"] for i in decl["indicators"] if i["level2"] == "质量指标"}
    conversation = Conversation()
    ask("26年信息化运维项目有几个质量指标", conversation)
    result = ask("分别是什么", conversation)
    assert wanted and {r.field for r in result.rows} == wanted
