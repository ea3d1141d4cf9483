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
from typing import IO

from lxml import etree
from openpyxl.utils.cell import range_boundaries

from assistant.errors import InputError
from assistant.office.grid import MAX_COLUMNS, MAX_ROWS

MAX_CELLS = MAX_ROWS * 10
_HINT = "请只保留申报表部分（删去明细清单、空白格式行等），或把它移到单独的文件后再导入"
_MERGE_HINT = "请在 Excel 或 WPS 中取消这个合并单元格（或删去多余的行列），另存为 .xlsx 后再导入"


def check_sheet_parts(data: bytes, name: str) -> None:
    """Refuse the workbook ``data`` (file ``name``) if a sheet has too many rows/cells or a merge beyond the limits.

    Raises :class:`InputError` naming the file and the sheet. A part that is not well-formed XML is left to the
    loader, which reports the damage in its own words.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        titles = _sheet_titles(archive)
        for part in [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]:
            sheet = titles.get(part, part.rsplit("/", 1)[-1])
            with archive.open(part) as stream:
                _check_part(stream, name, sheet)


def _check_part(stream: IO[bytes], name: str, sheet: str) -> None:
    """Count the part's rows and cells to the end (streamed, so the count costs no memory); check each merge."""
    rows = cells = merged = 0
    try:
        for local, element in _elements(stream):
            if local == "row":
                rows += 1
            elif local == "c":
                cells += 1
            else:
                merged += _check_merge(element.get("ref") or "", name, sheet)
    except etree.XMLSyntaxError:
        pass  # the loader reports a damaged part in its own words; the counts so far still apply
    if rows > MAX_ROWS or cells > MAX_CELLS or merged > MAX_ROWS * MAX_COLUMNS:
        raise InputError(
            f"文件 {name} 的工作表「{sheet}」有 {rows} 行、{cells} 个单元格"
            + (f"、合并单元格共覆盖 {merged} 格" if merged > MAX_ROWS * MAX_COLUMNS else "")
            + f"，超过一份申报表的合理规模（{MAX_ROWS} 行、{MAX_COLUMNS} 列）",
            hint=_HINT,
        )


def _elements(stream: IO[bytes]) -> Iterator[tuple[str, etree._Element]]:
    """(local name, element) of every row, cell and merge element, memory freed as it goes."""
    parser = etree.iterparse(
        stream, events=("end",), tag=("{*}row", "{*}c", "{*}mergeCell"), resolve_entities=False, no_network=True
    )
    for _event, element in parser:
        yield etree.QName(element).localname, element
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None and etree.QName(element).localname in {"row", "mergeCell"}:
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
    """Sheet part path (``xl/worksheets/sheet1.xml``) → the title a person sees; empty if the parts are odd."""
    try:
        book = etree.fromstring(archive.read("xl/workbook.xml"), parser=_SAFE)
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser=_SAFE)
    except (KeyError, etree.XMLSyntaxError, ValueError):
        return {}
    targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter("{*}Relationship")}
    titles = {}
    for element in book.iter("{*}sheet"):
        rid = next((v for k, v in element.attrib.items() if etree.QName(k).localname == "id"), None)
        target = targets.get(rid, "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            titles[part] = element.get("name") or part
    return titles


_SAFE = etree.XMLParser(resolve_entities=False, no_network=True)
