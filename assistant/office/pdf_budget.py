"""A bound on how many bytes pdfminer may inflate while one PDF is read (FlateDecode/LZW bombs).

A 1.5 MB PDF can hold a content stream that inflates to gigabytes; pdfminer inflates each stream whole
(``zlib.decompress``). Inside :func:`decode_budget`, pdfminer's stream decoders are swapped for ones that stop
once the PDF's decoded streams together pass ``limit`` bytes and raise :class:`DecodedTooLarge`. Outside it,
pdfminer behaves as shipped. The budget is per context (``contextvars``), so concurrent web reads do not share it.
"""

from __future__ import annotations

import contextvars
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

MAX_DECODED_BYTES = 200 * 1024 * 1024  # a 300-page text PDF decodes to tens of MB


class DecodedTooLarge(Exception):
    """The PDF's streams decode to more than the budget allows (``limit`` bytes)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"decoded streams exceed {limit} bytes")
        self.limit = limit


@dataclass
class _Budget:
    limit: int
    used: int = 0
    exceeded: bool = False

    def take(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            self.exceeded = True
            raise DecodedTooLarge(self.limit)

    @property
    def left(self) -> int:
        return max(self.limit - self.used, 0)


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("pdf_decode_budget", default=None)


class _BoundedDecompressor:
    """``zlib.decompressobj()`` that charges its output to the active budget."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj()

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        budget = _BUDGET.get()
        if budget is None:
            return self._inner.decompress(data, max_length)
        out = self._inner.decompress(data, budget.left + 1)
        budget.take(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _BoundedZlib:
    """The part of the ``zlib`` module pdfminer's pdftypes uses, bounded by the active budget."""

    error = zlib.error

    @staticmethod
    def decompressobj() -> _BoundedDecompressor:
        return _BoundedDecompressor()

    @staticmethod
    def decompress(data: bytes) -> bytes:
        if _BUDGET.get() is None:
            return zlib.decompress(data)
        inner = _BoundedDecompressor()
        out = inner.decompress(data)
        if not inner.eof:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says; pdfminer then retries
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _bounded_lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    budget = _BUDGET.get()
    parts = []
    for part in LZWDecoder(io.BytesIO(data)).run():
        if budget is not None:
            budget.take(len(part))
        parts.append(part)
    return b"".join(parts)


def _install() -> None:
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
        pdftypes.lzwdecode = _bounded_lzwdecode


@contextmanager
def decode_budget(limit: int = MAX_DECODED_BYTES) -> Iterator[None]:
    """Bound pdfminer's decoded stream bytes to ``limit`` within the block. Once the budget is passed the block ends
    in :class:`DecodedTooLarge`, also where pdfminer caught that error and raised (or returned) something else."""
    _install()
    budget = _Budget(limit)
    token = _BUDGET.set(budget)
    try:
        yield
    except Exception as exc:
        if budget.exceeded and not isinstance(exc, DecodedTooLarge):
            raise DecodedTooLarge(limit) from exc
        raise
    finally:
        _BUDGET.reset(token)
    if budget.exceeded:
        raise DecodedTooLarge(limit)
