"""Red team rt7 (2026-12-07): the size limits of `assistant.office.limits` hold as classes, for every reader.

Each hostile file is small and generated here; the bomb reads run in a child process under a 1.5 GB address-space
limit and a time limit (`_read`), so a regression ends the test instead of the machine. The xlsx reads make openpyxl's
loader raise if called: a refusal must come before openpyxl builds a cell.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
import xlwt

from assistant.errors import InputError
from assistant.ingest.text_export import parse_html_bytes, parse_text_bytes
from assistant.office import limits

_ROOT = Path(__file__).resolve().parents[1]
_READ = """
import json, sys
from assistant.errors import InputError
kind, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
try:
    if kind == "xlsx":
        import assistant.office.read_xlsx as read_xlsx
        def _no_load(*args, **kwargs):
            raise AssertionError("openpyxl loaded the workbook before it was refused")
        read_xlsx.load_workbook = _no_load
        read_xlsx.xlsx_rows(data, "hostile.xlsx")
    elif kind == "xls":
        from assistant.office.legacy import xls_rows
        xls_rows(data, "hostile.xls")
    elif kind == "pdf":
        from assistant.office.read_pdf import pdf_rows
        pdf_rows(data, "hostile.pdf")
    else:
        from assistant.ingest.text_export import parse_html_bytes, parse_text_bytes
        (parse_html_bytes if kind == "html" else parse_text_bytes)(data, "hostile." + kind)
    print(json.dumps({"read": True}))
except InputError as exc:
    print(json.dumps({"error": str(exc), "hint": exc.hint, "kind": type(exc).__name__}, ensure_ascii=False))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))


def _read(kind: str, path: Path) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", _READ, kind, str(path)],
        capture_output=True,
        text=True,
        timeout=90,
        preexec_fn=_limit,
        cwd=_ROOT,
        env={"PYTHONPATH": str(_ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# ---- .xlsx: the parts openpyxl loads, wherever they are; totals over the workbook --------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="B1" t="inlineStr"><is><t>测试</t></is></c></row>'


def _sheet(merge: str = "", rows: str = "") -> str:
    merges = f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>' if merge else ""
    return f"<worksheet {_NS}><sheetData>{_HEAD}{rows}</sheetData>{merges}</worksheet>"


def _xlsx(path: Path, parts: list[tuple[str, str, str]], book: str = "xl/workbook.xml") -> Path:
    """An .xlsx whose sheets are ``parts`` (archive path, target in the workbook's rels, sheet XML)."""
    folder, base = book.rsplit("/", 1)
    types = "".join(
        f'<Override PartName="/{p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        f'worksheet+xml"/>'
        for p, _, _ in parts
    )
    sheets = "".join(f'<sheet name="表{i + 1}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i in range(len(parts)))
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{_R}/worksheet" Target="{t}"/>' for i, (_, t, _) in enumerate(parts)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{book}" ContentType="application/vnd.openxmlformats-officedocument.'
            f'spreadsheetml.sheet.main+xml"/>{types}</Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_R}/officeDocument" Target="{book}"/>'
            "</Relationships>",
        )
        archive.writestr(book, f'<workbook {_NS} xmlns:r="{_R}"><sheets>{sheets}</sheets></workbook>')
        archive.writestr(f"{folder}/_rels/{base}.rels", f'<Relationships xmlns="{_PKG}">{rels}</Relationships>')
        for part, _, xml in parts:
            archive.writestr(part, xml)
    return path


@pytest.mark.parametrize(
    ("part", "target", "book"),
    [
        ("xl/sheets/sheet1.xml", "sheets/sheet1.xml", "xl/workbook.xml"),  # another folder
        ("xl/worksheets/sheet1.XML", "worksheets/sheet1.XML", "xl/workbook.xml"),  # upper-case extension
        ("XL/Worksheets/Sheet1.xml", "/XL/Worksheets/Sheet1.xml", "xl/workbook.xml"),  # absolute, other case
        ("data/blob.bin", "../data/blob.bin", "xl/workbook.xml"),  # any name at all
        ("book/s1.xml", "s1.xml", "book/main.xml"),  # the workbook part itself elsewhere
    ],
)
def test_merge_bomb_is_refused_wherever_the_sheet_part_is(tmp_path: Path, part: str, target: str, book: str) -> None:
    path = _xlsx(tmp_path / "bomb.xlsx", [(part, target, _sheet("C2:XFD1048576"))], book=book)
    result = _read("xlsx", path)
    assert "hostile.xlsx" in result["error"] and "C2:XFD1048576" in result["error"], result
    assert "表1" in result["error"], result  # the sheet's title from the relationships, not the part name


def test_many_sheets_each_at_the_sheet_limit_pass_the_workbook_total(tmp_path: Path) -> None:
    at_limit = _sheet(f"A2:BH{limits.MAX_ROWS}")  # exactly MAX_ROWS × MAX_COLUMNS covered: one sheet passes
    parts = [(f"xl/worksheets/sheet{i}.xml", f"worksheets/sheet{i}.xml", at_limit) for i in range(3)]
    result = _read("xlsx", _xlsx(tmp_path / "many.xlsx", parts))
    assert "过大" in result["error"] and "整个工作簿合计" in result["error"], result
    assert "工作表" in result["hint"], result


def test_sheet_count_is_bounded(tmp_path: Path) -> None:
    parts = [(f"xl/worksheets/s{i}.xml", f"worksheets/s{i}.xml", _sheet()) for i in range(limits.MAX_BOOK_SHEETS + 1)]
    result = _read("xlsx", _xlsx(tmp_path / "sheets.xlsx", parts))
    assert f"{limits.MAX_BOOK_SHEETS + 1} 个工作表" in result["error"], result


def test_rows_over_all_sheets_are_bounded(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(2, limits.MAX_ROWS))
    count = limits.MAX_BOOK_ROWS // limits.MAX_ROWS + 1
    parts = [(f"xl/worksheets/s{i}.xml", f"worksheets/s{i}.xml", _sheet(rows=rows)) for i in range(count)]
    result = _read("xlsx", _xlsx(tmp_path / "rows.xlsx", parts))
    assert "整个工作簿合计" in result["error"] and f"{limits.MAX_BOOK_ROWS} 行" in result["error"], result


def test_a_workbook_of_two_ordinary_sheets_in_another_folder_still_reads(tmp_path: Path) -> None:
    from assistant.office.read_xlsx import xlsx_rows

    ok = _sheet("B1:D1")
    path = _xlsx(tmp_path / "ok.xlsx", [("xl/s/a.xml", "s/a.xml", ok), ("xl/s/b.xml", "s/b.xml", ok)])
    book = xlsx_rows(path.read_bytes(), "ok.xlsx")
    assert [r.grid for r in book.rows] == ["表1", "表2"]


# ---- .xls: totals before the merged ranges are expanded ------------------------------------------------------------


def _xls(path: Path, ranges: list[tuple[int, int, int, int]]) -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet("表1")
    sheet.write(0, 0, "项目名称")
    sheet.write(0, 1, "测试")
    sheet._Worksheet__merged_ranges.extend(ranges)  # MERGEDCELLS records only (xlwt's own merge writes cells too)
    book.save(str(path))
    return path


def test_repeated_merged_ranges_in_an_xls_are_refused_before_expanding(tmp_path: Path) -> None:
    path = _xls(tmp_path / "merges.xls", [(1, 1998, 0, 239)] * 3)  # each inside the sheet limits
    result = _read("xls", path)
    assert "过大" in result["error"] and "整个工作簿合计" in result["error"], result


def test_many_small_merged_ranges_in_an_xls_are_bounded(tmp_path: Path) -> None:
    ranges = [(1 + i % 1990, 1 + i % 1990, 2, 3) for i in range(limits.MAX_BOOK_MERGED_RANGES + 1)]
    result = _read("xls", _xls(tmp_path / "ranges.xls", ranges))
    assert f"{limits.MAX_BOOK_MERGED_RANGES} 个合并单元格" in result["error"], result


def test_an_xls_with_ordinary_merges_still_reads(tmp_path: Path) -> None:
    from assistant.office.legacy import xls_rows

    rows = xls_rows(_xls(tmp_path / "ok.xls", [(0, 0, 1, 3)]).read_bytes(), "ok.xls").rows
    assert [(c.text, c.span) for c in rows[0].cells] == [("项目名称", 1), ("测试", 3)]  # xlwt ranges are inclusive


# ---- PDF: every filter charged, laid-out objects bounded, MemoryError is not "damaged" --------------------------------

_TEXT = b"BT /F1 12 Tf 50 800 Td (xiangmu mingcheng test) Tj ET\n"


def _pdf(path: Path, streams: list[bytes], filters: str = "/FlateDecode") -> Path:
    """A PDF of one page per content stream (each already encoded for ``filters``)."""
    pages = len(streams)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages)), pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, stream in enumerate(streams):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i)
        )
        objects.append(
            b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filters.encode()) + stream + b"\nendstream"
        )
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(body)
    return path


def test_a_glyph_bomb_page_is_refused_as_too_complex_not_damaged(tmp_path: Path) -> None:
    glyphs = limits.MAX_PDF_PAGE_OBJECTS + 1000
    path = _pdf(tmp_path / "glyphs.pdf", [zlib.compress(_TEXT + b"BT /F1 1 Tf 0 0 Td (" + b"A" * glyphs + b") Tj ET")])
    assert path.stat().st_size < 5000
    result = _read("pdf", path)
    assert "过大或过于复杂" in result["error"] and "一页上的文字和图形" in result["error"], result
    assert "损坏或无法解析" not in result["error"], result


def test_laid_out_objects_are_bounded_per_file(tmp_path: Path) -> None:
    import pdfplumber

    from assistant.office.pdf_budget import LayoutTooLarge, decode_budget

    page = zlib.compress(_TEXT + b"BT /F1 1 Tf 0 0 Td (" + b"A" * 100 + b") Tj ET")
    path = _pdf(tmp_path / "pages.pdf", [page] * 3)
    with pytest.raises(LayoutTooLarge) as refused, decode_budget(objects=250, page_objects=200):
        with pdfplumber.open(path) as pdf:
            for each in pdf.pages:
                assert len(each.chars) <= 200
    assert "全文" in refused.value.what
    with decode_budget(objects=1000, page_objects=200), pdfplumber.open(path) as pdf:  # within both: read whole
        counts = [len(p.chars) for p in pdf.pages]
        assert counts[0] > 100 and counts == counts[:1] * 3


def _rle_spaces(head: bytes, runs: int) -> bytes:
    literal = b"".join(bytes([len(head[i : i + 128]) - 1]) + head[i : i + 128] for i in range(0, len(head), 128))
    return literal + b"\x81 " * runs + b"\x80"


def test_a_runlength_bomb_is_refused_at_the_decode_budget(tmp_path: Path) -> None:
    from assistant.office.pdf_budget import MAX_DECODED_BYTES

    path = _pdf(tmp_path / "rle.pdf", [_rle_spaces(_TEXT, MAX_DECODED_BYTES // 128 + 10_000)], "/RunLengthDecode")
    result = _read("pdf", path)
    assert "过大或过于复杂" in result["error"] and f"超过 {MAX_DECODED_BYTES // 1024 // 1024} MB" in result["error"]


def test_the_bounded_runlength_decoder_decodes_as_pdfminer_does() -> None:
    from pdfminer.runlength import rldecode

    from assistant.office.pdf_budget import _bounded_rldecode, decode_budget

    rng = random.Random(7)
    encoded = b""
    for _ in range(2000):
        if rng.random() < 0.5:
            chunk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 129)))
            encoded += bytes([len(chunk) - 1]) + chunk
        else:
            encoded += bytes([rng.randrange(129, 256), rng.randrange(256)])
    with decode_budget():
        whole = _bounded_rldecode(encoded + b"\x80")
        assert whole == rldecode(encoded + b"\x80") == _bounded_rldecode(encoded + b"\x80trailing")
        assert _bounded_rldecode(encoded) == whole  # no end-of-data mark: what there is (pdfminer raises)


@pytest.mark.parametrize(
    ("filt", "raw", "params"),
    [
        ("FlateDecode", zlib.compress(b" " * 300_000), None),
        ("RunLengthDecode", _rle_spaces(b"", 3000), None),
        ("ASCII85Decode", b"z" * 80_000 + b"~>", None),
        ("ASCIIHexDecode", b"20" * 300_000 + b">", None),
        ("CCITTFaxDecode", b"\xff" * 40, {"K": -1, "Columns": 8000}),  # 320 white lines of 1,000 bytes
    ],
)
def test_every_decoding_filter_is_charged_to_the_budget(filt: str, raw: bytes, params: object) -> None:
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    from assistant.office.pdf_budget import PdfTooLarge, decode_budget

    attrs: dict[str, object] = {"Filter": LIT(filt)}
    if params:
        attrs["DecodeParms"] = params
    with pytest.raises(PdfTooLarge), decode_budget(limit=250_000):
        PDFStream(attrs, raw).get_data()
    if filt == "CCITTFaxDecode":  # also refused past MAX_CCITT_BYTES; a short one decodes
        raw, attrs["Filter"] = raw[:2], LIT(filt)
    with decode_budget(limit=10_000_000):
        assert len(PDFStream(attrs, raw).get_data()) >= (16_000 if filt == "CCITTFaxDecode" else 250_000)


def test_pdfminer_internals_the_budget_patches_are_as_expected() -> None:
    """Fails loudly when pdfminer adds a filter or renames what `pdf_budget` swaps (its bound would be gone)."""
    from pdfminer import pdftypes
    from pdfminer.converter import PDFLayoutAnalyzer

    from assistant.office.pdf_budget import KNOWN_FILTERS, _install

    assert {n for n in dir(pdftypes) if n.startswith("LITERALS_") and n.endswith("_DECODE")} == set(KNOWN_FILTERS)
    _install()
    for name in ("rldecode", "ccittfaxdecode", "lzwdecode", "ascii85decode", "asciihexdecode"):
        assert getattr(pdftypes, name).__module__ == "assistant.office.pdf_budget", name
    assert type(pdftypes.zlib).__module__ == "assistant.office.pdf_budget"
    for name in ("render_char", "paint_path", "render_image", "begin_page"):
        assert getattr(getattr(PDFLayoutAnalyzer, name), "counted", False), name


def test_memory_error_while_reading_a_pdf_is_called_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfplumber

    from assistant.office.read_pdf import pdf_rows

    def _exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError  # injected fault: the machine ran out of memory mid-read

    monkeypatch.setattr(pdfplumber, "open", _exhausted)
    with pytest.raises(InputError) as refused:
        pdf_rows(_pdf(tmp_path / "m.pdf", [zlib.compress(_TEXT)]).read_bytes(), "m.pdf")
    assert "过大或过于复杂" in str(refused.value) and "损坏" not in str(refused.value).replace("不一定损坏", "")


# ---- .html / .txt: the Office readers' grid limits, and indicators per declaration ------------------------------------

_FORM = "<html><body><table><tr><td>项目名称</td><td>测试项目</td></tr>"


def test_a_web_page_row_wider_than_the_limit_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "wide.html"
    path.write_text(_FORM + "<tr>" + "<td>1" * 200_000 + "</tr></table></body></html>", encoding="utf-8")
    result = _read("html", path)
    assert "过大" in result["error"] and f"超过 {limits.MAX_COLUMNS} 个单元格" in result["error"], result


@pytest.mark.parametrize(("tables", "rows"), [(1, limits.MAX_ROWS + 1), (5, limits.MAX_BOOK_ROWS // 5 + 1)])
def test_web_page_tables_are_bounded_per_table_and_per_page(tables: int, rows: int) -> None:
    table = "<table>" + "<tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>≥1</td></tr>" * rows + "</table>"
    page = (_FORM + "</table>" + (table + "<p>下一表</p>") * tables).encode()
    with pytest.raises(InputError, match="过大") as refused:
        parse_html_bytes(page, "many.html")
    assert f"{limits.MAX_ROWS if tables == 1 else limits.MAX_BOOK_ROWS} 行" in str(refused.value)


def _text_form(indicators: int, separator: str = "\n") -> bytes:
    rows = "".join(f"| 产出指标 | 数量指标 | 培训人数{i} | ≥{i}(人) |\n" for i in range(indicators))
    return ("项目名称：测试项目\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n" + rows).encode()


def test_a_text_table_longer_than_the_limit_is_refused_before_parsing() -> None:
    with pytest.raises(InputError, match=f"超过 {limits.MAX_TABLE_RUN} 行"):
        parse_text_bytes(_text_form(limits.MAX_TABLE_RUN + 1), "long.txt")


def test_a_text_row_wider_than_the_limit_is_refused() -> None:
    with pytest.raises(InputError, match=f"每行 {limits.MAX_COLUMNS} 个"):
        parse_text_bytes(("项目名称：测试\n" + "\t1" * 100 + "\n").encode(), "wide.txt")


def test_indicator_rows_per_declaration_are_bounded_in_every_reader(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=f"{limits.MAX_INDICATORS + 1} 行指标"):
        parse_text_bytes(_text_form(limits.MAX_INDICATORS + 1), "many.txt")
    table = "".join(
        f"<tr><td>产出指标</td><td>数量指标</td><td>培训人数{i}</td><td>≥{i}(人)</td></tr>"
        for i in range(limits.MAX_INDICATORS + 1)
    )
    page = f"{_FORM}<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>{table}</table>"
    with pytest.raises(InputError, match=f"{limits.MAX_INDICATORS + 1} 行指标"):
        parse_html_bytes(page.encode(), "many.html")
    assert len(parse_text_bytes(_text_form(40), "ok.txt").declarations[0].indicators) == 40
