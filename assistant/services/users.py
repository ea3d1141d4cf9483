"""Users who may log in to the web workspace: salted scrypt hashes (hashlib) kept in the draft store.

A hash reads ``scrypt$n$r$p$salt$digest`` (hex); parameters as recommended for interactive logins
(n=2**14, r=8, p=1: RFC 7914 §2 and OWASP's password storage cheat sheet).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

from assistant.errors import InputError
from assistant.services.login_limits import LoginLimited, LoginLimiter
from assistant.store import DraftStore

N, R, P, SALT_BYTES, KEY_BYTES = 2**14, 8, 1, 16, 32
MIN_LENGTH = 8
MAX_NAME = 64
DISABLED = "!"  # a password hash that starts with this never matches: the account is disabled
LOCAL_PREFIX = "本机:"  # owner of command-line drafts is 本机:<login>; ':' is refused in web names: none inherits them
_DUMMY_HASH: list[str] = []  # checked for an unknown user, so that a wrong name takes as long as a wrong password
__all__ = ["LOCAL_PREFIX", "LoginLimited", "UserService", "hash_password", "normalise_name", "verify_password"]


def normalise_name(name: str) -> str:
    """A user name as stored and compared: NFKC (full-width ``ａｌｉｃｅ`` is ``alice``), trimmed, inner spaces
    collapsed. `InputError` for an empty or overlong name, control characters, ``:`` (reserved for the local
    owner) or letters of Latin and Cyrillic/Greek mixed (two names that would look alike)."""
    text = " ".join(unicodedata.normalize("NFKC", name).split())
    if not text:
        raise InputError("用户名不能为空", hint="请给出用户名，如 assistant users add zhangsan")
    if len(text) > MAX_NAME:
        raise InputError(f"用户名太长（{len(text)} 个字符，至多 {MAX_NAME} 个）", hint="请换一个短一些的用户名")
    if any(unicodedata.category(c).startswith("C") for c in text) or ":" in text or "：" in name:
        raise InputError(f"用户名“{text!r}”含有控制字符或冒号", hint="请只用文字、字母、数字和 _ - .")
    scripts = {_script(c) for c in text if c.isalpha()} - {None}
    if "LATIN" in scripts and scripts & {"CYRILLIC", "GREEK"}:
        raise InputError(
            f"用户名“{text}”混用了拉丁字母和西里尔/希腊字母，容易与别的用户名看起来一样", hint="请只用一种字母"
        )
    return text


def _script(char: str) -> str | None:
    try:
        first = unicodedata.name(char).split()[0]
    except ValueError:
        return None
    return first if first in {"LATIN", "CYRILLIC", "GREEK"} else None


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=KEY_BYTES)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored`` (constant-time compare); a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme.startswith(DISABLED) or scheme != "scrypt":
            return False
        candidate = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(bytes.fromhex(digest)),
        )
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest)


@dataclass(frozen=True)
class Account:
    name: str
    can_log_in: bool  # has a password and is not disabled
    locked_s: float = 0.0  # seconds left of the longest lock after too many failed logins; 0 when not locked
    locked_addresses: int = 0  # how many client addresses are locked out of the name


class UserService:
    def __init__(self, store: DraftStore, limiter: LoginLimiter | None = None) -> None:
        self.store = store
        self.limiter = limiter or LoginLimiter(store.login_locks)

    def set_password(self, name: str, password: str) -> str:
        """Add user ``name`` (or change their password, which also enables a disabled account); the name as
        stored (`normalise_name`). `InputError` for a bad name or a short password."""
        name = normalise_name(name)
        if len(password) < MIN_LENGTH:
            raise InputError(f"密码太短（至少 {MIN_LENGTH} 位）", hint="请换一个更长的密码")
        self.store.users.set_password_hash(name, hash_password(password))
        return name

    def reset(self, name: str, password: str) -> str:
        """A new password for an existing user (enables a disabled account and lifts a lock after failed logins);
        `InputError` for an unknown user."""
        self._existing(name)
        stored = self.set_password(name, password)
        self.limiter.unlock(stored)
        return stored

    def unlock(self, name: str) -> tuple[str, int]:
        """Lift the locks on ``name`` after failed logins, from every address, password unchanged: (the name as
        stored, how many addresses were locked out of it). `InputError` for an unknown user."""
        self._existing(name)
        stored = normalise_name(name)
        return stored, self.limiter.unlock(stored)

    def disable(self, name: str) -> str:
        """The user can no longer log in (their drafts stay); `reset` enables them again."""
        stored = self._existing(name)
        if not stored.startswith(DISABLED):
            self.store.users.set_password_hash(normalise_name(name), DISABLED + stored)
        return normalise_name(name)

    def accounts(self) -> list[Account]:
        """Every user who has or had a password (the web users), by name."""
        locked = self.limiter.locked_users()
        return [
            Account(name, not stored.startswith(DISABLED), *locked.get(name, (0.0, 0)))
            for name, stored in self.store.users.password_hashes()
            if stored
        ]

    def can_log_in(self, name: str) -> bool:
        """Whether the signed-in ``name`` (as typed at login: ``ａｌｉｃｅ`` is ``alice``) may still use the page."""
        try:
            stored = self.store.users.password_hash(normalise_name(name))
        except InputError:
            return False
        return stored is not None and not stored.startswith(DISABLED)

    def check(self, name: str, password: str, *, address: str | None = None) -> bool:
        """Whether ``name`` may log in with ``password``. Raises `LoginLimited` (checking nothing) while the name from
        the client ``address``, or that address, has too many recent failures (or must wait before its next try); an unknown or malformed name costs one scrypt check
        like a known one (constant time)."""
        try:
            key = normalise_name(name)
        except InputError:
            key = name.strip()[:MAX_NAME]
        with self.limiter.attempt(key, address):
            stored = self.store.users.password_hash(key)
            ok = verify_password(password, stored if stored is not None else _dummy_hash())
            ok = ok and stored is not None and not stored.startswith(DISABLED)
            if ok:
                self.limiter.succeeded(key, address)
            else:
                self.limiter.failed(key, address)
        return ok

    def _existing(self, name: str) -> str:
        stored = self.store.users.password_hash(normalise_name(name))
        if stored is None:
            raise InputError(f"没有用户“{normalise_name(name)}”", hint="用 assistant users list 查看用户")
        return stored


def _dummy_hash() -> str:
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hash_password(secrets.token_hex(8)))
    return _DUMMY_HASH[0]
