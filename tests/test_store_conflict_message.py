"""A stale save names who saved since (red team 2026-12-06 20h, finding 10): the same user's own newer version is not
"他人", and the message claims no text it does not show. Real SQLite."""

from __future__ import annotations

import pytest
from store_support import rules_draft  # noqa: F401 - fixture

from assistant.store import DraftStore
from assistant.store.errors import DraftConflict


def _edited(draft, text):
    first = draft.sections[0].model_copy(update={"text": text})
    return draft.model_copy(update={"sections": [first, *draft.sections[1:]]})


def test_a_stale_save_says_whose_newer_version_it_is(tmp_path, rules_draft):
    store = DraftStore(f"sqlite:///{tmp_path / 'drafts.db'}")
    info = store.create(rules_draft, owner="alice")
    store.save(info.draft_id, _edited(rules_draft, "第二版的必要性"), expected_parent=1, author="alice")
    with pytest.raises(DraftConflict) as own:
        store.save(info.draft_id, _edited(rules_draft, "基于第一版"), expected_parent=1, author="alice")
    assert "已有更新的第 2 版" in own.value.message and "他人" not in own.value.message
    assert "仍在本次结果中" not in (own.value.hint or "")
    with pytest.raises(DraftConflict) as other:
        store.save(info.draft_id, _edited(rules_draft, "别人的修改"), expected_parent=1, author="bob")
    assert "已被他人保存为第 2 版" in other.value.message
    store.close()
