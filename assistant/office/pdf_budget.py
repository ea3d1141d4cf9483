"""A bound on what pdfminer may make while one PDF is read: decoded stream bytes and laid-out objects.

A 1.5 MB PDF can hold a content stream that inflates to gigabytes (Flate, LZW, RunLength, CCITT all expand);
pdfminer decodes each stream whole. And a 2.6 KB PDF can show 2 million glyphs, each of which pdfminer and
pdfplumber turn into objects of about 3 KB. Inside :func:`decode_budget`:

- every stream decoder pdfminer's ``PDFStream.decode`` calls is swapped for one that charges its output to the
  budget and stops once the PDF's decoded streams together pass ``limit`` bytes (:class:`DecodedTooLarge`);
  a filter this module does not know makes :func:`_install` fail loudly (``tests/test_pdf_budget_classes.py``
  checks pdfminer's filter list), so a new pdfminer decoder cannot slip past the budget;
- the layout device's ``render_char``/``paint_path``/``render_image`` (pdfminer's ``PDFLayoutAnalyzer``, which
  pdfplumber uses) count the objects laid out per page and per file (`assistant.office.limits`), raising
  :class:`LayoutTooLarge` past either;
- the read as a whole is timed: past ``seconds`` (`MAX_PDF_SECONDS`) the next laid-out object or :func:`check_time`
  (between pages) ends it in :class:`ReadTooSlow`; pdfminer's parser gets a stack described in constant time
  (`assistant.office.pdf_pages.install_quiet_stack`), without which an array of n references cost n².

Outside it, pdfminer behaves as shipped. The budget is per context (``contextvars``), so concurrent web reads do
not share it.
"""

from __future__ import annotations

import contextvars
import io
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from assistant.office.limits import MAX_PDF_OBJECTS, MAX_PDF_PAGE_OBJECTS, MAX_PDF_SECONDS

MAX_DECODED_BYTES = 200 * 1024 * 1024  # a 300-page text PDF decodes to tens of MB
# pdfminer decodes CCITT in pure Python at about 10 µs a byte (200 MB: half an hour of CPU). It decodes streams that
# hold text (page contents, forms, object streams), never images for text extraction; CCITT is an image coding, so
# a text stream in it is refused past this (a fraction of a second).
MAX_CCITT_BYTES = 64 * 1024

# pdfminer's filters (``pdftypes.LITERALS_*``) and how each is bounded here: "charged" ones are swapped in _install;
# DCT/JBIG2/JPX are passed through undecoded by pdfminer (images are not decoded for text extraction).
KNOWN_FILTERS = {
    "LITERALS_FLATE_DECODE": "charged",
    "LITERALS_LZW_DECODE": "charged",
    "LITERALS_RUNLENGTH_DECODE": "charged",
    "LITERALS_CCITTFAX_DECODE": "charged",
    "LITERALS_ASCII85_DECODE": "charged",
    "LITERALS_ASCIIHEX_DECODE": "charged",
    "LITERALS_DCT_DECODE": "not decoded",
    "LITERALS_JBIG2_DECODE": "not decoded",
    "LITERALS_JPX_DECODE": "not decoded",
}


class PdfTooLarge(Exception):
    """The PDF passed one of the budget's limits; ``what`` says which, in Chinese, for the refusal."""

    what = "内容过多"


class DecodedTooLarge(PdfTooLarge):
    """The PDF's streams decode to more than the budget allows (``limit`` bytes)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"decoded streams exceed {limit} bytes")
        self.limit = limit
        self.what = f"解压后的内容超过 {limit // 1024 // 1024} MB"


class LayoutTooLarge(PdfTooLarge):
    """The PDF lays out more characters/paths than allowed on one page or in the whole file."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class ReadTooSlow(PdfTooLarge):
    """The read of the PDF ran past its time (`MAX_PDF_SECONDS`)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"read exceeded {seconds} s")
        self.what = f"读取超过 {seconds:g} 秒仍未完成"


@dataclass
class _Budget:
    limit: int
    used: int = 0
    exceeded: PdfTooLarge | None = None
    objects: int = 0
    page_objects: int = 0
    page_limit: int = MAX_PDF_PAGE_OBJECTS
    file_limit: int = MAX_PDF_OBJECTS
    seconds: float = MAX_PDF_SECONDS
    started: float = field(default_factory=time.monotonic)

    def tick(self) -> None:
        """`ReadTooSlow` once the read has run past ``seconds``."""
        if time.monotonic() - self.started > self.seconds:
            self.exceeded = ReadTooSlow(self.seconds)
            raise self.exceeded

    def lay_out(self) -> None:
        """Count one laid-out object (a glyph, a path, an image); `LayoutTooLarge` past a limit."""
        if self.objects % 4096 == 0:
            self.tick()
        self.objects += 1
        self.page_objects += 1
        if self.page_objects > self.page_limit:
            self.exceeded = LayoutTooLarge(f"一页上的文字和图形超过 {self.page_limit} 个")
        elif self.objects > self.file_limit:
            self.exceeded = LayoutTooLarge(f"全文的文字和图形超过 {self.file_limit} 个")
        if self.exceeded is not None:
            raise self.exceeded

    def take(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            self.exceeded = DecodedTooLarge(self.limit)
            raise self.exceeded

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


def _bounded_rldecode(data: bytes) -> bytes:
    """RunLengthDecode (PDF 32000 7.4.5) charging its output to the budget as it grows (pdfminer's builds it whole)."""
    budget = _BUDGET.get()
    out = bytearray()
    charged = i = 0
    while i < len(data):
        length = data[i]
        if length == 128:
            break
        if length < 128:
            out += data[i + 1 : i + 2 + length]
            i += 2 + length
        else:
            out += data[i + 1 : i + 2] * (257 - length)
            i += 2
        if budget is not None and len(out) - charged > 65536:
            budget.take(len(out) - charged)
            charged = len(out)
    if budget is not None:
        budget.take(len(out) - charged)
    return bytes(out)


def _bounded_ccittfaxdecode(data: bytes, params: dict[str, object]) -> bytes:
    """pdfminer's CCITT decoder with each output line charged to the budget before it is made, and refused past
    MAX_CCITT_BYTES (see there)."""
    from pdfminer.ccitt import CCITTFaxDecoder, ccittfaxdecode
    from pdfminer.pdfexceptions import PDFValueError

    budget = _BUDGET.get()
    if budget is None:
        return ccittfaxdecode(data, params)

    charged = budget

    class _Charged(CCITTFaxDecoder):
        def output_line(self, y: int, bits: Any) -> None:
            size = (len(bits) + 7) // 8
            charged.take(size)
            self.made = getattr(self, "made", 0) + size
            if self.made > MAX_CCITT_BYTES:
                charged.exceeded = PdfTooLarge("CCITT")
                charged.exceeded.what = f"有一段 CCITT 传真编码的数据解码后超过 {MAX_CCITT_BYTES // 1024} KB"
                raise charged.exceeded
            super().output_line(y, bits)

    if params.get("K") != -1:
        raise PDFValueError(params.get("K"))
    parser = _Charged(
        int(params.get("Columns") or 1728),  # type: ignore[call-overload]
        bytealign=bool(params.get("EncodedByteAlign")),
        reversed=bool(params.get("BlackIs1")),
    )
    parser.feedbytes(data)
    return parser.close()


def _charged(decoder: Any) -> Any:
    """``decoder`` (bytes → bytes, never more than 4× its input) with its output charged to the budget."""

    def decode(data: bytes) -> bytes:
        out = decoder(data)
        budget = _BUDGET.get()
        if budget is not None:
            budget.take(len(out))
        return bytes(out)

    decode.bounded = True  # type: ignore[attr-defined]
    return decode


def _counted(method: Any) -> Any:
    """A layout device method that counts one object against the active budget before laying it out."""

    def lay_out(self: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _BUDGET.get()
        if budget is not None:
            budget.lay_out()
        return method(self, *args, **kwargs)

    lay_out.counted = True  # type: ignore[attr-defined]
    return lay_out


def _new_page(method: Any) -> Any:
    def begin_page(self: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _BUDGET.get()
        if budget is not None:
            budget.page_objects = 0
        return method(self, *args, **kwargs)

    begin_page.counted = True  # type: ignore[attr-defined]
    return begin_page


def _install() -> None:
    """Swap pdfminer's decoders and layout methods once; RuntimeError if pdfminer no longer has what is swapped."""
    from pdfminer import pdftypes
    from pdfminer.converter import PDFLayoutAnalyzer

    from assistant.office.pdf_pages import install_quiet_stack

    install_quiet_stack()

    filters = {n for n in dir(pdftypes) if n.startswith("LITERALS_") and n.endswith("_DECODE")}
    decoders = ("zlib", "lzwdecode", "rldecode", "ccittfaxdecode", "ascii85decode", "asciihexdecode")
    methods = ("render_char", "paint_path", "render_image", "begin_page")
    missing = [n for n in decoders if not hasattr(pdftypes, n)] + [
        m for m in methods if not hasattr(PDFLayoutAnalyzer, m)
    ]
    if filters != set(KNOWN_FILTERS) or missing:
        raise RuntimeError(f"pdfminer changed: filters {sorted(filters ^ set(KNOWN_FILTERS))}, missing {missing}")
    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
        pdftypes.lzwdecode = _bounded_lzwdecode
        pdftypes.rldecode = _bounded_rldecode
        pdftypes.ccittfaxdecode = _bounded_ccittfaxdecode
        pdftypes.ascii85decode = _charged(pdftypes.ascii85decode)
        pdftypes.asciihexdecode = _charged(pdftypes.asciihexdecode)
    if not getattr(PDFLayoutAnalyzer.render_char, "counted", False):
        for name in methods[:3]:
            setattr(PDFLayoutAnalyzer, name, _counted(getattr(PDFLayoutAnalyzer, name)))
        PDFLayoutAnalyzer.begin_page = _new_page(PDFLayoutAnalyzer.begin_page)  # type: ignore[method-assign]


def check_time() -> None:
    """`ReadTooSlow` where the active budget's read has run past its seconds (between pages); nothing outside one."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


@contextmanager
def decode_budget(
    limit: int = MAX_DECODED_BYTES,
    *,
    page_objects: int | None = None,
    objects: int | None = None,
    seconds: float | None = None,
) -> Iterator[None]:
    """Bound pdfminer's decoded stream bytes to ``limit`` and its laid-out objects to ``page_objects`` per page and
    ``objects`` per file and its time to ``seconds`` within the block (by default the limits of
    `assistant.office.limits`). Once a limit is passed the block ends in that :class:`PdfTooLarge`
    (DecodedTooLarge or LayoutTooLarge), also where pdfminer caught the error and raised (or returned) something
    else."""
    _install()
    budget = _Budget(limit, page_limit=page_objects or MAX_PDF_PAGE_OBJECTS, file_limit=objects or MAX_PDF_OBJECTS)
    budget.seconds = seconds or MAX_PDF_SECONDS
    token = _BUDGET.set(budget)
    try:
        yield
    except Exception as exc:
        if budget.exceeded is not None and exc is not budget.exceeded:
            raise budget.exceeded from exc
        raise
    finally:
        _BUDGET.reset(token)
    if budget.exceeded is not None:
        raise budget.exceeded
