"""PDF, legacy .xls and .doc/.wps inputs (issue 25 items 2 and 3).

The PDFs are made from the product's own .docx export by LibreOffice (docx → PDF → import keeps every
row); the .xls workbooks are written here with xlwt; the .doc is LibreOffice's conversion of an export.
"""

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import xlwt
from PIL import Image

from assistant.corpus.store import load_declaration
from assistant.errors import InputError, NotADeclarationError
from assistant.office import legacy
from assistant.office.export_docx import export_docx
from assistant.office.importer import import_office

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "declarations"
SOFFICE = shutil.which("soffice")


def _soffice(source: Path, target: str) -> Path:
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is missing: run `bash scripts/test-deps.sh`")
    profile = source.parent / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            target,
            "--outdir",
            str(source.parent),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return source.with_suffix(f".{target}")


def _key(decl):
    return [(i.level1, i.level2, i.name, i.value.raw) for i in decl.indicators]


@pytest.mark.parametrize("declaration_id", ["2023-003-01", "2019-002-01", "2020-001-01"])
def test_docx_to_pdf_round_trip_keeps_every_row(tmp_path, declaration_id):
    original = load_declaration(CORPUS / f"{declaration_id}.json")
    docx = tmp_path / f"{declaration_id}.docx"
    export_docx(original, docx)
    (decl,) = import_office(_soffice(docx, "pdf")).declarations
    assert decl.header.name == original.header.name
    assert (decl.funding.total, decl.funding.annual) == (original.funding.total, original.funding.annual)
    assert _key(decl) == _key(original)
    pages = [n.message for n in decl.parse_notes if n.code == "pdf.pages"]
    assert len(pages) == 1 and "PDF 第 1" in pages[0]


def test_every_form_in_a_pdf_is_found_with_its_pages(tmp_path):
    from docx import Document
    from docx.enum.text import WD_BREAK

    first, second = (load_declaration(CORPUS / f"{i}.json") for i in ("2023-003-01", "2026-004-01"))
    export_docx(first, tmp_path / "a.docx")
    export_docx(second, tmp_path / "b.docx")
    both = Document(str(tmp_path / "a.docx"))
    both.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for element in Document(str(tmp_path / "b.docx")).element.body:
        both.element.body.append(element)
    both.save(str(tmp_path / "both.docx"))
    decls = import_office(_soffice(tmp_path / "both.docx", "pdf")).declarations
    assert [d.header.name for d in decls] == [first.header.name, second.header.name]
    assert [_key(d) for d in decls] == [_key(first), _key(second)]
    pages = [next(n.message for n in d.parse_notes if n.code == "pdf.pages") for d in decls]
    assert pages[0] != pages[1]


def test_a_scanned_pdf_says_it_has_no_text(tmp_path):
    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(scan)
    with pytest.raises(NotADeclarationError, match="没有文字层") as caught:
        import_office(scan)
    assert "OCR" in str(caught.value)


def test_a_damaged_pdf_is_refused_in_chinese(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(InputError, match="bad.pdf"):
        import_office(bad)


def _xls_form(sheet, rows: list[list[object]]) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)


_HEAD = [
    ["项目支出绩效目标表"],
    ["项目名称", "社区养老服务补贴", "主管部门", "青禾区民政局"],
    ["项目资金总额", 1200000, "年度资金申请总额", 1200000],
]
_TABLE = [
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "服务人次", "≥30000(人次)"],
    [None, "质量指标", "抽查合格率", "≥95(%)"],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90(%)"],
]


def test_an_xls_workbook_is_read_with_merged_cells(tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("目标表")
    _xls_form(sheet, [*_HEAD, *_TABLE])
    sheet.merge(4, 5, 0, 0)  # 产出指标 over two rows
    path = tmp_path / "form.xls"
    book.save(str(path))
    (decl,) = import_office(path).declarations
    assert (decl.header.name, decl.funding.total) == ("社区养老服务补贴", Decimal(1200000))
    assert [(i.level1_written, i.name, i.value.raw) for i in decl.indicators] == [
        ("产出指标", "服务人次", "≥30000(人次)"),
        ("产出指标", "抽查合格率", "≥95(%)"),
        ("满意度指标", "服务对象满意度", "≥90(%)"),
    ]


def test_the_application_sheet_and_the_target_sheet_of_one_project_are_one_declaration(tmp_path):
    book = xlwt.Workbook()
    _xls_form(book.add_sheet("申报书"), [*_HEAD, ["项目概况", "为失能老人提供居家养老服务"]])
    _xls_form(book.add_sheet("绩效目标表"), [["项目支出绩效目标表"], ["项目名称", "社区养老服务补贴"], *_TABLE])
    path = tmp_path / "book.xls"
    book.save(str(path))
    (decl,) = import_office(path).declarations
    assert decl.header.department == "青禾区民政局"
    assert decl.section_text(decl.sections[0].kind) == "为失能老人提供居家养老服务"
    assert len(decl.indicators) == 3


def test_two_projects_in_two_sheets_stay_two(tmp_path):
    book = xlwt.Workbook()
    _xls_form(book.add_sheet("项目一"), [*_HEAD, *_TABLE])
    other = [
        [cell.replace("社区养老服务补贴", "老年助餐") if isinstance(cell, str) else cell for cell in row]
        for row in _HEAD
    ]
    _xls_form(book.add_sheet("项目二"), [*other, *_TABLE])
    path = tmp_path / "two.xls"
    book.save(str(path))
    assert [d.header.name for d in import_office(path).declarations] == ["社区养老服务补贴", "老年助餐"]


def test_a_damaged_xls_is_refused_in_chinese(tmp_path):
    bad = tmp_path / "bad.xls"
    bad.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 600)
    with pytest.raises(InputError, match="bad.xls"):
        import_office(bad)


def test_a_doc_is_converted_by_libreoffice(tmp_path):
    original = load_declaration(CORPUS / "2023-003-01.json")
    export_docx(original, tmp_path / "form.docx")
    doc = _soffice(tmp_path / "form.docx", "doc")
    (decl,) = import_office(doc).declarations
    assert decl.header.name == original.header.name and _key(decl) == _key(original)
    assert any(n.code == "legacy.converted" for n in decl.parse_notes)


def test_without_libreoffice_a_doc_says_what_to_install_or_how_to_save(tmp_path, monkeypatch):
    doc = tmp_path / "old.wps"
    doc.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 600)
    monkeypatch.setattr(legacy, "soffice", lambda: None)  # fault injection: LibreOffice absent
    with pytest.raises(InputError) as caught:
        import_office(doc)
    assert "LibreOffice" in str(caught.value) and "docx" in caught.value.hint


def test_a_row_cut_by_a_page_break_is_joined_with_a_note():
    pdf = Path(__file__).resolve().parent / "fixtures" / "office" / "pdf-2023-003-01-from-docx.pdf"
    (decl,) = import_office(pdf).declarations
    original = load_declaration(CORPUS / "2023-003-01.json")
    assert _key(decl) == _key(original)
    (joined,) = [n for n in decl.parse_notes if n.code == "pdf.row_across_pages"]
    assert joined.fragment == "文书档案电子化" and joined.cell.startswith("第1页")


def test_a_hidden_xls_row_and_column_with_content_are_named_in_warnings(tmp_path):
    # As the .xlsx reader does (`sheet.hidden`): read, but said, since a person opening the file does not see them.
    book = xlwt.Workbook()
    sheet = book.add_sheet("目标表")
    _xls_form(sheet, [*_HEAD, *_TABLE, [None, None, None, None, "内部备注"]])
    sheet.row(5).hidden = True  # 抽查合格率
    sheet.col(4).hidden = True  # 内部备注
    path = tmp_path / "hidden.xls"
    book.save(str(path))
    (decl,) = import_office(path).declarations
    hidden = [n for n in decl.parse_notes if n.code == "sheet.hidden"]
    assert len(hidden) == 2
    assert "第 6 行" in hidden[0].message and "抽查合格率" in hidden[0].message
    assert "第 E 列" in hidden[1].message and "内部备注" in hidden[1].message
    assert len(decl.indicators) == 3  # still read


def test_an_xls_amount_whose_number_format_shows_wan_yuan_is_read_in_wan(tmp_path):
    # As the .xlsx reader does: 120 shown as 120.00万元 is 1,200,000 元, not 120 元.
    book = xlwt.Workbook()
    sheet = book.add_sheet("目标表", cell_overwrite_ok=True)
    _xls_form(sheet, [*_HEAD, *_TABLE])
    wan = xlwt.easyxf(num_format_str='#,##0.00"万元"')
    sheet.write(2, 1, 120, wan)
    sheet.write(2, 3, 120, wan)
    path = tmp_path / "wan.xls"
    book.save(str(path))
    (decl,) = import_office(path).declarations
    assert (decl.funding.total, decl.funding.annual) == (1_200_000, 1_200_000)
    assert any(n.code == "funding.wan_yuan" for n in decl.parse_notes)
