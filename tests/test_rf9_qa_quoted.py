"""rt8 R10: a question full of symbols is never answered with an arbitrary cut of it quoted as a name
(``语料库中没有关于“//x}”…``); only a run of 汉字/letters is quoted, or the answer says the name could not be read.
Real corpus, real Q&A path, no model."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.qa.subjects import readable
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
QUOTED = re.compile(r"“([^”]*)”")
NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()《》〈〉、·—\-]+")


def ask(question: str) -> str:
    result = answer(question, Conversation(), None, scope=SCOPE.current().qa, finder=None, today=date(2026, 12, 6))
    return result.text


@pytest.mark.parametrize(
    "question",
    [
        "%s%s%s%n %x {0} {__class__} ${jndi:ldap://x} 项目资金合计",
        "(.*)+$ 项目 [a-z]{1,99999} 资金总额",
        "{{7*7}} <script>x</script> 类项目有没有先例",
        "@@##!! 单位的项目资金总额是多少",
    ],
)
def test_symbols_are_never_quoted_as_a_name(question: str) -> None:
    text = ask(question)
    for quoted in QUOTED.findall(text):
        assert NAME.fullmatch(quoted), (quoted, text)


@pytest.mark.parametrize(
    ("fragment", "said"),
    [
        ("//x}", None),
        ("+$", None),
        ("x", None),
        ("智慧城市大脑项目", "智慧城市大脑项目"),
        ("老年助餐", "老年助餐"),
        ("${jndi:智慧城市}", "智慧城市"),
        ("信息化运维（二期）", "信息化运维（二期）"),
        ("GIS", "GIS"),
    ],
)
def test_readable_part_of_a_fragment(fragment: str, said: str | None) -> None:
    assert readable(fragment) == said


def test_a_real_absent_name_is_still_quoted() -> None:
    assert "语料库中没有“智慧城市大脑项目”" in ask("智慧城市大脑项目2023年的资金总额是多少？")
