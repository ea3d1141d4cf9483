"""Checks on an .xlsx's sheet parts before openpyxl loads them (openpyxl builds every cell in memory).

A declaration has at most ``MAX_ROWS`` rows and ``MAX_COLUMNS`` columns. Two shapes of hostile file slip past a
byte-size check: a sheet of hundreds of thousands of rows (however they are spelled: ``<row r=…>``, bare ``<row>``,
or a namespace prefix such as ``<x:row>``) and a merged range such as ``C2:XFD1048576``, which openpyxl expands into
one object per covered cell (17 billion for that range). Both are counted here by streaming the XML (lxml
iterparse on the local name, entities not resolved), and refused with a Chinese :class:`InputError`.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from lxml import etree
from openpyxl.utils.cell import range_boundaries

from assistant.errors import InputError
from assistant.office.limits import (
    MAX_BOOK_CELLS,
    MAX_BOOK_MERGED_CELLS,
    MAX_BOOK_MERGED_RANGES,
    MAX_BOOK_ROWS,
    MAX_BOOK_SHEETS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHEET_CELLS,
    too_large,
)

MAX_CELLS = MAX_SHEET_CELLS
_HINT = "请只保留申报表部分（删去明细清单、空白格式行等），或把它移到单独的文件后再导入"
_MERGE_HINT = "请在 Excel 或 WPS 中取消这个合并单元格（或删去多余的行列），另存为 .xlsx 后再导入"
_BOOK_HINT = "请删去与申报表无关的工作表、明细清单和多余的合并单元格，只保留申报表，另存为 .xlsx 后再导入"


@dataclass
class _Totals:
    """Counts over every part of the workbook (a per-sheet limit alone lets 250 sheets each at the limit through)."""

    sheets: int = 0
    rows: int = 0
    cells: int = 0
    merged: int = 0
    ranges: int = 0


def check_sheet_parts(data: bytes, name: str) -> None:
    """Refuse the workbook ``data`` (file ``name``) if a sheet, or all sheets together, pass the limits of
    `assistant.office.limits` (rows, cells, merged cells, merged ranges, sheets).

    Every part of the archive is read, whatever its folder or the case of its name: openpyxl loads the parts the
    relationships name, which need not be ``xl/worksheets/*.xml``; a part that is not XML ends at once. Raises
    :class:`InputError` naming the file and the sheet (its title where the workbook gives one). A part that is not
    well-formed XML is left to the loader, which reports the damage in its own words.
    """
    totals = _Totals()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        titles = _sheet_titles(archive)
        for part in archive.namelist():
            if part.endswith("/"):
                continue
            sheet = titles.get(part.lower(), part)
            with archive.open(part) as stream:
                _check_part(stream, name, sheet, totals)
    if totals.sheets > MAX_BOOK_SHEETS:
        raise too_large(name, f"工作簿有 {totals.sheets} 个工作表，超过 {MAX_BOOK_SHEETS} 个的上限", _BOOK_HINT)


def sheet_parts(data: bytes) -> list[str]:
    """Archive names of the parts that hold rows (any folder, any case), for readers that scan the sheets."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        titles = _sheet_titles(archive)
        return [n for n in archive.namelist() if n.lower() in titles or n.lower().startswith("xl/worksheets/")]


def _check_part(stream: IO[bytes], name: str, sheet: str, totals: _Totals) -> None:
    """Count the part's rows and cells to the end (streamed, so the count costs no memory; the archive's inflated size
    is bounded by `office.guard`); check each merge as it goes, then the sheet's counts, then the workbook's totals."""
    rows = cells = merged = 0
    try:
        for local, element in _elements(stream):
            if local == "row":
                rows += 1
                totals.rows += 1
            elif local == "c":
                cells += 1
                totals.cells += 1
            elif local == "mergeCell":
                covered = _check_merge(element.get("ref") or "", name, sheet)
                merged += covered
                totals.merged += covered
                totals.ranges += 1
            elif local == "sheetData":
                totals.sheets += 1
    except etree.XMLSyntaxError:
        pass  # the loader reports a damaged part in its own words; the counts so far still apply
    if rows > MAX_ROWS or cells > MAX_CELLS or merged > MAX_ROWS * MAX_COLUMNS:
        raise InputError(
            f"文件 {name} 的工作表「{sheet}」有 {rows} 行、{cells} 个单元格"
            + (f"、合并单元格共覆盖 {merged} 格" if merged > MAX_ROWS * MAX_COLUMNS else "")
            + f"，超过一份申报表的合理规模（{MAX_ROWS} 行、{MAX_COLUMNS} 列）",
            hint=_HINT,
        )
    _check_totals(totals, name, sheet)


def _check_totals(totals: _Totals, name: str, sheet: str) -> None:
    """Refuse once the workbook's totals pass a limit, naming the sheet being read when it happened."""
    passed = [
        (totals.rows, MAX_BOOK_ROWS, "行"),
        (totals.cells, MAX_BOOK_CELLS, "个单元格"),
        (totals.merged, MAX_BOOK_MERGED_CELLS, "格被合并单元格覆盖"),
        (totals.ranges, MAX_BOOK_MERGED_RANGES, "个合并单元格"),
    ]
    for count, limit, what in passed:
        if count > limit:
            raise too_large(
                name,
                f"各工作表合计超过 {limit} {what}（读到工作表「{sheet}」时超过），上限是整个工作簿合计",
                _BOOK_HINT,
            )


def _elements(stream: IO[bytes]) -> Iterator[tuple[str, etree._Element]]:
    """(local name, element) of every row, cell and merge element, memory freed as it goes."""
    parser = etree.iterparse(
        stream,
        events=("end",),
        tag=("{*}row", "{*}c", "{*}mergeCell", "{*}sheetData"),
        resolve_entities=False,
        no_network=True,
    )
    for _event, element in parser:
        yield etree.QName(element).localname, element
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None and etree.QName(element).localname in {"row", "mergeCell", "sheetData"}:
            while element.getprevious() is not None:
                del parent[0]


def _check_merge(ref: str, name: str, sheet: str) -> int:
    """The number of cells the merged range ``ref`` covers; raises InputError if it reaches past the limits."""
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref.upper())
    except (ValueError, TypeError):
        return 0  # openpyxl reports a malformed reference as damage when it loads the sheet
    if None in (min_col, min_row, max_col, max_row):
        max_col = max_row = MAX_ROWS + MAX_COLUMNS + 1  # a whole-row/column range such as A:A or 1:1
    if (max_row or 0) > MAX_ROWS or (max_col or 0) > MAX_COLUMNS:
        raise InputError(
            f"文件 {name} 的工作表「{sheet}」有一个合并单元格 {ref} 延伸到第 {max_row} 行、第 {max_col} 列，"
            f"超过一份申报表的合理规模（{MAX_ROWS} 行、{MAX_COLUMNS} 列）",
            hint=_MERGE_HINT,
        )
    return (max_row - min_row + 1) * (max_col - min_col + 1)


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part path in lower case (``xl/sheets/sheet1.xml``) → the title a person sees, from the workbook part the
    package's relationships name and that part's own relationships; empty if the parts are odd."""
    names = {n.lower(): n for n in archive.namelist()}
    try:
        book_part = _office_document(archive, names)
        folder, base = posixpath.split(book_part)
        book = etree.fromstring(archive.read(names[book_part.lower()]), parser=_SAFE)
        rels = etree.fromstring(archive.read(names[posixpath.join(folder, "_rels", base + ".rels").lower()]), _SAFE)
    except (KeyError, etree.XMLSyntaxError, ValueError):
        return {}
    targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter("{*}Relationship")}
    titles = {}
    for element in book.iter("{*}sheet"):
        rid = next((v for k, v in element.attrib.items() if etree.QName(k).localname == "id"), None)
        target = targets.get(rid, "")
        if target:
            part = _resolve(folder, target)
            titles[part.lower()] = element.get("name") or part
    return titles


def _office_document(archive: zipfile.ZipFile, names: dict[str, str]) -> str:
    """The workbook part's path, as ``_rels/.rels`` names it (``xl/workbook.xml`` when it names none)."""
    root = etree.fromstring(archive.read(names["_rels/.rels"]), parser=_SAFE)
    for rel in root.iter("{*}Relationship"):
        if (rel.get("Type") or "").endswith("/officeDocument") and rel.get("Target"):
            return _resolve("", rel.get("Target") or "")
    return "xl/workbook.xml"


def _resolve(folder: str, target: str) -> str:
    """A relationship target as an archive path (absolute ``/xl/…`` or relative to ``folder``)."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


_SAFE = etree.XMLParser(resolve_entities=False, no_network=True)
