"""`assistant suggest` through the real CLI on the real corpus."""

import json

from typer.testing import CliRunner

from assistant.cli.main import app

runner = CliRunner()


def test_example_prints_the_grouped_table():
    result = runner.invoke(app, ["suggest", "--example"])
    assert result.exit_code == 0, result.output
    for text in (
        "指标建议：党员教育平台运维项目",
        "最相近的历年申报表",
        "产出指标",
        "数量指标",
        "满意度指标",
        "历史标准",
        "必备类别",
    ):
        assert text in result.output
    assert "✗" not in result.output  # every required category covered


def test_json_parses_with_evidence():
    result = runner.invoke(app, ["suggest", "--example", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["brief_name"] == "党员教育平台运维项目" and data["year"] == 2027
    assert all(c["covered"] for c in data["coverage"])
    first = data["suggestions"][0]
    assert first["level1"] == "产出指标" and first["value"]["ground"] in {"历史标准", "计划标准"}
    assert {"declaration_id", "project_name", "year", "value"} <= set(first["evidence"][0])


def test_brief_file_in_chinese(tmp_path):
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "项目名称: 信息化建设项目\n年度: 2027\n主要内容: 升级党建服务平台，完成等级保护测评。\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["suggest", str(brief), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["suggestions"]


def test_bad_brief_is_a_chinese_error_naming_the_field(tmp_path):
    brief = tmp_path / "bad.yaml"
    brief.write_text("项目名称: 甲\n年度: 明年\n", encoding="utf-8")
    result = runner.invoke(app, ["suggest", str(brief)])
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "字段 年度" in result.output and "建议：" in result.output


def test_needs_a_brief_or_the_example(tmp_path):
    assert runner.invoke(app, ["suggest"]).exit_code == 2
    both = runner.invoke(app, ["suggest", str(tmp_path / "x.yaml"), "--example"])
    assert both.exit_code == 2 and "二者选一" in both.output
