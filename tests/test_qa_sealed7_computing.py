"""Q&A: the computing and scoping classes sealed set 7 found wanting (issue 24), each on wordings of its own (other
projects, fields, years than the eval sets'), against figures computed here from corpus/declarations/*.json:
a count asked of each of two years (both counts and the change), a unit's projects written 名下/旗下/底下, a follow-up
asking whether another form's field holds the value just answered (也是这个部门吗), 报了多少 and its 其中…呢, negated
bounds on an indicator's value (没定到100%), projects whose indicators write a word, indicator families named by listed
examples or by X相关的指标, existence of a thing written with a modifier (驻场运维) or as 有没有给X做Y的, and a share
of a named set written 占…的百分比."""

import json
from decimal import ROUND_HALF_UP, Decimal

from qa_support import DECLS, ask, yuan

from assistant.qa.conversation import Conversation

BY_ID = {d["id"]: d for d in DECLS}


def named(name: str, year: int) -> dict:
    return next(d for d in DECLS if d["header"]["name"] == name and d["header"]["year"] == year)


def units(d: dict) -> set[str]:
    h = d["header"]
    return {h.get("department"), h.get("applicant"), h.get("implementer")} - {None}


def level_count(d: dict, level1: str) -> int:
    return sum(1 for i in d["indicators"] if i["level1"] == level1)


def follow(first: str, then: str):
    conversation = Conversation()
    ask(first, conversation)
    return ask(then, conversation)


# change: a count asked of each of two years


def test_count_per_year_of_one_project_is_the_change_with_both_counts() -> None:
    old, new = named("信息化运维项目", 2023), named("信息化运维项目", 2026)
    a, b = level_count(old, "产出指标"), level_count(new, "产出指标")
    result = ask("信息化运维项目 产出指标23年几个，26年几个")
    assert result.figure == f"{b - a} 项"
    assert f"{a} 项" in result.text and f"{b} 项" in result.text
    old, new = named("信息化建设项目", 2023), named("信息化建设项目", 2026)
    a, b = level_count(old, "满意度指标"), level_count(new, "满意度指标")
    assert ask("信息化建设项目的满意度指标 2023年多少条 2026年多少条").figure == f"{b - a} 项"


def test_count_of_a_units_projects_per_year() -> None:
    of_unit = [d for d in DECLS if "中共上海市委组织部" in units(d)]
    a = sum(d["header"]["year"] == 2023 for d in of_unit)
    b = sum(d["header"]["year"] == 2026 for d in of_unit)
    assert ask("组织部的项目23年几个 今年几个").figure == f"{b - a} 个"


def test_amount_per_year_and_each_year_count() -> None:
    old, new = named("信息化运维项目", 2023), named("信息化运维项目", 2026)
    a, b = Decimal(old["funding"]["annual"]), Decimal(new["funding"]["annual"])
    result = ask("信息化运维项目 年度申请额23年多少 26年多少")
    assert result.figure == ("-" if b < a else "") + yuan(abs(b - a))
    assert yuan(a) in result.text and yuan(b) in result.text
    typed = [d for d in DECLS if d["header"].get("category") == "特定目标类"]
    a = sum(d["header"]["year"] == 2023 for d in typed)
    b = sum(d["header"]["year"] == 2026 for d in typed)
    result = ask("特定目标类项目 23年和26年各几个")
    assert result.figure == f"{b - a} 个" and f"{a} 个项目" in result.text and f"{b} 个项目" in result.text


def test_each_year_asked_by_fenbie_or_then_year() -> None:
    typed = [d for d in DECLS if d["header"].get("category") == "其他运转类"]
    a = sum(Decimal(d["funding"]["annual"]) for d in typed if d["header"]["year"] == 2023)
    b = sum(Decimal(d["funding"]["annual"]) for d in typed if d["header"]["year"] == 2026)
    result = ask("其他运转类的年度申请额 23年和26年分别多少")
    assert yuan(a) in result.text and yuan(b) in result.text
    assert result.figure == ("-" if b < a else "") + yuan(abs(b - a))
    old, new = named("信息化建设项目", 2023), named("信息化建设项目", 2026)
    result = ask("信息化建设项目23年指标几条 26年呢")
    assert result.figure == f"{len(new['indicators']) - len(old['indicators'])} 项"


def test_year_a_project_lacks_is_said_never_counted_zero() -> None:
    decl = named("机关服务费", 2023)
    assert not any(d["header"]["name"] == "机关服务费" and d["header"]["year"] == 2026 for d in DECLS)
    result = ask("机关服务费 23年指标几条 26年几条")
    assert result.figure is None and f"{len(decl['indicators'])} 项" in result.text
    assert "2026年：语料库中没有“机关服务费”的申报表" in result.text


def test_count_of_each_side_with_its_own_year_and_unit() -> None:
    renda = [d for d in DECLS if d["header"]["year"] == 2019 and "人大" in json.dumps(d, ensure_ascii=False)]
    department = [d for d in DECLS if d["header"]["year"] == 2023 and "中共上海市委组织部" in units(d)]
    result = ask("19年人大的项目几个，23年组织部的几个")
    assert result.figure == f"{len(department) - len(renda)} 个"
    assert {r.declaration_id for r in result.rows} == {d["id"] for d in renda + department}
    a = sum(len(d["indicators"]) for d in renda)
    b = sum(len(d["indicators"]) for d in department)
    assert ask("19年人大的指标几条，23年组织部的几条").figure == f"{b - a} 项"


# change: whose projects (名下/旗下/底下), not a kind of project


def test_possession_words_are_no_kind_of_project() -> None:
    centre = [d for d in DECLS if "上海市党建服务中心" in units(d)]
    a = sum(d["header"]["year"] == 2023 for d in centre)
    b = sum(d["header"]["year"] == 2026 for d in centre)
    result = ask("党建服务中心手里的项目 23年到26年多了几个")
    assert not result.refused and result.figure == f"{b - a} 个"
    department = [d for d in DECLS if "中共上海市委组织部" in units(d)]
    a = sum(d["header"]["year"] == 2023 for d in department)
    b = sum(d["header"]["year"] == 2026 for d in department)
    assert ask("组织部旗下的项目 23年几个 26年几个").figure == f"{b - a} 个"
    renda = [d for d in DECLS if d["header"]["year"] == 2019 and "人大" in json.dumps(d, ensure_ascii=False)]
    result = ask("人大办公厅底下的项目19年到23年少了几个")
    assert not result.refused and result.figure == f"-{len(renda)} 个"


# followup: 也是这个部门/同一个单位吗, of the value just answered


def test_same_unit_asked_of_another_form() -> None:
    first, second = named("信息化运维项目", 2023), named("信息化建设项目", 2023)
    same = first["header"]["implementer"] == second["header"]["implementer"]
    result = follow("信息化运维项目23年的实施单位是谁", "信息化建设项目23年的也是同一个单位吗")
    assert {row.declaration_id for row in result.rows} == {second["id"]}
    assert result.text.startswith("是，") if same else result.text.startswith("不是")
    first, second = named("机关服务费", 2023), named("党建服务工作经费", 2026)
    same = first["header"]["department"] == second["header"]["department"]
    result = follow("机关服务费的主管部门是？", "党建服务工作经费也是这个部门吗")
    assert {row.declaration_id for row in result.rows} == {second["id"]}  # 部门 names no project here
    assert result.text.startswith("是，") if same else result.text.startswith("不是")


def test_blank_field_is_neither_the_same_nor_another() -> None:
    first = next(d for d in DECLS if "党费缴纳" in d["header"]["name"])
    second = next(d for d in DECLS if d["header"]["name"] == "组织力建设信息化平台")
    assert not first["header"].get("department") and not second["header"].get("department")
    result = follow("党费系统的主管部门是哪个", "组织力平台也是这个部门吗")
    assert result.text.startswith("无法判断") and "是，" not in result.text


# followup: 报了多少, then 其中…呢


def test_applied_amount_then_a_funding_line_of_it() -> None:
    decl = named("信息化运维项目", 2026)
    assert ask("信息化运维项目26年报了多少").figure == yuan(Decimal(decl["funding"]["annual"]))
    result = follow("信息化运维项目26年报了多少", "其中当年财政拨款呢")
    assert result.figure == yuan(Decimal(decl["funding"]["fiscal_annual"]))
    assert {row.declaration_id for row in result.rows} == {decl["id"]}
    decl = named("机关服务费", 2023)
    result = follow("23年机关服务费报了多少", "其中财政拨款总额呢")
    assert result.figure == yuan(Decimal(decl["funding"]["fiscal_total"]))


def test_another_year_with_a_change_word_compares_the_two_years() -> None:
    old, new = named("信息化建设项目", 2023), named("信息化建设项目", 2026)
    result = follow("信息化建设项目23年几个指标", "26年的呢 差几个")
    assert result.figure == f"{len(new['indicators']) - len(old['indicators'])} 项"
    department = [d for d in DECLS if "中共上海市委组织部" in units(d)]
    a = sum(d["header"]["year"] == 2023 for d in department)
    b = sum(d["header"]["year"] == 2026 for d in department)
    assert follow("组织部23年几个项目", "26年少了几个").figure == f"{b - a} 个"


def test_still_filed_in_another_year_follows_the_project() -> None:
    years = {d["header"]["year"] for d in DECLS if "老干部" in d["header"]["name"]}
    assert 2026 not in years
    result = follow("老干部系统多少钱？", "26年还报了吗 报了多少")
    assert result.refused and result.figure is None and "老干部" in result.text
    decl = named("信息化运维项目", 2026)
    result = follow("信息化运维项目23年多少钱", "26年还报了吗")
    assert {row.declaration_id for row in result.rows} == {decl["id"]}


# conditional: negated bounds on an indicator's percentage


def _below(word: str, bound: int, level1: bool = False) -> set[str]:
    return {
        d["id"]
        for d in DECLS
        for i in d["indicators"]
        if (i["level1"] == word if level1 else word in i["name"])
        and i["value"].get("unit") == "%"
        and i["value"].get("number") is not None
        and Decimal(i["value"]["number"]) < bound
    }


def test_negated_bound_lists_the_forms_below_it() -> None:
    wanted = _below("满意度指标", 90, level1=True)
    assert wanted
    assert {r.declaration_id for r in ask("满意度没有设到90%的是哪些项目").rows} == wanted
    wanted = _below("预算执行率", 100)
    assert wanted
    assert {r.declaration_id for r in ask("预算执行率没写到100%的是哪些项目").rows} == wanted


def test_bound_written_without_percent_sign() -> None:
    wanted = _below("满意度指标", 90, level1=True)
    assert {r.declaration_id for r in ask("满意度指标目标值不到九十的项目").rows} == wanted
    assert {r.declaration_id for r in ask("预算执行率低于100的项目").rows} == _below("预算执行率", 100)


def test_negated_bound_no_form_meets_is_said() -> None:
    assert not _below("完成率", 100)
    result = ask("完成率未定满100%的项目有几个")
    assert "语料库中没有" in result.text and not result.rows and result.figure is None


# conditional: projects whose indicators write a word


def _writing(word: str) -> set[str]:
    return {d["id"] for d in DECLS if any(word in i["name"] for i in d["indicators"])}


def test_projects_whose_indicators_write_a_word() -> None:
    for question, word in (("指标中提到“测评”两个字的项目", "测评"), ("指标里写到“响应”的项目有哪些", "响应")):
        result = ask(question)
        assert {r.declaration_id for r in result.rows} == _writing(word), question
        assert all(r.field == "项目" for r in result.rows)
    assert ask("绩效指标里出现“增长”的申报表有几个").figure == f"{len(_writing('增长'))} 个"


def test_how_many_a_form_usually_sets_is_the_average() -> None:
    held = sum(level_count(d, "满意度指标") for d in DECLS)
    average = (Decimal(held) / len(DECLS)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert ask("满意度指标一般设几个").figure == f"{average} 项"


# synthesis: an indicator family named by listed examples, or X相关的指标


def _cited_forms(result) -> list[str]:
    return [c.ref.split("#")[0] for c in result.citations]


def test_family_from_listed_examples_is_their_shared_words() -> None:
    for question, word in (
        ("请问工作日故障响应时间、故障响应及时性之类的指标一般怎么定", "故障响应"),
        ("验收合格率和一次性验收合格率这类指标一般定多少", "验收合格率"),
    ):
        result = ask(question)
        assert f"名称含“{word}”" in result.text, question
        cited = _cited_forms(result)
        assert len(cited) >= 2 and len(set(cited)) >= 2 and set(cited) <= _writing(word), question
        assert len(result.text) <= 600


def test_related_family_cites_forms_of_that_family() -> None:
    result = ask("验收相关的指标一般怎么写")
    cited = _cited_forms(result)
    assert "名称含“验收”" in result.text and len(cited) >= 3 and set(cited) <= _writing("验收")
    assert len(result.text) <= 600


def test_one_name_in_two_years_counts_as_two_forms() -> None:
    holders = _writing("测试")
    assert len(holders) == 2 and len({BY_ID[i]["header"]["name"] for i in holders}) == 1
    result = ask("软件测试、密码测试这类指标 一般怎么定的")
    assert set(_cited_forms(result)) == holders


# existence: a modifier the forms write, and 有没有给X做Y的


def _mentioning(word: str) -> set[str]:
    return {d["id"] for d in DECLS if word in json.dumps(d, ensure_ascii=False)}


def test_existence_of_things_done_for_someone() -> None:
    result = ask("有没有搞公务用车的")
    assert "语料库中有" in result.text and {r.declaration_id for r in result.rows} == _mentioning("公务用车")
    result = ask("有没有帮人大做预算审查平台的？")
    wanted = {d["id"] for d in DECLS if "预算审查平台" in d["header"]["name"]}
    assert "语料库中有" in result.text and {r.declaration_id for r in result.rows} == wanted
    result = ask("有没有做养老院的")
    assert not _mentioning("养老院")
    assert result.refused and result.text.startswith("没有") and not result.rows


def test_existence_with_a_modifier_the_forms_write() -> None:
    result = ask("宽带运维的项目有吗")
    assert "语料库中有" in result.text and {r.declaration_id for r in result.rows} == _mentioning("宽带")


# aggregate: a share written 占…的百分比


def test_share_written_as_a_percentage_of_a_named_set() -> None:
    decl = named("机关服务费", 2023)
    scope = [d for d in DECLS if d["header"]["year"] == 2023 and "中共上海市委组织部" in units(d)]
    whole = sum(Decimal(d["funding"]["total"]) for d in scope)
    share = (100 * Decimal(decl["funding"]["total"]) / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert ask("机关服务费占23年组织部项目资金总额的百分比是多少").figure == f"{share}%"
    decl = next(d for d in DECLS if "党费缴纳" in d["header"]["name"])
    scope = [d for d in DECLS if d["header"]["year"] == 2020]
    whole = sum(Decimal(d["funding"]["total"]) for d in scope)
    share = (100 * Decimal(decl["funding"]["total"]) / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert ask("党费系统占2020年项目总额的百分比").figure == f"{share}%"
