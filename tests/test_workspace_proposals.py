"""Proposals in the web workspace's service, over the real corpus, a real SQLite store and the rules writer (no model):
重新生成 saves nothing until the person accepts; rejecting keeps the text and the proposal on record; accepting
saves the part it rewrote on top of the version the page shows, never over a person's later edit or lock."""

from __future__ import annotations

import pytest
from store_support import postgres_server, rules_draft, store_url  # noqa: F401 - fixtures
from web_support import web_settings

from assistant.domain.brief import example_brief
from assistant.domain.model import SectionKind
from assistant.errors import InputError
from assistant.services import build_services
from assistant.services.drafting import ProtectedFieldError
from assistant.store import INDICATOR_TABLE, Action, DraftConflict, DraftNotFound, Origin, ProposalStatus, StoreError
from assistant.store.fields import indicator_path, section_path

NEED = SectionKind.NECESSITY
HUMAN = "平台承载全市党员在线学习，一旦停运将中断教育培训。"


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("proposals") / "data"))
    yield opened
    opened.close()


@pytest.fixture
def edited(services):
    """A draft whose 必要性 a person rewrote (version 2), and a forced proposal to write it again by rules (rules take no instruction: that needs a model)."""
    ws = services.workspace()
    draft_id = ws.draft(example_brief(), on_event=_quiet).info.draft_id
    ws.save_sections(draft_id, {NEED: HUMAN}, base=1)
    proposal = ws.propose_section(draft_id, NEED, instruction="", base=2, force=True, on_event=_quiet)
    return ws, draft_id, proposal


def test_a_proposal_saves_nothing_and_sits_beside_the_current_text(edited):
    ws, draft_id, proposal = edited
    assert [v.number for v in ws.history(draft_id)] == [1, 2]
    assert ws.open(draft_id).draft.section(NEED).text == HUMAN
    assert proposal.draft.section(NEED).text not in ("", HUMAN)
    assert (proposal.base, proposal.target, proposal.instruction, proposal.status) == (
        2,
        section_path(NEED),
        None,
        ProposalStatus.PENDING,
    )
    assert ws.pending(draft_id) == proposal


def test_unforced_regeneration_of_a_persons_section_is_refused_without_a_proposal(edited):
    ws, draft_id, proposal = edited
    with pytest.raises(ProtectedFieldError, match="已人工修改或已锁定"):
        ws.propose_section(draft_id, NEED, instruction="", base=2, force=False, on_event=_quiet)
    assert ws.pending(draft_id) == proposal


def test_rejecting_keeps_the_text_and_the_proposal_on_record(edited):
    ws, draft_id, proposal = edited
    rejected = ws.reject(draft_id, proposal.id)
    assert rejected.status is ProposalStatus.REJECTED and rejected.decided_at is not None
    assert [v.number for v in ws.history(draft_id)] == [1, 2] and ws.open(draft_id).draft.section(NEED).text == HUMAN
    assert ws.pending(draft_id) is None
    record = ws.proposals(draft_id)[0]
    assert record.id == proposal.id and record.draft.section(NEED).text == proposal.draft.section(NEED).text
    with pytest.raises(InputError, match="已处理"):
        ws.accept(draft_id, proposal.id, base=2)


def test_accepting_saves_the_proposal_as_the_next_version_with_the_writers_provenance(edited):
    ws, draft_id, proposal = edited
    saved = ws.accept(draft_id, proposal.id, base=2)
    stored = ws.open(draft_id)
    assert (saved.info.number, saved.info.action, saved.info.section, saved.info.instruction) == (
        3,
        Action.REGENERATE,
        NEED.label,
        None,
    )
    assert stored.draft.section(NEED).text == proposal.draft.section(NEED).text
    assert stored.fields[section_path(NEED)].origin is Origin.TEMPLATE  # the rules writer, no model: not "AI"
    assert stored.draft.review is not None
    assert ws.open(draft_id, 2).draft.section(NEED).text == HUMAN  # the person's text stays in version 2
    assert ws.proposals(draft_id)[0].status is ProposalStatus.ACCEPTED and ws.proposals(draft_id)[0].version == 3


def test_a_proposal_applies_on_top_of_a_later_edit_of_another_section(edited):
    ws, draft_id, proposal = edited
    ws.save_sections(draft_id, {SectionKind.OVERVIEW: "人工改写的概况。"}, base=2)
    ws.accept(draft_id, proposal.id, base=3)
    latest = ws.open(draft_id)
    assert latest.draft.section(SectionKind.OVERVIEW).text == "人工改写的概况。"
    assert latest.draft.section(NEED).text == proposal.draft.section(NEED).text
    assert latest.fields[section_path(SectionKind.OVERVIEW)].origin is Origin.HUMAN


def test_accepting_refuses_when_the_proposed_part_was_edited_since(edited):
    ws, draft_id, proposal = edited
    ws.save_sections(draft_id, {NEED: HUMAN + "又补了一句。"}, base=2)
    with pytest.raises(InputError, match="之后已被修改"):
        ws.accept(draft_id, proposal.id, base=3)
    assert ws.open(draft_id).draft.section(NEED).text == HUMAN + "又补了一句。" and ws.pending(draft_id) == proposal


def test_accepting_against_a_stale_page_is_a_conflict(edited):
    ws, draft_id, proposal = edited
    ws.save_sections(draft_id, {SectionKind.OVERVIEW: "别人保存的概况。"}, base=2)
    with pytest.raises(DraftConflict):
        ws.accept(draft_id, proposal.id, base=2)
    assert ws.proposals(draft_id)[0].status is ProposalStatus.PENDING and len(ws.history(draft_id)) == 3


def test_a_new_proposal_supersedes_an_undecided_one(edited):
    ws, draft_id, first = edited
    second = ws.propose_section(draft_id, SectionKind.OVERVIEW, instruction="", base=2, force=False, on_event=_quiet)
    statuses = {p.id: p.status for p in ws.proposals(draft_id)}
    assert statuses == {first.id: ProposalStatus.SUPERSEDED, second.id: ProposalStatus.PENDING}
    with pytest.raises(InputError, match="已处理"):
        ws.reject(draft_id, first.id)


def _row_2_edited(ws):
    """A new draft whose second indicator row a person set to ≥99(%) (version 2)."""
    saved = ws.draft(example_brief(), on_event=_quiet)
    draft_id, rows = saved.info.draft_id, saved.draft.indicators
    changed = rows[1].model_copy(update={"value": rows[1].value.model_copy(update={"value": "≥99(%)"})})
    ws.save_indicators(draft_id, [rows[0], changed, *rows[2:]], base=1)
    return draft_id, rows, changed


def test_the_indicator_table_proposal_keeps_a_persons_row_unless_asked(services):
    ws = services.workspace()
    draft_id, rows, changed = _row_2_edited(ws)
    kept = ws.propose_indicators(draft_id, base=2, force=False)
    assert kept.target == INDICATOR_TABLE and kept.label == "绩效指标"
    assert indicator_path(2, "value") in kept.kept and kept.draft.indicators[1].value.value == "≥99(%)"
    forced = ws.propose_indicators(draft_id, base=2, force=True)
    assert forced.kept == [] and forced.draft.indicators[1] == rows[1]
    ws.accept(draft_id, forced.id, base=2)
    latest = ws.open(draft_id)
    assert latest.draft.indicators == rows and latest.info.section == "绩效指标"
    assert latest.fields[indicator_path(2, "value")].origin is not Origin.HUMAN


def test_accepting_refuses_a_row_locked_after_the_proposal_but_not_a_lock_elsewhere(services):
    ws = services.workspace()
    draft_id, rows, changed = _row_2_edited(ws)
    forced = ws.propose_indicators(draft_id, base=2, force=True)
    ws.lock_row(draft_id, 1, locked=True, base=2)  # row 1 is the same in both tables: no obstacle
    assert ws.accept(draft_id, forced.id, base=3).draft.indicators[1] == rows[1]
    ws.put_row(draft_id, 2, _input(changed), base=4)  # the person writes the value again …
    again = ws.propose_indicators(draft_id, base=5, force=True)
    ws.lock_row(draft_id, 2, locked=True, base=5)  # … and locks the row after the proposal was made
    with pytest.raises(ProtectedFieldError, match="已人工修改或锁定"):
        ws.accept(draft_id, again.id, base=6)
    assert ws.open(draft_id).draft.indicators[1].value.value == "≥99(%)" and ws.pending(draft_id) == again


def _input(row):
    from assistant.services.workspace import IndicatorInput

    return IndicatorInput(row.level1, row.level2, row.name, qualitative=row.value.value)


def test_another_users_draft_has_no_proposals_for_them(services, edited):
    _, draft_id, proposal = edited
    other = services.workspace("李四")
    with pytest.raises(DraftNotFound):
        other.accept(draft_id, proposal.id, base=2)
    with pytest.raises(DraftNotFound):
        other.proposals(draft_id)


@pytest.fixture
def store(store_url):
    from assistant.store import DraftStore

    opened = DraftStore(store_url)
    yield opened
    opened.close()


def test_proposals_on_sqlite_and_postgresql(store, rules_draft):
    """The proposals table on both databases: a newer proposal supersedes, accepting writes the version and the
    decision in one transaction, a decided proposal cannot be decided again."""
    draft_id = store.create(rules_draft, owner="张三").draft_id
    sections = [
        s.model_copy(update={"text": "改写后的必要性。"}) if s.kind is NEED else s for s in rules_draft.sections
    ]
    revised = rules_draft.model_copy(update={"sections": sections})
    first = store.propose(draft_id, revised, base=1, target=section_path(NEED), author="张三", origin=Origin.AI)
    second = store.propose(
        draft_id,
        revised,
        base=1,
        target=section_path(NEED),
        author="李四",
        origin=Origin.AI_REVISED,
        instruction="更简洁",
        kept=["indicator.2.value"],
        origins={"indicator.2.value": Origin.HUMAN},
    )
    assert [(p.id, p.status) for p in store.proposals(draft_id)] == [
        (second.id, ProposalStatus.PENDING),
        (first.id, ProposalStatus.SUPERSEDED),
    ]
    assert (
        store.proposal(draft_id, second.id).draft == revised
        and second.kept == ["indicator.2.value"]
        and second.author == "李四"
    )
    info = store.accept_proposal(second, revised, expected_parent=1, author="张三", section=NEED.label)
    assert (info.number, info.action, info.instruction) == (2, Action.REGENERATE, "更简洁")
    assert store.latest(draft_id).fields[section_path(NEED)].origin is Origin.AI_REVISED
    decided = store.proposal(draft_id, second.id)
    assert (decided.status, decided.version) == (ProposalStatus.ACCEPTED, 2)
    with pytest.raises(StoreError, match="已处理"):
        store.accept_proposal(decided, revised, expected_parent=2, author="张三")
    assert store.head(draft_id) == 2  # the refused acceptance wrote no version
    with pytest.raises(DraftNotFound):
        store.proposal(draft_id, 9999)
