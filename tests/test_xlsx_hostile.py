"""Hostile .xlsx files are refused in Chinese before openpyxl expands them (red-team rt6 finding 1).

Each read runs in a child process under a 1.5 GB address-space limit and a time limit, so a regression costs a
MemoryError in the child, never the machine's memory.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WB = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="绩效目标表" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_HEAD = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>测试项目</t></is></c></row>'
)
_READ = """
import json, sys
from assistant.errors import InputError
import assistant.office.read_xlsx as read_xlsx
path, refuse_load = sys.argv[1], sys.argv[2] == "1"
if refuse_load:  # the file must be refused before openpyxl builds its cells
    def _no_load(*args, **kwargs):
        raise AssertionError("openpyxl loaded the workbook before it was refused")
    read_xlsx.load_workbook = _no_load
xlsx_rows = read_xlsx.xlsx_rows
try:
    book = xlsx_rows(open(path, "rb").read(), "hostile.xlsx")
    print(json.dumps({"rows": len(book.rows)}))
except InputError as exc:
    print(json.dumps({"error": str(exc), "hint": exc.hint}, ensure_ascii=False))
"""


def _xlsx(path: Path, sheet_xml: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WB)
        archive.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))


def _read(path: Path, *, before_load: bool = True) -> dict[str, object]:
    """The reader's outcome in a bounded child process: ``{"error", "hint"}`` or ``{"rows"}``.

    With ``before_load`` openpyxl's loader raises if called, so a refusal that comes only after loading fails.
    """
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(path), "1" if before_load else "0"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_merged_range_bomb_is_refused_naming_sheet_and_range(tmp_path: Path) -> None:
    sheet = f'<worksheet {_NS}><sheetData>{_HEAD}</sheetData><mergeCells count="1"><mergeCell ref="C2:XFD1048576"/></mergeCells></worksheet>'
    result = _read(_xlsx(tmp_path / "bomb.xlsx", sheet))
    assert "hostile.xlsx" in str(result["error"]) and "绩效目标表" in str(result["error"])
    assert "C2:XFD1048576" in str(result["error"]) and "合并" in str(result["hint"])


@pytest.mark.parametrize(
    "row",
    [
        '<x:row r="{i}"><x:c r="A{i}"><x:v>{i}</x:v></x:c></x:row>',  # namespace prefix
        "<row><c><v>{i}</v></c></row>",  # no attributes at all
        '<row\tr="{i}"><c\nr="A{i}"><v>{i}</v></c></row>',  # tab/newline after the tag name
    ],
)
def test_row_count_is_by_element_not_by_bytes(tmp_path: Path, row: str) -> None:
    body = "".join(row.format(i=i) for i in range(2, 2100))
    if row.startswith("<x:"):
        head = _HEAD.replace("<", "<x:").replace("<x:/", "</x:")
        xml = f'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>{head}{body}</x:sheetData></x:worksheet>'
    else:
        xml = f"<worksheet {_NS}><sheetData>{_HEAD}{body}</sheetData></worksheet>"
    result = _read(_xlsx(tmp_path / "rows.xlsx", xml))
    assert "2000 行" in str(result["error"]) and "绩效目标表" in str(result["error"])


def test_ordinary_merges_still_read(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>行{i}</t></is></c></row>' for i in range(2, 40))
    sheet = f'<worksheet {_NS}><sheetData>{_HEAD}{rows}</sheetData><mergeCells><mergeCell ref="B2:F2"/><mergeCell ref="A39:BH39"/></mergeCells></worksheet>'
    assert _read(_xlsx(tmp_path / "ok.xlsx", sheet), before_load=False) == {"rows": 39}
