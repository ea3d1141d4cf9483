"""项目构成 budget lines and the 制度保障 table of Word/Excel forms, read by their header's columns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.domain.amounts import unreadable
from assistant.domain.model import BudgetLine, SafeguardRow, StageCheck
from assistant.ingest.amount_units import read_in_unit, unit_message, unit_of, without_unit
from assistant.ingest.budget_units import price_yuan
from assistant.ingest.cells import label_key, parse_amount
from assistant.office.grid import GridCell, GridRow
from assistant.office.notes import OfficeNotes

_BUDGET_WORDS = {"项目内容", "子项目名称", "明细金额", "预算金额（元）", "预算金额(元)", "项目明细"}
_BUDGET_FIELDS = {
    "项目名称": "name",
    "子项目名称": "name",
    "项目内容": "content",
    "项目明细": "detail",
    "明细金额": "amount",
    "预算金额（元）": "amount",
    "预算金额(元)": "amount",
    "预算金额": "amount",  # written with its unit: 预算金额（万元）
    "金额": "amount",
    "单价": "unit_price",
    "数量": "quantity",
    "备注": "remark",
}
_SAFEGUARD_WORDS = {
    "制度保障",
    "制度类别",
    "文件名称",
    "具体措施",
    "保障阶段",
    "立项和计划阶段",
    "实施阶段",
    "收尾和完成阶段",
}
_AMOUNT_FIELDS = {"amount", "unit_price", "quantity"}
_STAGE = re.compile(r"^(?P<stage>.*?)\s*(?P<mark>[√✓×✗])?$")


def _with_unit(key: str) -> str | None:
    """A 明细金额 or 单价 header that names its unit (明细金额（万元）, 单价(元)): the column it heads."""
    if unit_of(key) is None:
        return None
    name = _BUDGET_FIELDS.get(without_unit(key))
    return name if name in {"amount", "unit_price"} else None


def is_budget_header(row: GridRow) -> bool:
    keys = {label_key(c.text) for c in row.filled}
    return len((keys | {without_unit(k) for k in keys}) & _BUDGET_WORDS) >= 2


def is_safeguard_header(row: GridRow) -> bool:
    keys = [label_key(c.text) for c in row.filled]
    return bool(keys) and keys[0] in {"制度保障", "制度类别"} and "文件名称" in keys


def _column_at(columns: dict[int, tuple[str, GridCell]], cell: GridCell) -> str | None:
    return next((name for name, header in columns.values() if header.covers(cell.col)), None)


@dataclass
class BudgetReader:
    columns: dict[int, tuple[str, GridCell]]
    notes: OfficeNotes
    lines: list[BudgetLine] = field(default_factory=list)
    total: Decimal | None = None
    units: dict[str, str | None] = field(default_factory=dict)  # the unit a header names: 明细金额（万元）, 单价(元)

    @classmethod
    def from_header(cls, row: GridRow, notes: OfficeNotes) -> BudgetReader:
        columns: dict[int, tuple[str, GridCell]] = {}
        units: dict[str, str | None] = {}
        previous = ""
        for cell in row.filled:
            key = label_key(cell.text)
            # 依据 appears twice: after 单价 it grounds the price, after 数量 the quantity.
            name = (
                ("price_basis" if previous == "unit_price" else "quantity_basis")
                if key == "依据"
                else _BUDGET_FIELDS.get(key) or _with_unit(key)
            )
            if name is None:
                notes.unplaced_cell(cell, "预算明细表中无法识别的表头")
                continue
            if name in {"amount", "unit_price"}:
                units[name] = unit_of(key)
            columns[cell.col] = (name, cell)
            previous = name
        return cls(columns, notes, units=units)

    def feed(self, row: GridRow) -> None:
        filled = row.filled
        if label_key(filled[0].text) == "金额合计":
            self.total = self._amount(filled[1]) if len(filled) > 1 else None
            for cell in filled[2:]:
                self.notes.unplaced_cell(cell, "“金额合计”行中多余的单元格")
            return
        values: dict[str, GridCell] = {}
        for cell in filled:
            name = _column_at(self.columns, cell)
            if name is None or name in values:
                self.notes.unplaced_cell(cell, "预算明细行中没有对应表头的单元格")
            else:
                values[name] = cell
        self.lines.append(self._line(values, row))

    def _line(self, values: dict[str, GridCell], row: GridRow) -> BudgetLine:
        text = {k: v.text.strip() for k, v in values.items() if k not in _AMOUNT_FIELDS}
        amount, quantity = self._in_header_unit(values.get("amount")), self._amount(values.get("quantity"))
        return BudgetLine(
            line=row.index + 1,
            name=text.get("name") or text.get("content") or text.get("detail") or "",
            content=text.get("content"),
            detail=text.get("detail"),
            amount=amount,
            unit_price=self._price(values.get("unit_price"), amount, quantity),
            price_basis=text.get("price_basis"),
            quantity=quantity,
            quantity_basis=text.get("quantity_basis"),
            remark=text.get("remark"),
        )

    def _in_header_unit(self, cell: GridCell | None) -> Decimal | None:
        """A 明细金额 cell in its own unit, else the one its header names (明细金额（万元）), noted."""
        unit = self.units.get("amount")
        if cell is None or unit is None:
            return self._amount(cell)
        try:
            yuan, used = read_in_unit(cell.text, unit)
        except ValueError as exc:
            self.notes.warn_at("budget.bad_amount", unreadable(cell.text.strip(), exc), cell)
            return None
        if yuan is not None and used != "元":
            self.notes.info_at("budget.unit_header", unit_message("明细金额", cell.text, yuan, used, unit), cell)
        return yuan

    def _price(self, cell: GridCell | None, amount: Decimal | None, quantity: Decimal | None) -> Decimal | None:
        """A 单价 cell in yuan, its unit as `budget_units.price_yuan` finds it, noted."""
        if cell is None:
            return None
        try:
            price = price_yuan(cell.text, self.units.get("unit_price"), self.units.get("amount"), amount, quantity)
        except ValueError as exc:
            self.notes.warn_at("budget.bad_amount", unreadable(cell.text.strip(), exc), cell)
            return None
        if price.level is not None:
            self.notes.at(price.level, price.code, price.message, cell)
        return price.yuan

    def _amount(self, cell: GridCell | None) -> Decimal | None:
        if cell is None:
            return None
        try:
            return parse_amount(cell.text)
        except ValueError as exc:
            self.notes.warn_at("budget.bad_amount", unreadable(cell.text.strip(), exc), cell)
            return None


@dataclass
class SafeguardReader:
    header: GridRow
    notes: OfficeNotes
    rows: list[SafeguardRow] = field(default_factory=list)

    @classmethod
    def from_header(cls, row: GridRow, notes: OfficeNotes) -> SafeguardReader:
        for cell in row.filled:
            if label_key(cell.text) not in _SAFEGUARD_WORDS:
                notes.unplaced_cell(cell, "制度保障表表头中无法识别的列名")
        return cls(row, notes)

    def feed(self, row: GridRow) -> None:
        texts = [c.text.strip() for c in row.filled]
        if len(texts) < 3:
            for cell in row.filled:
                self.notes.unplaced_cell(cell, "制度保障表中不完整的行")
            return
        stages = [_stage(t) for t in texts[3:]]
        self.rows.append(
            SafeguardRow(line=row.index + 1, category=texts[0], document=texts[1], measures=texts[2], stages=stages)
        )


def _stage(text: str) -> StageCheck:
    match = _STAGE.match(text)
    assert match is not None  # the pattern matches any text
    mark = match["mark"]
    return StageCheck(stage=match["stage"], applies=None if mark is None else mark in {"√", "✓"})
