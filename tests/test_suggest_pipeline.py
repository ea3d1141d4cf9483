"""The suggestion path end to end for briefs of kinds no template was written for (issue 21, items 4 and 7)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.domain.brief import load_brief
from assistant.domain.framework import Level1, Level2
from assistant.review.engine import review
from assistant.review.models import Severity
from assistant.suggest.bank import build_bank
from assistant.suggest.guard import draft_declaration
from assistant.suggest.models import Ground, Origin, provenance
from assistant.suggest.pipeline import is_sure, own_rows, read_brief
from assistant.suggest.suggest import default_context, suggest

CASES = Path(__file__).resolve().parent.parent / "evals" / "indicators" / "types" / "unlisted" / "briefs"
PUBLICITY_ROWS = re.compile(r"宣传内容|知晓率|宣传活动场次|宣传品制作|新媒体|服务质量考核|需求响应")


@pytest.fixture(scope="module")
def bank(corpus):
    return build_bank(corpus.declarations)


@pytest.fixture(scope="module")
def election(bank):
    return suggest(load_brief(CASES / "01-election.yaml"), bank)


def _values(result):
    return {s.name: s.value.value for s in result.suggestions}


def test_each_step_has_a_typed_output():
    reading = read_brief(load_brief(CASES / "01-election.yaml"))
    assert not reading.sure and reading.verdict.type is not None  # 宣传 and 培训 words, no type in the name
    own = own_rows(reading)
    assert {Level2.QUANTITY, Level2.ECONOMIC_COST} <= own.level2s()
    assert all(r.origin is Origin.BRIEF for r in own.rows)


def test_an_unsure_brief_gets_its_own_rows_and_no_foreign_template(election):
    values = _values(election)
    assert values["选区划分数量"] == "≥180(个)" and values["选民登记人数"] == "≥78(万人)"
    assert values["选举工作人员培训人均成本"] == "≤160(元/人次)"
    assert not [n for n in values if PUBLICITY_ROWS.search(n)]
    assert not [s for s in election.suggestions if s.origin is Origin.TEMPLATE and s.level2 is Level2.QUANTITY]


def test_the_table_passes_the_review(election, bank):
    brief = load_brief(CASES / "01-election.yaml")
    report = review(draft_declaration(brief, election.suggestions), default_context(bank))
    flagged = [
        f.rule_id for f in report.findings if f.severity in {Severity.ERROR, Severity.WARNING} and f.location.indicator
    ]
    assert flagged == []


def test_the_condolence_fund_states_its_standards_never_a_quotient(bank):
    result = suggest(load_brief(CASES / "02-condolence.yaml"), bank)
    costs = [s for s in result.suggestions if s.level1 is Level1.COST]
    assert {s.value.value for s in costs} >= {"=500(元/人)", "=1000(元/人)", "≤75(万元)"}
    assert not any(s.value.number == Decimal(834) for s in result.suggestions)
    assert any("900名 × 500元/人 + 300名 × 1000元/人" in n for s in costs for n in s.notes)


def test_a_sure_type_keeps_its_template_names_for_the_brief_figures(bank):
    brief = load_brief(Path(__file__).resolve().parent.parent / "evals/indicators/types/briefs/14-inspection.yaml")
    reading = read_brief(brief)
    assert is_sure(reading.verdict)
    values = _values(suggest(brief, bank))
    assert values["检测样品数量"] == "≥4000(批次)" and values["单批次检测成本"] == "≤350(元/批次)"
    assert values["检测项目数量"] == "≥32(项)"


def test_the_draft_uses_the_same_path():
    from assistant.services.scope import CorpusScope
    from assistant.services.writing import draft_brief, draft_context
    from assistant.settings import LLMProvider, load_settings

    settings = load_settings()
    settings.llm.provider = LLMProvider.NONE
    brief = load_brief(CASES / "02-condolence.yaml")
    draft = draft_brief(
        brief, settings, None, context=draft_context(brief, CorpusScope(settings.corpus.corpus_dir).current())
    )
    values = {i.name: i.value.value for i in draft.indicators}
    assert values.get("困难党员慰问标准") == "=500(元/人)" and "834" not in " ".join(values.values())


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("*.yaml")))
def test_every_table_carries_the_categories_its_review_requires(case, bank):
    """The rules' table of any brief passes its own review's completeness checks (an election brief's draft failed
    with FW-MISSING-L2: no 效益指标): a category the brief gives nothing for gets a marked framework row."""
    brief = load_brief(CASES / case)
    result = suggest(brief, bank)
    report = review(draft_declaration(brief, result.suggestions), default_context(bank))
    assert [f.message for f in report.findings if f.rule_id in {"FW-MISSING-L2", "FW-COST"}] == []
    assert result.complete
    for row in result.suggestions:
        if row.origin is Origin.FRAMEWORK and row.value.ground is not Ground.PLAN:
            assert "框架必备类别" in provenance(row) and "请按实际" in row.value.basis


def test_a_framework_row_is_named_from_the_briefs_own_people(election):
    benefit = [s for s in election.suggestions if s.level1 is Level1.BENEFIT]
    assert [(s.name, s.origin) for s in benefit] == [("选民登记覆盖率", Origin.FRAMEWORK)]


def test_the_source_line_says_what_the_row_came_from(election):
    """来源 names the brief's field, a precedent or the framework; never a bare policy number."""
    lines = {s.name: provenance(s) for s in election.suggestions}
    assert lines["选区划分数量"] == "简报主要内容"
    assert lines["投票站运行保障单位成本"] == "简报主要内容、项目构成，按其中数字计算"
    assert lines["选民满意度"].startswith("框架必备类别")
    assert not [line for line in lines.values() if "财预" in line]


def test_seats_to_elect_are_a_fixed_number(election):
    assert _values(election)["应选区人大代表名额"] == "=300(名)"


def test_an_unsure_type_is_shown_as_undetermined(election):
    verdict = election.project_type
    assert verdict.type is None and verdict.guess is not None
    assert verdict.explain().startswith("未确定")
