"""The workspace behind a reverse proxy that rewrites Host (as nginx's ``proxy_pass http://127.0.0.1:PORT`` does), in
headless Chromium: the browser's Origin is the proxy's address, the server sees its own upstream Host. Without the
setting every request the page sends is refused as another site's (the example brief never loads); with
ASSISTANT_WEB__PUBLIC_ORIGINS naming the public address the page works, and a foreign Origin is still refused.
A real proxy (Starlette + httpx, streaming) in front of a real server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from selenium.common.exceptions import TimeoutException
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route
from test_web_browser import _click, _field, _wait, browser  # noqa: F401 - the browser fixture
from web_support import free_port, live_app, web_settings

from assistant.settings import WebSettings

HOP = {b"host", b"connection", b"keep-alive", b"transfer-encoding", b"upgrade", b"content-length"}


@contextmanager
def reverse_proxy(upstream: str) -> Iterator[str]:
    """A proxy on a port of its own passing every request to ``upstream`` with Host rewritten to the upstream's and
    X-Forwarded-For appended; yields its URL (the public address)."""
    client = httpx.AsyncClient(base_url=upstream, timeout=None)
    host = upstream.split("://", 1)[1].rstrip("/")

    async def forward(request: Request) -> StreamingResponse:
        headers = [(k, v) for k, v in request.headers.raw if k.lower() not in HOP] + [(b"host", host.encode())]
        outgoing = client.build_request(
            request.method,
            request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            headers=headers,
            content=await request.body(),
        )
        answer = await client.send(outgoing, stream=True)
        kept = {k: v for k, v in answer.headers.items() if k.lower().encode() not in HOP}
        return StreamingResponse(
            answer.aiter_raw(), status_code=answer.status_code, headers=kept, background=BackgroundTask(answer.aclose)
        )

    methods = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH"]
    app = Starlette(routes=[Route("/{path:path}", forward, methods=methods)])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def _loads_example(driver, public: str) -> bool:
    driver.get(public + "/")
    try:
        _click(driver, "load-example")
        _wait(driver, 20).until(lambda d: _field(d, "brief-name").get_attribute("value") == "党员教育平台运维项目")
    except TimeoutException:
        return False
    return True


def test_the_page_works_behind_a_proxy_that_rewrites_host_once_its_public_origin_is_set(browser, tmp_path):
    settings = web_settings(tmp_path / "data")
    with live_app(settings) as upstream, reverse_proxy(upstream) as public:
        assert not _loads_example(browser, public)  # the default: the page's requests are refused (403)
    port = free_port()
    with reverse_proxy(f"http://127.0.0.1:{port}") as public:
        configured = settings.model_copy(update={"web": WebSettings(public_origins=public)})
        with live_app(configured, port) as upstream:
            assert _loads_example(browser, public)
            refused = httpx.get(public + "/config", headers={"Origin": "http://evil.example"})
            assert refused.status_code == 403 and "其他网站" in refused.text
            assert upstream.endswith(f":{port}/")
