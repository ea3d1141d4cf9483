"""What every tab shares: the services, the signed-in user's workspace, the open draft."""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from assistant.services import Services
from assistant.services.users import normalise_name
from assistant.services.workspace import WorkspaceService
from assistant.web.guard import ExportRegistry


@dataclass
class WebContext:
    services: Services
    draft_id: gr.BrowserState  # survives a page reload; the draft itself lives in the store
    base: gr.State  # the version the page shows: every save names it, so a stale save is a conflict
    exports: ExportRegistry | None = None  # where exports are written, owned and expired
    model_state: gr.Markdown | None = None  # who drafts (embedded model, endpoint, rules), redrawn after each draft

    def workspace(self, request: gr.Request | None, *, rules_only: bool = False) -> WorkspaceService:
        """The workspace of the signed-in user (with login off: the configured author)."""
        return self.services.workspace(self.user(request), rules_only=rules_only)

    def user(self, request: gr.Request | None) -> str | None:
        """The signed-in user's name as stored (normalised as at login: ``ａｌｉｃｅ`` is ``alice``); None without login."""
        name = getattr(request, "username", None) if request is not None else None
        return normalise_name(name) if name else None


def need_draft(draft_id: object) -> int:
    from assistant.errors import InputError

    if not draft_id:
        raise InputError("还没有打开草稿", hint="请先在“起草”页起草一份，或在“我的草稿”中选择一份")
    return whole_number(draft_id, what="草稿编号", hint="请在“我的草稿”中选择一份")


def need_base(base: object) -> int:
    """The version the page shows (the one an edit is made on); None when this session never opened the draft (an API
    call straight to an edit endpoint), which is an `InputError` saying so."""
    from assistant.errors import InputError

    if base is None or base == "":
        raise InputError(
            "这个页面（会话）还没有打开这份草稿，不知道修改基于哪一版，未保存",
            hint="请先打开草稿（“我的草稿”中选择一份；接口调用请先调用 /open_draft）再修改",
        )
    return whole_number(base, what="草稿版本号", hint="请刷新页面后重新打开草稿")


def whole_number(value: object, *, what: str, hint: str) -> int:
    """``value`` (as a page or an API call sends it) as a whole number ≥ 1; anything else is an `InputError` naming ``what``."""
    from assistant.errors import InputError

    if isinstance(value, float):  # a gr.Number; inf and nan are not integers
        number = int(value) if value.is_integer() else None
    else:
        try:
            number = int(str(value).strip())
        except ValueError:
            number = None
    if number is None or number < 1:
        shown = "（空）" if value is None or str(value).strip() == "" else f"“{value}”"
        raise InputError(f"{what}{shown}不是正整数", hint=hint)
    return number
