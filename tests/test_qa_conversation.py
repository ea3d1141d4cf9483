"""Q&A multi-turn, retrieval fallback and the CLI (offline, no model, no index)."""

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.qa.conversation import Conversation
from assistant.qa.models import Route
from assistant.qa.retrieve import ModelAnswer, Passage, checked_answer
from assistant.qa.sources import section_citation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope
from assistant.settings import LLMProvider, Settings

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 11, 22)
runner = CliRunner()


def _settings(tmp_path) -> Settings:
    built = Settings(data_dir=tmp_path)
    built.corpus.corpus_dir = REPO / "corpus"
    built.llm.provider = LLMProvider.NONE
    return built


def test_follow_up_swaps_the_year(tmp_path):
    _settings(tmp_path)
    conversation = Conversation()
    first = answer(
        "2023年信息化运维项目的时效指标有哪些？", conversation, None, scope=SCOPE.current().qa, finder=None, today=TODAY
    )
    second = answer("那2026年的呢？", conversation, None, scope=SCOPE.current().qa, finder=None, today=TODAY)
    assert {row.year for row in first.rows} == {2023}
    assert {row.year for row in second.rows} == {2026}
    assert {row.field for row in second.rows} == {"运维工作完成及时性", "故障响应及时性", "运维工作完成及时率"}


def test_follow_up_on_a_project_without_that_year_refuses(tmp_path):
    _settings(tmp_path)
    conversation = Conversation()
    answer(
        "人大智能预算审查平台的年度绩效目标是什么？",
        conversation,
        None,
        scope=SCOPE.current().qa,
        finder=None,
        today=TODAY,
    )
    second = answer("那2026年的呢？", conversation, None, scope=SCOPE.current().qa, finder=None, today=TODAY)
    assert second.refused and "只有2019年" in second.text


def test_this_project_refers_to_the_focus(tmp_path):
    _settings(tmp_path)
    conversation = Conversation()
    answer("机关服务费的年度绩效目标是什么？", conversation, None, scope=SCOPE.current().qa, finder=None, today=TODAY)
    second = answer(
        "这个项目的成本指标有哪些？", conversation, None, scope=SCOPE.current().qa, finder=None, today=TODAY
    )
    assert [row.field for row in second.rows] == ["相关支出标准符合财政规定"]


def test_open_question_quotes_passages_without_model(tmp_path):
    result = answer(
        "党费缴纳移动端包括哪些功能？", Conversation(), None, scope=SCOPE.current().qa, finder=None, today=TODAY
    )
    assert result.route is Route.RETRIEVAL and not result.refused
    assert "2020-000-01#composition" in {c.ref for c in result.citations}


def test_model_citations_outside_the_retrieved_set_are_dropped(corpus):
    decl = corpus.get("2020-000-01")
    passages = [Passage(citation=section_citation(decl, decl.sections[0]), overlap=1.0)]
    result = checked_answer("问题", ModelAnswer(answer="答案[1][7]", sources=[1, 7]), passages)
    assert [c.ref for c in result.citations] == ["2020-000-01#overview"]
    assert any("7" in note for note in result.notes) and "[7]" not in result.text


def test_model_without_valid_citation_falls_back_to_quotes(corpus):
    decl = corpus.get("2020-000-01")
    passages = [Passage(citation=section_citation(decl, decl.sections[0]), overlap=1.0)]
    result = checked_answer("问题", ModelAnswer(answer="编造的答案", sources=[3]), passages)
    assert result.citations == [passages[0].citation] and "摘自" in result.text


def _env(tmp_path) -> dict[str, str]:
    return {"ASSISTANT_DATA_DIR": str(tmp_path), "ASSISTANT_LLM__PROVIDER": "none"}


def test_cli_ask_json(tmp_path):
    result = runner.invoke(app, ["ask", "2023年组织部各项目资金合计多少？", "--json"], env=_env(tmp_path))
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["figure"] == "26,413,037.00 元" and payload["route"] == "structured"
    assert "[信息化运维项目 · 2023 · 项目资金总额]" in payload["citation_labels"]


def test_cli_chat_follows_up(tmp_path):
    lines = "人大智能预算审查平台的年度绩效目标是什么？\n那2026年的呢？\n"
    result = runner.invoke(app, ["chat"], input=lines, env=_env(tmp_path))
    assert result.exit_code == 0, result.output
    assert "[上海市人大智能预算审查平台建设项目经费 · 2019 · 年度绩效目标]" in result.output
    assert "语料库中未找到2026年" in result.output
