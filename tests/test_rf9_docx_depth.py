"""rt8 (nested250.docx): a .docx nested past the XML parser's depth limit is refused as 过大 (too deeply nested),
not called damaged; a file whose XML really is malformed is still called damaged.

The files are the real hand-filled fixture with content put in front of its body, read by the real importer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_support import docx_with_front

from assistant.errors import InputError
from assistant.office.importer import import_office
from assistant.office.limits import TooLargeError

_P = "<w:p><w:r><w:t>deep</w:t></w:r></w:p>"


def _tables(depth: int) -> str:
    inner = _P
    for _ in range(depth):
        inner = "<w:tbl><w:tr><w:tc>" + inner + "</w:tc></w:tr></w:tbl><w:p/>"
    return "<w:tbl><w:tr><w:tc>" + inner + "</w:tc></w:tr></w:tbl>"


def _controls(depth: int) -> str:
    return "<w:sdt><w:sdtContent>" * depth + _P + "</w:sdtContent></w:sdt>" * depth


@pytest.mark.parametrize("front", [_tables(250), _tables(290), _controls(300), _controls(5000)])
def test_too_deeply_nested_docx_is_too_large_not_damaged(tmp_path: Path, front: str) -> None:
    path = docx_with_front(tmp_path / "nested.docx", front)
    with pytest.raises(TooLargeError) as caught:
        import_office(path)
    text = str(caught.value)
    assert "过大" in text and "嵌套" in text and "256" in text
    assert "已损坏" not in text and "格式错误" not in text


def test_shallow_nesting_still_reads(tmp_path: Path) -> None:
    result = import_office(docx_with_front(tmp_path / "shallow.docx", _tables(3)))
    assert result.declarations


def test_malformed_xml_is_still_damaged(tmp_path: Path) -> None:
    path = docx_with_front(tmp_path / "broken.docx", "<w:tbl><w:tr>")
    with pytest.raises(InputError) as caught:
        import_office(path)
    assert "已损坏" in str(caught.value) and not isinstance(caught.value, TooLargeError)
