"""Hostile files are bounded at the readers' entry points: a text export's size is checked before parsing, a
.docx/.xlsx is inflated as a stream counting the bytes that actually come out, its tables and its longest text;
a valid but oversized file is called too large (过大), not damaged; a file with no declaration says so. Each case
prints its time and peak memory."""

from __future__ import annotations

import resource
import shutil
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner
from web_support import REPO

from assistant.cli.main import app as cli
from assistant.errors import InputError
from assistant.ingest.text_export import MAX_TEXT_BYTES, parse_file
from assistant.office.guard import MAX_TABLES
from assistant.office.importer import import_office

DOCX = REPO / "tests" / "fixtures" / "office" / "hand_filled_shanghai.docx"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _measured(call) -> tuple[BaseException | None, float, float]:
    tracemalloc.start()
    started = time.monotonic()
    error = None
    try:
        call()
    except Exception as exc:
        error = exc
    seconds = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return error, seconds, peak


def _docx_with_body(tmp_path: Path, body: str, name: str) -> Path:
    """The fixture form with its document.xml replaced by ``body`` (a valid Word package otherwise)."""
    out = tmp_path / name
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>'.encode()
            dst.writestr(info.filename, data)
    return out


def _too_large(error: BaseException | None, seconds: float, peak: float, what: str) -> None:
    print(f"\n  {what}: {seconds:.2f} s, peak {peak:.0f} MB traced — {getattr(error, 'message', error)}")
    assert isinstance(error, InputError) and "过大" in error.message and "损坏" not in error.message
    assert seconds < 20


def test_a_huge_text_export_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.txt"
    line = "项目名称\t某项目\n项目概况\t" + "内容" * 500 + "\n"
    path.write_text(line * (MAX_TEXT_BYTES // len(line.encode()) + 10), encoding="utf-8")
    error, seconds, peak = _measured(lambda: parse_file(path))
    print(f"\n  {path.stat().st_size / 1024 / 1024:.1f} MB text: {seconds:.3f} s, peak {peak:.1f} MB")
    assert isinstance(error, InputError) and "超过文本导出的合理大小" in error.message
    assert seconds < 1 and peak < 5  # not even read


def test_thousands_of_nested_tables_are_too_large_not_damaged(tmp_path):
    nested = "<w:tbl><w:tr><w:tc><w:p/>" * (MAX_TABLES + 50) + "</w:tc></w:tr></w:tbl>" * (MAX_TABLES + 50)
    path = _docx_with_body(tmp_path, nested, "nested.docx")
    _too_large(*_measured(lambda: import_office(path)), "nested tables")


def test_a_15_mb_cell_is_too_large_not_damaged(tmp_path):
    cell = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>" + "字" * (5 * 1024 * 1024) + "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    path = _docx_with_body(tmp_path, cell, "big-cell.docx")
    _too_large(*_measured(lambda: import_office(path)), "15 MB cell")


def test_a_zip_bomb_is_stopped_by_the_bytes_that_come_out(tmp_path):
    path = tmp_path / "bomb.docx"
    shutil.copyfile(DOCX, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:  # 3 × 90 MB of zeros: ~270 KB packed
        for n in range(3):
            with archive.open(f"word/media/pad{n}.bin", "w", force_zip64=True) as member:
                for _ in range(90):
                    member.write(bytes(1024 * 1024))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    error, seconds, peak = _measured(lambda: import_office(path))
    _too_large(error, seconds, peak, f"zip bomb ({path.stat().st_size // 1024} KB packed)")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 200 * 1024  # KB: never held whole


@pytest.mark.parametrize("suffix", [".txt", ".xlsx", ".docx", "name-only.xlsx"])
def test_a_file_with_no_declaration_says_so(tmp_path, monkeypatch, suffix):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / f"notes{suffix}"
    if suffix == ".txt":
        path.write_text("会议纪要\n今天讨论了明年的工作安排。\n", encoding="utf-8")
    elif suffix.endswith(".xlsx"):
        from openpyxl import Workbook

        book = Workbook()
        rows = (
            [["项目名称", "某项目"]]
            if suffix.startswith("name")
            else [["姓名", "部门", "电话"], ["张三", "办公室", "123"]]
        )
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        from docx import Document

        doc = Document()
        doc.add_paragraph("会议纪要：今天讨论了明年的工作安排。")
        table = doc.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "部门"
        doc.save(path)
    result = CliRunner().invoke(cli, ["import", str(path)])
    print(result.output)
    assert "确认无误后可用" not in result.output and result.exit_code != 0
    said = ("不是绩效目标申报表", "没有找到绩效目标申报表", "没有读到申报表的各部分和指标表")
    assert any(s in result.output for s in said), result.output
