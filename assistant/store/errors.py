"""Errors of the draft store: what happened, in Chinese, and what to do."""

from __future__ import annotations

from assistant.drafting.models import Draft
from assistant.errors import AssistantError


class StoreError(AssistantError):
    """The draft store cannot be opened or used (corrupt or too-new database, unreachable server)."""


class DraftNotFound(StoreError):
    """No draft, or no version of it, with the given number."""


class DraftConflict(StoreError):
    """A save against a version that is no longer the latest: nothing was written.

    ``mine`` is the draft the caller tried to save (on top of ``expected``); ``theirs`` is the latest
    saved draft (version ``actual``). Both texts are kept so that the caller can merge by hand.
    """

    def __init__(self, *, draft_id: int, expected: int, actual: int, mine: Draft, theirs: Draft) -> None:
        super().__init__(
            f"草稿 {draft_id} 已被他人保存为第 {actual} 版，你的修改基于第 {expected} 版，未保存",
            hint="请查看最新版本（assistant drafts show），合并你的修改后再保存；你的文本仍在本次结果中",
        )
        self.draft_id = draft_id
        self.expected = expected
        self.actual = actual
        self.mine = mine
        self.theirs = theirs
