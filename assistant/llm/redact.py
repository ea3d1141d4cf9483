"""Secrets out of any upstream text (an endpoint's error body, a raw reply) before it is shown or logged.

An OpenAI-compatible endpoint may echo the request's API key in an error body (``Incorrect API key provided:
sk-…``). `redact` replaces the configured keys (registered with `register_secret` when a client is built) and
anything shaped like a key or a bearer token with ``***``.
"""

from __future__ import annotations

import re
import threading

_KNOWN: set[str] = set()
_LOCK = threading.Lock()
MASK = "***"
# sk-…/pk-…/rk-… keys, bearer tokens, key=value pairs that name a key, token or password, JWT-like strings
_SHAPES = re.compile(
    r"\b(?:sk|pk|rk|ak)-[A-Za-z0-9_\-]{8,}|"
    r"(?i:bearer)\s+[A-Za-z0-9._\-~+/]{8,}=*|"
    r"(?i:(?:api[_-]?key|access[_-]?token|secret|password|authorization)[\"']?\s*[:=]\s*[\"']?)(?i:bearer\s+)?[^\s\"',;&]{4,}|"
    r"\beyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{5,}"
)


def register_secret(secret: str | None) -> None:
    """Remember ``secret`` (an API key in use) so that `redact` removes it wherever it appears."""
    if secret and len(secret) >= 4:
        with _LOCK:
            _KNOWN.add(secret)


def redact(text: str) -> str:
    """``text`` with every registered secret and every key-shaped string replaced by ``***``."""
    if not text:
        return text
    with _LOCK:
        known = sorted(_KNOWN, key=len, reverse=True)
    for secret in known:
        text = text.replace(secret, MASK)
    return _SHAPES.sub(_mask, text)


def _mask(match: re.Match[str]) -> str:
    found = match.group(0)
    for sep in (":", "="):  # keep the name of a key=value pair, mask the value
        name, _, _value = found.partition(sep)
        if _value and not name.lower().startswith(("sk-", "pk-", "rk-", "ak-", "bearer", "eyj")):
            return f"{name}{sep}{MASK}"
    if found.lower().startswith("bearer"):
        return f"Bearer {MASK}"
    return MASK
