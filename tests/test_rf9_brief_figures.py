"""rt8 R7: a brief that gives two different figures for one measure, or a figure in a unit no measure uses, is
never drafted silently: a 起草提示 note names both figures and where each is written; the total-cost row's ground
names the funding field whose figure it used. Real brief model, real rules drafting through the CLI (no model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from cli_support import cli_env
from cli_support import ok as _ok

from assistant.domain.brief import Brief
from assistant.drafting.brief_figures import brief_figure_notes
from assistant.drafting.models import NoteKind

BASE: dict[str, Any] = {
    "项目名称": "基层法律援助服务经费",
    "年度": 2027,
    "主管部门": "上海市闵行区司法局",
    "实施单位": "上海市闵行区法律援助中心",
    "项目性质": "其他经常性项目",
    "项目类别": "其他运转类",
    "资金": {"总额": 860000, "财政资金": 860000, "其他资金": 0, "年度申请": 860000, "上年结转资金": 0},
    "开始日期": "2027-01-01",
    "结束日期": "2027-12-31",
    "主要内容": "为辖区困难群众提供法律援助，全年办理援助案件1200件。",
    "政策依据": ["《中华人民共和国法律援助法》"],
}


def _brief(content: str, **extra: Any) -> Brief:
    return Brief.model_validate({**BASE, "主要内容": content, **extra})


@pytest.mark.parametrize(
    ("content", "figures"),
    [
        ("全年办理援助案件1200件；全年办理援助案件3000件。", ("1200", "3000")),
        ("全年办理援助案件1200件。年内共办理援助案件3000件。", ("1200", "3000")),
        ("每件补贴500元，另有说明。每件补贴2万元。", ("500", "20000")),
        ("每人补助300元。每人补助0.5万元。", ("300", "5000")),
        ("培训基层调解员500人次。培训基层调解员800人次。", ("500", "800")),
    ],
)
def test_two_figures_for_one_measure_are_noted_with_both(content: str, figures: tuple[str, str]) -> None:
    notes = [n for n in brief_figure_notes(_brief(content)) if "不同的数字" in n.message]
    assert len(notes) == 1, notes
    note = notes[0]
    assert note.kind is NoteKind.CONFLICTING_FIGURES
    assert all(f in note.message for f in figures) and "主要内容“" in (note.fragment or "")
    assert (note.fragment or "").count("主要内容“") == 2


def test_figures_in_two_fields_name_each_field() -> None:
    brief = _brief(
        "全年培训基层调解员500人次。",
        项目构成=[{"名称": "培训费", "金额": 100000, "内容": "培训基层调解员800人次"}],
    )
    notes = [n for n in brief_figure_notes(brief) if "不同的数字" in n.message]
    assert notes and "主要内容“" in (notes[0].fragment or "") and "项目构成“" in (notes[0].fragment or "")


@pytest.mark.parametrize(
    "content",
    [
        "购置300台记录仪、120台打印终端。",  # a listing: two items
        "全年办理援助案件1200件。全年办理援助案件1200件。",  # the same figure twice
        "全年办理援助案件1200件，其中刑事案件办理援助案件300件。",  # a part
        "培训基层调解员500人次；另培训基层调解员800人次。",  # an addition
        "在12月底前完成，覆盖5公顷，100多人参加，办结率达到95%。",  # ordinary units
    ],
)
def test_consistent_figures_get_no_note(content: str) -> None:
    assert brief_figure_notes(_brief(content)) == []


@pytest.mark.parametrize(("content", "unit"), [("开展普法讲座40光年。", "光年"), ("开展普法讲座3马力", "马力")])
def test_a_unit_no_measure_uses_is_noted(content: str, unit: str) -> None:
    notes = brief_figure_notes(_brief(content))
    assert len(notes) == 1 and f"“{unit}”不是" in notes[0].message and "开展普法讲座" in (notes[0].fragment or "")


def test_the_repository_briefs_get_no_figure_notes() -> None:
    """No false alarms on the briefs the product ships and evaluates (examples, eval sets, fixtures)."""
    root = Path(__file__).resolve().parents[1]
    read = 0
    for path in sorted(root.glob("**/*.yaml")):
        try:
            brief = Brief.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except Exception:  # not a brief (config, workflow…)
            continue
        read += 1
        assert brief_figure_notes(brief) == [], path
    assert read >= 50


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return cli_env(tmp_path, monkeypatch)


def _draft(tmp_path: Path, brief: dict[str, Any]) -> dict[str, Any]:
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(brief, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "draft.json"
    _ok(["draft", str(path), "--llm", "none", "-o", str(out)])
    return dict(json.loads(out.read_text(encoding="utf-8")))


def test_draft_carries_the_notes_and_the_cost_ground_names_the_field(data_dir: Path, tmp_path: Path) -> None:
    brief = {
        **BASE,
        "资金": {"总额": 860000, "财政资金": 860000, "其他资金": 0, "年度申请": 1860000, "上年结转资金": 0},
        "主要内容": "全年办理援助案件1200件，每件补贴500元；全年办理援助案件3000件，每件补贴2万元；开展普法讲座40光年。",
    }
    draft = _draft(tmp_path, brief)
    text = json.dumps(draft["notes"], ensure_ascii=False)
    assert "1200" in text and "3000" in text and "500" in text and "20000" in text and "光年" in text
    total = next(i for i in draft["indicators"] if i["name"] == "项目总成本")
    basis = json.dumps(total["value"], ensure_ascii=False)
    assert "年度申请 1,860,000元" in basis and "项目资金 1,860,000" not in basis


def test_cost_ground_says_项目资金_when_it_is_that_figure(data_dir: Path, tmp_path: Path) -> None:
    draft = _draft(tmp_path, BASE)
    total = next(i for i in draft["indicators"] if i["name"] == "项目总成本")
    assert "项目资金 860,000元" in json.dumps(total["value"], ensure_ascii=False)


def test_review_names_both_figures_in_the_drafts_text(data_dir: Path, tmp_path: Path) -> None:
    brief = {**BASE, "主要内容": "全年办理援助案件1200件，每件补贴500元；全年办理援助案件3000件，每件补贴2万元。"}
    draft = _draft(tmp_path, brief)
    findings = [f for f in draft["review"]["findings"] if f["rule_id"] == "TEXT-FIGURES-DIFFER"]
    text = json.dumps(findings, ensure_ascii=False)
    assert len(findings) == 2 and "1200" in text and "3000" in text and "20000" in text


def test_review_is_quiet_on_the_corpus_forms() -> None:
    from assistant.domain.model import Declaration
    from assistant.review.checks_figures import check_figure_conflicts

    paths = sorted((Path(__file__).resolve().parents[1] / "corpus" / "declarations").glob("*.json"))
    assert len(paths) >= 10
    for path in paths:
        decl = Declaration.model_validate_json(path.read_text(encoding="utf-8"))
        assert list(check_figure_conflicts(decl)) == [], path
