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
        ("有哪些申报表没有设置时效指标？", "时效指标", None),
        ("2023年哪些项目未设定满意度指标", "服务对象满意度指标", 2023),
        ("哪几个项目还没安排数量指标？", "数量指标", None),
        ("哪些项目没有设立质量指标", "质量指标", None),
    ],
)
def test_a_category_every_form_sets_is_said_set_by_all(question, level2, year):
    assert not _lacking(level2, year)  # the gold: no form in scope lacks it
    answer = ask(question)
    assert "名称写有" not in answer.text and "设置”" not in answer.text, answer.text
    assert "都设了" in answer.text, answer.text


@pytest.mark.parametrize("question", ["哪些申报表没填写社会效益指标？", "哪些项目没有设置社会效益指标"])
def test_a_category_some_forms_lack_lists_exactly_those(question):
    lacking = _lacking("社会效益指标")
    answer = ask(question)
    assert "名称写有" not in answer.text
    assert {row.declaration_id for row in answer.rows} == lacking, answer.text
