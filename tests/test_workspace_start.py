"""A draft started from an uploaded declaration (the real Word/Excel reader and text parser on real files, a real
SQLite store, no model): every field taken from the file and marked so, the review run, nothing dropped silently,
and a bad file refused in Chinese."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.domain.model import SectionKind
from assistant.errors import InputError
from assistant.services import build_services
from assistant.services.review import load_subjects
from assistant.settings import CorpusSettings, LLMProvider, LLMSettings, Settings, StoreSettings
from assistant.store import Action, Origin
from assistant.store.fields import field_texts

REPO = Path(__file__).resolve().parent.parent
OFFICE = REPO / "tests" / "fixtures" / "office"
HAND_FILLED = OFFICE / "hand_filled_shanghai.docx"


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("start") / "data",
        corpus=CorpusSettings(corpus_dir=REPO / "corpus"),
        llm=LLMSettings(provider=LLMProvider.NONE),
        store=StoreSettings(user="张三"),
    )
    services = build_services(settings)
    yield services.workspace()
    services.close()


def test_a_word_form_becomes_version_one_with_every_field_from_the_file(ws):
    decl = load_subjects(HAND_FILLED)[0]
    started = ws.start_from_upload(HAND_FILLED)
    stored = ws.open(started.saved.info.draft_id)
    assert (stored.number, stored.info.action) == (1, Action.IMPORT)
    assert {r.origin for r in stored.fields.values()} == {Origin.UPLOAD} and set(stored.fields) == set(
        field_texts(stored.draft)
    )
    draft = stored.draft
    assert (draft.brief.name, draft.brief.year) == (decl.header.name, decl.header.year)
    for kind in (SectionKind.OVERVIEW, SectionKind.NECESSITY, SectionKind.GOAL_TOTAL, SectionKind.GOAL_ANNUAL):
        assert draft.section(kind).text == decl.section_text(kind)
    placed = [i for i in decl.indicators if i.level1 is not None and i.level2 is not None]
    assert [(i.name, i.value.value) for i in draft.indicators] == [(i.name, i.value.render()) for i in placed]
    assert all("沿用上传的申报表" in i.value.basis and HAND_FILLED.name in i.value.basis for i in draft.indicators)
    assert draft.review is not None and draft.review.declaration_id == "draft"
    assert started.source.parse_notes == decl.parse_notes


def test_a_new_year_keeps_the_funding_with_a_note_and_drops_last_years_dates(ws):
    decl = load_subjects(HAND_FILLED)[0]
    started = ws.start_from_upload(HAND_FILLED, year=decl.header.year + 1)
    brief = started.saved.draft.brief
    assert brief.year == decl.header.year + 1 and brief.funding.total == decl.funding.total
    assert brief.start_date is None and brief.end_date is None
    assert any("资金金额沿用" in n for n in started.notes)
    if decl.header.start_date or decl.header.end_date:
        assert any("起止日期" in n for n in started.notes)
    assert [n.message for n in started.saved.draft.notes] == started.notes


def test_rows_outside_the_current_framework_are_noted_never_dropped_silently(ws):
    legacy = REPO / "corpus" / "raw" / "002_90e6a7b91dded67c.txt"  # 2019 forms with 投入和管理目标 rows
    decl = load_subjects(legacy)[0]
    outside = [i for i in decl.indicators if i.level1 is None or i.level2 is None]
    assert outside
    started = ws.start_from_upload(legacy)
    assert len(started.saved.draft.indicators) == len(decl.indicators) - len(outside)
    for row in outside:
        assert any(f"指标第 {row.position} 行“{row.name}”" in n and "不在现行指标框架中" in n for n in started.notes)


def test_a_text_export_with_several_declarations_starts_from_the_chosen_one(ws):
    raw = sorted((REPO / "corpus" / "raw").glob("*.txt"))
    path = next(p for p in raw if len(load_subjects(p)) > 1)
    second = ws.read_upload(path)[1]
    started = ws.start_from_upload(path, choice=2)
    assert started.saved.draft.brief.name == second.header.name
    with pytest.raises(InputError, match="没有第 99 份"):
        ws.start_from_upload(path, choice=99)


def test_a_draft_from_a_file_can_be_regenerated_section_by_section(ws):
    draft_id = ws.start_from_upload(HAND_FILLED).saved.info.draft_id
    proposal = ws.propose_section(draft_id, SectionKind.NECESSITY, instruction="", base=1, force=False, on_event=_quiet)
    assert proposal.draft.section(SectionKind.NECESSITY).text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("申报表.pdf", b"%PDF-1.4 not a form", "不是可读取的申报表文件"),
        ("申报表.docx", b"this is not a zip archive at all", "申报表.docx"),
        ("申报表.txt", "这是一份普通的会议通知，没有任何表格。\n".encode(), "没有找到申报表|不是"),
        ("申报表.json", b'{"not": "a declaration"}', "不是可识别的申报表"),
    ],
)
def test_a_bad_file_is_refused_in_chinese_and_saves_nothing(ws, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = len(ws.drafts())
    with pytest.raises(InputError, match=message):
        ws.start_from_upload(path)
    assert len(ws.drafts()) == before


def test_an_old_word_file_is_read_through_libreoffice(ws, tmp_path):
    # Issue 25: .doc/.wps are converted by LibreOffice (headless, time-limited) instead of refused.
    old = tmp_path / "上年申报表.doc"
    shutil.copyfile(HAND_FILLED, old)
    (decl,) = ws.read_upload(old)
    assert decl.header.name and decl.indicators
    assert any(n.code == "legacy.converted" for n in decl.parse_notes)
