"""Listings read as asked (helper q16a, issue 24, tuned on sealed13_tune), with wordings written here; gold from the
raw declaration JSON.

- 指标名称里带X的项目都哪些: the projects, each with its indicators that write X;
- 哪几条: the rows listed, never a count;
- a field asked of every form (各项目联系人都是谁) says so first, with how many forms fill it in.
"""

from tests.qa_support import DECLS, ask


def test_projects_filtered_by_indicator_words_are_projects():
    held = {d["id"]: [i["name"] for i in d["indicators"] if "满意度" in i["name"]] for d in DECLS}
    wanted = {k for k, names in held.items() if names and k.startswith("2019")}
    result = ask("19年 指标名称里带“满意度”的项目都哪些")
    assert {row.declaration_id for row in result.rows} == wanted
    assert all(row.field == "项目" for row in result.rows)
    for row in result.rows:  # each project with the indicators that matched
        assert all(name in row.value for name in held[row.declaration_id])


def test_which_rows_lists_them():
    (form,) = [d for d in DECLS if d["header"]["name"] == "机关服务费"]
    quality = sorted(i["name"] for i in form["indicators"] if i["level2"] == "质量指标")
    result = ask("机关服务费 质量那栏写的哪几条")
    assert result.figure is None
    assert sorted(row.field for row in result.rows) == quality


def test_a_field_of_every_form_says_so():
    filled = sum(1 for d in DECLS if d["header"].get("contact"))
    result = ask("各项目联系人都是谁")
    first = result.text.split("\n")[0]
    assert f"{len(DECLS)} 份申报表各自所填" in first
    assert f"{filled} 份填写" in first and f"{len(DECLS) - filled} 份未填写" in first
