"""The web workspace's service over the real corpus, a real SQLite store and the rules writer (no model):
each page action, its provenance, its review, and that a stale save or another user's draft is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook
from web_support import web_settings

from assistant.domain.brief import example_brief
from assistant.domain.framework import Level1, Level2
from assistant.domain.model import SectionKind
from assistant.domain.values import Operator
from assistant.errors import InputError
from assistant.services import build_services
from assistant.services.derived import grouped
from assistant.services.drafting import ProtectedFieldError
from assistant.services.export import ExportFormat
from assistant.services.workspace import IndicatorInput
from assistant.store import DraftConflict, DraftNotFound, Origin
from assistant.store.fields import indicator_path, section_path


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("web") / "data"))
    yield opened
    opened.close()


@pytest.fixture
def drafted(services):
    ws = services.workspace()
    return ws, ws.draft(example_brief(), on_event=lambda _: None)


def test_section_edit_is_a_new_human_version_with_a_fresh_review(drafted):
    ws, saved = drafted
    text = "平台承载全市党员在线学习，停运将中断教育培训。"
    edited = ws.save_sections(saved.info.draft_id, {SectionKind.NECESSITY: text}, base=1)
    stored = ws.open(saved.info.draft_id)
    assert (edited.info.number, stored.draft.section(SectionKind.NECESSITY).text) == (2, text)
    assert stored.fields[section_path(SectionKind.NECESSITY)].origin is Origin.HUMAN
    assert stored.fields[section_path(SectionKind.OVERVIEW)].origin is not Origin.HUMAN
    assert stored.draft.review is not None and stored.draft.review.declaration_id == "draft"


def test_stale_save_is_a_conflict_with_both_texts_and_writes_nothing(drafted):
    ws, saved = drafted
    draft_id = saved.info.draft_id
    ws.save_sections(draft_id, {SectionKind.OVERVIEW: "甲的修改"}, base=1)
    with pytest.raises(DraftConflict) as caught:
        ws.save_sections(draft_id, {SectionKind.OVERVIEW: "乙的修改"}, base=1)
    assert caught.value.mine.section(SectionKind.OVERVIEW).text == "乙的修改"
    assert caught.value.theirs.section(SectionKind.OVERVIEW).text == "甲的修改"
    assert [v.number for v in ws.history(draft_id)] == [1, 2]


def test_row_editor_value_from_operator_number_unit_and_review_points_at_the_row(drafted):
    ws, saved = drafted
    draft_id = saved.info.draft_id
    row = IndicatorInput(Level1.OUTPUT, Level2.QUALITY, "故障响应及时率", Operator.GE, Decimal("95"), "%")
    after = ws.put_row(draft_id, 2, row, base=1)
    stored = ws.open(draft_id)
    n = next(i for i, r in enumerate(stored.draft.indicators, start=1) if r.name == "故障响应及时率")
    ind = stored.draft.indicators[n - 1]
    assert (ind.name, ind.value.value, ind.value.number, ind.value.unit) == (
        "故障响应及时率",
        "≥95(%)",
        Decimal("95"),
        "%",
    )
    # a row given another 二级 moves to that block: the table (and the export) never splits a block
    assert stored.draft.indicators[n - 2].level2 is Level2.QUALITY or n == 1
    assert stored.fields[indicator_path(n, "value")].origin is Origin.HUMAN
    assert stored.fields[indicator_path(1, "value")].origin is not Origin.HUMAN
    bad = IndicatorInput(Level1.SATISFACTION, Level2.SATISFACTION, "平台使用人员满意度", qualitative="满意")
    ws.put_row(draft_id, None, bad, base=after.info.number)
    report = ws.open(draft_id).draft.review
    last = len(ws.open(draft_id).draft.indicators)
    assert any(f.rule_id == "SAT-NOT-PERCENT" and f.location.indicator.position == last for f in report.findings)


def test_rows_add_delete_and_move(drafted):
    ws, saved = drafted
    draft_id = saved.info.draft_id
    names = [i.name for i in saved.draft.indicators]
    ws.move_row(draft_id, 1, 1, base=1)
    assert [i.name for i in ws.open(draft_id).draft.indicators][:2] == [names[1], names[0]]
    ws.delete_row(draft_id, 2, base=2)
    assert [i.name for i in ws.open(draft_id).draft.indicators] == [names[1], *names[2:]]
    qualitative = IndicatorInput(Level1.SATISFACTION, Level2.SATISFACTION, "使用人员满意度", qualitative="满意")
    ws.put_row(draft_id, None, qualitative, base=3)
    assert ws.open(draft_id).draft.indicators[-1].value.value == "满意"


def test_row_editor_refuses_a_level2_outside_its_level1_and_a_blank_value(drafted):
    ws, saved = drafted
    with pytest.raises(InputError, match="不属于一级指标"):
        ws.put_row(saved.info.draft_id, 1, IndicatorInput(Level1.COST, Level2.QUALITY, "x", qualitative="达标"), base=1)
    with pytest.raises(InputError, match="没有指标值"):
        ws.put_row(saved.info.draft_id, 1, IndicatorInput(Level1.OUTPUT, Level2.QUALITY, "x"), base=1)
    with pytest.raises(InputError, match="没有第 99 行"):
        ws.delete_row(saved.info.draft_id, 99, base=1)
    assert len(ws.history(saved.info.draft_id)) == 1


def test_regenerate_refuses_a_human_edited_section_unless_forced(drafted):
    ws, saved = drafted
    draft_id = saved.info.draft_id
    ws.save_sections(draft_id, {SectionKind.NECESSITY: "人工写的必要性"}, base=1)
    with pytest.raises(ProtectedFieldError):
        ws.propose_section(
            draft_id, SectionKind.NECESSITY, instruction="", base=2, force=False, on_event=lambda _: None
        )
    forced = ws.propose_section(
        draft_id, SectionKind.NECESSITY, instruction="", base=2, force=True, on_event=lambda _: None
    )
    assert forced.draft.section(SectionKind.NECESSITY).text != "人工写的必要性"


def test_another_users_draft_is_not_found(services, drafted):
    _, saved = drafted
    other = services.workspace("李四")
    assert all(d.id != saved.info.draft_id for d in other.drafts())
    with pytest.raises(DraftNotFound):
        other.open(saved.info.draft_id)


def test_add_suggestions_adds_rows_inside_their_block_with_their_evidence(services, drafted):
    ws, saved = drafted
    draft_id = saved.info.draft_id
    ws.delete_row(draft_id, 1, base=1)
    suggestions = services.suggest.suggest(example_brief())
    first = suggestions.model_copy(update={"suggestions": suggestions.suggestions[:1]})
    added = ws.add_suggestions(draft_id, first, base=2)
    table = added.draft.indicators
    row = next(r for r in table if r.name == suggestions.suggestions[0].name)
    assert row.evidence and grouped(table) == table
    with pytest.raises(InputError, match="都已在"):
        ws.add_suggestions(draft_id, first, base=3)


def test_export_docx_xlsx_and_json(drafted, tmp_path):
    ws, saved = drafted
    name = saved.draft.indicators[0].name
    docx = ws.export(saved.info.draft_id, ExportFormat.DOCX, tmp_path)
    text = "\n".join(c.text for t in Document(str(docx)).tables for r in t.rows for c in r.cells)
    assert name in text and "党员教育平台运维项目" in text
    xlsx = ws.export(saved.info.draft_id, ExportFormat.XLSX, tmp_path)
    cells = [str(c.value) for row in load_workbook(xlsx).active.iter_rows() for c in row if c.value]
    assert name in cells
    assert '"shenbao-draft/1"' in ws.export(saved.info.draft_id, ExportFormat.JSON, tmp_path).read_text(
        encoding="utf-8"
    )


def test_progress_shows_tokens_as_they_come_until_the_section_is_finished():
    from assistant.drafting.chain import DraftEvent
    from assistant.web.draft_tab import _progress, _record

    log: list[str] = []
    live: dict[str, str] = {}
    _record(DraftEvent("started", "项目概况", "", 0.0), log, live)
    for chunk in ("党员教育", "平台运维"):
        _record(DraftEvent("delta", "项目概况", chunk, 0.5), log, live)
    assert "项目概况**（生成中）：党员教育平台运维" in _progress(log, live)
    _record(DraftEvent("finished", "项目概况", "8 字", 1.0), log, live)
    assert "生成中" not in _progress(log, live) and "完成 项目概况：8 字" in _progress(log, live)


def test_locked_section_and_row_survive_regeneration(services, drafted):
    ws, saved = drafted
    draft_id = saved.info.draft_id
    ws.lock_section(draft_id, SectionKind.GOAL_TOTAL, locked=True, base=1)
    with pytest.raises(ProtectedFieldError):
        ws.propose_section(
            draft_id, SectionKind.GOAL_TOTAL, instruction="", base=2, force=False, on_event=lambda _: None
        )
    ws.lock_row(draft_id, 2, locked=True, base=2)
    stored = ws.open(draft_id)
    assert (
        stored.fields[section_path(SectionKind.GOAL_TOTAL)].locked and stored.fields[indicator_path(2, "name")].locked
    )
    again = ws.propose_indicators(draft_id, base=3, force=False)
    assert indicator_path(2, "value") in again.kept and again.draft.indicators[1] == saved.draft.indicators[1]
    ws.lock_section(draft_id, SectionKind.GOAL_TOTAL, locked=False, base=3)
    assert ws.propose_section(
        draft_id, SectionKind.GOAL_TOTAL, instruction="", base=4, force=False, on_event=lambda _: None
    )


def test_text_for_a_section_the_draft_lacks_is_saved_as_a_new_section(services, tmp_path):
    import json

    ws = services.workspace()
    saved = ws.draft(example_brief(), on_event=lambda _: None)
    draft = saved.draft.model_copy(
        update={"sections": [s for s in saved.draft.sections if s.kind is not SectionKind.OVERVIEW]}
    )
    path = tmp_path / "no_overview.json"
    path.write_text(
        json.dumps({"format": "shenbao-draft/1", **draft.model_dump(mode="json")}, ensure_ascii=False), encoding="utf-8"
    )
    imported = services.drafting.import_file(path)
    assert imported.draft.section(SectionKind.OVERVIEW) is None
    text = "这是在网页上新写的项目概况。"
    edited = ws.save_sections(imported.info.draft_id, {SectionKind.OVERVIEW: text, SectionKind.GOAL_TOTAL: ""}, base=1)
    stored = ws.open(imported.info.draft_id)
    assert edited.info.number == 2 and stored.draft.section(SectionKind.OVERVIEW).text == text
    assert [s.kind for s in stored.draft.sections][0] is SectionKind.OVERVIEW  # placed where it belongs, not last
    assert stored.fields[section_path(SectionKind.OVERVIEW)].origin is Origin.HUMAN
