"""The workspace starts on a busy machine: Gradio's probe of its own page (``networking.url_ok``) timing out raises
"When localhost is not accessible" (gradio-app/gradio#8671); `launch` starts the server again instead of failing.
The fault is injected by making the probe fail its first call(s); the server and the page are real."""

import urllib.request

import gradio.networking
import pytest
from web_support import free_port, web_settings

from assistant.services import build_services
from assistant.web import app as web_app


def _probe_failing(times: int, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    real = gradio.networking.url_ok
    calls: list[str] = []

    def probe(url: str) -> bool:
        calls.append(url)
        return False if len(calls) <= times else real(url)

    monkeypatch.setattr(gradio.networking, "url_ok", probe)
    return calls


def test_a_timed_out_probe_is_retried_and_the_page_is_served(tmp_path, monkeypatch):
    calls = _probe_failing(1, monkeypatch)
    services = build_services(web_settings(tmp_path / "data"))
    port = free_port()
    app = web_app.launch(services, host="127.0.0.1", port=port, block=False)
    try:
        assert len(calls) == 2
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:
            assert page.status == 200
    finally:
        app.close()
        services.close()


def test_a_probe_failing_every_time_is_raised(tmp_path, monkeypatch):
    calls = _probe_failing(web_app.LAUNCH_TRIES, monkeypatch)
    services = build_services(web_settings(tmp_path / "data"))
    try:
        with pytest.raises(ValueError, match="localhost is not accessible"):
            web_app.launch(services, host="127.0.0.1", port=free_port(), block=False)
        assert len(calls) == web_app.LAUNCH_TRIES
    finally:
        services.close()
