"""NAME-CUT and COST-FOREIGN-FIGURE (issue 22): rows that misread their own form's text.

The issue's elderly-meal table is rebuilt as a draft (its garbled rows as the trial got them) and reviewed
through the real `assistant check`; the real forms (the 18 seeds, the six published pages of turn 3) get
neither finding.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain.brief import load_brief
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.domain.values import ValueKind, parse_value
from assistant.drafting.as_declaration import to_declaration
from assistant.drafting.models import Draft, DraftIndicator, DraftSection
from assistant.review.checks_reading import check_reading, cut_reason
from assistant.suggest.models import Ground, ValueProposal

REPO = Path(__file__).resolve().parent.parent
BRIEF = REPO / "evals" / "drafting" / "briefs" / "elderly-canteen.yaml"
PAGES = REPO / "tests" / "fixtures" / "real_pages"  # turn 3's six published forms, and those found after them
REAL = [
    REPO / "corpus" / "declarations",
    PAGES,
    PAGES / "found" / "tune",
    PAGES / "found" / "test",
    PAGES / "found" / "test2",
]
RULES = {"NAME-CUT", "COST-FOREIGN-FIGURE"}
runner = CliRunner()


def _row(level2: Level2, name: str, value: str) -> DraftIndicator:
    parsed = parse_value(value)
    proposal = ValueProposal(
        value=value,
        kind=parsed.kind,
        operator=parsed.operator,
        number=parsed.number,
        unit=parsed.unit,
        ground=Ground.PLAN,
        basis="计划标准",
        fields=[],
    )
    level1 = Level1.COST if level2 is Level2.ECONOMIC_COST else Level1.OUTPUT
    return DraftIndicator(level1=level1, level2=level2, name=name, value=proposal, evidence=[], citations=[])


def _draft(rows: list[DraftIndicator]) -> Draft:
    brief = load_brief(BRIEF)
    return Draft(
        brief=brief,
        provider="none",
        model="rules",
        sections=[DraftSection(kind=SectionKind.OVERVIEW, text=brief.content, generated_by="rules")],
        basis=[],
        indicators=rows,
    )


def test_the_trial_s_garbled_rows_are_findings_through_check(tmp_path):
    draft = _draft(
        [
            _row(Level2.QUANTITY, "道3个社区长者食堂和依托数量", "≥12(个)"),
            _row(Level2.ECONOMIC_COST, "食品安全检查标准", "=12(元/次)"),
            _row(Level2.ECONOMIC_COST, "送餐费标准", "=12(元/单)"),
            _row(Level2.ECONOMIC_COST, "就餐补贴标准", "=4(元/餐)"),
        ]
    )
    path = tmp_path / "draft.json"
    path.write_text(draft.model_dump_json(), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--json"])
    findings = [f for f in json.loads(result.output)[0]["findings"] if f["rule_id"] in RULES]
    by_row = {(f["rule_id"], f["location"]["indicator"]["name"]) for f in findings}
    assert by_row == {("NAME-CUT", "道3个社区长者食堂和依托数量"), ("COST-FOREIGN-FIGURE", "食品安全检查标准")}
    foreign = next(f for f in findings if f["rule_id"] == "COST-FOREIGN-FIGURE")
    assert "送餐费每单12元" in foreign["message"]


@pytest.mark.parametrize(
    "name",
    ["参与人数", "群众参与满意度", "涉及人数", "按期完成率", "服务对象满意度", "覆盖3个街道的助餐点数量", "核对数量"],
)
def test_whole_names_are_not_cut(name: str):
    assert cut_reason(name) is None


@pytest.mark.parametrize("name", ["道3个社区长者食堂和依托数量", "社区食堂和依托人次", "老年人就餐并次数"])
def test_cut_names_are(name: str):
    assert cut_reason(name) is not None


def test_a_quotient_of_a_budget_line_is_not_judged_by_the_text():
    rows = [_row(Level2.ECONOMIC_COST, "长者食堂运营补贴单位成本", "≤300000(元/家)")]
    decl = to_declaration(_draft(rows))
    assert decl.indicators[0].value.kind is ValueKind.QUANTITATIVE
    assert list(check_reading(decl)) == []


@pytest.mark.parametrize("folder", REAL, ids=["seeds", "turn3-forms", "found-tune", "found-test", "found-test2"])
def test_real_forms_get_neither_finding(folder: Path):
    result = runner.invoke(app, ["check", str(folder), "--json"])
    reports = json.JSONDecoder().raw_decode(result.output)[0]  # a file that cannot be read is listed after the JSON
    assert len(reports) >= 3
    fired = [(r["name"], f["rule_id"]) for r in reports for f in r["findings"] if f["rule_id"] in RULES]
    assert fired == []
