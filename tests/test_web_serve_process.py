"""`assistant serve --llm local` as a real process: it starts the embedded llama.cpp server on a free port of its own,
and stopping serve with SIGTERM or SIGINT (Ctrl+C) stops that server; a serve killed outright (SIGKILL, no chance
to clean up) still leaves no model server behind; each restart starts a fresh one."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from web_support import REPO, free_port

from assistant.llm.model_file import ensure_model_file
from assistant.settings import load_settings

START_S = 240.0


def _children(parent: int) -> list[int]:
    """Pids of the model servers ``parent`` started (their command line names the owned-server module)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"assistant.llm.owned_server" in cmdline and str(parent).encode() in cmdline:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def _model_port(pid: int) -> int:
    cmdline = (Path("/proc") / str(pid) / "cmdline").read_bytes().decode().split("\0")
    return int(cmdline[cmdline.index("--port") + 1])


def _serve(data_dir: Path, model: Path) -> tuple[subprocess.Popen[bytes], str, Path]:
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_LLM__GGUF_PATH": str(model),
        "ASSISTANT_LLM__N_CTX": "512",
    }
    command = [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--llm", "local"]
    # stderr goes to a file, never an unread pipe: a full pipe would block serve's writes and so its exit
    log = data_dir.parent / f"serve-{port}.err"
    with log.open("wb") as err:
        # started as a shell's background job starts it: SIGINT inherited ignored (serve must still stop on it)
        process = subprocess.Popen(
            command, env=env, stdout=err, stderr=subprocess.STDOUT, cwd=REPO, preexec_fn=_sigint_ignored
        )
    return process, f"http://127.0.0.1:{port}/", log


def _sigint_ignored() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _tail(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-8000:]


def _wait_for_model(process: subprocess.Popen[bytes], log: Path) -> tuple[int, int]:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        assert process.poll() is None, _tail(log)
        for pid in _children(process.pid):
            port = _model_port(pid)
            try:
                if httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2, trust_env=False).status_code == 200:
                    return pid, port
            except httpx.HTTPError:
                pass
        time.sleep(0.5)
    pytest.fail("the embedded model server did not answer")


def _gone(pid: int, port: int, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(pid), f"model server {pid} outlived serve"
    with pytest.raises(httpx.TransportError):  # refused (or reset while the port closes): no server answers there
        httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2, trust_env=False)


def _wait_or_dump(serve: subprocess.Popen[bytes], log: Path) -> int:
    """serve's exit code within 60 s of a signal; otherwise fail with every thread's stack (serve dumps on SIGUSR1)."""
    try:
        return serve.wait(timeout=60)
    except subprocess.TimeoutExpired:
        serve.send_signal(signal.SIGUSR1)
        time.sleep(2)
        serve.kill()
        serve.wait(timeout=30)
        pytest.fail(f"serve did not exit within 60 s of the signal; its output and threads:\n{_tail(log)}")


@pytest.fixture(scope="module")
def model() -> Path:
    return ensure_model_file(load_settings())


def test_serve_owns_its_model_server_and_stops_it_on_sigterm_sigint_and_when_killed(
    model: Path, tmp_path: Path
) -> None:
    seen: list[int] = []
    for stop in (signal.SIGTERM, signal.SIGINT, signal.SIGKILL):  # each a restart: a fresh server, never a stale one
        serve, url, log = _serve(tmp_path / "data", model)
        try:
            pid, port = _wait_for_model(serve, log)
            assert pid not in seen
            seen.append(pid)
            assert httpx.get(url, timeout=10, trust_env=False).status_code == 200
            serve.send_signal(stop)
            code = _wait_or_dump(serve, log)
            assert code == (-signal.SIGKILL if stop is signal.SIGKILL else 0), code
            if stop is not signal.SIGKILL:  # what a person sees in the terminal: Chinese, no Gradio English lines
                said = _tail(log)
                assert "网页工作台已停止" in said and not re.search(r"Running on|Keyboard interruption|Closing", said)
            _gone(pid, port)  # killed outright, serve could not stop it: the server noticed and exited by itself
        finally:
            if serve.poll() is None:
                serve.kill()
