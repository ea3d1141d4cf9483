"""Issue 24 (new-user trial): a unit written at another level (区人大 vs 市人大, 县委组织部, 街道…), or money for a
purpose no declaration is about (换届选举经费), is refused with “语料库中没有…” and real candidates, never answered
with a unit's or a year's total; relative years (今年/去年/前年/明年) count from an injected clock and a year the corpus
lacks is said, with the nearest years held (real corpus, real parser, no model)."""

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.qa.conversation import Conversation
from assistant.qa.levels import CITY, DISTRICT_LEVEL, agrees, written_level
from assistant.services.answering import answer
from assistant.services.scope import CorpusScope

REPO = Path(__file__).resolve().parent.parent
SCOPE = CorpusScope(REPO / "corpus")
TODAY = date(2026, 12, 6)
AMOUNT = re.compile(r"\d[\d,]*\.\d{2} 元")
NPC = "上海市人民代表大会常务委员会办公厅"


def ask(question: str, conversation: Conversation | None = None, today: date = TODAY):
    scope = SCOPE.current().qa
    return answer(question, conversation or Conversation(), None, scope=scope, finder=None, today=today)


def assert_refused_without_figures(result) -> None:
    assert result.refused and "语料库中没有" in result.text, result.text
    assert result.figure is None and not AMOUNT.search(result.text) and not result.rows, result.text


@pytest.mark.parametrize(
    "question",
    [
        "区人大换届选举经费申报了多少钱？",  # the trial's question: was the 2019 city NPC total
        "区人大的项目资金合计多少？",
        "某区人大常委会2019年的项目有哪些？",
        "浦东新区人大的信访平台花了多少钱？",
        "闵行区人大的项目有几个？",
        "县委组织部2023年项目资金总额合计多少？",
        "区委组织部的项目有哪些？",
        "街道党建服务中心今年申请了多少钱？",
        "镇人大的项目资金总额是多少？",
        "全国人大的信息化项目花了多少钱？",
        "区级党建服务中心的项目资金总额是多少？",
        "某街道的项目有哪些？",
        "各区的项目资金合计多少？",
        "乡镇的项目有几个？",
    ],
)
def test_a_unit_written_at_another_level_is_refused(question):
    assert_refused_without_figures(ask(question))


def test_the_refusal_names_the_unit_meant_and_the_units_of_that_level():
    text = ask("区人大换届选举经费申报了多少钱？").text
    assert "“区人大”" in text and f"“{NPC}”，但它不是区级单位" in text
    assert "语料库中的区级单位：闵行区党建服务中心" in text
    assert "“换届选举”" in text and "世博中心致远厅市人代会主席团电子会务系统建设经费" in text  # where 换届/选举 occur


@pytest.mark.parametrize(
    "question",
    [
        "市人大的换届选举经费是多少？",
        "2019年人大的立法调研经费合计多少？",
        "组织部的公务员招录考试经费申请了多少？",
        "2023年组织部的干部体检费一共多少钱？",
        "人大代表之家建设花了多少？",
        "组织部关于干部档案数字化的钱一共多少？",
        "信息化运维项目的驻场人员经费是多少？",
    ],
)
def test_money_for_a_purpose_no_declaration_holds_is_refused(question):
    assert_refused_without_figures(ask(question))


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("市人大2019年的项目资金总额合计多少？", "9,089,616.00 元"),
        ("上海市人大常委会2019年的项目经费一共多少？", "9,089,616.00 元"),
        ("上海市委组织部2023年项目资金总额合计多少？", "26,413,037.00 元"),
        ("2019年人大那几个平台系统总投入多少？", "9,089,616.00 元"),
        ("党员远程教育电教经费申请了多少钱？", "4,818,000.00 元"),
        ("2026年党建服务中心的项目平均每个申请了多少资金？", "2,496,445.20 元"),
    ],
)
def test_units_and_projects_at_their_own_level_are_still_answered(question, figure):
    result = ask(question)
    assert not result.refused and result.figure == figure, result.text


def test_levels_read_before_a_short_form():
    assert written_level("区").level == DISTRICT_LEVEL
    assert written_level("浦东新区").district == "浦东"
    assert written_level("｜县委").level == DISTRICT_LEVEL
    assert written_level("上海") is None
    assert agrees(written_level("市"), NPC) and not agrees(written_level("区"), NPC)
    assert agrees(written_level("区"), "闵行区党建服务中心") and not agrees(
        written_level("徐汇区"), "闵行区党建服务中心"
    )
    assert written_level("全国").level != CITY


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("去年组织部的项目有哪些？", 2025),
        ("前年各项目资金合计多少？", 2024),
        ("明年信息化建设项目申请了多少？", 2027),
        ("去年信息化运维项目有几个指标？", 2025),
    ],
)
def test_a_relative_year_the_corpus_lacks_is_said_with_the_nearest_years(question, year):
    result = ask(question)
    assert_refused_without_figures(result)
    assert f"算是{year}年" in result.text and f"语料库中没有{year}年的申报表" in result.text
    assert "最接近的年度" in result.text


def test_relative_years_count_from_the_injected_clock():
    this_year = ask("今年信息化运维项目的年度资金申请总额是多少？")
    assert this_year.figure == "2,822,846.00 元" and "“今年”按今天（2026年12月6日）算是2026年" in this_year.text
    earlier = ask("去年信息化运维项目的年度资金申请总额是多少？", today=date(2024, 2, 1))
    assert earlier.figure == "2,882,482.00 元" and "算是2023年" in earlier.text
    assert ask("大前年有哪些项目？").query.filters.years == (2023,)


def test_a_relative_year_in_a_follow_up_is_refused_not_answered_for_another_year():
    conversation = Conversation()
    assert ask("今年信息化运维项目申请了多少？", conversation).figure == "2,822,846.00 元"
    assert_refused_without_figures(ask("去年的呢？", conversation))


def test_the_cli_reads_the_clock_from_the_environment():
    runner = CliRunner()
    shown = runner.invoke(
        app, ["ask", "去年信息化运维项目申请了多少？", "--llm", "none"], env={"ASSISTANT_TODAY": "2024-05-01"}
    )
    assert shown.exit_code == 0 and "算是2023年" in shown.output and "2,882,482.00" in shown.output
    bad = runner.invoke(app, ["ask", "去年的项目有哪些", "--llm", "none"], env={"ASSISTANT_TODAY": "昨天"})
    assert bad.exit_code != 0 and "ASSISTANT_TODAY" in bad.output and "Traceback" not in bad.output


def test_verbose_diagnostics_of_a_refusal_go_to_stderr_never_into_the_answer():
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "区人大换届选举经费申报了多少钱？", "--llm", "none", "--verbose"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "ASSISTANT_TODAY": "2026-12-06"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-1000:]
    assert "语料库中没有单位“区人大”" in done.stdout and not AMOUNT.search(done.stdout)
    assert "［诊断］" not in done.stdout and not re.search(r"[a-z_]{5,}", done.stdout)
    assert "［诊断］" in done.stderr and "unknown_subject=换届选举" in done.stderr


def test_a_follow_up_after_a_refused_unit_does_not_go_back_to_the_unit_asked_before():
    conversation = Conversation()
    assert ask("2019年人大的项目资金合计多少？", conversation).figure == "9,089,616.00 元"
    assert_refused_without_figures(ask("区人大的项目资金合计多少？", conversation))
    after = ask("那2019年的呢？", conversation)
    assert after.figure is None and "9,089,616.00" not in after.text


def test_a_follow_up_naming_an_absent_project_is_refused():
    conversation = Conversation()
    assert ask("组织力建设信息化平台的项目资金总额是多少？", conversation).figure == "240,000.00 元"
    assert_refused_without_figures(ask("那智慧城管平台呢？", conversation))
