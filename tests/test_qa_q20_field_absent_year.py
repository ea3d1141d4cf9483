"""Issue 24 (sealed14_test S14X-absent-03): a 项目类别 value asked of a year whose forms have no 项目类别 field (2019)
is refused, saying the field is absent; a 2019 form's 项目类型 stands in for 项目性质 only where it offers the value
asked (real corpus, real parser, no model)."""

from pathlib import Path

import pytest

from assistant.services.scope import CorpusScope
from tests.qa_support import ask

SCOPE = CorpusScope(Path(__file__).resolve().parent.parent / "corpus")


@pytest.mark.parametrize(
    "question",
    ["一九年哪些表勾了特定目标类", "2019年项目类别是其他运转类的有几个", "19年的表 项目类别选了特定目标类的有哪些"],
)
def test_category_of_a_year_without_the_field_is_refused(question: str) -> None:
    result = ask(question)
    assert result.refused and "语料库中没有" in result.text and "2019年的申报表没有“项目类别”栏" in result.text
    assert result.figure is None and not result.rows and "共 0 个" not in result.text, result.text


def test_stand_in_field_still_answers() -> None:
    result = ask("一九年项目性质勾了其他一次性项目的有哪些")
    assert not result.refused and "共 4 个" in result.text, result.text
    result = ask("23年项目类别属于特定目标类的有哪些")
    assert not result.refused and "共 4 个" in result.text, result.text
