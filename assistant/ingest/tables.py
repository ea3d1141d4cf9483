"""Budget lines (项目构成分解 / 项目当年投入资金构成) and the 制度保障 table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.domain.amounts import converted_note, unreadable
from assistant.domain.model import BudgetLine, NoteLevel, SafeguardRow, StageCheck
from assistant.ingest.amount_units import (
    canonical,
    own_unit,
    read_in_unit,
    unit_message,
    unit_of,
    without_unit,
)
from assistant.ingest.budget_units import price_yuan
from assistant.ingest.cells import Row, amount_unit, is_amount, label_key, parse_amount
from assistant.ingest.notes import NoteSink

_BUDGET_HEADER_WORDS = {"项目内容", "子项目名称", "明细金额", "预算金额"}
_ROW_LABELS = {"项目构成分解", "项目当年投入资金构成"}
_TOTAL_LABEL = "金额合计"
# Header words → BudgetLine fields; 依据 appears twice: after 单价 it grounds the price, after 数量 the quantity.
_HEADER_FIELDS = {
    "项目名称": "name",
    "子项目名称": "name",
    "项目内容": "content",
    "项目明细": "detail",
    "明细金额": "amount",
    "预算金额（元）": "amount",
    "预算金额(元)": "amount",
    "单价": "unit_price",
    "数量": "quantity",
    "备注": "remark",
}


def _is_figure(text: str) -> bool:
    """An amount cell of a budget row: a plain figure (``130000.00``) or one that writes its own money unit
    (``130000.00元``, ``13万元``, ``130千元``)."""
    return is_amount(text) or own_unit(text) is not None


def is_budget_header(row: Row) -> bool:
    return bool({_without_unit(c.text) for c in row.filled} & _BUDGET_HEADER_WORDS)


_AMOUNT_HEADERS = {"明细金额", "预算金额"}  # written with or without their unit: 明细金额（万元）, 预算金额(元)


def _without_unit(text: str) -> str:
    return without_unit(label_key(text))


def is_safeguard_header(row: Row) -> bool:
    keys = [label_key(c.text) for c in row.filled]
    return bool(keys) and keys[0] == "制度保障" and "文件名称" in keys


@dataclass
class BudgetTable:
    notes: NoteSink
    header: dict[int, str] = field(default_factory=dict)
    lines: list[BudgetLine] = field(default_factory=list)
    total: Decimal | None = None
    total_seen: bool = False
    unit: str | None = None  # the unit the amount column's header names (明细金额（万元）), None when it names none
    price_unit: str | None = None  # the unit the 单价 column's header names (单价（万元）), None when it names none

    def set_header(self, row: Row) -> None:
        header: dict[int, str] = {}
        previous = ""
        self.price_unit = None
        for cell in row.filled:
            key = label_key(cell.text)
            if key == "依据":
                header[cell.col] = "price_basis" if previous == "unit_price" else "quantity_basis"
            elif key in _HEADER_FIELDS:
                header[cell.col] = _HEADER_FIELDS[key]
            elif without_unit(key) in _AMOUNT_HEADERS:
                header[cell.col], self.unit = "amount", unit_of(key)
            elif without_unit(key) == "单价":
                header[cell.col], self.price_unit = "unit_price", unit_of(key)
            previous = header.get(cell.col, previous)
        self.header = header

    def accepts(self, row: Row) -> bool:
        first = label_key(row.filled[0].text) if row.filled else ""
        if first == _TOTAL_LABEL:
            return True
        has_amount = any(_is_figure(c.text) for c in row.filled)
        return has_amount and (first in _ROW_LABELS or row.cells[0].text == "")

    def feed(self, row: Row) -> None:
        if label_key(row.filled[0].text) == _TOTAL_LABEL:
            self._total(row)
            return
        values = self._aligned(row)
        amount = self._line_amount(values.get("amount"), row.line)
        quantity = self._amount(values.get("quantity"), row.line)
        self.lines.append(
            BudgetLine(
                line=row.line,
                name=values.get("name") or values.get("content") or values.get("detail") or "",
                content=values.get("content"),
                detail=values.get("detail"),
                amount=amount,
                unit_price=self._price(values.get("unit_price"), amount, quantity, row.line),
                price_basis=values.get("price_basis"),
                quantity=quantity,
                quantity_basis=values.get("quantity_basis"),
                remark=values.get("remark"),
            )
        )

    def _aligned(self, row: Row) -> dict[str, str]:
        """Align data to the header on the amount column: some exports shift the header by one cell."""
        cells = [c for c in row.cells if label_key(c.text) not in _ROW_LABELS]
        amount_cols = [c for c, name in self.header.items() if name == "amount"]
        first_amount = next((c.col for c in cells if _is_figure(c.text)), None)
        offset = first_amount - amount_cols[0] if amount_cols and first_amount is not None else 0
        values: dict[str, str] = {}
        for col, name in self.header.items():
            cell = next((c for c in cells if c.col == col + offset), None)
            if cell is not None and cell.text:
                values[name] = cell.text
        self._report_unaligned(row, cells, offset)
        return values

    def _report_unaligned(self, row: Row, cells: list, offset: int) -> None:
        placed = {col + offset for col in self.header}
        for cell in cells:
            if cell.text and cell.col not in placed:
                self.notes.unplaced(cell.text, row.line, "预算明细行中没有对应表头的单元格")

    def _amount(self, text: str | None, line: int) -> Decimal | None:
        if text is None:
            return None
        try:
            amount = parse_amount(text)
        except ValueError as exc:
            self.notes.warn("budget.bad_amount", unreadable(text, exc), line=line, fragment=text)
            return None
        if amount is not None and amount_unit(text) is not None:
            self.notes.info(
                "budget.unit_converted", converted_note("预算明细金额", text, amount), line=line, fragment=text
            )
        return amount

    def _price(self, text: str | None, amount: Decimal | None, quantity: Decimal | None, line: int) -> Decimal | None:
        """Yuan for a 单价 cell, its unit as `budget_units.price_yuan` finds it, noted."""
        if text is None:
            return None
        try:
            price = price_yuan(text, self.price_unit, self.unit, amount, quantity)
        except ValueError as exc:
            self.notes.warn("budget.bad_amount", unreadable(text, exc), line=line, fragment=text)
            return None
        if price.level is NoteLevel.WARNING:
            self.notes.warn(price.code, price.message, line=line, fragment=text)
        elif price.level is not None:
            self.notes.info(price.code, price.message, line=line, fragment=text)
        return price.yuan

    def _line_amount(self, text: str | None, line: int) -> Decimal | None:
        """Yuan for an amount cell. A figure that writes its own unit (``130000.00元``, ``13万元``, ``130千元``) keeps it,
        whatever the header names (a warning when it differs from the header's 万元/千元…); a plain figure is read in
        the unit the amount header names (明细金额（万元））, noted."""
        if text is None:
            return None
        try:
            amount, used = read_in_unit(text, self.unit)
        except ValueError as exc:
            self.notes.warn("budget.bad_amount", unreadable(text, exc), line=line, fragment=text)
            return None
        if amount is None:
            return None
        written = own_unit(text)
        if written is None:
            if used != "元":
                self.notes.info(
                    "budget.unit_header",
                    f"预算明细金额「{text}」按表头写明的{self.unit}计，已换算为 {amount} 元",
                    line=line,
                    fragment=text,
                )
        elif self.unit not in (None, "元") and canonical(self.unit) != written:
            self.notes.warn(
                "budget.own_unit", unit_message("预算明细金额", text, amount, used, self.unit), line=line, fragment=text
            )
        elif used != "元":
            message = (
                converted_note("预算明细金额", text, amount)
                if amount_unit(text)  # 万元/亿元, as `_amount` notes them
                else unit_message("预算明细金额", text, amount, used, self.unit)
            )
            self.notes.info("budget.unit_converted", message, line=line, fragment=text)
        return amount

    def _total(self, row: Row) -> None:
        self.total_seen = True
        amounts = [c.text for c in row.filled[1:] if _is_figure(c.text)]
        self.total = self._line_amount(amounts[0], row.line) if amounts else None
        if not amounts:
            self.notes.info("budget.total_blank", "“金额合计”行未填写金额", line=row.line)


_STAGE = re.compile(r"^(?P<stage>.+?)\s*(?P<mark>[√✓×✗xX])?$")


@dataclass
class SafeguardTable:
    notes: NoteSink
    rows: list[SafeguardRow] = field(default_factory=list)

    def feed(self, row: Row) -> None:
        texts = [c.text for c in row.filled]
        if len(texts) < 3:
            for text in texts:
                self.notes.unplaced(text, row.line, "制度保障表中不完整的行")
            return
        self.rows.append(
            SafeguardRow(
                line=row.line,
                category=texts[0],
                document=texts[1],
                measures=texts[2],
                stages=[_stage(t) for t in texts[3:]],
            )
        )


def _stage(text: str) -> StageCheck:
    match = _STAGE.match(text.strip())
    mark = match["mark"] if match else None
    applies = None if mark is None else mark in {"√", "✓"}
    return StageCheck(stage=match["stage"] if match else text, applies=applies)
