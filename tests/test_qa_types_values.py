"""Q&A faults a new user hit: a project type in the question, value statistics restricted to the asked category,
values written with and without an operator, an empty question (real corpus, real parser, real CLI; no model)."""

from datetime import date

import pytest
from test_qa_structured import SCOPE, scope, settings  # noqa: F401 - the same fixtures: real corpus, no model
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.classify import declaration_type
from assistant.domain.project_types import ProjectType
from assistant.domain.values import parse_value
from assistant.errors import InputError
from assistant.qa.conversation import Conversation
from assistant.qa.models import Target
from assistant.qa.parse import read
from assistant.qa.synthesis import value_keys
from assistant.qa.translate import check, parse_reply
from assistant.review.lexicon import SATISFACTION
from assistant.services.answering import answer

TODAY = date(2026, 11, 22)
runner = CliRunner()


def ask(question, settings, conversation=None):
    return answer(question, conversation or Conversation(), None, scope=SCOPE.current().qa, finder=None, today=TODAY)


def types_in(scope, declaration_id: str) -> tuple[ProjectType, ...]:
    return declaration_type(scope.corpus.get(declaration_id)).plausible()


@pytest.mark.parametrize(
    ("question", "project_type"),
    [
        ("培训项目一般设哪些指标", ProjectType.TRAINING),
        ("培训类项目的满意度目标值一般填多少？", ProjectType.TRAINING),
        ("会议类的项目有哪些满意度指标", ProjectType.MEETING),
        ("信息化运维类项目的时效指标一般填多少", ProjectType.IT_OPERATION),
    ],
)
def test_a_project_type_in_the_question_is_read(scope, question, project_type):
    reading = read(question, scope.lexicon, today=TODAY)
    assert reading.confident and reading.cues.project_type is project_type and reading.cues.project is None


def test_a_type_the_corpus_does_not_hold_is_said_plainly(settings, scope):
    assert not any(ProjectType.TRAINING in types_in(scope, d.id) for d in scope.corpus)  # the premise
    for question in ("培训项目一般设哪些指标", "培训类项目的满意度目标值一般填多少？"):
        result = ask(question, settings)
        assert result.refused and not result.rows and not result.citations and result.figure is None
        assert "语料库中没有培训类项目的申报表" in result.text and "不以其他类型项目的内容代答" in result.text
        assert "信息化建设" in result.text  # what the corpus holds instead, by type


def test_a_type_the_corpus_holds_narrows_the_answer_to_its_projects(settings, scope):
    result = ask("会议类的项目有哪些满意度指标", settings)
    assert not result.refused and result.rows
    assert all(ProjectType.MEETING in types_in(scope, row.declaration_id) for row in result.rows)
    everyone = ask("有哪些满意度指标", settings)
    assert len({r.declaration_id for r in result.rows}) < len({r.declaration_id for r in everyone.rows})


def test_a_follow_up_keeps_the_project_type(settings, scope):
    conversation = Conversation()
    ask("信息化运维类项目的满意度指标有哪些？", settings, conversation)
    result = ask("那时效指标呢？", settings, conversation)
    assert result.query.filters.project_type is ProjectType.IT_OPERATION and result.rows
    assert all(ProjectType.IT_OPERATION in types_in(scope, row.declaration_id) for row in result.rows)


@pytest.mark.parametrize(
    "question", ["满意度指标的目标值一般填多少", "往年满意度目标值通常定在多少", "常见的满意度指标有哪些？"]
)
def test_statistics_of_a_category_leave_out_indicators_that_measure_something_else(settings, question):
    result = ask(question, settings)
    assert result.query.target in (Target.TYPICAL_VALUES, Target.COMMON_INDICATORS) and result.rows
    assert all(SATISFACTION.search(row.field) for row in result.rows)
    assert "≤8" not in result.text and "投诉" not in result.text  # a complaint count filed under 满意度指标
    assert any("未计入" in note and "收到涉及技术运维的信访投诉数量" in note for note in result.notes)


def test_a_projects_own_list_keeps_every_indicator_as_filed(settings):
    result = ask("2023年信息化运维项目的满意度指标有哪些？", settings)
    assert {row.field for row in result.rows} == {"运维满意度", "收到涉及技术运维的信访投诉数量"}


def test_a_value_without_an_operator_is_counted_with_the_same_number():
    values = [
        parse_value(raw) for raw in ("≥80(%)", "80%", "≥90.00%", "≥90(%)", "85%", "=100%", "100%", "≤100%", "及时")
    ]
    assert value_keys(values) == ["≥80%", "≥80%", "≥90%", "≥90%", "85%", "=100%", "100%", "≤100%", "及时"]
    # 100% stays as written: the others write it with two different operators, so its direction is unknown


def test_value_statistics_show_how_each_value_was_written(settings):
    result = ask("满意度指标一般填多少？", settings)
    lines = {line.split("：")[0].removeprefix("- "): line for line in result.text.splitlines() if line.startswith("- ")}
    assert "80%" not in lines and "写作 80%、≥80(%)" in lines["≥80%"] and "2 份申报表、2 项" in lines["≥80%"]
    assert "写作 ≥90.00(%)×8、≥90.00%×7、≥90(%)×6、≥90%×2" in lines["≥90%"]


@pytest.mark.parametrize("question", ["", "   ", "？？", " 。，！ ", "?!"])
def test_an_empty_question_is_refused_in_chinese_with_what_to_ask(settings, tmp_path, question):
    with pytest.raises(InputError, match="问题是空的"):
        ask(question, settings)
    result = runner.invoke(
        app, ["ask", question], env={"ASSISTANT_DATA_DIR": str(tmp_path), "ASSISTANT_LLM__PROVIDER": "none"}
    )
    assert result.exit_code == 2 and "问题是空的" in result.output and "例如" in result.output
    assert "Traceback" not in result.output


def test_chat_says_a_punctuation_line_is_empty_and_carries_on(tmp_path):
    lines = "？？\n2023年有几个项目？\n"
    result = runner.invoke(
        app, ["chat"], input=lines, env={"ASSISTANT_DATA_DIR": str(tmp_path), "ASSISTANT_LLM__PROVIDER": "none"}
    )
    assert result.exit_code == 0, result.output
    assert "问题是空的" in result.output and "共 6 个项目" in result.output


def test_the_models_project_type_is_checked_against_the_catalogue(scope):
    question = "搞培训的那种项目一般设哪些指标"
    cues, problems = check(
        parse_reply('{"target": "common_indicators", "project_type": "培训"}'), scope.lexicon, question
    )
    assert problems == [] and cues.project_type is ProjectType.TRAINING
    cues, problems = check(
        parse_reply('{"target": "common_indicators", "project_type": "培训班"}'), scope.lexicon, question
    )
    assert cues is None and "project_type 的取值“培训班”无效" in problems[0] and "会议" in problems[0]


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("二〇二三年组织部项目资金合计多少", (2023,)),
        ("二零二零年有哪些项目", (2020,)),
        ("２０２６年信息化运维项目的满意度指标有哪些", (2026,)),
    ],
)
def test_years_in_chinese_numerals_or_full_width_digits(scope, question, years):
    reading = read(question, scope.lexicon, today=TODAY)
    assert reading.confident and reading.cues.years == years
