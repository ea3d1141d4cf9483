"""What the workspace's HTTP layer enforces, as one ASGI middleware in front of Gradio's app:

- the client's address for the login limits (`CLIENT_ADDRESS`, read by the login check): the connection's, or, from a
  configured trusted reverse proxy (``ASSISTANT_WEB__TRUSTED_PROXIES``), the last address in ``X-Forwarded-For`` that
  is not itself a trusted proxy (`client_address`); from any other client the header is ignored, so nobody names their
  own address;
- sessions that expire (``session_s`` after they were first seen) or end once their user is disabled;
- exports served only to their owner and only while they are fresh (`ExportRegistry`);
- a Content-Security-Policy that lets the page load nothing from anywhere but itself, so that no element that
  content might still smuggle in (an ``<img>``, a Markdown image, a link) can fetch another address;
- on a server bound to this machine only, requests that name another host (``Host: evil.example:7860``) refused:
  a web page whose own name is made to resolve to 127.0.0.1 (DNS rebinding) would otherwise be served as that page's
  own site, and read and change the drafts (with login off, anyone's);
- on every bind (`OriginGate`, put in front of Gradio's CORS layer), a browser request sent by another site's page
  (an ``Origin`` that is not this server's own) refused, so no foreign page reads or changes the workspace and no
  foreign Origin is ever echoed in ``Access-Control-Allow-Origin``. Behind a reverse proxy that rewrites ``Host``, the
  public origins people open the page under (``ASSISTANT_WEB__PUBLIC_ORIGINS``, ``serve --origin``) are accepted too,
  by both checks.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
import shutil
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from contextvars import ContextVar
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from assistant.settings import parse_origins

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CLIENT_ADDRESS: ContextVar[str | None] = ContextVar("shenbao_client_address", default=None)
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
    "worker-src 'self' blob:; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
EXPORT_NAME = re.compile(r"-x[0-9a-f]{16}\.(?:docx|xlsx|json)$")
RECHECK_S = 30.0  # how often a live session's user is looked up again (disabled meanwhile?)
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MAX_ADDRESS = 64  # characters of a client address kept (an IPv6 address with a zone fits)


class ExportRegistry:
    """Exports written under ``root`` (one folder each), each with its owner and a lifetime of ``ttl_s``."""

    def __init__(self, root: Path, ttl_s: float) -> None:
        self.root, self.ttl_s = root, ttl_s
        self._owners: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def folder(self) -> Path:
        """A new folder for one export (old ones are removed first)."""
        self.sweep()
        folder = self.root / secrets.token_hex(8)
        folder.mkdir(parents=True)
        return folder

    def register(self, path: Path, owner: str) -> Path:
        """``path`` renamed to a unique, unguessable name and recorded as ``owner``'s; the new path."""
        unique = path.with_name(f"{path.stem}-x{secrets.token_hex(8)}{path.suffix}")
        path.rename(unique)
        with self._lock:
            self._owners[unique.name] = (owner, time.monotonic() + self.ttl_s)
        return unique

    def refused(self, url_path: str, user: str | None, *, login: bool) -> bool:
        """Whether a request for ``url_path`` (Gradio's ``…/file=…``) must be refused: an export that is not
        ``user``'s (with login on), that has expired, or that this server did not record (one from before a restart)."""
        name = unquote(url_path).rsplit("/", 1)[-1]
        if not EXPORT_NAME.search(name):
            return False
        with self._lock:
            found = self._owners.get(name)
        if found is None:
            return True
        owner, expires = found
        return time.monotonic() > expires or (login and user != owner)

    def sweep(self) -> None:
        """Forget expired exports and delete their folders."""
        now = time.monotonic()
        with self._lock:
            self._owners = {k: v for k, v in self._owners.items() if v[1] > now}
        if not self.root.is_dir():
            return
        cutoff = time.time() - self.ttl_s
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)


class Guard:
    """The ASGI middleware (``app_kwargs={"middleware": [Middleware(Guard, …)]}``)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        exports: ExportRegistry,
        session_s: float,
        can_log_in: Callable[[str], bool] | None = None,
        loopback_only: bool = False,
        public_origins: tuple[str, ...] = (),
        trusted_proxies: tuple[Network, ...] = (),
    ) -> None:
        self.app, self.exports, self.session_s, self.can_log_in = app, exports, session_s, can_log_in
        self.loopback_only = loopback_only  # served on 127.0.0.1: only requests naming a loopback host
        self.public_origins, self.trusted_proxies = public_origins, trusted_proxies
        self._seen: dict[str, float] = {}  # token → when first seen
        self._checked: dict[str, float] = {}  # token → when its user was last looked up

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if self.loopback_only and not _names_loopback(scope, self.public_origins):
            await _refused_host(scope, send)
            return
        reset = CLIENT_ADDRESS.set(client_address(scope, self.trusted_proxies))
        try:
            gradio = scope.get("app")
            login = getattr(gradio, "auth", None) is not None
            user = self._session_user(scope, gradio) if login else None
            if scope["type"] == "http" and "/file=" in scope.get("path", ""):
                if self.exports.refused(scope["path"], user, login=login):
                    await _not_found(send)
                    return
            if scope["type"] == "http" and login and user is None and _closed_before_login(scope.get("path", "")):
                await _plain(_with_headers(send), 401, "请先登录后再访问")
                return
            if scope["type"] == "http":
                send = _with_headers(_without_api_info(send) if login and user is None else send)
            await self.app(scope, receive, send)
        finally:
            CLIENT_ADDRESS.reset(reset)

    def _session_user(self, scope: Scope, gradio: Any) -> str | None:
        """The signed-in user of this request; an expired session, or one whose user was disabled, is ended."""
        tokens: dict[str, str] = getattr(gradio, "tokens", {})
        user = None
        now = time.monotonic()
        for token in _cookie_tokens(scope):
            if token not in tokens:
                continue
            first = self._seen.setdefault(token, now)
            name = tokens[token]
            if now - first > self.session_s or not self._still_allowed(token, name, now):
                tokens.pop(token, None)
                self._seen.pop(token, None)
                continue
            user = name
        return user

    def _still_allowed(self, token: str, name: str, now: float) -> bool:
        if self.can_log_in is None or now - self._checked.get(token, 0.0) < RECHECK_S:
            return True
        self._checked[token] = now
        return self.can_log_in(name)


def client_address(scope: Scope, trusted: tuple[Network, ...]) -> str | None:
    """The address the login limits count: the connection's peer; when that peer is one of the ``trusted`` proxies,
    the last ``X-Forwarded-For`` entry that is not itself trusted (each proxy appends the address it was reached
    from, so the entries to the right of it are the trusted chain's own; those to the left are the client's say and
    are never read). A header without such an entry, or with one that is not an address, leaves the proxy's."""
    client = scope.get("client")
    peer: str | None = client[0] if client else None
    if peer is None or not _within(peer, trusted):
        return peer
    forwarded = b",".join(v for k, v in scope.get("headers", []) if k == b"x-forwarded-for").decode("latin-1")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        try:
            address = ipaddress.ip_address(hop)
        except ValueError:
            return peer
        if not _within(str(address), trusted):
            return str(address)[:MAX_ADDRESS]
    return peer


def _within(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


class OriginGate:
    """ASGI middleware refusing (403, Chinese) a request whose ``Origin`` header is not the server's own: its host and
    port must be the request's ``Host`` (``http://192.168.1.5:7860`` for ``Host: 192.168.1.5:7860``; default ports
    written or not), or one of ``allowed`` (the public origins a reverse proxy serves the page under, normalised by
    `assistant.settings.parse_origins`). ``Origin: null`` (a sandboxed or local file page) is refused too; a request
    without Origin (not sent from another page: a command-line client, a top-level navigation) is let through."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...] = ()) -> None:
        self.app, self.allowed = app, allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not (same_origin(scope) or _public(scope, self.allowed)):
            await _refused_origin(scope, send)
            return
        await self.app(scope, receive, send)


def same_origin(scope: Scope) -> bool:
    """Whether the request's Origin (if any) names the host and port the request was sent to."""
    headers = {k: v.decode("latin-1").strip().lower() for k, v in scope.get("headers", []) if k in (b"host", b"origin")}
    origin = headers.get(b"origin")
    if origin is None:
        return True
    scheme, _, netloc = origin.partition("://")
    host = headers.get(b"host")
    return bool(netloc) and host is not None and _netloc(scheme, netloc) == _netloc(scheme, host)


def _public(scope: Scope, allowed: tuple[str, ...]) -> bool:
    """Whether the request's Origin is one of the ``allowed`` public origins."""
    origin = next((v.decode("latin-1").strip() for k, v in scope.get("headers", []) if k == b"origin"), None)
    return bool(allowed) and origin is not None and _normal_origin(origin) in allowed


def _normal_origin(origin: str) -> str | None:
    try:
        found = parse_origins(origin)
    except ValueError:
        return None
    return found[0] if len(found) == 1 else None


def _netloc(scheme: str, netloc: str) -> str:
    """``host[:port]`` without the scheme's default port (``example.org:80`` → ``example.org`` for http)."""
    default = {"http": ":80", "https": ":443", "ws": ":80", "wss": ":443"}.get(scheme, "")
    netloc = netloc.rstrip("/")
    return netloc[: -len(default)] if default and netloc.endswith(default) else netloc


async def _refused_origin(scope: Scope, send: Send) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    await _plain(
        send,
        403,
        "拒绝访问：该请求来自其他网站的页面，工作区只接受本服务器自己的页面发出的请求。请直接在浏览器地址栏中打开工作区的地址",
    )


def _names_loopback(scope: Scope, public: tuple[str, ...] = ()) -> bool:
    """Whether the request names this machine: its Host (``127.0.0.1:7860``, ``localhost``, ``[::1]:7860``) and, where
    a browser sent one, its Origin (another site's page may not upload here either); or, behind a reverse proxy, one
    of the ``public`` origins (their Host as the proxy passed it on, their Origin as the browser sent it: a rebinding
    page's own name is never one of them). A header left out is let through (requests that are not a browser's)."""
    headers = {k: v.decode("latin-1").strip().lower() for k, v in scope.get("headers", []) if k in (b"host", b"origin")}
    host = headers.get(b"host")
    origin = headers.get(b"origin")
    if origin is not None and origin != "null" and _normal_origin(origin) not in public:
        host_of_origin = origin.split("://", 1)[-1]
        if _host_name(host_of_origin) not in LOOPBACK_NAMES:
            return False
    if host is None or _host_name(host) in LOOPBACK_NAMES:
        return True
    return any(_netloc(scheme, host) == netloc for scheme, _, netloc in (o.partition("://") for o in public))


def _host_name(host: str) -> str:
    return host[1 : host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0]


async def _refused_host(scope: Scope, send: Send) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    await _plain(
        send, 403, "本机工作区只接受 http://127.0.0.1 或 http://localhost 的访问：请在浏览器地址栏中使用这两个地址之一"
    )


def _cookie_tokens(scope: Scope) -> list[str]:
    raw = b"; ".join(v for k, v in scope.get("headers", []) if k == b"cookie").decode("latin-1")
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except CookieError:
        return []
    return [m.value for k, m in jar.items() if k.startswith("access-token")]


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            headers += [
                (b"content-security-policy", CSP.encode()),
                (b"x-content-type-options", b"nosniff"),
                (b"referrer-policy", b"no-referrer"),
            ]
            message["headers"] = headers
        await send(message)

    return sending


# Routes that answer before login although they describe the server (FastAPI's route table, Gradio's app id and run
# history); like ``/config`` they answer 401 until the user signs in (red team rt7, 2026-12-07, finding 10).
_CLOSED_BEFORE_LOGIN = ("/openapi.json", "/docs", "/redoc", "/gradio_api/app_id", "/gradio_api/runs")


def _closed_before_login(path: str) -> bool:
    """Whether ``path`` (any case, with or without a trailing part) is one of _CLOSED_BEFORE_LOGIN."""
    lowered = path.lower().rstrip("/")
    return any(lowered == p or lowered.startswith(p + "/") for p in _CLOSED_BEFORE_LOGIN)


_API_INFO = re.compile(rb"(<script>window\.gradio_api_info = ).*?(;</script>)", re.DOTALL)


def _without_api_info(send: Send) -> Send:
    """``send`` for a request of no signed-in user: an HTML page goes out with Gradio's description of every
    endpoint (``window.gradio_api_info``, its names, parameters and code samples) emptied. Gradio embeds it in the
    login page too, while ``/config`` and ``/gradio_api/info`` answer 401 before login (red team 2026-12-07,
    finding 10). Other responses pass through as they are; an HTML page is held until its last part."""
    start: Message | None = None
    parts: list[bytes] = []

    async def sending(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            named = dict(message.get("headers", []))
            if b"text/html" not in named.get(b"content-type", b"") or b"content-encoding" in named:
                await send(message)
                return
            start = message
            return
        if start is None or message["type"] != "http.response.body":
            await send(message)
            return
        parts.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = _API_INFO.sub(rb"\1{}\2", b"".join(parts))
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body, "more_body": False})

    return sending


async def _not_found(send: Send) -> None:
    await _plain(send, 404, "没有这个文件，或下载链接已过期：请重新导出")


async def _plain(send: Send, status: int, text: str) -> None:
    """A whole plain-text response: ``status`` with ``text`` (Chinese, UTF-8)."""
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
