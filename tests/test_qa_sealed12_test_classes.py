"""Issue 24, classes of the sealed12 test half (tuned on by q15): each fix checked on wordings and projects of its
own, the expected values read here from corpus/declarations/*.json (real corpus, real parser, no model).

- 执行期 / 执行期限 / 实施期 of a named project: its 起止日期 (start and end date of the form's header);
- 手机端 / 手机客户端 is what the forms write 移动端 (no 联系电话 asked), and a line's words followed by a rate
  (…开发完成率) name the indicator, not the 项目构成 line;
- 出故障 / 出了故障: the indicator names write 故障 bare;
- an indicator read by its sounds (…多久响应 → …响应时间) is recorded as the query, so that 运维那个呢 next asks the
  same indicator of the project named.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.qa.conversation import Conversation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 12, 6)
DECLS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (REPO / "corpus/declarations").glob("*.json")}


def ask(question: str, conversation: Conversation | None = None):
    scope = SCOPE.current().qa
    return answer(question, conversation or Conversation(), None, scope=scope, finder=None, today=TODAY)


@pytest.mark.parametrize(
    ("question", "decl_id"),
    [
        ("机关服务费 执行期是哪天到哪天", "2023-003-04"),
        ("党费系统的执行期限", "2020-000-01"),
        ("23年信息化运维项目 实施期从什么时候起", "2023-003-06"),
    ],
)
def test_the_execution_period_of_a_named_project_is_its_start_and_end_date(question: str, decl_id: str) -> None:
    result = ask(question)
    header = DECLS[decl_id]["header"]
    assert {row.declaration_id for row in result.rows} == {decl_id}, result.text
    assert header["start_date"] in result.text and header["end_date"] in result.text, result.text


def _indicator(decl_id: str, words: str) -> dict:
    return next(i for i in DECLS[decl_id]["indicators"] if words in i["name"])


@pytest.mark.parametrize(
    ("question", "decl_id", "words"),
    [
        ("党费系统 手机端开发完成率多少", "2020-000-01", "移动端功能开发完成率"),
        ("党费缴纳管理系统 手机客户端功能开发完成率定的多少", "2020-000-01", "移动端功能开发完成率"),
    ],
)
def test_a_handset_client_is_the_mobile_client_the_forms_write(question: str, decl_id: str, words: str) -> None:
    result = ask(question)
    indicator = _indicator(decl_id, words)
    assert {row.declaration_id for row in result.rows} == {decl_id}, result.text
    assert indicator["name"] in result.text and "联系电话" not in result.text, result.text
    assert "项目构成" not in result.text, result.text


@pytest.mark.parametrize(
    ("question", "decl_id", "name"),
    [
        ("23年信息化运维项目 非工作日出了故障多久响应", "2023-003-06", "非工作日故障响应及抵达现场时间"),
        ("23年信息化建设项目 工作日出故障 运维人员多久到现场", "2023-003-05", "工作日故障运维人员抵达现场时间"),
    ],
)
def test_breaking_down_said_with_a_verb_is_the_bare_word_of_the_names(question: str, decl_id: str, name: str) -> None:
    result = ask(question)
    assert [row.declaration_id for row in result.rows] == [decl_id], result.text
    assert [row.field for row in result.rows] == [name], result.text


def test_a_follow_up_after_an_indicator_read_by_its_sounds_asks_it_of_the_project_named() -> None:
    conversation = Conversation()
    first = ask("23年信息化运维项目 工作日故障多久响应", conversation)
    assert [row.field for row in first.rows] == ["工作日故障响应时间"], first.text
    result = ask("信息化建设那个呢", conversation)
    assert [row.declaration_id for row in result.rows] == ["2023-003-05"], result.text
    assert [row.field for row in result.rows] == ["工作日故障响应时间"], result.text
