"""Every field of a stored draft edited through the workspace service (real corpus, real SQLite store, rules only):
header, funding, dates, 实施计划, 项目构成, 立项依据, 制度保障 and sections, each save a version marked 人工修改
with the review run again; a funding change proposes the cost figures computed again; new and moved rows stay in
their 一级/二级 block; a draft started from last year's form proposes its dates and years moved to the new year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from web_support import REPO, web_settings

from assistant.domain.brief import example_brief
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.errors import InputError
from assistant.services import build_services
from assistant.services.derived import grouped, rolled_over
from assistant.services.editing import FieldEdit, normalise_path, parse_patch
from assistant.services.workspace import IndicatorInput
from assistant.store import INDICATOR_TABLE, Origin
from assistant.store.fields import ROLLOVER_TARGET


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("edit") / "data"))
    yield opened
    opened.close()


@pytest.fixture
def drafted(services):
    ws = services.workspace()
    return ws, ws.draft(example_brief(), on_event=_quiet).info.draft_id


def test_paths_read_in_english_and_chinese_and_unknown_ones_are_refused():
    assert normalise_path("开始日期") == "header.start_date"
    assert normalise_path("资金.总额") == "funding.total"
    assert normalise_path("实施计划.2.内容") == "plan.2.work"
    assert normalise_path("必要性") == "section.necessity"
    assert normalise_path("header.end_date") == "header.end_date"
    with pytest.raises(InputError, match="没有字段“header.colour”"):
        normalise_path("header.colour")
    edits = parse_patch("表头:\n  开始日期: 2028-01-01\n资金:\n  总额: 120万\n", source="p.yaml")
    assert [(e.path, str(e.value)) for e in edits] == [("header.start_date", "2028-01-01"), ("funding.total", "120万")]


def test_header_and_dates_edit_is_a_human_version_named_in_the_history(drafted):
    ws, draft_id = drafted
    saved, proposal = ws.edit_fields(
        draft_id,
        [FieldEdit("header.start_date", "2027-02-01"), FieldEdit("header.implementer", "某某中心")],
        base=1,
    )
    assert proposal is None and saved.info.number == 2
    stored = ws.open(draft_id)
    assert stored.draft.brief.start_date == date(2027, 2, 1) and stored.draft.brief.implementer == "某某中心"
    assert stored.fields["header.start_date"].origin is Origin.HUMAN
    assert stored.fields["header.name"].origin is Origin.BRIEF
    assert ws.history(draft_id)[-1].section == "实施单位、开始日期"
    assert stored.draft.review is not None
    with pytest.raises(InputError, match="结束日期 .* 早于开始日期"):
        ws.edit_fields(draft_id, [FieldEdit("header.end_date", "2026-01-01")], base=2)


def test_a_funding_change_proposes_the_cost_rows_computed_again(drafted):
    ws, draft_id = drafted
    before = ws.open(draft_id).draft
    costs = {r.name: r.value.value for r in before.indicators if r.level1 is Level1.COST}
    assert costs, "the example's table has cost rows computed from its funding"
    saved, proposal = ws.edit_fields(draft_id, [FieldEdit("资金.年度申请", "180万")], base=1)
    assert saved.draft.brief.funding.annual == Decimal(1800000)
    assert proposal is not None and proposal.target == INDICATOR_TABLE and proposal.base == 2
    proposed = {r.name: r.value.value for r in proposal.draft.indicators if r.level1 is Level1.COST}
    assert proposed != costs
    assert [r for r in proposal.draft.indicators if r.level1 is not Level1.COST] == [
        r for r in before.indicators if r.level1 is not Level1.COST
    ]
    accepted = ws.accept(draft_id, proposal.id, base=2)
    assert accepted.info.number == 3
    assert {r.name: r.value.value for r in ws.open(draft_id).draft.indicators if r.level1 is Level1.COST} == proposed


def test_plan_composition_basis_safeguards_and_sections_are_edited(services, drafted):
    ws, draft_id = drafted
    policy = services.scope.current().policies[0]
    edits = [
        FieldEdit("plan", [{"时间": "2027年1—6月", "内容": "完成招标"}, "2027年7—12月｜运维与验收"]),
        FieldEdit("composition.1.amount", "300000"),
        FieldEdit("basis", [policy.id, "某区自定的办法"]),
        FieldEdit("safeguards", ["项目管理制度｜《某中心项目管理办法》｜按季度检查"]),
        FieldEdit("section.necessity", "人工写的必要性。"),
    ]
    saved, _ = ws.edit_fields(draft_id, edits, base=1)
    draft = ws.open(draft_id).draft
    assert [(s.period, s.work) for s in draft.brief.plan] == [
        ("2027年1—6月", "完成招标"),
        ("2027年7—12月", "运维与验收"),
    ]
    assert draft.brief.composition[0].amount == Decimal("300000")
    assert draft.basis[0].policy_id == policy.id and draft.basis[1].user_supplied
    assert draft.safeguards[0].document == "《某中心项目管理办法》"
    assert draft.section(SectionKind.NECESSITY).text == "人工写的必要性。"
    fields = ws.open(draft_id).fields
    for path in ("plan", "composition", "basis", "safeguards", "section.necessity"):
        assert fields[path].origin is Origin.HUMAN, path
    # 立项依据 reordered and one removed
    ws.edit_fields(draft_id, [FieldEdit("basis", ["某区自定的办法"])], base=saved.info.number)
    assert [b.title for b in ws.open(draft_id).draft.basis] == ["某区自定的办法"]


def test_a_new_or_regrouped_row_goes_inside_its_block_and_moves_stay_there(drafted):
    ws, draft_id = drafted
    row = IndicatorInput(Level1.OUTPUT, Level2.QUANTITY, "新增数量指标", number=Decimal(5), unit="次")
    saved = ws.put_row(draft_id, None, row, base=1)
    table = saved.draft.indicators
    assert grouped(table) == table
    n = next(i for i, r in enumerate(table, start=1) if r.name == "新增数量指标")
    assert table[n - 2].level2 is Level2.QUANTITY and table[-1].name != "新增数量指标"
    block = [i for i, r in enumerate(table, start=1) if r.level2 is Level2.QUANTITY]
    with pytest.raises(InputError, match="不能移出该二级指标"):
        ws.move_row(draft_id, block[-1], 1, base=2)


def test_roll_over_moves_dates_years_and_deadlines():
    draft = rolled_over_fixture()
    moved, changes = rolled_over(draft, old_year=2027, dates=(date(2027, 1, 1), date(2027, 12, 31)))
    assert moved.brief.start_date == date(2028, 1, 1) and moved.brief.end_date == date(2028, 12, 31)
    assert moved.section(SectionKind.GOAL_ANNUAL).text.startswith("2028年度：")
    assert any("开始日期" in c for c in changes) and any("年度绩效目标" in c for c in changes)


def rolled_over_fixture():
    from assistant.drafting.models import Draft, DraftSection

    brief = example_brief().model_copy(update={"year": 2028, "start_date": None, "end_date": None})
    return Draft(
        brief=brief,
        provider="none",
        model="上传的申报表",
        sections=[DraftSection(kind=SectionKind.GOAL_ANNUAL, text="2027年度：完成运维。", generated_by="x")],
        basis=[],
        indicators=[],
    )


def test_a_draft_from_last_years_form_proposes_the_new_year(services, tmp_path):
    ws = services.workspace()
    source = next(p for p in sorted((REPO / "corpus" / "declarations").glob("2023-*.json")))
    started = ws.start_from_upload(source, year=2024)
    proposal = started.rollover
    assert proposal is not None and proposal.target == ROLLOVER_TARGET
    assert "开始日期" in (proposal.instruction or "")
    saved = ws.accept(started.saved.info.draft_id, proposal.id, base=1)
    assert saved.draft.brief.start_date is not None and saved.draft.brief.start_date.year == 2024


def test_export_never_splits_a_block_even_of_a_table_saved_split(drafted, tmp_path):
    from docx import Document

    from assistant.services.export import ExportFormat

    ws, draft_id = drafted
    table = list(ws.open(draft_id).draft.indicators)
    split = table[0].model_copy(update={"name": "拆开的同组指标"})
    other = next(r for r in table if r.level2 is not table[0].level2)
    ws.save_indicators(draft_id, [*table, split], base=1)  # a table saved with its first block split
    path = ws.export(draft_id, ExportFormat.DOCX, tmp_path)
    text = "\n".join(c.text for t in Document(str(path)).tables for r in t.rows for c in r.cells)
    assert text.index("拆开的同组指标") < text.index(other.name)


def test_instruction_checks_label_a_rewrite_that_did_not_do_what_was_asked():
    from assistant.services.instruction_check import unmet

    before = "为社区老年人提供助餐服务。"
    longer = "为社区老年人提供助餐服务，保障老年人用餐需求，提升生活质量，促进社区和谐发展。"
    found = unmet("更简洁，突出高龄独居老人送餐上门", before, longer)
    assert any("更简洁" in f for f in found) and any("高龄独居老人送餐上门" in f for f in found)
    assert unmet("更简洁，突出高龄独居老人送餐上门", longer, "为高龄独居老人送餐上门。") == []
    assert unmet("", before, longer) == []
