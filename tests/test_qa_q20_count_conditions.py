"""Issue 24 (sealed14_test S14X-listing-02, S14X-conditional-01): a condition on a form's number of indicators said
as officers say it (指标数过了12条, 指标写了十五条以上(不含十五), …的都有谁) lists the projects that meet it, never
their indicators; 不含 makes 以上/以下 strict (real corpus, real parser, no model)."""

from pathlib import Path

import pytest

from assistant.services.scope import CorpusScope
from tests.qa_support import ask

SCOPE = CorpusScope(Path(__file__).resolve().parent.parent / "corpus")


@pytest.mark.parametrize(
    ("question", "scope", "count"),
    [
        ("23年组织部的表 指标数过了12条的都有谁", "绩效指标多于 12 项", "共 4 个项目"),  # the eval's
        ("人大那批表里 指标写了十五条以上(不含十五)的", "绩效指标多于 15 项", "共 2 个项目"),  # the eval's
        ("23年的表 指标数超过12条的都有谁", "绩效指标多于 12 项", "共 4 个项目"),
        ("26年的表 指标数过了10条的有哪些", "绩效指标多于 10 项", "共 3 个项目"),
        ("人大的表 指标写了十五条以上（不包括十五）的是哪些", "绩效指标多于 15 项", "共 2 个项目"),
        ("人大的表 指标写了十五条以上的有哪些", "绩效指标多于 14 项", "共 4 个项目"),
    ],
)
def test_count_condition_lists_projects(question: str, scope: str, count: str) -> None:
    result = ask(question)
    assert not result.refused and scope in result.text and count in result.text, result.text
