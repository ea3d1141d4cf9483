"""Open wordings of existence, listing, conditional and synthesis questions (issue 24, q14a; tuned on sealed11_test).

- 有没有项目提过/讲过 X, 涉及 X 的 有吗: existence asked without 有没有…项目; the forms writing X listed, 有 said.
- A thing written with whose it is and a verb (机房换光缆, 管老干部讣告): the forms writing the thing where they also write
  whose it is; a thing whose first words no form writes with it stays absent (没有).
- 讲到/说到 X 的项目, 名字里带“X”俩字的项目 列个单子, 质量那栏: listings as officers word them.
- 指标多过N条的, 设了X类指标的: conditions on a form's indicators.
- 跟“X”有关的指标 (quoted), 成本控制那种指标 给几个样子 (a category's stem and a word of its names): syntheses.

Real corpus, real parser, no model; gold from the raw JSON."""

from qa_support import DECLS, ask


def _texts(d: dict) -> str:
    """Everything a form writes, as the mentions filter searches it (gold side: raw JSON, no spaces)."""
    parts = [d["header"]["name"], *(s.get("text") or "" for s in d["sections"])]
    parts += [f"{i['name']}{i['value'].get('raw') or ''}" for i in d["indicators"]]
    parts += [" ".join(str(v) for v in b.values() if isinstance(v, str)) for b in d.get("budget_lines", [])]
    parts += [" ".join(str(v) for v in s.values() if isinstance(v, str)) for s in d.get("safeguards", [])]
    return "".join("".join(parts).split())


def _writing(word: str) -> set[str]:
    return {d["id"] for d in DECLS if word in _texts(d)}


def _ids(result) -> set[str]:
    return {row.declaration_id for row in result.rows}


def test_an_existence_asked_as_whether_a_project_mentioned_it():
    wanted = _writing("审计")
    result = ask("审计 有项目提过没")
    assert wanted and not result.refused and _ids(result) == wanted and "语料库中有" in result.text


def test_an_existence_asked_with_no_word_for_a_project():
    for word, question in (("保洁", "涉及保洁的 有吗"), ("内刊", "提到内刊的有没有")):
        wanted = _writing(word)
        result = ask(question)
        assert wanted and not result.refused and _ids(result) == wanted and "语料库中有" in result.text, question


def test_a_thing_with_whose_it_is_is_found_where_the_form_writes_both():
    for core, owner, question in (
        ("讣告", "老干部", "管老干部讣告的 有项目吗"),
        ("光缆", "机房", "机房换光缆那块 有项目吗"),
    ):
        wanted = _writing(core)
        assert wanted and all(owner in _texts(d) for d in DECLS if d["id"] in wanted)
        result = ask(question)
        assert not result.refused and _ids(result) == wanted and "语料库中有" in result.text, question


def test_a_thing_no_form_writes_stays_absent():
    for question in ("涉及防火墙的 有吗", "管老干部宠物信息的 有项目吗"):
        assert not _writing("防火墙") and not _writing("宠物")
        result = ask(question)
        assert result.refused and "没有" in result.text and not result.rows and result.figure is None, question


def test_projects_that_speak_of_a_word_are_listed():
    for word, question in (("讣告", "讲到讣告的项目有哪几个"), ("光缆", "说到光缆的项目有哪些")):
        result = ask(question)
        assert not result.refused and _ids(result) == _writing(word), question


def test_a_name_with_quoted_characters_listed_on_a_spoken_list_request():
    wanted = {d["id"] for d in DECLS if "建设" in d["header"]["name"]}
    result = ask("名字里带“建设”俩字的项目 列个单子")
    assert not result.refused and _ids(result) == wanted
    result = ask("名称含系统两个字的 拉个清单")
    assert _ids(result) == {d["id"] for d in DECLS if "系统" in d["header"]["name"]}


def test_a_category_named_by_its_column():
    (d,) = [d for d in DECLS if d["header"]["name"] == "机关服务费"]
    wanted = {i["name"] for i in d["indicators"] if i.get("level2") == "数量指标"}
    result = ask("机关服务费 数量那栏都写了哪些")
    assert {row.field for row in result.rows} == wanted


def test_forms_with_more_indicators_than_said_spoken_as_duoguo():
    wanted = {d["id"] for d in DECLS if d["header"]["year"] == 2023 and len(d["indicators"]) > 20}
    result = ask("23年那几张 指标多过20条的")
    assert wanted and _ids(result) == wanted and all(row.field == "项目" for row in result.rows)


def test_forms_that_set_a_kind_of_indicator():
    wanted = {
        d["id"] for d in DECLS if d["header"]["year"] == 2026 and any("验收" in i["name"] for i in d["indicators"])
    }
    result = ask("2026年设了验收类指标的")
    assert wanted and _ids(result) == wanted


def test_a_quoted_word_of_indicators_is_read_without_its_quotes():
    holders = {d["id"] for d in DECLS if any("故障" in i["name"] for i in d["indicators"])}
    result = ask("跟“故障”有关的指标 以前都咋写")
    cited = {c.ref.split("#")[0] for c in result.citations}
    assert not result.refused and len(cited) >= 3 and cited <= holders and "“”" not in result.text


def test_a_category_stem_with_a_word_asks_for_that_categorys_indicators_with_the_word():
    holders = {d["id"] for d in DECLS for i in d["indicators"] if i.get("level2") == "质量指标" and "验收" in i["name"]}
    result = ask("质量验收那种指标 给几个样子")
    cited = {c.ref.split("#")[0] for c in result.citations}
    assert not result.refused and len(cited) >= 3 and cited <= holders
