"""A PDF whose page tree lists thousands of pages is refused from its declared page count, before any page is built,
in seconds (red team rt13 #2: a 1.5 MB flat page list kept `import` busy past 5 minutes, because pdfminer's parser cost
n² on an array of n references and pdfplumber built every page before the 300-page limit was checked). The real CLI
and the real PDF reader on PDFs written here by hand."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.cli.main import app
from assistant.errors import InputError
from assistant.office.read_pdf import MAX_PAGES, pdf_rows
from tests.cli_support import cli_env, runner

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 720 Td (xiangmu 2027) Tj ET"


def _flat_pdf(pages: int, declared: int | None = None) -> bytes:
    """One /Pages node whose /Kids lists ``pages`` pages; its /Count says ``declared`` (default: the truth)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    count = pages if declared is None else declared
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> >>" % count,
        _FONT,
        b"<< /Length %d >>\nstream\n" % len(_TEXT) + _TEXT + b"\nendstream",
        *[b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"] * pages,
    ]
    body, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(body)


def _count_pages(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every page pdfplumber builds, by number (a wrapper around the real ``Page``, which still does the work)."""
    import pdfplumber.page

    built: list[int] = []
    real = pdfplumber.page.Page

    def counted(*args: object, **kwargs: object) -> object:
        built.append(int(kwargs.get("page_number", 0)))  # type: ignore[call-overload]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdfplumber.page, "Page", counted)
    return built


@pytest.mark.parametrize("command", [["import"], ["check"], ["selfeval", "import"]])
def test_many_pages_refused_from_the_declared_count_in_seconds(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_env(tmp_path, monkeypatch)
    built = _count_pages(monkeypatch)
    path = tmp_path / "many.pdf"
    path.write_bytes(_flat_pdf(6000))  # 6,000 pages took about 30 s before (n² in the parser, every page built)
    started = time.monotonic()
    result = runner.invoke(app, [*command, str(path)])
    elapsed = time.monotonic() - started
    assert result.exit_code != 0, result.output
    assert f"有 6000 页，超过一次可读取的 {MAX_PAGES} 页" in result.output
    assert "提取页面" in result.output
    assert "Traceback" not in result.output
    assert built == [], "refused from the declared count: no page is built"
    # A hang guard, not a speed target (those are benchmarks): minutes here mean the n² parse is back.
    assert elapsed < 90, f"took {elapsed:.1f} s"


def test_an_understated_count_is_stopped_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    built = _count_pages(monkeypatch)
    data = _flat_pdf(MAX_PAGES + 40, declared=3)
    with pytest.raises(InputError) as refused:
        pdf_rows(data, "lying.pdf")
    assert f"超过一次可读取的 {MAX_PAGES} 页（文件目录记为 3 页" in str(refused.value)
    assert len(built) == MAX_PAGES, "pages past the limit are never built"


def test_a_few_pages_are_still_read() -> None:
    rows = pdf_rows(_flat_pdf(3), "three.pdf")
    assert sorted(set(rows.pages.values())) == [1, 2, 3]
    assert any("xiangmu 2027" in cell.text for row in rows.rows for cell in row.cells)


def test_the_whole_read_is_time_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_PDF_SECONDS the read stops between pages (or laying out), in Chinese, not as damage."""
    import assistant.office.pdf_budget as budget

    monkeypatch.setattr(budget, "MAX_PDF_SECONDS", 1e-9)
    with pytest.raises(InputError) as refused:
        pdf_rows(_flat_pdf(3), "slow.pdf")
    assert "读取超过" in str(refused.value) and "已停止读取" in str(refused.value)
    assert "损坏" not in str(refused.value).split("（")[0]
