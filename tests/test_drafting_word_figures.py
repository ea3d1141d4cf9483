"""Red team rt10 #6: a brief's figures written in Chinese words are read as its digits are (百分之九十五 = 95%,
九成 = 90%, 百分之九十八点五 = 98.5%), so the draft never puts a template 90% where the brief gave 95% nor says
简报未写明; and one measure given two figures at different scales (二十万人次 / 15万人次) is noted with both."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from cli_support import cli_env
from cli_support import ok as _ok

from assistant.domain.brief import Brief
from assistant.domain.statements import Kind, read_text
from assistant.drafting.brief_figures import brief_figure_notes

BASE: dict[str, Any] = {
    "项目名称": "社区老年助餐服务补贴",
    "年度": 2027,
    "主管部门": "上海市闵行区民政局",
    "实施单位": "上海市闵行区养老服务指导中心",
    "项目性质": "其他经常性项目",
    "项目类别": "特定目标类",
    "资金": {"总额": 860000, "财政资金": 860000, "其他资金": 0, "年度申请": 860000, "上年结转资金": 0},
    "开始日期": "2027-01-01",
    "结束日期": "2027-12-31",
    "主要内容": "为辖区老年人提供助餐服务，全年供餐二十万人次，每餐补贴5元。老年人就餐满意度达到95%。",
}


def _rates(text: str) -> list[tuple[str, str]]:
    return [(str(s.number), s.op) for s in read_text(text, "主要内容") if s.kind is Kind.RATE]


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("老年人就餐满意度达到百分之九十五。", "老年人就餐满意度达到95%。"),
        ("群众满意度不低于九成。", "群众满意度不低于90%。"),
        ("知晓率达到九成五以上。", "知晓率达到95%以上。"),
        ("检测合格率达到百分之九十八点五。", "检测合格率达到98.5%。"),
        ("覆盖率达到百分之百。", "覆盖率达到100%。"),
        ("差错率控制在百分之二以内。", "差错率控制在2%以内。"),
    ],
)
def test_a_share_in_words_reads_as_its_digits(words: str, digits: str) -> None:
    assert _rates(words) == _rates(digits) != []


@pytest.mark.parametrize("text", ["工作一成不变。", "建成三成员小组。", "完成八成功能测试。"])
def test_words_with_成_that_state_no_share_are_not_rates(text: str) -> None:
    assert _rates(text) == []


def test_one_measure_at_two_scales_is_noted_with_both() -> None:
    brief = Brief.model_validate({**BASE, "主要内容": "全年供餐二十万人次，每餐补贴5元。全年供餐15万人次。"})
    (note,) = [n for n in brief_figure_notes(brief) if "不同的数字" in n.message]
    assert "200000人次" in note.message and "15万人次" in note.message


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def _satisfaction(tmp_path: Path, content: str) -> dict[str, Any]:
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump({**BASE, "主要内容": content}, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "draft.json"
    _ok(["draft", str(path), "--llm", "none", "-o", str(out)])
    draft = json.loads(out.read_text(encoding="utf-8"))
    (row,) = [i for i in draft["indicators"] if "满意度" in i["name"]]
    return dict(row)


def test_draft_takes_the_briefs_worded_rate_not_a_template(data_dir: Path, tmp_path: Path) -> None:
    words = _satisfaction(tmp_path, BASE["主要内容"].replace("95%", "百分之九十五"))
    digits = _satisfaction(tmp_path, BASE["主要内容"])
    assert words["name"] == digits["name"] and words["value"]["value"] == digits["value"]["value"] == "≥95(%)"
    assert "简报未写明" not in json.dumps(words, ensure_ascii=False)
