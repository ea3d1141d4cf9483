"""The web workspace (Gradio): `build_app(services)` and `serve`.

Each tab is one module; every handler calls one service method and renders its typed result. The
page keeps only the open draft's id (in the browser, so a reload finds it) and the version it
shows; drafts live in the store. Offline: analytics off, no share link, loopback by default.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, cast

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr
from fastapi import HTTPException
from starlette.middleware import Middleware

from assistant.services import Services
from assistant.services.results import unreachable
from assistant.services.users import LoginLimited, UserService
from assistant.settings import parse_networks, parse_origins
from assistant.web import render
from assistant.web.autosave import Autosave
from assistant.web.charts import cjk_font
from assistant.web.context import WebContext
from assistant.web.corpus_tab import build_corpus_tab
from assistant.web.draft_tab import build_draft_tab
from assistant.web.draft_view import DraftView
from assistant.web.errors import guarded
from assistant.web.guard import CLIENT_ADDRESS, LOOPBACK_NAMES, ExportRegistry, Guard, OriginGate
from assistant.web.locale import OVERLAY_CSS, chinese_i18n
from assistant.web.model_state import model_state
from assistant.web.monitor_tab import build_monitor_tab
from assistant.web.qa_tab import CITE_JS, build_qa_tab
from assistant.web.safe import text as md
from assistant.web.selfeval_tab import build_selfeval_tab
from assistant.web.suggest_tab import build_suggest_tab
from assistant.web.versions_tab import build_versions_tab

log = logging.getLogger(__name__)

TITLE = "申报助手"
UPLOAD_LIMIT = "20mb"  # the largest file the page accepts (a .docx/.xlsx is refused above 20 MB, a text above 2 MB)
CSS = """
.gradio-container { max-width: 1400px !important; }
#review-panel { max-height: 640px; overflow-y: auto; font-size: 0.92em; }
#row-evidence { font-size: 0.9em; }
table.official { border-collapse: collapse; width: 100%; }
table.official th, table.official td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; }
table.official th { background: #f2f2f2; white-space: nowrap; }
table.official tr.cited th, table.official tr.cited td { background: #fff3b0; }
.cited-note { color: #7a5b00; }
.shenbao-hidden { display: none !important; }
"""


def build_app(services: Services) -> gr.Blocks:
    """The workspace over ``services`` (tabs 起草, 版本, 指标推荐, 问答, 语料库)."""
    cjk_font()  # charts in Chinese: the CJK font registered with matplotlib before the first chart
    # Gradio's copies of uploads and exports are deleted after an hour (exports expire sooner: guard.ExportRegistry)
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(1800, 3600)) as app:
        browser = gr.BrowserState(
            None, storage_key="shenbao-draft-id", secret=_browser_secret(services.settings.data_dir)
        )
        exports = ExportRegistry(services.settings.data_dir / "exports", services.settings.web.export_minutes * 60)
        ctx = WebContext(services, draft_id=browser, base=gr.State(None), exports=exports)
        setattr(app, "shenbao_exports", exports)  # noqa: B010 - found by the download route
        with gr.Row():
            gr.Markdown(f"## {TITLE} · 财政项目支出绩效目标申报表")
            user = gr.Markdown("", elem_id="current-user")
        state = gr.Markdown(model_state(services.runtime), elem_id="model-state")
        ctx.model_state = state
        with gr.Tabs():
            with gr.Tab("起草", id="draft"):
                view, autosave = build_draft_tab(ctx)
            with gr.Tab("版本", id="versions") as versions_tab:
                build_versions_tab(ctx, view, versions_tab)
            with gr.Tab("运行监控", id="monitor") as monitor_tab:
                build_monitor_tab(ctx, monitor_tab)
            with gr.Tab("绩效自评", id="selfeval") as selfeval_tab:
                build_selfeval_tab(ctx, view, selfeval_tab)
            with gr.Tab("指标推荐", id="suggest"):
                build_suggest_tab(ctx, view)
            with gr.Tab("问答", id="qa"):
                build_qa_tab(ctx)
            with gr.Tab("语料库", id="corpus") as corpus_tab:
                build_corpus_tab(ctx, corpus_tab)
        app.load(_restore_open_draft(view), [ctx.draft_id], view.outputs()).then(
            _restore_unsaved(autosave), [autosave.store, autosave.shown], list(autosave.fields.values())
        )
        app.load(_who, None, user)
        app.load(lambda: model_state(services.runtime), None, state)
        app.load(None, None, None, js=CITE_JS)
    return app


def _who(request: gr.Request) -> str:
    name = getattr(request, "username", None)
    return f"当前用户：{md(name, inline=True)}（[退出登录](/logout)）" if name else ""


def _browser_secret(data_dir: Path) -> str:
    """The key the browser's copy of the open draft id is encrypted with; kept on disk so that a restarted
    server still reads what the browser kept (the id alone grants nothing: every read checks the owner)."""
    path = data_dir / "web-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(24), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _restore_open_draft(view: DraftView):
    @guarded
    def restore(draft_id: int | None, request: gr.Request) -> dict:
        ws = view.ctx.workspace(request)
        choices = [render.draft_choice(d) for d in ws.drafts()]
        if draft_id and any(value == draft_id for _, value in choices):
            return view.render(ws, int(draft_id))
        return {view.drafts: gr.Dropdown(choices=choices, value=None), view.ctx.draft_id: None}

    return restore


def _restore_unsaved(autosave: Autosave):
    @guarded
    def restore(kept: dict | None, shown: str) -> dict:
        updates = autosave.restore(kept, shown)
        if any(v != gr.skip() for v in updates.values()):
            gr.Info("已恢复上次在本浏览器中输入但未保存的内容，请检查后保存。", title="已恢复未保存的内容")
        return updates

    return restore


def launch(
    services: Services,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    login: bool = False,
    block: bool = True,
    origins: tuple[str, ...] = (),
) -> gr.Blocks:
    """Start the workspace on ``host:port``; ``login`` asks for a user name and password (users in the store);
    ``block=False`` returns at once (tests), else it serves until interrupted. ``origins`` (normalised by
    `parse_origins`) are the public origins a reverse proxy serves the page under, accepted besides the server's own
    and those of ``ASSISTANT_WEB__PUBLIC_ORIGINS``; ``ASSISTANT_WEB__TRUSTED_PROXIES`` names the proxies whose
    ``X-Forwarded-For`` the login limits believe."""
    app = build_app(services)
    app.queue(default_concurrency_limit=4)
    auth = _login_check(services.users) if login else None
    web = services.settings.web
    public = tuple(dict.fromkeys(parse_origins(web.public_origins) + origins))
    guard = Middleware(
        Guard,
        exports=app.shenbao_exports,  # type: ignore[attr-defined]
        session_s=web.session_hours * 3600,
        can_log_in=services.users.can_log_in if login else None,
        loopback_only=host in LOOPBACK_NAMES,
        public_origins=public,
        trusted_proxies=parse_networks(web.trusted_proxies),
    )
    _launch(
        app,
        app_kwargs={"middleware": [guard]},
        max_file_size=UPLOAD_LIMIT,
        server_name=host,
        server_port=port,
        share=False,
        css=CSS + OVERLAY_CSS,
        footer_links=[],
        show_error=False,  # handlers raise gr.Error in Chinese; anything else (Gradio's own parsing) stays generic
        i18n=chinese_i18n(),
        auth=cast(Any, auth),  # Gradio awaits an async checker; its stub names only the sync one
        auth_message="申报助手：请输入用户名和密码（由管理员用 assistant users add 添加）。连续输错会暂停登录一段时间。",
        quiet=True,  # serve prints its own Chinese line with the address; Gradio's are English
        inbrowser=False,
        prevent_thread_lock=True,
    )
    _put_first(app.server_app, Middleware(OriginGate, allowed=public))
    if block:
        _serve_until_interrupted(app)
    return app


# Gradio checks that its own page answers right after starting (``networking.url_ok``: five HEAD requests of 3 s) and
# raises this ValueError when none does in time, which a busy machine can cause (gradio-app/gradio#8671)
_PROBE_FAILED = "localhost is not accessible"
LAUNCH_TRIES = 3


def _launch(app: gr.Blocks, **options: Any) -> None:
    """``app.launch(**options)``, started again (up to ``LAUNCH_TRIES`` times) where only Gradio's probe of its own
    page timed out; any other error, or the probe failing every time, is raised."""
    for attempt in range(1, LAUNCH_TRIES + 1):
        try:
            app.launch(**options)
            return
        except ValueError as error:
            if _PROBE_FAILED not in str(error) or attempt == LAUNCH_TRIES:
                raise
            log.warning("网页服务启动后的本机访问检查超时（机器繁忙），第 %d 次重新启动", attempt)
            app.close()


def _put_first(server: Any, middleware: Middleware) -> None:
    """``middleware`` in front of everything Gradio added, its CORS layer included (that layer answers a preflight
    itself and echoes any Origin when the server is not on loopback). Gradio adds its layers inside ``launch``, after
    ``app_kwargs``' middleware and before the app's first call builds the stack that uvicorn serves; the stack is
    rebuilt here from the list, the new layer outermost."""
    server.user_middleware.insert(0, middleware)
    server.middleware_stack = server.build_middleware_stack()


def _serve_until_interrupted(app: gr.Blocks) -> None:
    """Gradio's own wait prints an English line on Ctrl+C; this one closes the app the same way, quietly."""
    try:
        while app.is_running:
            time.sleep(0.1)
    except KeyboardInterrupt:
        pass
    finally:
        app.close(verbose=False)


def _login_check(users: UserService) -> Callable[[str, str], Awaitable[bool]]:
    """Gradio's login check: the password checked off the event loop (scrypt takes tens of milliseconds, and other
    users' requests go on meanwhile), the limits per user name and per client address applied first (429 with a
    Chinese message, no password checked); a store that cannot be reached answers 503 in Chinese."""

    async def check(username: str, password: str) -> bool:
        address = CLIENT_ADDRESS.get()
        try:
            return await asyncio.to_thread(users.check, username, password, address=address)
        except LoginLimited as exc:
            raise HTTPException(status_code=429, detail=f"{exc.message}。{exc.hint}") from None
        except Exception as exc:  # the store's server gone away: 503 in Chinese, not a bare English 500
            down = unreachable(exc)
            if down is None:
                raise
            raise HTTPException(status_code=503, detail=f"{down.message}。{down.hint}") from None

    return check
