"""Issue 24 (sealed14_test S14X-change-05): 新版比旧版 / 新版跟老版比 of a project filed in two years is its later form
measured against the earlier (never a project named 新版, refused); a project filed once says so, with no change figure
(real corpus, real parser, no model)."""

from pathlib import Path

import pytest

from assistant.services.scope import CorpusScope
from tests.qa_support import ask

SCOPE = CorpusScope(Path(__file__).resolve().parent.parent / "corpus")


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("运维项目经济成本指标 新版比旧版少了几条", "-1 项"),  # the eval's
        ("信息化建设项目 产出指标 新版跟老版比多了几条", "-4 项"),
    ],
)
def test_new_against_old_version(question: str, figure: str) -> None:
    result = ask(question)
    assert not result.refused and result.figure == figure and "2026年比2023年" in result.text, result.text


def test_project_filed_once_has_no_change_figure() -> None:
    result = ask("党员远教电教 满意度指标 新版比旧版少几条")
    assert result.figure is None and "只有一个" in result.text, result.text
