"""Rows of Word/Excel cells → one typed :class:`Declaration` and its parse notes.

A cell is placed by what it says: a form label (`office.form_labels`, over the text parser's vocabulary) takes the
next cell of its row as its value, or the cell below when the row holds only labels (项目总目标 /
年度总体目标 over their texts); a header row switches to the indicator, budget or 制度保障 table. Every
filled cell that nothing claims becomes an ``unplaced.cell`` note with its coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from assistant.domain import framework
from assistant.domain.model import (
    CheckboxField,
    CheckState,
    Header,
    Layout,
    LineSpan,
    NoteLevel,
    SectionKind,
    TextSection,
)
from assistant.ingest import amount_units
from assistant.ingest.cells import (
    UNIT_TARGETS,
    label_key,
    parse_date,
    parse_length,
    parse_period,
    serial_date,
    strip_unit_code,
)
from assistant.ingest.labels import (
    FieldKind,
    FieldSpec,
    bare_key,
    checked_name,
    kept_message,
    length_message,
)
from assistant.office import amount_fields, header_values
from assistant.office.amount_fields import PeriodColumns
from assistant.office.form_labels import INLINE, find_label, is_title_text, label_words
from assistant.office.form_labels import names_project as names_project
from assistant.office.grid import GridCell, GridRow
from assistant.office.indicator_columns import header_columns
from assistant.office.indicators import IndicatorReader
from assistant.office.notes import OfficeNotes
from assistant.office.periods import PERIODS_MESSAGE, year_set
from assistant.office.tables import BudgetReader, SafeguardReader, is_budget_header, is_safeguard_header

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_YEAR_LINE = re.compile(r"^[（(]?\s*((?:19|20)\d{2})\s*年度?\s*[)）]?$")
_REMAINDER_LABELS = {"其他", "其他来源"}  # a funding line that completes the total (三、其他:3683.3970万元)
_PLAIN_AMOUNT = re.compile(r"^\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?$")
_YEAR_ONLY = re.compile(r"^((?:19|20)\d{2})\s*年?(?:度)?$")
# Rows under an indicator table that close it: the reviewers' box, the form's footnotes.
_CLOSES_TABLE = re.compile(r"(?:审核意见|审批意见|^(?:注|说明|填表说明|附注|备注)\d?[：:])")
_GLUE_LABELS = frozenset(w for w in label_words() if len(w) >= 3)
_GLUE_UNIT_LABELS = frozenset(w for w in _GLUE_LABELS if not w.endswith(("单位", "部门")))


@dataclass
class Pending:
    spec: FieldSpec
    label: GridCell


@dataclass
class FormState:
    header: dict[str, object] = field(default_factory=dict)
    amounts: dict[str, Decimal | None] = field(default_factory=dict)
    sections: list[TextSection] = field(default_factory=list)
    year: int | None = None
    title: str | None = None


class FormReader:
    """Reads one declaration's rows; ``header()``, ``state``, ``indicators``, ``budget`` and ``safeguards`` give its parts."""

    def __init__(self, layout: Layout, notes: OfficeNotes) -> None:
        self.layout = layout
        self.notes = notes
        self.state = FormState()
        self.pending: list[Pending] = []
        self.table: IndicatorReader | BudgetReader | SafeguardReader | None = None
        self.indicators: list[IndicatorReader] = []
        self.budget: BudgetReader | None = None
        self.safeguards: SafeguardReader | None = None
        self.block_unit: str | None = None  # 万元 or 元, from a group label such as 项目资金（万元）
        self.page_unit: str | None = None  # from 金额单位：万元 above the form: holds where no group names its own
        self.block_odd: str | None = None  # a money unit the group label names that no reader can turn into yuan
        self.periods = PeriodColumns()  # 中期 | 年度 columns of the funding block: which period a 财政拨款 is
        self.parts: list[tuple[str, Decimal, GridCell]] = []  # 自有资金 and 其他 lines of a 资金总额及构成 block

    def feed(self, row: GridRow) -> None:
        if not row.filled:
            return
        cells = list(row.cells)
        if self.pending:
            cells = self._resolve_pending(cells)
        if self._switch_table(row):
            return
        if self.table is not None and not self._ends_table(cells):
            self.table.feed(GridRow(row.grid, row.index, tuple(cells)))
            return
        self.table = None
        self._form_row(cells)

    # -- tables --

    def _switch_table(self, row: GridRow) -> bool:
        columns = header_columns(row)
        if columns is not None and (periods := year_set(columns)) is not None:
            columns = periods
            self.notes.info_at("office.two_periods", PERIODS_MESSAGE, row.filled[0])
        if columns is not None:
            claimed = {id(c.cell) for c in columns}
            for cell in row.filled:
                if id(cell) not in claimed:
                    self.notes.unplaced_cell(cell, "指标表表头中无法识别的列名")
            self.table = IndicatorReader(columns, self.notes)
            self.indicators.append(self.table)
            return True
        # A table header repeated (after a page break, or pasted twice) continues the same table.
        if is_budget_header(row):
            budget = BudgetReader.from_header(row, self.notes)
            if self.budget is not None:
                budget.lines, budget.total = self.budget.lines, self.budget.total
            self.table = self.budget = budget
            return True
        if is_safeguard_header(row):
            safeguards = SafeguardReader.from_header(row, self.notes)
            if self.safeguards is not None:
                safeguards.rows = self.safeguards.rows
            self.table = self.safeguards = safeguards
            return True
        return False

    def _ends_table(self, cells: list[GridCell]) -> bool:
        first = next((c for c in cells if c.filled), None)
        if first is None or isinstance(self.table, BudgetReader) and label_key(first.text) == "金额合计":
            return False
        if isinstance(self.table, BudgetReader) and bare_key(first.text) == "其他":  # a budget line 三、其他, no label
            return False
        if _CLOSES_TABLE.search(label_key(first.text)):
            return True
        spec = find_label(first.text, self.layout)
        structural = {FieldKind.SUBLABEL, FieldKind.GROUP}
        return spec is not None and spec.kind not in structural and not framework.is_level_term(first.text)

    # -- form fields --

    def _form_row(self, cells: list[GridCell]) -> None:
        if self._label_row(cells):
            return
        i = 0
        while i < len(cells):
            cell = cells[i]
            i += 1
            if not cell.filled or self._title_or_year(cell) or self._unit_marker(cell):
                continue
            spec = find_label(cell.text, self.layout)
            if spec is None:
                self._inline_or_unplaced(cell)
            elif spec.kind in {FieldKind.GROUP, FieldKind.SUBLABEL}:
                if spec.kind is FieldKind.GROUP:  # its unit (项目资金（万元）) holds for the amounts of its block
                    self.block_unit = amount_units.unit_of(cell.text) or self.page_unit
                    self.block_odd = amount_units.odd_unit(cell.text)
                    self.periods = PeriodColumns()
                continue
            elif i < len(cells) and not (cells[i].filled and find_label(cells[i].text, self.layout)):
                self._assign(spec, cell, cells[i])
                i += 1
            else:
                self.pending.append(Pending(spec, cell))

    def _label_row(self, cells: list[GridCell]) -> bool:
        """A row of labels only (项目总目标 | 年度总体目标): their values are in the cells below them."""
        specs = [find_label(c.text, self.layout) for c in cells if c.filled]
        fields = [s for s in specs if s is not None and s.kind not in {FieldKind.GROUP, FieldKind.SUBLABEL}]
        if None in specs or not fields:
            return False
        self.pending += [
            Pending(spec, c) for c in cells if c.filled and (spec := find_label(c.text, self.layout)) in fields
        ]
        return True

    def _resolve_pending(self, cells: list[GridCell]) -> list[GridCell]:
        """Labels alone on the row above take the cell below them; the rest of the row is read as usual."""
        rest = list(cells)
        for pending in self.pending:
            below = next((c for c in rest if pending.label.covers(c.col)), None)
            if below is not None and not (below.filled and find_label(below.text, self.layout)):
                rest.remove(below)
                self._assign(pending.spec, pending.label, below)
            else:
                self._assign(pending.spec, pending.label, None)
        self.pending = []
        return rest

    def finish(self) -> None:
        for pending in self.pending:
            self._assign(pending.spec, pending.label, None)
        self.pending = []
        self._check_parts()

    def _check_parts(self) -> None:
        """Hunan's 资金总额及构成 (总额 = 财政拨款 + 自有资金 + 其他): once a 其他 line has gone into 其他资金, the parts
        are added up against the total, noted when they agree, a warning when they do not."""
        amounts = self.state.amounts
        total, fiscal = amounts.get("total"), amounts.get("fiscal_annual") or amounts.get("fiscal_total")
        if total is None or fiscal is None or not any(label for label, _, _ in self.parts if "自有" not in label):
            return
        parts = [("财政拨款", fiscal), *((label, amount) for label, amount, _ in self.parts)]
        agrees, message = header_values.parts_message(total, parts)
        anchor = self.parts[-1][2]
        if agrees:
            self.notes.info_at("funding.parts_sum", message, anchor)
        else:
            self.notes.warn_at("funding.parts_sum", message, anchor)

    def _title_or_year(self, cell: GridCell) -> bool:
        text = cell.text.strip()
        year = _YEAR_LINE.match(text.replace(" ", ""))
        if year:
            self._year(int(year[1]), cell)
            return True
        if is_title_text(text):
            self.state.title = self.state.title or text
            found = _YEAR.search(text)
            if found:
                self._year(int(found[1]), cell)
            return True
        return False

    def _year(self, year: int, cell: GridCell) -> None:
        """The first year the form gives (title or year line) holds; a later, different one is a warning."""
        known = self.state.year
        if known is None:
            self.state.year = year
        elif known != year:
            self.notes.warn_at(
                "header.year_conflict",
                f"「{cell.text.strip()}」写的是 {year} 年，与前面读到的 {known} 年不同，按 {known} 年读取；请核对预算年度",
                cell,
            )

    def _unit_marker(self, cell: GridCell) -> bool:
        """``单位：万元``, ``金额单位:元``, ``(万元)``: the unit of the amounts that follow without their own."""
        unit = amount_units.unit_marker(cell.text)
        if unit is None:
            return False
        self.block_unit = self.page_unit = unit
        self.block_odd = None
        self.notes.info_at("funding.unit_marker", f"表中注明金额单位为{unit}，其后的金额按{unit}读取", cell)
        return True

    def _inline_or_unplaced(self, cell: GridCell) -> None:
        match = INLINE.match(cell.text.strip())
        spec = find_label(match[1], self.layout) if match else None
        if match is None or spec is None or spec.kind in {FieldKind.GROUP, FieldKind.SUBLABEL}:
            self.notes.unplaced_cell(cell, "不是表单栏目，也不在任何表格的列下")
            return
        label = GridCell(match[1], cell.row, cell.col, cell.where)
        self._assign(spec, label, GridCell(match[2], cell.row, cell.col, cell.where))

    def _assign(self, spec: FieldSpec, label: GridCell, value: GridCell | None) -> None:
        text = value.text if value is not None else ""
        anchor = value if value is not None else label
        match spec.kind:
            case FieldKind.TEXT:
                self._set(self.state.header, spec.target, self._text(spec.target, text, anchor), anchor)
            case FieldKind.DATE:
                self._set(self.state.header, spec.target, self._date(text, anchor, spec.target), anchor)
            case FieldKind.PERIOD:
                self._period(label, text, anchor)
            case FieldKind.AMOUNT:
                amount = self._amount(label, text, anchor)
                target = self.periods.target(label, self._amount_target(spec.target), self.notes)
                self._set(self.state.amounts, target, amount, anchor)
                if spec.target == "other" and bare_key(label.text) in _REMAINDER_LABELS and amount is not None:
                    self.parts.append((label.text.strip(), amount, anchor))
            case FieldKind.CHECKBOX:
                self._set(self.state.header, spec.target, self._checkboxes(text, anchor), anchor)
            case FieldKind.KEPT:
                if spec.target == "自有资金" and _PLAIN_AMOUNT.match(text.strip()):  # a part of the total, noted only
                    if (own := self._amount(label, text, anchor)) is not None:
                        self.parts.append((label.text.strip(), own, anchor))
                if text.strip():
                    self.notes.at(
                        NoteLevel.INFO, "header.kept_field", kept_message(label.text, text), anchor, field=spec.target
                    )
            case FieldKind.SECTION:
                span = LineSpan(start=label.row + 1, end=anchor.row + 1)
                title = label.text.strip()
                # Word cells often end in empty paragraphs; the text itself is kept as written.
                section = TextSection(kind=SectionKind(spec.target), title=title, text=text.strip(), span=span)
                self.state.sections.append(section)
            case FieldKind.GROUP | FieldKind.SUBLABEL:
                pass

    def _set(self, values: dict, target: str, value: object, cell: GridCell) -> None:
        """The first filled value of a field wins; a second, different one is a note, never silently dropped."""
        known = values.get(target)
        if known is None:
            values[target] = value
        elif value is not None and value != known:
            self.notes.warn_at(
                "header.conflict", f"同一栏目出现两次且内容不同：「{known}」与「{cell.text.strip()}」，保留前者", cell
            )

    def _text(self, target: str, text: str, cell: GridCell) -> str | None:
        """A header value as written; a unit's name loses the budget code before it (``[015001]某局``), noted."""
        value = text.strip() or None
        if value and target in UNIT_TARGETS:
            value, code = strip_unit_code(value)
            if code:
                self.notes.info_at("header.unit_code", f"单位名称旁的编码「{code}」不是名称的一部分，已去掉", cell)
        if value and target in header_values.GLUE_TARGETS:
            value = self._unglued(target, value, cell)
        if value and header_values.has_marks(value):
            value = self._ticked(value, cell)
        return value

    def _unglued(self, target: str, value: str, cell: GridCell) -> str:
        """``蒋建华联系电目`` → 蒋建华: the next label (联系电话, here one character misread) glued on by a copy that ran
        the cells together is taken off, noted; a unit's name keeps a tail naming its own kind (…单位, …部门)."""
        labels = _GLUE_LABELS if target not in UNIT_TARGETS else _GLUE_UNIT_LABELS
        found = header_values.glued_label(value, labels)
        if found is None:
            return value
        kept, label = found
        self.notes.info_at(
            "header.glued_label",
            f"「{value}」末尾的「{label}」是下一栏的栏目名称（复制时连在了一起，可能有错字），不是内容，已去掉；读作「{kept}」",
            cell,
        )
        return kept

    def _ticked(self, value: str, cell: GridCell) -> str:
        """A tick-box row in a text field (项目性质 ``新增项目□延续项目√``): the ticked option, noted; as written with a
        warning when not exactly one option is ticked."""
        chosen = header_values.ticked(value)
        if chosen is None:
            self.notes.warn_at(
                "header.checkbox_unclear", f"「{value}」中勾选的不是恰好一项，按原文保留；请对照原表核对", cell
            )
            return value
        self.notes.info_at("header.checkbox_text", f"「{value}」读作勾选的「{chosen}」", cell)
        return chosen

    def _period(self, label: GridCell, text: str, cell: GridCell) -> None:
        """起止日期 written in one cell (``2023.07-2024.01``): the planned start and end dates, noted."""
        if not text.strip():
            return
        period = parse_period(text)
        if period is None and (length := parse_length(text)) is not None:
            self._set(self.state.header, "period", length, cell)
            message = length_message(label.text, text, length)
            self.notes.at(NoteLevel.INFO, "header.period_length", message, cell, field="header.period")
            return
        if period is None:
            self.notes.warn_at(
                "header.bad_period",
                f"「{label.text.strip()}」写作「{text.strip()}」，无法识别为起止日期或项目期，开始、结束日期按空白处理",
                cell,
            )
            return
        start, end = period
        self._set(self.state.header, "start_date", start, cell)
        self._set(self.state.header, "end_date", end, cell)
        self.notes.info_at(
            "header.period",
            f"「{label.text.strip()}」写作「{text.strip()}」，读作开始日期 {start.isoformat()}、结束日期 {end.isoformat()}"
            "（只写到月的，开始取月初、结束取月末）",
            cell,
        )

    def _date(self, text: str, cell: GridCell, target: str = "") -> date | None:
        """The date a cell writes; a year alone (``2024``, ``2024年``) under a start label is 1 January, under an end
        label 31 December, noted; anything else unreadable is blank with a warning."""
        text = text.strip()
        year = _YEAR_ONLY.match(text)
        if year is not None and target in {"start_date", "end_date"}:
            read = date(int(year[1]), 1, 1) if target == "start_date" else date(int(year[1]), 12, 31)
            which = "开始取当年 1 月 1 日" if target == "start_date" else "结束取当年 12 月 31 日"
            self.notes.info_at("header.year_only_date", f"日期只写了年份「{text}」，{which}：{read.isoformat()}", cell)
            return read
        converted = serial_date(text)
        if converted is not None:
            self.notes.info_at(
                "header.excel_serial_date", f"日期「{text}」是 Excel 日期序号，已换算为 {converted.isoformat()}", cell
            )
            return converted
        try:
            return parse_date(text)
        except ValueError:
            pass
        self.notes.warn_at("header.bad_date", f"日期「{text}」无法识别，按空白处理；请写成 2025-01-01 的形式", cell)
        return None

    def _amount_target(self, target: str) -> str:
        if target != "other":
            return target
        # The current form lists 其他资金 twice: the project's total first, then the year's request.
        if self.layout is Layout.MUNICIPAL_2021 and "other_total" not in self.state.amounts:
            return "other_total"
        return "other_annual"

    def _amount(self, label: GridCell, text: str, cell: GridCell) -> Decimal | None:
        """Yuan, in the unit the figure, its label, its group or a 单位 line names (`amount_fields.read_amount`)."""
        return amount_fields.read_amount(label, text, cell, (self.block_unit, self.block_odd), self.notes)

    def _checkboxes(self, text: str, cell: GridCell) -> CheckboxField:
        options = header_values.options(text)
        if options and all(o.state is CheckState.UNKNOWN for o in options):
            self.notes.warn_at("header.checkbox_lost", "勾选项没有勾选标记（☑/☐），无法判断选中项", cell)
        return CheckboxField(options=options)

    def header(self) -> Header:
        values = dict(self.state.header)
        name = values.pop("name", None)
        return Header(name=checked_name(name), year=self.state.year, **values)
