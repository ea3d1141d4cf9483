"""A fault-injecting OpenAI-compatible chat endpoint on 127.0.0.1 (a test fixture, loopback only).

`FaultServer(plan)` serves ``POST /v1/chat/completions``; ``plan(n, body)`` picks what the n-th request (from 0)
gets: one of `MODES`. Every mode is bounded: a hang or an endless stream stops by itself after ``HANG_S`` or
when the client goes away. Requests are recorded (``server.requests``: the JSON bodies) for the tests to read.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HANG_S = 20.0  # the longest a hang or an endless stream lasts, whatever the client does
GOOD = "本项目由市委组织部实施，为全市党员提供在线学习服务，保障平台稳定运行。"
GARBAGE = "¥¥¥ ☃☃ 乱码 <|im_end|> 锟斤拷 ¥¥¥ ☃☃☃☃ ####"
SECRET_ECHO = "Incorrect API key provided: {key}. You can find your API key at https://example.invalid/keys."
MODES = (
    "ok",  # a good section, streamed
    "rate_limited",  # 429 with Retry-After: 1
    "rate_limited_long",  # 429 with Retry-After: 3600
    "server_error",  # 503
    "hang",  # headers never come
    "drip",  # one character every 0.5 s, forever (bounded by HANG_S)
    "cut",  # a few chunks, then the connection is closed mid-stream
    "invalid_json",  # 200 with a body that is not JSON
    "empty_choices",  # 200, streamed chunks with an empty choices list
    "garbage",  # control tokens and mojibake
    "english",  # prose, but not Chinese
    "endless",  # text as fast as it goes, forever (bounded by HANG_S)
    "echo_key",  # 401 whose body echoes the API key the request carried
    "gated",  # a good reply once the test opens ``server.gate`` (a slow model the test controls)
)

Plan = Callable[[int, dict[str, Any]], str]


class FaultServer:
    def __init__(
        self,
        plan: Plan | str,
        *,
        reply: Callable[[dict[str, Any]], str] | None = None,
        raw: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """``reply(body)``: the text an "ok" request gets, sent as a section's JSON (``{"text": …}``), or as it is
        where ``raw(body)`` says so (a reply that is itself JSON, e.g. the indicator table's model step)."""
        self.plan: Plan = (lambda _n, _b: plan) if isinstance(plan, str) else plan
        self.reply = reply or (lambda _body: GOOD)
        self.raw = raw or (lambda _body: False)
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.gate = threading.Event()
        self.in_flight = self.most_in_flight = 0
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> FaultServer:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: object) -> None:
                return None

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
                with server._lock:
                    n = len(server.requests)
                    server.requests.append(body)
                mode = server.plan(n, body)
                key = (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
                with server._lock:
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                try:
                    getattr(self, f"_{mode}")(body, key)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with server._lock:
                        server.in_flight -= 1

            # -- answers --------------------------------------------------------------------------
            def _json(self, status: int, payload: object, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                self._raw(status, data, "application/json", headers)

            def _raw(self, status: int, data: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _stream_start(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True

            def _chunk(self, text: str | None, *, finish: str | None = None, choices: bool = True) -> None:
                delta = {"content": text} if text is not None else {}
                payload = {
                    "id": "x",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": "fault",
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}] if choices else [],
                }
                self.wfile.write(f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()

            def _done(self) -> None:
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _text(self, body: dict[str, Any], text: str) -> None:
                reply = text if server.raw(body) else json.dumps({"text": text, "citations": []}, ensure_ascii=False)
                if body.get("stream"):
                    self._stream_start()
                    for i in range(0, len(reply), 8):
                        self._chunk(reply[i : i + 8])
                    self._chunk(None, finish="stop")
                    self._done()
                    return
                self._json(
                    200,
                    {
                        "id": "x",
                        "object": "chat.completion",
                        "created": 0,
                        "model": "fault",
                        "choices": [
                            {"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}
                        ],
                        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
                    },
                )

            def _ok(self, body: dict[str, Any], _key: str) -> None:
                self._text(body, server.reply(body))

            def _gated(self, body: dict[str, Any], _key: str) -> None:
                server.gate.wait(HANG_S)
                self._text(body, server.reply(body))

            def _garbage(self, body: dict[str, Any], _key: str) -> None:
                self._text(body, GARBAGE * 3)

            def _english(self, body: dict[str, Any], _key: str) -> None:
                self._text(body, "This project provides online learning for party members and keeps it running. " * 2)

            def _rate_limited(self, _body: dict[str, Any], _key: str) -> None:
                self._json(429, {"error": {"message": "slow down", "type": "rate_limit"}}, {"Retry-After": "1"})

            def _rate_limited_long(self, _body: dict[str, Any], _key: str) -> None:
                self._json(429, {"error": {"message": "slow down", "type": "rate_limit"}}, {"Retry-After": "3600"})

            def _server_error(self, _body: dict[str, Any], _key: str) -> None:
                self._json(503, {"error": {"message": "overloaded", "type": "server_error"}})

            def _echo_key(self, _body: dict[str, Any], key: str) -> None:
                self._json(401, {"error": {"message": SECRET_ECHO.format(key=key), "type": "invalid_request_error"}})

            def _invalid_json(self, _body: dict[str, Any], _key: str) -> None:
                self._raw(200, b'{"id": "x", "choices": [ this is not json', "application/json")

            def _empty_choices(self, body: dict[str, Any], _key: str) -> None:
                if not body.get("stream"):
                    self._json(200, {"id": "x", "object": "chat.completion", "created": 0, "model": "f", "choices": []})
                    return
                self._stream_start()
                for _ in range(3):
                    self._chunk(None, choices=False)
                self._done()

            def _hang(self, _body: dict[str, Any], _key: str) -> None:
                server._stop.wait(HANG_S)

            def _drip(self, _body: dict[str, Any], _key: str) -> None:
                self._stream_start()
                self._chunk('{"text": "')
                ends = time.monotonic() + HANG_S
                while time.monotonic() < ends and not server._stop.is_set():
                    self._chunk("慢")
                    time.sleep(0.5)

            def _endless(self, _body: dict[str, Any], _key: str) -> None:
                self._stream_start()
                self._chunk('{"text": "')
                ends = time.monotonic() + HANG_S
                while time.monotonic() < ends and not server._stop.is_set():
                    self._chunk("项目持续推进，" * 20)

            def _cut(self, _body: dict[str, Any], _key: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                piece = 'data: {"id":"x","object":"chat.completion.chunk","created":0,"model":"f","choices":[{"index":0,"delta":{"content":"{\\"text\\": \\"本项目"},"finish_reason":null}]}\n\n'
                data = piece.encode()
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.write(b"ffff\r\nshort")  # a chunk announced longer than what comes: the stream breaks
                self.wfile.flush()
                self.close_connection = True

        return Handler
