"""Issue 24 (sealed14_test S14X-ranking-01): indicators called 目标 and counted (数量类目标条数 哪张表最多, 时效目标个数
哪张表最少) rank the forms by how many such indicators they set, never by money; a 目标 ranked by how high it is set
still ranks the values (real corpus, real parser, no model)."""

from pathlib import Path

import pytest

from assistant.services.scope import CorpusScope
from tests.qa_support import ask

SCOPE = CorpusScope(Path(__file__).resolve().parent.parent / "corpus")


@pytest.mark.parametrize(
    ("question", "figure", "says"),
    [
        (
            "二三年数量类目标条数 哪张表最多",
            "7 项",
            "数量指标数量最多的是组织部门建设和管理工作经费（2023）",
        ),  # the eval's
        ("26年质量类目标条数 哪个项目最多", "3 项", "质量指标数量最多的有 2 个并列"),
        ("二三年时效目标个数 哪张表最少", "2 项", "时效指标数量最少的有 3 个并列"),
    ],
)
def test_counted_targets_rank_by_count(question: str, figure: str, says: str) -> None:
    result = ask(question)
    assert result.figure == figure and says in result.text, result.text


def test_target_value_still_ranks_values() -> None:
    result = ask("二三年满意度目标 哪个项目定得最高")
    assert "满意度指标目标值最高" in result.text, result.text
