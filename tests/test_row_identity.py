"""A lock and a person's 人工修改 marks stay on the indicator row they were put on, wherever the row goes: moved to
another 二级 by `drafts edit` (the table re-sorts), rewritten whole on the page (保存此行), moved up/down, or shifted
by a row deleted or added above it; the other rows keep their own marks (real corpus, real SQLite store, rules)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from web_support import web_settings

from assistant.domain.brief import example_brief
from assistant.domain.framework import Level1, Level2
from assistant.services import build_services
from assistant.services.editing import FieldEdit
from assistant.services.workspace import IndicatorInput
from assistant.store import Origin
from assistant.store.fields import INDICATOR_COLUMNS, indicator_path, same_rows

Marks = dict[str, tuple[tuple[Origin, ...], bool]]


def _quiet(_: object) -> None:
    return None


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    opened = build_services(web_settings(tmp_path_factory.mktemp("rows") / "data"))
    yield opened
    opened.close()


@pytest.fixture
def drafted(services):
    ws = services.workspace()
    draft_id = ws.draft(example_brief(), on_event=_quiet).info.draft_id
    ws.lock(draft_id, [indicator_path(5, "value")], locked=True, base=1)
    return ws, draft_id


def _marks(ws, draft_id: int) -> Marks:
    """Each row's (origins of its four cells, whether any cell is locked), by 三级指标."""
    stored = ws.open(draft_id)
    marks: Marks = {}
    for n, row in enumerate(stored.draft.indicators, start=1):
        records = [stored.fields[indicator_path(n, c)] for c in INDICATOR_COLUMNS]
        marks[row.name] = (tuple(r.origin for r in records), any(r.locked for r in records))
    return marks


def _locked_names(marks: Marks) -> list[str]:
    return [name for name, (_, locked) in marks.items() if locked]


def test_a_row_moved_to_another_block_by_a_field_edit_keeps_its_marks_and_the_lock_stays_put(drafted):
    ws, draft_id = drafted
    before = _marks(ws, draft_id)
    locked_row = ws.open(draft_id).draft.indicators[4].name
    moved = ws.open(draft_id).draft.indicators[1].name
    assert _locked_names(before) == [locked_row]
    ws.edit_fields(draft_id, [FieldEdit("indicator.2.level2", "时效指标")], base=None)
    table = ws.open(draft_id).draft.indicators
    assert table[1].name != moved  # the table re-sorted: positions changed under the lock
    after = _marks(ws, draft_id)
    assert _locked_names(after) == [locked_row]
    origins, _ = after[moved]
    assert origins[1] is Origin.HUMAN and origins[2:] == before[moved][0][2:]  # only its 二级 is the person's
    assert {n: m for n, m in after.items() if n != moved} == {n: m for n, m in before.items() if n != moved}


def test_a_locked_row_rewritten_whole_on_the_page_keeps_its_lock_at_its_new_place(drafted):
    ws, draft_id = drafted
    base = ws.open(draft_id).number
    row = IndicatorInput(Level1.OUTPUT, Level2.QUANTITY, "改写后的指标", number=Decimal(3), unit="份")
    saved = ws.put_row(draft_id, 5, row, base=base)
    after = _marks(ws, draft_id)
    assert _locked_names(after) == ["改写后的指标"]
    assert [r.name for r in saved.draft.indicators].index("改写后的指标") != 4
    assert after["改写后的指标"][0][1:] == (Origin.HUMAN,) * 3  # 一级 unchanged keeps its record


def test_rows_deleted_added_or_moved_above_a_lock_leave_it_and_every_other_mark_on_its_row(drafted):
    ws, draft_id = drafted
    before = _marks(ws, draft_id)
    (locked_row,) = _locked_names(before)
    stored = ws.open(draft_id)
    gone = stored.draft.indicators[0].name
    ws.delete_row(draft_id, 1, base=stored.number)
    added = IndicatorInput(Level1.OUTPUT, Level2.QUANTITY, "新增数量指标", number=Decimal(5), unit="次")
    ws.put_row(draft_id, None, added, base=ws.open(draft_id).number)
    stored = ws.open(draft_id)
    n = next(i for i, r in enumerate(stored.draft.indicators, start=1) if r.name == locked_row)
    if n > 1 and stored.draft.indicators[n - 2].level2 == stored.draft.indicators[n - 1].level2:
        ws.move_row(draft_id, n, -1, base=stored.number)
    after = _marks(ws, draft_id)
    assert _locked_names(after) == [locked_row]
    assert after["新增数量指标"][0] == (Origin.HUMAN,) * 4
    assert {k: v for k, v in after.items() if k != "新增数量指标"} == {k: v for k, v in before.items() if k != gone}


def test_regenerating_after_a_move_keeps_the_locked_row_as_it_is(drafted):
    ws, draft_id = drafted
    locked = ws.open(draft_id).draft.indicators[4]
    ws.edit_fields(draft_id, [FieldEdit("indicator.2.level2", "时效指标")], base=None)
    saved = ws.drafting.regenerate_indicators(draft_id, base=ws.open(draft_id).number, force=False)
    assert locked in saved.draft.indicators
    assert _locked_names(_marks(ws, draft_id)) == [locked.name]


def test_rows_are_paired_by_their_cells_not_their_places(drafted):
    ws, draft_id = drafted
    rows = ws.open(draft_id).draft.indicators
    assert same_rows(rows, rows[1:]) == {n: n + 1 for n in range(1, len(rows))}  # first row deleted
    swapped = [rows[1], rows[0], *rows[2:]]
    assert same_rows(rows, swapped)[1] == 2 and same_rows(rows, swapped)[2] == 1
    renamed = [rows[0].model_copy(update={"name": "全新名称", "level2": Level2.TIMELINESS}), *rows[1:]]
    assert same_rows(rows, renamed)[1] == 1  # rewritten in place, the table the same length: still that row
    grown = [*renamed, rows[0]]  # the old first row is still there (last): the rewritten row is a new one
    assert same_rows(rows, grown)[len(grown)] == 1 and 1 not in same_rows(rows, grown)
