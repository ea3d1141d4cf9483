"""A file a reader library refuses is described in Chinese, without the library's exception name (red team
2026-12-06 20h, finding 9): real Word/Excel packages with a DTD, a PDF nested 100,000 deep, a fake .xls."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from assistant.corpus.store import read_source
from assistant.errors import InputError

_LAUGHS = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 8))
DTD = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname"><!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">{_LAUGHS}]>'


def _with_dtd(package: bytes, part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                text = data.decode("utf-8").replace("XXEHERE", "&xxe;&l7;")
                head, _, rest = text.partition("?>") if text.startswith("<?xml") else ("", "", text)
                data = (head + ("?>" if head else "") + DTD + rest).encode("utf-8")
            zout.writestr(info, data)
    return out.getvalue()


def _docx() -> bytes:
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目名称", "XXEHERE"
    buffer = io.BytesIO()
    doc.save(buffer)
    return _with_dtd(buffer.getvalue(), "word/document.xml")


def _xlsx() -> bytes:
    book = Workbook()
    book.active.append(["项目名称", "XXEHERE"])
    buffer = io.BytesIO()
    book.save(buffer)
    return _with_dtd(buffer.getvalue(), "xl/worksheets/sheet1.xml")


_DEEP_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /X "
    + b"[" * 100_000
    + b"]" * 100_000
    + b" >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


@pytest.mark.parametrize(
    ("name", "make", "said"),
    [
        ("dtd.docx", _docx, "文档类型声明"),
        ("dtd.xlsx", _xlsx, "文档类型声明"),
        ("deep.pdf", lambda: _DEEP_PDF, "PDF 的内部结构无法解析"),
        ("fake.xls", lambda: bytes.fromhex("D0CF11E0A1B11AE1") + bytes(range(256)) * 16, "Excel 97-2003"),
    ],
)
def test_a_refused_file_says_what_is_wrong_in_chinese(tmp_path: Path, name, make, said):
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = caught.value.message
    assert said in message, message
    assert not re.search(r"[（(][A-Za-z]+[）)]", message), message  # no exception class name
