"""Label-driven reading of a form's header, funding and text sections.

Cells arrive as a stream crossing rows (one export puts every cell on its own line); a known label
opens a field and the cells after it fill it. Anything that fits nowhere becomes a parse note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.domain.model import Layout
from assistant.ingest.amount_units import odd_unit, unit_marker, unit_of
from assistant.ingest.cells import Cell, Row, clean_inline, paragraphs
from assistant.ingest.labels import FieldKind, FieldSpec, lookup, section_labels, split_inline
from assistant.ingest.notes import NoteSink


@dataclass
class OpenField:
    spec: FieldSpec
    title: str
    line: int
    end_line: int
    values: list[str] = field(default_factory=list)  # paragraphs, or raw cells for checkboxes
    unit: str | None = None  # an amount's unit (万元/元) named by its label, its group label or a 单位： line
    unit_from: str | None = None  # where that unit was written (the group label or marker), when not the label
    odd_unit: str | None = None  # a money unit named there that cannot be turned into yuan (万美元)

    def add(self, value: str, line: int) -> None:
        self.values.append(value)
        self.end_line = max(self.end_line, line)


@dataclass
class FormFields:
    fields: list[OpenField] = field(default_factory=list)

    def of(self, target: str) -> list[OpenField]:
        return [f for f in self.fields if f.spec.target == target]


class FormWalker:
    def __init__(self, layout: Layout, notes: NoteSink) -> None:
        self.layout = layout
        self.notes = notes
        self.result = FormFields()
        self.current: OpenField | None = None
        self.columns: dict[int, OpenField] = {}
        self.page_unit: tuple[str, str] | None = None  # (unit, as written) from 单位：万元: holds for the file
        self.block_unit: tuple[str, str] | None = None  # from a group label such as 项目资金（万元）: its block
        self.block_odd: str | None = None  # a group label's money unit that cannot be turned into yuan (万美元)

    def feed(self, row: Row) -> None:
        filled = row.filled
        if not filled:
            return
        if self.columns:
            self._feed_by_column(filled)
            return
        if self._is_column_header(filled):
            self._open_columns(filled)
            return
        cells = self._drop_stray_label(row, filled)
        for cell in cells:
            self._feed_cell(cell)

    def reset(self) -> None:
        """A new sub-form (title line) closes whatever field was open."""
        self.current = None
        self.columns = {}
        self.block_unit = self.page_unit

    def _in_section(self) -> bool:
        return self.current is not None and self.current.spec.kind is FieldKind.SECTION

    def finish(self) -> FormFields:
        self.current = None
        self.columns = {}
        return self.result

    # -- rows whose first row names the columns and whose next row fills them (2021 goals) --

    def _is_column_header(self, filled: list[Cell]) -> bool:
        specs = [lookup(c.text, self.layout) for c in filled]
        sections = [s for s in specs if s is not None and s.kind is FieldKind.SECTION]
        return len(sections) >= 2 and all(
            s is not None and s.kind in {FieldKind.SECTION, FieldKind.GROUP} for s in specs
        )

    def _open_columns(self, filled: list[Cell]) -> None:
        for cell in filled:
            spec = lookup(cell.text, self.layout)
            if spec is not None and spec.kind is FieldKind.SECTION:
                self.columns[cell.col] = self._open(spec, cell.text, cell.line)
        self.current = None

    def _feed_by_column(self, filled: list[Cell]) -> None:
        columns, self.columns = self.columns, {}
        for cell in filled:
            owners = [col for col in columns if col <= cell.col]
            if not owners:
                self.notes.unplaced(cell.text, cell.line, "不在任何栏目之下")
                continue
            target = columns[max(owners)]
            for para in paragraphs(cell.raw):
                target.add(para, cell.line)

    # -- the label/value stream --

    def _drop_stray_label(self, row: Row, filled: list[Cell]) -> list[Cell]:
        """A fragment in the label column of a continuation line is an export artefact, not content."""
        first = filled[0]
        if first.col != 0 or len(filled) < 2 or self.current is None:
            return filled
        if self.current.spec.kind is not FieldKind.SECTION or self._is_label(first.text):
            return filled
        self.notes.warn(
            "artefact.stray_fragment",
            f"标签栏出现无法识别的片段「{first.text}」，疑似导出残留，未计入内容；"
            f"同行其余内容按上一栏目「{self.current.title}」的续行处理",
            line=row.line,
            fragment=first.text,
        )
        return filled[1:]

    def _is_label(self, text: str) -> bool:
        return lookup(text, self.layout) is not None or split_inline(text, self.layout) is not None

    def _feed_cell(self, cell: Cell) -> None:
        if self.current is not None and self.current.spec.kind is FieldKind.CHECKBOX and not self._is_label(cell.text):
            self.current.add(cell.raw, cell.line)
            return
        for para in paragraphs(cell.raw):
            self._feed_token(para, cell.line)

    def _feed_token(self, text: str, line: int) -> None:
        if not self._in_section() and (unit := unit_marker(text)) is not None:
            self.block_unit = self.page_unit = (unit, clean_inline(text))
            if unit != "元":  # 金额单位：元 (the seeds' own wording) changes nothing: no note
                self.notes.info("funding.unit_marker", f"表中注明金额单位为{unit}，其后的金额按{unit}读取", line=line)
            return
        spec = lookup(text, self.layout)
        if spec is not None:
            self._on_label(spec, text, line)
            return
        inline = None if self._in_section() else split_inline(text, self.layout)
        if inline is not None:
            spec, label, value = inline
            self._on_label(spec, label, line)
            if self.current is not None:
                self.current.add(value, line)
            return
        self._on_value(text, line)

    def _on_label(self, spec: FieldSpec, title: str, line: int) -> None:
        if spec.kind is FieldKind.SUBLABEL:
            return
        if spec.kind is FieldKind.GROUP:
            unit = unit_of(title)
            self.block_unit = (unit, clean_inline(title)) if unit else self.page_unit
            self.block_odd = odd_unit(title)
            self.current = None
            return
        self.current = self._open(spec, title, line)
        if spec.kind is FieldKind.AMOUNT:
            own = unit_of(title)
            self.current.unit = own or (self.block_unit[0] if self.block_unit else None)
            self.current.unit_from = None if own or self.block_unit is None else self.block_unit[1]
            self.current.odd_unit = odd_unit(title) or (None if own else self.block_odd)

    def _open(self, spec: FieldSpec, title: str, line: int) -> OpenField:
        opened = OpenField(spec=spec, title=clean_inline(title), line=line, end_line=line)
        self.result.fields.append(opened)
        return opened

    def _on_value(self, text: str, line: int) -> None:
        current = self.current
        if current is None:
            self.notes.unplaced(text, line, "不属于任何已知栏目")
            return
        if current.spec.kind in {FieldKind.SECTION, FieldKind.CHECKBOX} or not current.values:
            current.add(text, line)
            return
        self.notes.unplaced(text, line, f"栏目「{current.title}」已有取值")


def merge_split_labels(rows: list[Row]) -> list[Row]:
    """Join a label the export broke over two lines (``项目设立的必`` / ``要性``)."""
    labels = set(section_labels())
    merged: list[Row] = []
    skip = False
    for i, row in enumerate(rows):
        if skip:
            skip = False
            continue
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if nxt is not None and len(row.filled) == 1 and len(nxt.filled) == 1:
            joined = row.filled[0].text + nxt.filled[0].text
            if joined.replace(" ", "") in labels and row.filled[0].text not in labels:
                merged.append(Row(line=row.line, raw=joined, cells=(Cell(raw=joined, col=0, line=row.line),)))
                skip = True
                continue
        merged.append(row)
    return merged
