"""`assistant drafts edit` as the README promises it (new-user trial, 2026-12-06): every editable list cell by its
Chinese name (项目构成.3.金额 was refused: 项目构成 also names a section), and a funding edit that keeps the brief's
amounts readable, so review adds no FUND-BLANK the first version did not have and names the sum that no longer holds.
Real CLI (typer's CliRunner), real SQLite store in a temp dir, rules only."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.services.editing import normalise_path

runner = CliRunner()
BRIEF = """项目名称: 社区老年人助餐服务补贴经费
年度: 2027
主管部门: 上海市徐汇区民政局
实施单位: 上海市徐汇区养老服务指导中心
项目性质: 其他经常性项目
项目类别: 其他运转类
资金: {总额: 3260000, 财政资金: 3260000, 其他资金: 0, 年度申请: 3260000, 上年结转资金: 0}
开始日期: 2027-01-01
结束日期: 2027-12-31
主要内容: 依托辖区13个街镇的社区长者食堂和42个助餐点，为60周岁以上老年人提供助餐服务，全年预计供餐45万人次；老年人就餐满意度不低于90%。
实施计划:
  - {时间: 2027年1—3月, 内容: 签订补贴协议}
  - {时间: 2027年4—12月, 内容: 按月拨付补贴}
项目构成:
  - {名称: 困难老人助餐补贴, 内容: 30万餐次×6元, 金额: 1800000}
  - {名称: 送餐上门配送补贴, 内容: 8万人次×3元, 金额: 240000}
  - {名称: 助餐点运营补助, 内容: 42个助餐点运营补助, 金额: 1050000}
  - {名称: 食品安全检查及第三方评估, 内容: 季度检查与满意度测评, 金额: 170000}
"""


@pytest.fixture
def drafted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_STORE__USER", "张三")
    monkeypatch.setenv("ASSISTANT_LLM__PROVIDER", "none")
    brief = tmp_path / "brief.yaml"
    brief.write_text(BRIEF, "utf-8")
    _ok(["draft", str(brief), "--llm", "none"])
    return tmp_path


def _ok(args: list[str]):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result


def _shown(version: int | None = None) -> dict:
    args = ["drafts", "show", "1", "--json"] + (["-v", str(version)] if version else [])
    return json.loads(_ok(args).stdout)


def _rules(review: dict) -> set[str]:
    return {f["rule_id"] for f in review["findings"]}


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("项目构成.3.名称", "composition.3.part"),
        ("项目构成.3.内容", "composition.3.detail"),
        ("项目构成.3.金额", "composition.3.amount"),
        ("项目构成.2", "composition.2"),
        ("项目构成", "composition"),
        ("实施计划.2.时间", "plan.2.period"),
        ("实施计划.2.内容", "plan.2.work"),
        ("制度保障", "safeguards"),
        ("政策依据", "policies"),
        ("指标.4.名称", "indicator.4.name"),
        ("指标.4.三级指标", "indicator.4.name"),
        ("指标.4.指标值", "indicator.4.value"),
        ("指标.4.一级指标", "indicator.4.level1"),
        ("指标.4.二级", "indicator.4.level2"),
        ("正文.项目构成", "section.composition"),
        ("项目实施计划", "section.plan"),
    ],
)
def test_every_list_cell_reads_by_its_chinese_name(chinese: str, english: str) -> None:
    assert normalise_path(chinese) == english


def test_a_composition_amount_edited_by_its_chinese_name(drafted: Path) -> None:
    edited = _ok(["drafts", "edit", "1", "--field", "项目构成.3.金额", "1090000"])
    assert "第 2 版" in edited.output and "项目构成" in edited.output
    assert Decimal(_shown()["draft"]["brief"]["composition"][2]["amount"]) == Decimal(1090000)


def test_a_funding_total_edit_keeps_the_briefs_amounts_and_names_the_broken_sum(drafted: Path) -> None:
    first = _rules(_shown(1)["draft"]["review"])
    assert "FUND-BLANK" not in first
    _ok(["drafts", "edit", "1", "--field", "资金.总额", "330万"])
    after = _rules(_shown(2)["draft"]["review"])
    assert after - first == {"FUND-SUM"}, after  # 财政资金 + 其他资金 ≠ the new 总额; no FUND-BLANK
    listed = runner.invoke(app, ["check", "1"]).output
    assert "3,300,000.00" in listed and "FUND-BLANK" not in listed


@pytest.mark.parametrize(
    ("funding", "split"),
    [
        ({"总额": 3300000, "财政资金": 3300000, "其他资金": 0, "年度申请": 3260000, "上年结转资金": 0}, (3260000, 0)),
        ({"总额": 900, "财政资金": 0, "其他资金": 900, "年度申请": 500, "上年结转资金": 100}, (0, 400)),
        ({"总额": 900, "财政资金": 600, "其他资金": 300, "年度申请": 500, "上年结转资金": 0}, (None, None)),
        ({"总额": 900, "财政资金": 900, "其他资金": 0, "年度申请": 500}, (None, None)),
        ({"总额": 500, "财政资金": 400, "其他资金": 100, "年度申请": 500, "上年结转资金": 0}, (400, 100)),
    ],
)
def test_the_years_split_is_read_from_the_brief_only_where_its_figures_fix_it(funding: dict, split: tuple) -> None:
    """A multi-year project's 财政拨款（当年）/其他资金（当年） follow from the brief only when one source is 0 for the
    whole project; otherwise they stay blank (never a guessed split)."""
    from assistant.domain.brief import example_brief
    from assistant.domain.skeleton import brief_declaration

    data = example_brief().model_dump(by_alias=True) | {"资金": funding}
    brief = type(example_brief()).model_validate(data)
    got = brief_declaration(brief).funding
    want = tuple(None if v is None else Decimal(v) for v in split)
    assert (got.fiscal_annual, got.other_annual) == want
