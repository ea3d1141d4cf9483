"""A live web workspace on loopback (a free port) over a temp store, the real corpus and no model."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.services import build_services
from assistant.settings import CorpusSettings, LLMProvider, LLMSettings, Settings, StoreSettings

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def web_settings(data_dir: Path, *, user: str = "张三", corpus_dir: Path = REPO / "corpus") -> Settings:
    return Settings(
        data_dir=data_dir,
        corpus=CorpusSettings(corpus_dir=corpus_dir),
        llm=LLMSettings(provider=LLMProvider.NONE),
        store=StoreSettings(user=user),
    )


@contextmanager
def live_app(settings: Settings, port: int | None = None, *, login: bool = False) -> Iterator[str]:
    """The workspace served on 127.0.0.1; yields its URL, closes app and services afterwards."""
    from assistant.web.app import launch

    port = port or free_port()
    services = build_services(settings)
    app = launch(services, host="127.0.0.1", port=port, login=login, block=False)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()
        services.close()
