"""Projects selected by a header field's value (issue 24, q10c): only ticked boxes count, a form without the field
is read by its stand-in and says so, a form whose boxes the export lost is named 无法判断, never counted. Real
corpus, real parser, no model; the gold counts read the raw JSON."""

from qa_support import DECLS, ask


def _ticked(d: dict, field: str, label: str) -> bool:
    value = d["header"].get(field)
    return isinstance(value, dict) and any(o["label"] == label and o["state"] == "checked" for o in value["options"])


def _lost(d: dict, field: str) -> bool:
    return any(n["code"] == "header.checkbox_lost" and n["field"] == f"header.{field}" for n in d["parse_notes"])


def test_a_ticked_fund_use_lists_only_the_ticked_forms_and_names_the_lost_one():
    result = ask("哪几个项目的资金用途选了信息化建设类")
    ticked = {d["id"] for d in DECLS if _ticked(d, "fund_use", "信息化建设类")}
    assert ticked and {row.declaration_id for row in result.rows} == ticked
    lost = [d["header"]["name"] for d in DECLS if _lost(d, "fund_use")]
    assert lost and "无法判断" in result.text and all(name in result.text for name in lost)


def test_a_count_by_nature_reads_the_2019_forms_by_their_project_type_and_says_so():
    result = ask("其他一次性项目性质的项目数量是多少个")
    by_nature = [d for d in DECLS if d["header"]["nature"] == "其他一次性项目"]
    by_type = [d for d in DECLS if d["header"]["nature"] is None and _ticked(d, "project_type", "其他一次性项目")]
    assert result.figure == f"{len(by_nature) + len(by_type)} 个"
    assert "按其“项目类型”的勾选计" in result.text and "无法判断" in result.text


def test_an_option_no_form_ticks_is_none_not_every_form():
    result = ask("2020年的项目里项目类型勾的是中期预算试点项目的有哪些")
    assert result.refused and "语料库中没有" in result.text and not result.rows


def test_a_named_projects_field_is_still_a_field_lookup():
    result = ask("党员远教电教工作经费的项目性质是哪个")
    assert [row.declaration_id for row in result.rows] == ["2026-004-02"]


def test_a_ticked_option_without_its_field_named_is_read_by_the_field_it_belongs_to():
    result = ask("19年有哪些项目打钩了信息化建设类")
    ticked = {d["id"] for d in DECLS if d["header"]["year"] == 2019 and _ticked(d, "fund_use", "信息化建设类")}
    assert not result.refused and {row.declaration_id for row in result.rows} == ticked
    assert "资金用途" in result.text and "无法判断" in result.text
