"""Finished eval cases, kept by the hash of their input so an interrupted run resumes where it stopped.

A case's key hashes everything its figures depend on (suite, case id, brief, provider, model and the
settings that change a draft); change any of them and the case runs again.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

CACHE_VERSION = 1  # bump when a scored figure's meaning changes


def case_key(**parts: object) -> str:
    """SHA-256 (first 24 hex digits) of the parts as canonical JSON; non-JSON values use ``str``."""
    text = json.dumps({"v": CACHE_VERSION, **parts}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class CaseCache:
    """One JSON file per finished case under ``folder`` (``data/eval-cache/`` by default)."""

    def __init__(self, folder: Path, *, enabled: bool = True) -> None:
        self.folder = folder
        self.enabled = enabled
        self.hits = 0

    def get(self, key: str) -> dict[str, Any] | None:
        path = self.folder / f"{key}.json"
        if not self.enabled or not path.exists():
            return None
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None  # a file cut short by the interruption: run the case again
        self.hits += 1
        return found

    def put(self, key: str, value: dict[str, Any]) -> None:
        if not self.enabled:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{key}.json.tmp"
        tmp.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(self.folder / f"{key}.json")  # atomic: a kill mid-write leaves no half file


class OverBudget(Exception):
    """The run's time budget is spent and this case is not cached: it is left out of the report, and listed."""


class BudgetCache(CaseCache):
    """A cache that, once ``deadline`` (``time.perf_counter`` seconds) has passed, refuses to let a case run."""

    def __init__(self, folder: Path, *, enabled: bool = True, deadline: float | None = None) -> None:
        super().__init__(folder, enabled=enabled)
        self.deadline = deadline
        self.may_run = True

    def begin_case(self) -> None:
        """Decide once per case: a case started within the budget runs to its end (all its systems)."""
        self.may_run = self.deadline is None or time.perf_counter() <= self.deadline

    def started(self, run: Callable[..., T], *args: Any) -> T:
        """``run(*args)`` as a new case (`begin_case` first)."""
        self.begin_case()
        return run(*args)

    def get(self, key: str) -> dict[str, Any] | None:
        found = super().get(key)
        if found is None and not self.may_run:
            raise OverBudget(key)
        return found
