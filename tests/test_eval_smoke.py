"""`assistant eval` plumbing on two cases, without a model: every section of the report, the JSON, the plots,
resuming from the case cache, `--compare`; and the baseline's plain parse on recorded replies."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.model import SectionKind
from assistant.evals.baseline import parse_reply

SKIP = ["--skip", "retrieval", "--skip", "indicators", "--skip", "store", "--skip", "office"]
HEADINGS = [
    "## 1. 总表",
    "## 2. 起草：留一法",
    "## 3. 起草：项目类型简报",
    "## 3b. 起草：是否紧扣本项目（语料库没有的项目类型）",
    "## 4. 其他评测套件",
    "## 5. 速度",
    "## 6. 方法与局限",
]
SUITES = ["检索", "指标建议（留一法）", "指标建议（项目类型简报）", "审核", "问答", "草稿库", "Word/Excel 读入模糊测试"]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    data, out = tmp_path_factory.mktemp("data"), tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASSISTANT_DATA_DIR", str(data))
        result = CliRunner().invoke(app, ["eval", "--llm", "none", "--limit", "2", *SKIP, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return data, out


def test_report_has_every_section_and_the_json_every_part(first_run):
    _, out = first_run
    report = (out / "report.md").read_text(encoding="utf-8")
    for heading in HEADINGS + [f" {title}" for title in SUITES]:
        assert heading in report
    assert "| 2023-003-03 | 本产品 | 是 |" in report  # the second of two spread declarations, drafted by rules
    assert "基线本次没有运行" in report  # no model: the report says the baseline did not run, not that it lost
    payload = json.loads((out / "report.json").read_text(encoding="utf-8"))
    figures = payload["figures"]
    assert figures["drafting.loo.ours.cases"] == 2 and figures["drafting.types.baseline.cases"] == 2
    assert figures["drafting.loo.ours.schema_valid"] == 1.0 and figures["drafting.loo.baseline.schema_valid"] == 0.0
    assert figures["qa.cases"] == 2 and "review.p50_ms" in figures and "types.test.kept" in figures
    assert figures["drafting.subject.test.cases"] == 2 and figures["drafting.subject.test.foreign_basis"] == 0
    assert payload["meta"]["provider"] == "none" and "核" in payload["meta"]["machine"]
    for png in ("report-headline.png", "report-speed.png", "report-prompt-scaling.png"):
        assert (out / png).read_bytes()[:4] == b"\x89PNG"


def test_a_second_run_takes_finished_cases_from_the_cache_and_compare_prints_the_differences(
    first_run, tmp_path, monkeypatch
):
    data, out = first_run
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    skip_all = [*SKIP, "--skip", "types", "--skip", "review", "--skip", "qa"]
    result = CliRunner().invoke(
        app, ["eval", "--llm", "none", "--limit", "2", *skip_all, "--max-minutes", "0", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    second = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    # 2 declarations + 2 briefs, product and baseline each, + 2 subject briefs (product only): a spent budget keeps them
    assert second["meta"]["cache_hits"] == 10
    assert second["figures"]["drafting.loo.ours.cases"] == 2
    shown = CliRunner().invoke(app, ["eval", "--compare", str(out / "report.json"), str(tmp_path / "report.json")])
    assert shown.exit_code == 0, shown.output
    assert "drafting.loo.ours.indicator_f1" in shown.output and "review.p50_ms" in shown.output


def test_a_spent_time_budget_leaves_uncached_cases_out_and_lists_them(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    skip_all = [*SKIP, "--skip", "types", "--skip", "review", "--skip", "qa"]
    result = CliRunner().invoke(
        app, ["eval", "--llm", "none", "--limit", "1", *skip_all, "--max-minutes", "0", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "未运行、不计入的起草用例**：留一法起草：2019-002-01、类型简报起草：02-meeting" in report
    assert (
        "drafting.loo.ours.cases" not in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["figures"]
    )


def test_compare_refuses_a_missing_file_in_chinese(tmp_path):
    result = CliRunner().invoke(app, ["eval", "--compare", str(tmp_path / "a.json"), str(tmp_path / "b.json")])
    assert result.exit_code == 2 and "找不到评测结果文件" in result.output


RECORDED_VALID = """```json
{"项目概况": "本项目由区政务服务中心实施。", "立项依据": ["《上海市公共数据管理办法》"], "项目实施的必要性": "为提升服务水平。",
 "项目总目标": "保障系统稳定运行。", "年度绩效目标": "全年完成运维。",
 "绩效指标": [{"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "运维系统数量", "指标值": "≥3个"}]}
```"""


def test_the_baseline_parses_a_fenced_reply_and_fails_a_cut_or_off_framework_one():
    parsed = parse_reply(RECORDED_VALID)
    assert (
        parsed.schema_valid
        and parsed.sections[SectionKind.GOAL_TOTAL] == "保障系统稳定运行。"
        and parsed.rows[0].name == "运维系统数量"
    )
    cut = parse_reply(RECORDED_VALID[:200])  # the token limit hit mid-object: plain json.loads fails
    assert not cut.schema_valid and cut.failure.startswith("JSON 解析失败")
    off = parse_reply(RECORDED_VALID.replace("数量指标", "投入指标"))
    assert not off.schema_valid and off.rows[0].level2 is None and off.sections  # still scored on what parsed


def test_the_baseline_prompt_carries_the_brief_and_the_chunks():
    from assistant.domain.brief import example_brief
    from assistant.evals.baseline import messages_for

    brief = example_brief()
    human = messages_for(brief, ["【某项目 · 2023 · 项目概况】示例片段"])[-1].content
    assert (
        f"项目名称：{brief.name}" in human
        and "[1] 【某项目 · 2023 · 项目概况】示例片段" in human
        and '"绩效指标"' in human
    )
