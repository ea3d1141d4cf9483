"""Cycle forms in the draft store on SQLite and PostgreSQL: versions, provenance carried for unchanged fields, the
compare-and-swap guard, owners, the declaration a form was started from, and the link to its draft."""

from __future__ import annotations

from datetime import date

import pytest
from store_support import postgres_server, rules_draft, store_url  # noqa: F401 - fixtures

from assistant.cycle.start import monitoring_from, selfeval_from
from assistant.domain.cycle import MonitoringTable, Possibility
from assistant.store import DraftStore, Origin
from assistant.store.cycle import CycleStore, FormConflict, FormKind, FormNotFound


@pytest.fixture
def stores(store_url):
    drafts = DraftStore(store_url)
    yield drafts, CycleStore(drafts)
    drafts.close()


def test_forms_are_versions_with_provenance(stores, corpus, rules_draft):
    drafts, cycle = stores
    draft = drafts.create(rules_draft, owner="张三")
    decl = corpus.get("2023-003-05")
    table = monitoring_from(decl, form_id="new", as_of=date(2023, 7, 31))
    first = cycle.create(
        table, owner="张三", origin=Origin.UPLOAD, draft_id=draft.draft_id, source="2023-003-05", declaration=decl
    )
    assert first.info.number == 1 and first.kind is FormKind.MONITORING and first.declaration == decl
    assert first.form == table and first.fields["rows.1.target"].origin is Origin.UPLOAD
    rows = list(table.rows)
    rows[2] = rows[2].model_copy(update={"actual_to_date": "150个", "possibility": Possibility.CERTAIN})
    second = cycle.save(first.summary.id, table.model_copy(update={"rows": rows}), expected_parent=1, author="李四")
    assert second.info.number == 2 and isinstance(second.form, MonitoringTable)
    assert second.fields["rows.3.actual_to_date"].origin is Origin.HUMAN
    assert second.fields["rows.3.actual_to_date"].author == "李四"
    assert second.fields["rows.1.target"] == first.fields["rows.1.target"]  # unchanged: provenance kept
    with pytest.raises(FormConflict):
        cycle.save(first.summary.id, table, expected_parent=1, author="张三")
    assert [v.number for v in cycle.history(first.summary.id)] == [1, 2]
    assert cycle.get(first.summary.id, 1).form == table
    evaluation = cycle.create(selfeval_from(decl, form_id="new"), owner="张三", origin=Origin.UPLOAD)
    assert [f.id for f in cycle.list_forms(kind=FormKind.SELFEVAL)] == [evaluation.summary.id]
    assert [f.id for f in cycle.list_forms(draft_id=draft.draft_id)] == [first.summary.id]
    assert cycle.list_forms(owner="王五") == []
    with pytest.raises(FormNotFound):
        cycle.get(first.summary.id, owner="王五")
    with pytest.raises(FormNotFound):
        cycle.get(first.summary.id, 9)
    with pytest.raises(FormNotFound):
        cycle.get(2**70)
