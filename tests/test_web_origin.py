"""A workspace shared on the LAN (``serve --host 0.0.0.0``) answers only its own pages (red team 2026-12-06 20h,
finding 4): a request from another site's page is refused (403, Chinese), the preflight included, and a foreign
Origin is never echoed in ``Access-Control-Allow-Origin``. Real server, bound to all addresses, reached on loopback."""

from __future__ import annotations

import httpx
from web_support import free_port, web_settings

from assistant.services import build_services
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
