"""A real PostgreSQL server for the store tests, and the drafts they save.

`postgres_server` starts PostgreSQL (``initdb`` + ``pg_ctl``) in a temporary directory owned by the
``postgres`` user on a free loopback port and stops it afterwards. Tests run as root and initdb
refuses root, so the binaries run through ``runuser -u postgres``. Where no ``initdb`` is found,
Debian's ``postgresql`` package is installed with apt-get first.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from assistant.domain.brief import example_brief
from assistant.drafting.models import Draft
from assistant.services.scope import CorpusScope
from assistant.services.writing import draft_brief, draft_context
from assistant.settings import LLMProvider, load_settings

REPO = Path(__file__).resolve().parent.parent
PG_USER = "postgres"


def _pg_bindir() -> Path:
    found = shutil.which("initdb") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))), None)
    if found is None:
        subprocess.run(["apt-get", "update", "-q"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "postgresql"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        found = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))))
    return Path(found).parent


def _as_postgres(*args: object) -> None:
    command = [str(a) for a in args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", PG_USER, "--", *command]
    subprocess.run(command, check=True, capture_output=True, cwd="/")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_postgres() -> Iterator[str]:
    """A PostgreSQL server in a temp dir on a free loopback port, stopped on exit; yields its base URL."""
    bindir = _pg_bindir()
    root = Path(tempfile.mkdtemp(prefix="shenbao-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, PG_USER, PG_USER)
    data, port = root / "data", _free_port()
    _as_postgres(bindir / "initdb", "-D", data, "-A", "trust", "-U", PG_USER, "-E", "UTF8", "--locale=C")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1"
    _as_postgres(bindir / "pg_ctl", "-D", data, "-l", root / "server.log", "-w", "-o", options, "start")
    try:
        yield f"postgresql+psycopg://{PG_USER}@127.0.0.1:{port}"
    finally:
        _as_postgres(bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The base URL (no database) of a PostgreSQL server started for this test session."""
    with running_postgres() as url:
        yield url


def new_postgres_database(server: str) -> str:
    """A fresh, empty database on the session's server; its SQLAlchemy URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.replace("postgresql+psycopg", "postgresql") + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """The same store tests on SQLite in a temp dir and on the live PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'drafts.db'}"
    return new_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture(scope="session")
def rules_draft() -> Draft:
    """A real draft of the example brief, written by the rules writer (no model)."""
    settings = load_settings()
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"provider": LLMProvider.NONE})})
    context = draft_context(example_brief(), CorpusScope(settings.corpus.corpus_dir).current())
    return draft_brief(example_brief(), settings, None, context=context)
