"""Supervisor for llama.cpp's OpenAI-compatible server (``python -m llama_cpp.server``) on loopback."""

from __future__ import annotations

import atexit
import importlib.util
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

import httpx

from assistant.errors import ModelError
from assistant.llm.model_file import ensure_model_file
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_core.messages import BaseMessage

_LOG_TAIL_CHARS = 3000
_LOG_ROTATE_BYTES = 5 * 1024 * 1024
_POLL_INTERVAL_S = 0.25
_TEMPLATE_TOKENS_PER_MESSAGE = 5  # <|im_start|>role\n … <|im_end|>\n
_STOP_GRACE_S = 10.0
# A signal death is most often a llama.cpp build whose CPU code this machine cannot run: a
# -march=native build crashes in its AMX kernels on recent Xeons (llama.cpp issue #20824).
_CRASH_HINT = (
    "llama-cpp-python 的本机编译可能与此 CPU 不兼容，请重新编译安装："
    "CMAKE_ARGS=-DGGML_NATIVE=OFF pip install --no-cache-dir --force-reinstall --no-deps 'llama-cpp-python[server]'；"
    "或改用 openai 接口"
)


def start_local_server(settings: Settings) -> LocalServer:
    """Assemble the model file if needed, then start (or reuse) the server configured in ``settings``."""
    return pending_server(settings).start()


def pending_server(settings: Settings) -> LocalServer:
    """The server configured in ``settings`` (model file assembled if needed), not started yet."""
    return LocalServer.from_settings(settings, ensure_model_file(settings))


class _PortState(Enum):
    FREE = "free"
    SAME_MODEL = "same_model"
    OTHER = "other"


class LocalServer:
    """One llama.cpp server for one GGUF on ``host:port``; stops only a process it started itself."""

    def __init__(
        self,
        *,
        model_path: Path,
        host: str,
        port: int,
        n_ctx: int,
        n_threads: int,
        log_path: Path,
        startup_timeout_s: float = 180.0,
    ) -> None:
        _require_loopback(host)
        self.model_path = model_path.resolve()
        self.host = host
        self.port = port
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.log_path = log_path
        self.startup_timeout_s = startup_timeout_s
        self._process: subprocess.Popen[bytes] | None = None
        self._stopped = False  # stop() was called: a start in progress gives up instead of waiting
        self._log: IO[bytes] | None = None
        self._log_start = 0

    @classmethod
    def from_settings(cls, settings: Settings, model_path: Path) -> LocalServer:
        llm = settings.llm
        return cls(
            model_path=model_path,
            host=llm.local_host,
            port=llm.local_port,
            n_ctx=llm.n_ctx,
            n_threads=llm.n_threads,
            log_path=settings.data_dir / "logs" / "llama_server.log",
        )

    @property
    def base_url(self) -> str:
        return f"http://{_url_host(self.host)}:{self.port}/v1"

    @property
    def model_id(self) -> str:
        """The name the server lists under /v1/models and expects in requests."""
        return str(self.model_path)

    @property
    def owns_process(self) -> bool:
        return self._process is not None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> LocalServer:
        """Reuse a healthy server for the same model on the port, or spawn one and wait until it answers.

        Port 0 (the default) takes a free port: the server is this process's own, stopped with it (and, should this
        process die without stopping it, the server exits by itself: `assistant.llm.owned_server`)."""
        if self._process is not None:
            return self
        if self.port == 0:
            self.port = _free_port(self.host)
        match self._port_state():
            case _PortState.SAME_MODEL:
                return self
            case _PortState.OTHER:
                raise ModelError(
                    f"端口 {self.host}:{self.port} 已被其他程序或其他模型占用",
                    hint="请关闭占用该端口的程序，或用 ASSISTANT_LLM__LOCAL_PORT 换一个端口",
                )
            case _PortState.FREE:
                self._spawn()
                self._wait_until_healthy()
        return self

    def stop(self) -> None:
        """Terminate the server if this object started it; a reused server is left running. A start still in
        progress (another thread) gives up with a `ModelError`."""
        self._stopped = True
        process, self._process = self._process, None
        if process is not None:
            atexit.unregister(self.stop)
            _terminate(process)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "assistant.llm.owned_server",
            str(os.getpid()),
            "--model",
            str(self.model_path),
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--n_ctx",
            str(self.n_ctx),
            "--n_threads",
            str(self.n_threads),
            "--n_threads_batch",
            str(self.n_threads),
            "--flash_attn",
            "true",  # prompt processing about 13% faster on 2 CPU cores, same output speed
        ]

    def count_prompt_tokens(self, messages: Sequence[BaseMessage]) -> int:
        """Prompt tokens of a chat request, counted by the server's tokenizer (its streamed replies carry no
        usage): each message's text plus the chat template's markers around it (ChatML: about 5 a message)."""
        text = "".join(str(m.content) for m in messages)
        try:
            with _loopback_client(timeout_s=10.0) as client:
                response = client.post(f"{_url_host_base(self)}/extras/tokenize/count", json={"input": text})
            return int(response.json()["count"]) + _TEMPLATE_TOKENS_PER_MESSAGE * len(messages) + 3
        except (httpx.HTTPError, ValueError, KeyError):
            return 0

    def _port_state(self) -> _PortState:
        try:
            with _loopback_client(timeout_s=2.0) as client:
                response = client.get(f"{self.base_url}/models")
        except httpx.ConnectError:
            return _PortState.FREE
        except httpx.HTTPError:
            return _PortState.OTHER
        return _PortState.SAME_MODEL if self.model_id in _served_model_ids(response) else _PortState.OTHER

    def _spawn(self) -> None:
        if importlib.util.find_spec("llama_cpp") is None:
            raise ModelError(
                "未安装本地模型服务 llama-cpp-python",
                hint="请在项目目录执行 pip install -e '.[local]'，或改用 openai 接口",
            )
        _rotate(self.log_path)
        self._log = self.log_path.open("ab")
        self._log_start = self._log.tell()
        self._log.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(self.command())}\n".encode())
        self._log.flush()
        self._process = subprocess.Popen(
            self.command(), stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT
        )
        atexit.register(self.stop)
        if self._stopped:  # stopped while spawning: do not leave this one running
            self.stop()

    def exit_error(self, *, grace_s: float = 0.0) -> ModelError | None:
        """A ModelError with the log tail if the process this object started has died, else None.

        ``grace_s`` waits that long for a dying process: its socket closes before it can be reaped.
        """
        if self._process is None or not _exited(self._process, grace_s):
            return None
        code = self._process.returncode
        self.stop()
        return self._log_error(f"本地模型服务已退出（{_describe_exit(code)}）", crashed=code < 0)

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self._stopped:
                raise ModelError("本地模型服务在启动过程中被停止（程序正在退出）", hint="重新启动后再试")
            if (error := self.exit_error()) is not None:
                if self._port_state() is _PortState.SAME_MODEL:
                    return  # lost a start race to another process serving the same model: reuse it
                raise error
            if self._port_state() is _PortState.SAME_MODEL:
                return
            time.sleep(_POLL_INTERVAL_S)
        self.stop()
        raise self._log_error(f"本地模型服务 {self.startup_timeout_s:.0f} 秒内未就绪，已终止", crashed=False)

    def _log_error(self, message: str, *, crashed: bool) -> ModelError:
        return ModelError(
            f"{message}。日志 {self.log_path} 末尾：\n{_log_tail(self.log_path, self._log_start)}",
            hint=_CRASH_HINT if crashed else "请根据日志排查（内存不足、端口冲突、模型文件损坏等），或改用 openai 接口",
        )


def _free_port(host: str) -> int:
    """A port no one listens on now (the kernel's choice); the server binds it a moment later."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.bind((host if host != "localhost" else "127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _require_loopback(host: str) -> None:
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ModelError(
            f"本地模型服务只能监听本机回环地址，当前设置为 {host}",
            hint="请把 ASSISTANT_LLM__LOCAL_HOST 设为 127.0.0.1",
        )


def _url_host_base(server: LocalServer) -> str:
    return f"http://{_url_host(server.host)}:{server.port}"


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _loopback_client(*, timeout_s: float) -> httpx.Client:
    # trust_env=False: an HTTP(S)_PROXY in the environment must not capture loopback traffic.
    return httpx.Client(timeout=timeout_s, trust_env=False)


def loopback_http_clients(timeout_s: float) -> tuple[httpx.Client, httpx.AsyncClient]:
    """Sync and async clients for talking to the local server, proxy settings ignored."""
    return _loopback_client(timeout_s=timeout_s), httpx.AsyncClient(timeout=timeout_s, trust_env=False)


def _served_model_ids(response: httpx.Response) -> set[str]:
    if response.status_code != 200:
        return set()
    try:
        data = response.json().get("data", [])
        return {str(entry.get("id")) for entry in data if isinstance(entry, dict)}
    except (ValueError, AttributeError):
        return set()


def _exited(process: subprocess.Popen[bytes], grace_s: float) -> bool:
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        return False
    return True


def _describe_exit(code: int) -> str:
    if code >= 0:
        return f"退出码 {code}"
    try:
        return f"被信号 {signal.Signals(-code).name} 终止"
    except ValueError:
        return f"被信号 {-code} 终止"


def _terminate(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=_STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _rotate(log_path: Path) -> None:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    if log_path.is_file() and log_path.stat().st_size > _LOG_ROTATE_BYTES:
        log_path.replace(log_path.with_suffix(".log.1"))


def _log_tail(path: Path, start: int) -> str:
    try:
        text = path.read_bytes()[start:][-_LOG_TAIL_CHARS * 3 :].decode("utf-8", errors="replace")
    except OSError:
        return "（无日志）"
    return text[-_LOG_TAIL_CHARS:]
