"""A renamed indicator row and a value typed as free text (new-user trial, 2026-12-06): the goals the rules wrote
follow a rename (CLI edit and the page's row editor, both through the workspace service), and so does the Word
export; a goal a person wrote is kept and review says its name is stale (GOAL-NAME-STALE); ``≥13个`` typed as a value
is stored as ``≥13(个)``. Real corpus, real SQLite store in a temp dir, rules only."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from web_support import web_settings

from assistant.domain.brief import Brief
from assistant.domain.model import SectionKind
from assistant.drafting.as_declaration import to_declaration
from assistant.services import build_services
from assistant.services.editing import FieldEdit
from assistant.services.export import ExportFormat, export_declaration
from assistant.services.renames import replace_name
from assistant.services.workspace import IndicatorInput
from assistant.store import Origin

BRIEF = Brief.model_validate(
    {
        "项目名称": "社区老年人助餐服务补贴经费",
        "年度": 2027,
        "主管部门": "上海市徐汇区民政局",
        "实施单位": "上海市徐汇区养老服务指导中心",
        "资金": {"总额": 3260000, "财政资金": 3260000, "年度申请": 3260000},
        "开始日期": "2027-01-01",
        "结束日期": "2027-12-31",
        "主要内容": "全年预计供餐45万人次；全年送餐8万人次；每季度每个助餐点检查1次，共42个助餐点；"
        "老年人就餐满意度不低于90%。",
    }
)


def _text(draft, kind: SectionKind) -> str:
    return next(s.text for s in draft.sections if s.kind is kind)


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("rename") / "data"))
    yield opened
    opened.close()


@pytest.fixture
def drafted(services):
    ws = services.workspace()
    return ws, ws.draft(BRIEF, on_event=_quiet).info.draft_id


def _goal_row(ws, draft_id: int) -> tuple[int, str]:
    """A row the rules' 项目总目标 names: (position, name)."""
    draft = ws.open(draft_id, None).draft
    goal = _text(draft, SectionKind.GOAL_TOTAL)
    return next((n, r.name) for n, r in enumerate(draft.indicators, start=1) if r.name in goal)


def _rules(stored) -> set[str]:
    return {f.rule_id for f in stored.draft.review.findings}


def test_a_rename_by_field_edit_is_followed_by_the_rules_goals_and_the_export(drafted, tmp_path: Path):
    ws, draft_id = drafted
    n, old = _goal_row(ws, draft_id)
    saved, _ = ws.edit_fields(draft_id, [FieldEdit(f"indicator.{n}.name", "季度巡查次数")], base=None)
    stored = ws.open(draft_id, saved.info.number)
    for kind in (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL):
        text = _text(stored.draft, kind)
        assert "季度巡查次数" in text and old not in text, text
        assert stored.fields[f"section.{kind.value}"].origin is Origin.TEMPLATE  # still the rules' text
    assert stored.fields[f"indicator.{n}.name"].origin is Origin.HUMAN
    path = export_declaration(to_declaration(stored.draft), ExportFormat.DOCX, tmp_path / "out.docx")
    words = "\n".join(c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells)
    assert "季度巡查次数" in words and old not in words


def test_a_rename_in_the_row_editor_is_followed_too(drafted):
    ws, draft_id = drafted
    n, old = _goal_row(ws, draft_id)
    row = ws.open(draft_id, None).draft.indicators[n - 1]
    put = IndicatorInput(level1=row.level1, level2=row.level2, name="季度巡查次数", qualitative=row.value.value)
    saved = ws.put_row(draft_id, n, put, base=1)
    text = _text(ws.open(draft_id, saved.info.number).draft, SectionKind.GOAL_ANNUAL)
    assert "季度巡查次数" in text and old not in text


def test_a_person_written_goal_is_kept_and_review_names_the_stale_name(drafted):
    ws, draft_id = drafted
    n, old = _goal_row(ws, draft_id)
    row = ws.open(draft_id, None).draft.indicators[n - 1]
    own = f"2027年度，{old}{'不少于'}{row.value.number}{row.value.unit}，老年人就餐满意度不低于90%。"
    ws.edit_fields(draft_id, [FieldEdit("section.goal_annual", own)], base=None)
    assert "GOAL-NAME-STALE" not in _rules(ws.open(draft_id, None))
    saved, _ = ws.edit_fields(draft_id, [FieldEdit(f"indicator.{n}.name", "季度巡查次数")], base=None)
    stored = ws.open(draft_id, saved.info.number)
    assert _text(stored.draft, SectionKind.GOAL_ANNUAL) == own  # a person's words are never rewritten
    assert "季度巡查次数" in _text(stored.draft, SectionKind.GOAL_TOTAL)
    [stale] = [f for f in stored.draft.review.findings if f.rule_id == "GOAL-NAME-STALE"]
    assert old in stale.message and "季度巡查次数" in stale.message


@pytest.mark.parametrize("typed", ["≥13个", "不少于13个", ">=13 个", "≥13（个）"])
def test_a_quantity_typed_as_text_is_stored_in_the_forms_written_form(drafted, typed: str):
    ws, draft_id = drafted
    saved, _ = ws.edit_fields(draft_id, [FieldEdit("indicator.1.value", typed)], base=None)
    value = ws.open(draft_id, saved.info.number).draft.indicators[0].value
    assert (value.value, value.number, value.unit) == ("≥13(个)", 13, "个")


def test_a_name_inside_a_longer_row_name_is_not_replaced():
    text = "老年人就餐满意度不低于90%，满意度测评覆盖率达到100%。"
    got = replace_name(text, "满意度", "测评满意度", ["老年人就餐满意度", "测评满意度"])
    assert got == "老年人就餐满意度不低于90%，测评满意度测评覆盖率达到100%。"


def _satisfaction(ws, draft_id: int) -> int:
    draft = ws.open(draft_id, None).draft
    return next(n for n, r in enumerate(draft.indicators, start=1) if r.name == "老年人就餐满意度")


def test_a_value_edit_is_followed_by_the_rules_goals_and_the_export(drafted, tmp_path: Path):
    """new-user trial 2026-12-06 20h, finding 9: a row's value edited, the goals the rules wrote say the new figure."""
    ws, draft_id = drafted
    n = _satisfaction(ws, draft_id)
    for kind in (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL):
        assert "老年人就餐满意度不低于90%" in _text(ws.open(draft_id, None).draft, kind)
    saved, _ = ws.edit_fields(draft_id, [FieldEdit(f"indicator.{n}.value", "≥95%")], base=None)
    stored = ws.open(draft_id, saved.info.number)
    for kind in (SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL):
        text = _text(stored.draft, kind)
        assert "老年人就餐满意度不低于95%" in text and "90%" not in text, text
        assert stored.fields[f"section.{kind.value}"].origin is Origin.TEMPLATE  # still the rules' text
    assert stored.fields[f"indicator.{n}.value"].origin is Origin.HUMAN
    assert "指标值随之更新" in (saved.info.section or ""), saved.info
    assert not {"GOAL-VALUE-MISMATCH", "GOAL-NAME-STALE"} & _rules(stored)
    path = export_declaration(to_declaration(stored.draft), ExportFormat.DOCX, tmp_path / "out.docx")
    words = "\n".join(c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells)
    assert "老年人就餐满意度不低于95%" in words and "老年人就餐满意度不低于90%" not in words


def test_a_quantity_and_its_operator_are_followed(drafted):
    ws, draft_id = drafted
    draft = ws.open(draft_id, None).draft
    goal = _text(draft, SectionKind.GOAL_ANNUAL)
    n, row = next((n, r) for n, r in enumerate(draft.indicators, start=1) if "人次" in (r.value.unit or ""))
    assert f"{row.name}不少于{row.value.number:f}".rstrip("0").rstrip(".") in goal, goal
    saved, _ = ws.edit_fields(draft_id, [FieldEdit(f"indicator.{n}.value", "=470000人次")], base=None)
    text = _text(ws.open(draft_id, saved.info.number).draft, SectionKind.GOAL_ANNUAL)
    assert f"{row.name}达到470000人次" in text and f"{row.name}不少于" not in text, text


def test_a_person_written_goal_keeps_its_figure_and_review_flags_it(drafted):
    ws, draft_id = drafted
    n = _satisfaction(ws, draft_id)
    own = "2027年度，老年人就餐满意度不低于90%，服务更加便利。"
    ws.edit_fields(draft_id, [FieldEdit("section.goal_annual", own)], base=None)
    saved, _ = ws.edit_fields(draft_id, [FieldEdit(f"indicator.{n}.value", "≥95%")], base=None)
    stored = ws.open(draft_id, saved.info.number)
    assert _text(stored.draft, SectionKind.GOAL_ANNUAL) == own  # a person's words are never rewritten
    assert "老年人就餐满意度不低于95%" in _text(stored.draft, SectionKind.GOAL_TOTAL)  # the rules' goal follows
    [mismatch] = [f for f in stored.draft.review.findings if f.rule_id == "GOAL-VALUE-MISMATCH"]
    assert "年度绩效目标" in mismatch.message and "≥95" in mismatch.message


def test_a_figure_in_other_words_follows_when_operator_and_unit_stay(drafted):
    """A goal in a model's words (满意度保持在90%以上) takes the new number."""
    from assistant.services.renames import follow_values

    ws, draft_id = drafted
    stored = ws.open(draft_id, None)
    n = _satisfaction(ws, draft_id)
    worded = "2027年度，老年人就餐满意度保持在90%以上，供餐更及时。"
    sections = [
        s.model_copy(update={"text": worded}) if s.kind is SectionKind.GOAL_ANNUAL else s for s in stored.draft.sections
    ]
    before = dataclasses.replace(stored, draft=stored.draft.model_copy(update={"sections": sections}))
    rows = list(before.draft.indicators)
    rows[n - 1] = rows[n - 1].model_copy(
        update={"value": rows[n - 1].value.model_copy(update={"value": "≥92(%)", "number": Decimal(92)})}
    )
    after, origins = follow_values(before, before.draft.model_copy(update={"indicators": rows}))
    assert _text(after, SectionKind.GOAL_ANNUAL) == "2027年度，老年人就餐满意度保持在92%以上，供餐更及时。"
    assert origins["section.goal_annual"] is Origin.TEMPLATE
