"""What every tab shares: the services, the signed-in user's workspace, the open draft."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from assistant.services import Services
from assistant.services.workspace import WorkspaceService


@dataclass
class WebContext:
    services: Services
    draft_id: gr.BrowserState  # survives a page reload; the draft itself lives in the store
    base: gr.State  # the version the page shows: every save names it, so a stale save is a conflict

    def workspace(self, request: gr.Request | None, *, rules_only: bool = False) -> WorkspaceService:
        """The workspace of the signed-in user (with login off: the configured author)."""
        user = getattr(request, "username", None) if request is not None else None
        return self.services.workspace(user, rules_only=rules_only)


def need_draft(draft_id: int | None) -> int:
    from assistant.errors import InputError

    if not draft_id:
        raise InputError("还没有打开草稿", hint="请先在“起草”页起草一份，或在“我的草稿”中选择一份")
    return int(draft_id)
