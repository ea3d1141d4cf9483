"""Q&A and years: a year no form can have (99999年, 0年) or the corpus lacks is said so, never dropped and answered
over every year (real corpus, real parser, real CLI; no model)."""

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app

runner = CliRunner()
HELD = "2019年、2020年、2023年、2026年"


def ask(question: str, tmp_path) -> str:
    env = {"ASSISTANT_DATA_DIR": str(tmp_path), "ASSISTANT_LLM__PROVIDER": "none"}
    result = runner.invoke(app, ["ask", question, "--llm", "none"], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("99999年的项目有哪些", "99999年"),
        ("0年的项目有哪些", "0年"),
        ("3023年组织部的资金合计多少", "3023年"),
        ("那99年的呢？", "99年"),
    ],
)
def test_a_year_no_form_can_have_is_refused_with_the_years_held(tmp_path, question, written):
    output = ask(question, tmp_path)
    assert f"语料库中没有“{written}”的申报表" in output and HELD in output
    assert "共 18 个项目" not in output and "[" not in output  # no answer over all years, no citation


def test_a_duration_is_not_read_as_a_year(tmp_path):
    output = ask("近3年的项目有哪些", tmp_path)
    assert "不是可识别的预算年度" not in output


def test_a_lacking_year_beside_a_held_one_is_said(tmp_path):
    output = ask("2023年和2030年的项目有哪些", tmp_path)
    assert f"语料库中没有2030年的申报表（现有年度：{HELD}）" in output
    assert "共 6 个项目" in output and "（2023）" in output


def test_a_lacking_year_in_an_open_question_is_said(tmp_path):
    output = ask("2030年的项目为什么要做", tmp_path)
    assert "语料库中没有2030年的申报表" in output and HELD in output
