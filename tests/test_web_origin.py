"""A workspace shared on the LAN (``serve --host 0.0.0.0``) answers only its own pages (red team 2026-12-06 20h,
finding 4): a request from another site's page is refused (403, Chinese), the preflight included, and a foreign
Origin is never echoed in ``Access-Control-Allow-Origin``. Real server, bound to all addresses, reached on loopback."""

from __future__ import annotations

import httpx
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner
from web_support import free_port, web_settings

from assistant.cli.main import app as cli
from assistant.services import build_services
from assistant.settings import WebSettings
from assistant.web.app import launch

EVIL = "http://evil.example"


def test_a_server_on_all_addresses_refuses_other_sites_pages(tmp_path):
    port = free_port()
    services = build_services(web_settings(tmp_path / "data"))
    app = launch(services, host="0.0.0.0", port=port, block=False)
    own = f"http://127.0.0.1:{port}"
    lan = {"Host": f"192.0.2.7:{port}", "Origin": f"http://192.0.2.7:{port}"}  # as a colleague's browser names it
    try:
        with httpx.Client(base_url=own, timeout=30) as http:
            preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
            for origin in (EVIL, "null", f"http://127.0.0.1:{port + 1}", f"http://192.0.2.8:{port}"):
                asked = http.options("gradio_api/call/corpus_find", headers={"Origin": origin, **preflight})
                assert asked.status_code == 403 and "其他网站" in asked.text, (origin, asked.text)
                assert "access-control-allow-origin" not in asked.headers
                posted = http.post("gradio_api/call/draft", json={"data": []}, headers=lan | {"Origin": origin})
                assert posted.status_code == 403 and "access-control-allow-origin" not in posted.headers
            assert http.get("config").status_code == 200  # no Origin: the page itself, a command-line client
            assert http.get("config", headers={"Origin": own}).status_code == 200
            assert http.get("config", headers=lan).status_code == 200
            mine = http.options("gradio_api/call/corpus_find", headers={**lan, **preflight})
            assert mine.headers.get("access-control-allow-origin") == lan["Origin"]
    finally:
        app.close()
        services.close()


PUBLIC = "https://shenbao.example.gov.cn"


def _through_proxy(http: httpx.Client, port: int, *, host: str | None = None) -> list[int]:
    """Status codes of the page's own requests as a reverse proxy passes them on: the browser's Origin is the public
    address, the Host is what the proxy wrote (the upstream's ``127.0.0.1:port`` by default)."""
    headers = {"Origin": PUBLIC, "Host": host or f"127.0.0.1:{port}"}
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    return [
        http.get("config", headers=headers).status_code,
        http.options("gradio_api/call/corpus_find", headers=headers | preflight).status_code,
        http.post("gradio_api/call/load_example", json={"data": []}, headers=headers).status_code,
    ]


def test_a_reverse_proxy_that_rewrites_host_is_served_under_the_configured_public_origin(tmp_path):
    """Behind nginx (``proxy_pass http://127.0.0.1:7860``, Host rewritten or passed on) the browser's Origin is the
    public address: with ASSISTANT_WEB__PUBLIC_ORIGINS (or ``serve --origin``) naming it, the page's requests are
    served on a loopback bind and on all addresses; other sites' pages are still refused; without the setting the
    default is unchanged (refused). Real servers."""
    settings = web_settings(tmp_path / "data")
    configured = settings.model_copy(update={"web": WebSettings(public_origins=f"{PUBLIC}/, https://other.example")})
    for host, chosen, flag in (
        ("127.0.0.1", configured, ()),
        ("0.0.0.0", configured, ()),
        ("127.0.0.1", settings, (PUBLIC,)),
        ("127.0.0.1", settings, ()),
    ):
        port = free_port()
        services = build_services(chosen)
        app = launch(services, host=host, port=port, block=False, origins=flag)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
                served = _through_proxy(http, port)
                passed_on = _through_proxy(http, port, host="shenbao.example.gov.cn")
                evil = http.get("config", headers={"Origin": EVIL, "Host": f"127.0.0.1:{port}"})
                rebinding = http.get("config", headers={"Origin": EVIL, "Host": f"evil.example:{port}"})
        finally:
            app.close()
            services.close()
        if chosen is configured or flag:
            assert served == [200, 200, 200] and passed_on == [200, 200, 200], (host, served, passed_on)
        else:
            # the default is unchanged: refused (a preflight naming the public Host is answered by Gradio's CORS layer
            # as before, and reads nothing: the request it announces is refused)
            assert served == [403, 403, 403] and passed_on[::2] == [403, 403], (host, served, passed_on)
        assert evil.status_code == 403 and rebinding.status_code == 403


def test_public_origins_are_checked_when_read():
    from assistant.settings import Settings, parse_origins

    assert parse_origins("HTTPS://Shenbao.Example.gov.cn:443/, http://10.0.0.5:8080") == (
        PUBLIC,
        "http://10.0.0.5:8080",
    )
    for bad in ("shenbao.example.gov.cn", "ftp://x.example", "https://x.example/path", "https://x.example:99999"):
        with pytest.raises(ValidationError, match="来源地址|端口"):
            Settings(web=WebSettings(public_origins=bad))
    runner = CliRunner()
    refused = runner.invoke(cli, ["serve", "--origin", "shenbao.example.gov.cn"])
    assert refused.exit_code != 0 and "--origin 有误" in refused.output and "Traceback" not in refused.output
