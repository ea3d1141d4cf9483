"""The form-cell half of rebuilding a copied page's grid (``web_table``): the declarations read so far
(:class:`Segment`), the rows they hold, and the cells outside the indicator table — labels and their values,
a label wrapped over two lines, page chrome and footnotes (notes, not rows), a title or second 项目名称 that
opens the next declaration. Moved out of ``web_table`` unchanged; ``GridBuilder`` builds on :class:`FormCells`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.domain.model import Layout, NoteLevel, ParseNote
from assistant.ingest.amount_units import FOOTNOTE
from assistant.ingest.labels import FieldKind
from assistant.ingest.titles import is_page_chrome
from assistant.ingest.web_cells import Shape, WebCell
from assistant.ingest.web_furniture import is_furniture_line
from assistant.office.grid import GridCell, GridRow
from assistant.office.indicators import Role, header_columns
from assistant.office.reader import find_label, is_title_text, names_project

_NOISE = {"其中:", "其中：", "其中"}
# Labels of an information-disclosure page's record of the document (not 内容概述: its value is the page's text).
_PUBLICATION = re.compile(
    r"^(?:索引号|组配分类|主题分类|发布机构|发文日期|成文日期|发布文号|发文字号|关键词|信息来源|主题导航|信息名称|公开方式|公开范围|有效性)[:：]?$"
)
_LABEL_TAIL = re.compile(r"^(?:及[\u4e00-\u9fff]{1,4}|[（(]\s*(?:万元|元)\s*[)）])$")
_UNIT = re.compile(r"(?:单位[：:]\s*|^[（(]\s*)(?:万元|元)\s*[)）]?$")


@dataclass
class Segment:
    """One declaration's rows, and the notes about page text around them."""

    rows: list[GridRow] = field(default_factory=list)
    notes: list[ParseNote] = field(default_factory=list)
    named: bool = False


def grid_cell(cell: WebCell, col: int, span: int = 1) -> GridCell:
    return GridCell(cell.text, cell.line - 1, col, f"第 {cell.line} 行", span)


@dataclass
class Table:
    header: GridRow
    levels: dict[Role, int]  # LEVEL1/LEVEL2 → column
    rest: list[tuple[Role, int]]  # the columns after the categories, in order
    form: list[tuple[str, int]] = field(default_factory=list)  # a list of projects: (label, column) before them
    periods: bool = False  # two sets of columns, the longer period's first (web_two_periods): rows reordered


class FormCells:
    """A grid builder's output (its segments and rows) and its reading of form cells and page text."""

    def __init__(self) -> None:
        self.segments: list[Segment] = [Segment()]
        self.table: Table | None = None
        self.footnote = False
        self.chunk: list[WebCell] = []
        self.levels: list[WebCell] = []
        self.row_number = 0
        self.shape = Shape.PLAIN
        self.gap = False
        self.evaluation_seen = False  # the open table has shown a 决策/过程 category (`web_slots.evaluation_level`)
        self.publication_value = False  # the cell after a publication-record label is that label's value

    # -- output --

    @property
    def current(self) -> Segment:
        return self.segments[-1]

    def _emit(self, cells: list[GridCell]) -> None:
        if cells:
            self.row_number += 1
            self.current.rows.append(GridRow("网页", cells[0].row, tuple(cells)))

    def note(self, level: NoteLevel, code: str, message: str, cell: WebCell) -> None:
        self.current.notes.append(
            ParseNote(level=level, code=code, message=message, line=cell.line, fragment=cell.text or None)
        )

    def _break(self) -> None:
        self.segments.append(Segment())

    # -- form cells and page text --

    def _form_cells(self, cells: list[WebCell], shape: Shape) -> None:
        if shape is Shape.STREAM:
            for cell in cells:
                self._form_cell(cell)
            return
        if FOOTNOTE.match(next((c.text for c in cells if c.text), "")):
            self._footnote([c for c in cells if c.text])
            return
        for group in self._label_groups(cells, joined=shape is Shape.PLAIN):
            self._starts(group[0])
            self._emit([grid_cell(c, k) for k, c in enumerate(group)])

    def _label_groups(self, cells: list[WebCell], *, joined: bool) -> list[list[WebCell]]:
        """Split a row at its labels; with ``joined`` the words after a label are one value (spaces were
        the separators, so a sentence arrives in pieces)."""
        groups: list[list[WebCell]] = []
        for cell in cells:
            if cell.text in _NOISE:
                continue
            if not groups or form_label(cell.text) or is_title_text(cell.text) or _UNIT.search(cell.text):
                groups.append([cell])
            elif joined and len(groups[-1]) >= 2 and _takes_words(groups[-1][0].text):
                last = groups[-1][-1]
                groups[-1][-1] = WebCell(f"{last.text} {cell.text}", last.line)
            else:
                groups[-1].append(cell)
        return groups

    def _form_cell(self, cell: WebCell) -> None:
        if not cell.text or cell.text in _NOISE:
            return
        if self._continues_label(cell):
            return
        if self.footnote and not self._leaves_footnote(cell.text):
            self._footnote([cell])
            return
        self.footnote = False
        if FOOTNOTE.match(cell.text):
            self._footnote([cell])
            return
        if is_page_chrome([cell.text]) or furniture([cell]) or self._publication_record(cell.text):
            self.note(NoteLevel.INFO, "web.page_chrome", "网页导航或页面文字，不属于申报表", cell)
            return
        self._starts(cell)
        self._emit([grid_cell(cell, 0)])

    def _publication_record(self, text: str) -> bool:
        """A cell of the record an information-disclosure page shows above the document (宁国: ``索引号`` |
        ``113417…`` | ``组配分类`` | ``财政资金`` | ``发布机构`` …, one cell a line): a label of that record, or the cell after
        one (its value: ``财政资金`` there is a category of the page, no amount's label)."""
        if self.publication_value:
            self.publication_value = False
            return True
        self.publication_value = bool(_PUBLICATION.match(text))
        return self.publication_value

    def _continues_label(self, cell: WebCell) -> bool:
        """A label wrapped over two lines (``主管部门`` / ``及编码``, ``项目资金`` / ``(万元)``): the second line joins
        the label on the row before it."""
        rows = self.current.rows
        if not _LABEL_TAIL.match(cell.text) or not rows or len(rows[-1].cells) != 1:
            return False
        label = rows[-1].cells[0]
        joined = f"{label.text}{cell.text}"
        if not form_label(joined) and not form_label(label.text):
            return False
        rows[-1] = GridRow(rows[-1].grid, rows[-1].index, (GridCell(joined, label.row, label.col, label.where),))
        return True

    def _starts(self, cell: WebCell) -> None:
        """A title after a project name, or a second 项目名称, opens the next declaration."""
        if self.current.named and (is_title_text(cell.text) or names_project(cell.text)):
            if self.current.rows and any(r for r in self.current.rows if _is_header(r)) or is_title_text(cell.text):
                self._break()
        if names_project(cell.text):
            self.current.named = True

    def _leaves_footnote(self, text: str) -> bool:
        return is_title_text(text) or names_project(text)

    def _footnote(self, cells: list[WebCell]) -> None:
        self.footnote = True
        text = " ".join(c.text for c in cells)
        self.note(
            NoteLevel.INFO, "web.footnote", "页面脚注（注：…），是填表说明，不是指标行", WebCell(text, cells[0].line)
        )


def furniture(cells: list[WebCell]) -> bool:
    return is_furniture_line([c.text for c in cells], labelled=any(form_label(c.text) for c in cells))


def _takes_words(label: str) -> bool:
    """A text or section label's value may hold spaces; an amount's or a date's is one word."""
    spec = find_label(label.strip(), Layout.MUNICIPAL_2021)
    return spec is not None and spec.kind in {FieldKind.TEXT, FieldKind.SECTION, FieldKind.KEPT}


def form_label(text: str) -> bool:
    spec = find_label(text.strip(), Layout.MUNICIPAL_2021)
    return spec is not None and spec.kind is not FieldKind.SUBLABEL


def _is_header(row: GridRow) -> bool:
    return header_columns(row) is not None
