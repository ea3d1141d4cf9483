"""``assistant serve`` on a port another program listens on says so in Chinese, with how to choose another port, exits
non-zero and prints no address (red team rt13 #8: 程序内部出错（OSError）, after printing the address). A real
socket bound and listening in the test; the real CLI."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.cli.main import app
from tests.cli_support import cli_env, runner


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.mark.parametrize("by_env", [False, True])
def test_a_taken_port_is_refused_in_chinese_before_the_address(
    by_env: bool, taken_port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_env(tmp_path, monkeypatch)
    monkeypatch.setenv("ASSISTANT_WEB__HOST", "127.0.0.1")
    if by_env:
        monkeypatch.setenv("ASSISTANT_WEB__PORT", str(taken_port))
    args = ["serve", "--llm", "none"] + ([] if by_env else ["--port", str(taken_port)])
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"端口 {taken_port} 已被占用" in result.output
    assert "--port" in result.output and "ASSISTANT_WEB__PORT" in result.output
    assert "http://" not in result.output and "程序内部出错" not in result.output


def test_a_free_port_passes_the_check() -> None:
    from assistant.cli.serve_cmd import require_free_port

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    require_free_port("127.0.0.1", free)  # no error: nothing listens there
