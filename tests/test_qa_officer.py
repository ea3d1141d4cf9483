"""Issue 24: named projects resolved by short name and abbreviation, absent subjects refused with candidates,
every field answerable, rankings/comparisons/changes/shares/averages, counts of what was asked, no diagnostics
in answers (real corpus, real parser, no model; the model path with a recorded reply)."""

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.llm.chat import ChatReply, TokenUsage
from assistant.qa.conversation import Conversation
from assistant.qa.entities import Names, resolve
from assistant.qa.sources import verify_citation
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 11, 22)
XINFANG = "上海人大系统人民群众来信来访智能化工作平台建设经费"


def ask(question: str, conversation: Conversation | None = None, runtime=None):
    scope = SCOPE.current().qa
    result = answer(question, conversation or Conversation(), runtime, scope=scope, finder=None, today=TODAY)
    for citation in [*result.citations, *(row.citation for row in result.rows)]:
        assert verify_citation(scope.corpus, scope.lexicon.policies, citation), citation
    return result


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("信访平台", XINFANG),
        ("来信来访平台", XINFANG),
        ("党费交纳系统", "闵行区党建服务中心党费缴纳管理系统项目"),  # one miswritten character
        ("党员远程教育电教", "党员远教电教工作经费"),  # 远程教育 contracted to 远教
        ("致远厅会务系统", "世博中心致远厅市人代会主席团电子会务系统建设经费"),
    ],
)
def test_short_names_and_abbreviations_resolve_to_their_project(written, meant):
    names = Names(SCOPE.current().qa.lexicon.projects)
    assert [m.name for m in resolve([written], names).matches] == [meant]


@pytest.mark.parametrize("written", ["智慧城管平台", "污水处理厂提标改造", "组织", "哪个项目"])
def test_phrases_that_name_no_project_match_none(written):
    names = Names(SCOPE.current().qa.lexicon.projects)
    assert resolve([written], names).matches == ()


def test_the_issue_project_by_paraphrase_answers_only_that_project():
    result = ask("2019年人大的信访平台项目立项依据是什么？")
    assert {row.declaration_id for row in result.rows} == {"2019-002-05"}
    assert result.text.splitlines()[0].startswith("范围：") and "信访平台" in result.text.splitlines()[0]


@pytest.mark.parametrize(
    "question",
    [
        "浦东新区2024年污水处理厂提标改造花了多少钱？",
        "智慧城管平台的项目负责人是谁？",
        "2021年组织部的项目资金合计多少？",
        "人大2026年的信访平台预算多少？",
        "市教委的项目有哪些？",
    ],
)
def test_an_absent_subject_is_refused_never_answered_from_others(question):
    result = ask(question)
    assert result.refused and result.figure is None and not result.rows
    assert "语料库中没有" in result.text or "语料库中未找到" in result.text
    assert ".00 元" not in result.text


def test_an_absent_project_offers_the_nearest_real_names():
    result = ask("党费缴费平台改造工程的预算是多少？")
    assert result.refused and "名称最接近的项目" in result.text
    assert "闵行区党建服务中心党费缴纳管理系统项目" in result.text


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("党费缴纳管理系统那个项目的负责人是谁？", ["李蓉"]),
        ("组织力平台联系人电话给一下", ["何理", "33283652"]),
        ("信访平台项目啥时候开始、啥时候结束？", ["2019-01-01", "2019-12-31"]),
        ("机关服务费的项目类别是什么？", ["其他运转类"]),
        ("致远厅电子会务系统的资金用途是什么？", ["信息化建设类"]),
        ("老干部系统的联系电话是多少？", ["未填写"]),
        ("党费系统项目构成里第三方接口开发要花多少？", ["140,000.00 元"]),
        ("组织力平台的制度保障有哪些？", ["组织力建设信息化平台实施方案"]),
    ],
)
def test_every_header_field_and_row_is_a_question(question, wanted):
    result = ask(question)
    assert not result.refused and all(w in result.text for w in wanted), result.text


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("组织力建设信息化平台这个项目一共设了几个绩效指标？", "6 项"),
        ("党费缴纳系统的项目构成一共分了几项？", "5 项"),
        ("2019年人大一共报了几个项目？", "5 个"),
        ("组织部2023年那几个项目加起来一共多少钱？", "26,413,037.00 元"),
        ("2023年组织部平均每个项目设几个指标？", "13.67 项"),
        ("机关服务费占2023年组织部项目资金总额的比例是多少？", "10.45%"),
    ],
)
def test_counts_count_what_was_asked(question, figure):
    assert ask(question).figure == figure


def test_a_ranking_names_the_first_with_its_amount():
    result = ask("2023年组织部的项目里，哪个项目预算最多？")
    assert result.figure == "9,382,600.00 元"
    assert "组织部门建设和管理工作经费" in result.text.splitlines()[1]
    assert [row.declaration_id for row in result.rows][:2] == ["2023-003-01", "2023-003-03"]


def test_a_ranking_over_blank_totals_uses_the_amount_applied_for_and_says_so():
    result = ask("2026年哪个项目预算最多？")
    assert result.figure == "4,818,000.00 元" and "均为空白" in result.text


def test_two_projects_are_compared_with_both_figures_and_the_difference():
    result = ask("2023年机关服务费和信息化运维项目哪个预算高，差多少？")
    assert result.figure == "122,482.00 元"
    assert "2,760,000.00 元" in result.text and "2,882,482.00 元" in result.text


def test_a_project_change_over_years_is_signed():
    assert ask("信息化建设项目2026年比2023年指标少了几个？").figure == "-6 项"
    assert ask("信息化运维项目从2023年到2026年资金有啥变化？").figure == "-59,636.00 元"


def test_follow_ups_keep_the_project_and_the_ranking():
    conversation = Conversation()
    ask("党费缴纳系统的项目负责人是谁？", conversation)
    assert "33283653" in ask("那联系电话呢？", conversation).text
    conversation = Conversation()
    ask("2026年哪个项目年度资金申请总额最高？", conversation)
    assert ask("最低的呢？", conversation).figure == "1,139,000.00 元"


@dataclass
class RecordedModel:
    """A model that replies with recorded text (the repair and refusal paths, not the model, are under test)."""

    replies: list[str]
    prompts: list[list[str]] = field(default_factory=list)
    enabled: bool = True

    def complete(self, messages, *, max_tokens=None, seconds=None):
        self.prompts.append([m.content for m in messages])
        return ChatReply(text=self.replies.pop(0), usage=TokenUsage(0, 0), finish_reason="stop", elapsed_s=0.0)


def test_a_model_reply_that_does_not_check_leaves_no_diagnostic_in_the_answer(caplog):
    bad = '{"target": "list_indicators", "level1": "负责人"}'
    with caplog.at_level(logging.INFO, logger="assistant.qa"):
        result = ask("那啥，闵行那个缴党费的东西归谁管来着", runtime=RecordedModel([bad, bad]))
    shown = result.text + "".join(result.notes)
    assert "level1" not in shown and "无效" not in shown and "模型未能" not in shown
    assert "负责人" in caplog.text  # the diagnostic is in the log


def test_verbose_shows_how_the_question_was_read_on_stderr_only(tmp_path):
    env = {"ASSISTANT_DATA_DIR": str(tmp_path), "ASSISTANT_LLM__PROVIDER": "none"}
    quiet = CliRunner().invoke(app, ["ask", "信访平台的钱是多少啊", "--llm", "none"], env=env)
    loud = CliRunner().invoke(app, ["ask", "信访平台的钱是多少啊", "--llm", "none", "--verbose"], env=env)
    assert "1,148,240.00 元" in quiet.output and "［诊断］" not in quiet.output
    assert "［诊断］" in loud.output and "matched" in loud.output


@pytest.mark.parametrize("target", ["rank", "show_field", "compare_projects", "share", "average", "list_rows"])
def test_a_model_reply_naming_any_target_is_checked_not_crashed(target):
    reply = json.dumps({"target": target})
    result = ask("那啥，闵行那个缴党费的东西归谁管来着", runtime=RecordedModel([reply, reply]))
    assert result.text and "target" not in result.text


def test_a_money_word_inside_a_short_name_is_part_of_the_name():
    result = ask("人大智能预算审查平台的预算执行率是多少")
    assert result.figure is None and "=100.00%" in result.text and "2,124,000.00" not in result.text


def test_a_share_without_a_project_gives_every_project_share():
    result = ask("2026年各项目年度资金申请总额占比")
    assert "38.60%" in result.text and "9.12%" in result.text and len(result.rows) == 5


def test_two_projects_indicators_compared_by_name():
    result = ask("党员远教电教工作经费和党建服务工作经费的绩效指标有什么不同")
    assert result.figure == "7 项" and "两者都设的：平台稳定运行天数、管理人员满意度" in result.text


def test_a_year_range_takes_the_years_in_between():
    result = ask("2019到2026年每年的项目资金怎么变化")
    assert {row.year for row in result.rows} == {2019, 2020, 2023, 2026}


def test_follow_ups_after_a_ranking_and_a_list():
    conversation = Conversation()
    ask("2026年哪个项目预算最多", conversation)
    result = ask("它的实施单位是？", conversation)
    assert {row.declaration_id for row in result.rows} == {"2026-004-02"}
    conversation = Conversation()
    ask("2023年的项目有哪些", conversation)
    result = ask("其中哪些没有成本指标", conversation)
    assert {row.declaration_id for row in result.rows} == {"2023-003-01", "2023-003-02", "2023-003-03", "2023-003-05"}


@pytest.mark.parametrize(
    ("question", "declaration"),
    [("组织里建设信息化平台的负责人", "2020-001-01"), ("信息化运维项目2023年的预算", "2023-003-06")],
)
def test_a_misspelt_project_and_a_bare_amount_question(question, declaration):
    result = ask(question)
    assert not result.refused and {row.declaration_id for row in result.rows} == {declaration}


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("信访平台几号开始的？", ["2019-01-01"]),
        ("党费缴纳系统哪天完成？", ["2020-12-31"]),
        ("机关服务费几月份开始，什么时候截止", ["2023-01-01", "2023-12-31"]),
    ],
)
def test_when_a_project_starts_or_ends_asked_in_everyday_words_is_its_dates(question, wanted):
    result = ask(question)
    assert not result.refused and all(w in result.text for w in wanted), result.text
    assert len({row.declaration_id for row in result.rows}) == 1


@pytest.mark.parametrize(
    "question",
    ["组织力平台的项目构成里哪部分钱最少", "党费缴纳系统项目构成中哪一项花钱最少", "党费系统项目构成哪块最贵"],
)
def test_which_part_of_the_composition_costs_most_or_least_is_a_ranking_of_its_rows(question):
    result = ask(question)
    assert not result.refused and result.figure is not None, result.text
    lines = {row.field for row in result.rows}
    assert lines and lines <= {
        "组织力建设信息化平台",
        "党费缴纳移动端功能开发",
        "党费缴纳PC端功能开发",
        "第三方接口开发",
        "安全测评费用",
        "软件测评费",
    }
