"""Issue 24, helper q16c (new user nu13 #6): a verb of setting between a negation and a category (没有设置, 未设定,
还没安排, 没填写) asks which forms lack the category, as 没有X指标 does; the verb is never an indicator name searched.

Real corpus, real parser, no model; gold from the raw declaration JSON.
"""

import pytest
from qa_support import DECLS, ask


def _lacking(level2: str, year: int | None = None) -> set[str]:
    return {
        d["id"]
        for d in DECLS
        if (year is None or d["header"]["year"] == year) and not any(i["level2"] == level2 for i in d["indicators"])
    }


@pytest.mark.parametrize(
    ("question", "level2", "year"),
    [
        ("哪几个项目没有设置时效指标？", "时效指标", None),
        ("2023年哪些项目没有设置时效指标", "时效指标", 2023),
        ("哪几个项目还没安排数量指标？", "数量指标", None),
        ("哪些项目没有设置质量指标呢", "质量指标", None),
    ],
)
def test_a_category_every_form_sets_is_said_set_by_all(question, level2, year):
    assert not _lacking(level2, year)  # the gold: no form in scope lacks it
    answer = ask(question)
    assert "名称写有" not in answer.text and "设置”" not in answer.text, answer.text
    assert "都设了" in answer.text, answer.text


def test_whether_any_form_lacks_a_category_every_form_sets_is_no():
    assert not _lacking("数量指标")
    answer = ask("有没有项目没有设置数量指标？")
    assert answer.text.startswith("没有"), answer.text
    some = ask("哪些项目没有设置社会效益指标")  # the same reading where some forms do lack it
    assert {row.declaration_id for row in some.rows} == _lacking("社会效益指标"), some.text
