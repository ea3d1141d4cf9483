"""PostgreSQL going away while the web workspace runs (red team rt6 finding 9): the login answers 503 with a Chinese
message (草稿库暂时无法连接…), not a bare English 500, and logins work again once the server is back. Real
PostgreSQL, started here and stopped mid-test with ``pg_ctl -m immediate``; a real served app."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import httpx
from store_support import PG_USER, _as_postgres, _free_port, _pg_bindir, new_postgres_database
from web_support import live_app, web_settings

from assistant.services import build_services
from assistant.settings import StoreSettings


def _login(url: str) -> httpx.Response:
    with httpx.Client(timeout=60) as client:
        return client.post(url + "login", data={"username": "alice", "password": "alice-password"})


def test_login_while_postgresql_is_down_answers_in_chinese_and_recovers(tmp_path: Path) -> None:
    bindir, root = _pg_bindir(), Path(tempfile.mkdtemp(prefix="shenbao-pg-down-"))
    if os.geteuid() == 0:
        shutil.chown(root, PG_USER, PG_USER)
    data, port = root / "data", _free_port()
    _as_postgres(bindir / "initdb", "-D", data, "-A", "trust", "-U", PG_USER, "-E", "UTF8", "--locale=C")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
    start = (bindir / "pg_ctl", "-D", data, "-l", root / "server.log", "-w", "-o", options, "start")
    _as_postgres(*start)
    running = True
    try:
        url = new_postgres_database(f"postgresql+psycopg://{PG_USER}@127.0.0.1:{port}")
        settings = web_settings(tmp_path / "data")
        settings = settings.model_copy(update={"store": StoreSettings(url=url, user=settings.store.user)})
        with build_services(settings) as services:
            services.users.set_password("alice", "alice-password")
        with live_app(settings, login=True) as app_url:
            assert _login(app_url).status_code == 200
            _as_postgres(bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
            running = False
            for _ in range(2):  # the first try meets the dead pooled connection, the second a refused connect
                down = _login(app_url)
                assert down.status_code == 503, (down.status_code, down.text[:300])
                assert "草稿库暂时无法连接" in down.text and "Internal Server Error" not in down.text
            _as_postgres(*start)
            running = True
            assert _login(app_url).status_code == 200
    finally:
        if running:
            _as_postgres(bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def test_a_page_handler_names_an_unreachable_store_in_chinese() -> None:
    from sqlalchemy.exc import OperationalError

    from assistant.store.errors import unreachable
    from assistant.web.errors import page_error

    fault = OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))  # injected fault
    shown = str(page_error(fault).message)
    assert "草稿库暂时无法连接" in shown and "意外错误" not in shown
    assert unreachable(ValueError("x")) is None
