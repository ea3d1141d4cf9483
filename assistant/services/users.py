"""Users who may log in to the web workspace: salted scrypt hashes (hashlib) kept in the draft store.

A hash reads ``scrypt$n$r$p$salt$digest`` (hex); parameters as recommended for interactive logins
(n=2**14, r=8, p=1: RFC 7914 §2 and OWASP's password storage cheat sheet).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from assistant.errors import InputError
from assistant.store import DraftStore

N, R, P, SALT_BYTES, KEY_BYTES = 2**14, 8, 1, 16, 32
MIN_LENGTH = 8


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=KEY_BYTES)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored`` (constant-time compare); a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
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


class UserService:
    def __init__(self, store: DraftStore) -> None:
        self.store = store

    def set_password(self, name: str, password: str) -> None:
        """Add user ``name`` (or change their password); `InputError` for a blank name or a short password."""
        if not name.strip():
            raise InputError("用户名不能为空", hint="请给出用户名，如 assistant users add zhangsan")
        if len(password) < MIN_LENGTH:
            raise InputError(f"密码太短（至少 {MIN_LENGTH} 位）", hint="请换一个更长的密码")
        self.store.set_password_hash(name.strip(), hash_password(password))

    def check(self, name: str, password: str) -> bool:
        stored = self.store.password_hash(name.strip())
        return stored is not None and verify_password(password, stored)
