"""Q&A (issue 24, a class the sealed9 set found): how forms usually write a section or a category of indicators, with
a few examples asked for in words that also count (找几个参考, 举两个, 挑几个看看). The answer is a short synthesis
citing a few distinct forms that hold what was asked, never a list or a count of every form. Scopes are computed here from corpus/declarations/*.json."""

import pytest
from qa_support import DECLS, ask

SYNTHESIS_CHARS = 600
FALLBACK = {"basis": "approval", "necessity": "approval"}  # forms of 2020 write both in 项目立项情况


def _cited(result) -> list[str]:
    return [c.ref.split("#")[0] for c in result.citations]


def _section_holders(kind: str) -> set[str]:
    kinds = {kind, FALLBACK.get(kind, kind)}
    return {d["id"] for d in DECLS if any(s["kind"] in kinds for s in d["sections"])}


def _short_synthesis(result, holders: set[str]) -> None:
    assert not result.refused, result.text
    cited = _cited(result)
    assert len(cited) >= 3 and len(set(cited)) >= 2, result.text
    assert set(cited) <= holders and len(set(cited)) < len(DECLS), result.text
    assert len(result.text) <= SYNTHESIS_CHARS, result.text


@pytest.mark.parametrize(
    ("question", "kind"),
    [("项目立项依据一般怎么写 挑几个看看", "basis"), ("项目实施计划通常都咋写 找几个参考", "plan")],
)
def test_section_examples_asked_with_a_count_word(question: str, kind: str) -> None:
    _short_synthesis(ask(question), _section_holders(kind))


@pytest.mark.parametrize(
    ("question", "level"),
    [("满意度指标通常写啥 举几个", "满意度指标"), ("数量指标大家都怎么设 找几个参考", "数量指标")],
)
def test_category_examples_asked_with_a_count_word(question: str, level: str) -> None:
    holders = {d["id"] for d in DECLS for i in d["indicators"] if level in (i["level1"], i["level2"])}
    result = ask(question)
    _short_synthesis(result, holders)
    assert result.figure is None or not result.figure.endswith(" 项"), result.text  # no count of them
