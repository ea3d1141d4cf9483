"""Indicator tables of Word/Excel forms: the rows under a header row (`indicator_columns` names each column's role,
in any region's layout) read into indicators.

Layouts read (the same code for .docx and .xlsx): 一级/二级/三级/指标值 (Shanghai), separate 长期/年度
指标值 columns, a flat list 指标/权重/单位/性质/值, the operator in its own column, an extra
指标标准或依据 column, ``指标1：`` numbering, 一级/二级 merged down their rows or left blank under the
first row, and group rows (``一、产出指标``) in a list without category columns. A column the form has but
the model has no field for (权重, 长期指标值, 依据, 性质) is kept in the indicator's 备注 as ``表头：值``;
a cell under no header is a parse note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import cast

from assistant.domain import framework
from assistant.domain.model import Indicator
from assistant.domain.values import Operator, ValueKind, bound_message, parse_value
from assistant.ingest.cells import compact, label_key
from assistant.ingest.placement import place_by_content
from assistant.office.grid import GridCell, GridRow
from assistant.office.indicator_columns import PLACE_VALUE as PLACE_VALUE
from assistant.office.indicator_columns import Column, Role, role_of
from assistant.office.indicator_columns import header_columns as header_columns
from assistant.office.notes import OfficeNotes

_NUMBERING = re.compile(
    r"^(?:指标\s*\d{1,2}\s*(?:[:：]|(?=[\u4e00-\u9fff]))|\d+\s*[.、．]|[（(][\d一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+\s*[、.．])\s*"
)
_OPERATOR_WORDS = {
    "大于等于": Operator.GE,
    "不低于": Operator.GE,
    "不少于": Operator.GE,
    "小于等于": Operator.LE,
    "不高于": Operator.LE,
    "不超过": Operator.LE,
    "等于": Operator.EQ,
    "大于": Operator.GT,
    "小于": Operator.LT,
}


_EXTRA = {Role.LONG_VALUE, Role.WEIGHT, Role.BASIS, Role.LONG_TERM, Role.PLACE}
_OPERATORS = {Role.OPERATOR, Role.NATURE}


@dataclass
class Cells:
    """One data row's cells by role; ``extra`` keeps (header, text) of columns the model has no field for."""

    by_role: dict[Role, GridCell] = field(default_factory=dict)
    extra: list[tuple[str, str]] = field(default_factory=list)

    def text(self, role: Role) -> str:
        cell = self.by_role.get(role)
        return cell.text.strip() if cell else ""


@dataclass
class IndicatorReader:
    columns: list[Column]
    notes: OfficeNotes
    rows: list[Indicator] = field(default_factory=list)
    level1: str | None = None
    level2: str | None = None

    def feed(self, row: GridRow) -> None:
        if not self.rows and self._subheader(row):
            return
        if self._stray(row):
            return
        cells = self._assign(row)
        if cells is None:
            return
        if self._group_row(cells) or self._wrapped_tail(cells) or self._wrapped_unit(row):
            return
        self._levels(cells)
        if cells.text(Role.NAME) or cells.text(Role.VALUE) or cells.text(Role.LONG_VALUE):
            self._add(cells, row)
        elif cells.extra:
            for title, text in cells.extra:
                self.notes.unplaced_text(text, row.filled[0], f"指标表中「{title}」列有值，但该行没有指标名称和指标值")

    def _subheader(self, row: GridRow) -> bool:
        """A second header row under a merged 指标值 (长期 | 年度) splits that column in two."""
        parents = [
            next((c for c in self.columns if c.cell.span > 1 and c.cell.covers(cell.col)), None) for cell in row.filled
        ]
        if any(p is None for p in parents):
            return False
        split = [
            (p, cell, role_of(cell.text + p.title) or role_of(cell.text))
            for p, cell in zip(cast(list[Column], parents), row.filled, strict=True)
        ]
        if any(role is None for _, _, role in split):
            return False
        for parent, cell, role in split:
            assert role is not None and parent is not None
            index = self.columns.index(parent) if parent in self.columns else len(self.columns)
            self.columns.insert(index, Column(role, f"{cell.text.strip()}{parent.title}", cell))
        self.columns = [c for c in self.columns if c not in {p for p, _, _ in split}]
        return True

    def _stray(self, row: GridRow) -> bool:
        """One cell merged across several columns that is no category (审核意见：同意) belongs to no column."""
        filled = row.filled
        if len(filled) != 1 or filled[0].span < 2:
            return False
        cell = filled[0]
        if framework.is_level_term(_NUMBERING.sub("", cell.text.strip())):
            return False
        self.notes.unplaced_cell(cell, "指标表中一个横跨多列的单元格，不是指标类别")
        return True

    def _assign(self, row: GridRow) -> Cells | None:
        cells = Cells()
        for cell in row.filled:
            column = next((c for c in self.columns if c.cell.covers(cell.col)), None)
            if column is None:
                self.notes.unplaced_cell(cell, "指标表中该列没有表头")
            elif column.role is Role.GROUP:
                if label_key(cell.text) != label_key(column.title):
                    self.notes.unplaced_cell(cell, f"「{column.title}」列中不是表头的内容")
            elif column.role is Role.SEQ and _NUMBERING.sub("", f"{cell.text.strip()}.") == "":
                continue
            elif column.role in _EXTRA or (column.role in _OPERATORS and not _operator(cell.text)):
                cells.extra.append((column.title, cell.text.strip()))
                cells.by_role.setdefault(column.role, cell)
            elif column.role in _OPERATORS and Role.OPERATOR not in cells.by_role:
                cells.by_role[Role.OPERATOR] = (
                    cell  # 指标性质 and 指标方向 both given: the one with ≥/= is the operator
                )
            elif column.role in cells.by_role or column.role in _OPERATORS:
                self.notes.unplaced_cell(cell, f"同一行有两个「{column.title}」单元格")
            else:
                cells.by_role[column.role] = cell
        return cells if row.filled else None

    def _group_row(self, cells: Cells) -> bool:
        """``一、产出指标`` alone in a list without category columns sets the category of the rows below."""
        only = [r for r in cells.by_role if r is not Role.GROUP]
        if only != [Role.NAME] or cells.extra:
            return False
        term = _NUMBERING.sub("", cells.text(Role.NAME))
        # 项目完成 alone: a category wrapped before its 指标, which the next row brings (``_wrapped_tail``).
        full = term if framework.is_level_term(term) else f"{term}指标"
        if not framework.is_level_term(full):
            return False
        if framework.is_level1_term(full) and not framework.is_level2_term(full):
            self.level1, self.level2 = term, None
        else:
            self.level2 = term
        return True

    def _wrapped_tail(self, cells: Cells) -> bool:
        """``指标`` alone on a row under a category written without it (``项目完成`` / ``指标``): the category's last
        word wrapped onto the next line, not an indicator."""
        only = [r for r in cells.by_role if r is not Role.GROUP]
        if only != [Role.NAME] or cells.extra or cells.text(Role.NAME) != "指标":
            return False
        if self.level2 and not self.level2.endswith("指标"):
            self.level2 += "指标"
        elif self.level1 and not self.level1.endswith("指标") and not self.level2:
            self.level1 += "指标"
        else:
            return False
        return True

    def _wrapped_unit(self, row: GridRow) -> bool:
        """``个`` alone on a row (in each half of a mirrored table) under a row whose value is a number without its
        unit (``≥57``): the value's unit wrapped onto the next line, joined to it and noted, not an indicator."""
        texts = {c.text.strip() for c in row.filled}
        if not self.rows or len(texts) != 1 or not _BARE_UNIT.match(unit := texts.pop()):
            return False
        last = self.rows[-1]
        if last.value.kind is not ValueKind.QUANTITATIVE or last.value.unit is not None:
            return False
        joined = parse_value(last.value.raw.strip() + unit)
        if joined.kind is not ValueKind.QUANTITATIVE or joined.unit != unit:
            return False
        self.rows[-1] = last.model_copy(update={"value": joined})
        self.notes.warn_at(
            "indicator.wrapped_unit",
            f"单独一行的「{unit}」是上一行指标「{last.name}」目标值「{last.value.raw.strip()}」换行后的单位，"
            f"已接回读作「{joined.raw}」，未作为指标行",
            row.filled[0],
        )
        return True

    def _under_umbrella(self, written: str | None) -> bool:
        """``written`` (in the 一级 column) is a category under the umbrella above it: a known umbrella (实施效果指标),
        or a 一级 outside the framework whose rows so far had a 一级 category as their 二级 (建设成效指标 over 产出指标)."""
        if not (written and self.level1 and framework.is_level1_only(written)):
            return False
        if framework.is_umbrella(self.level1):
            return True
        return not framework.is_level_term(self.level1) and framework.is_level1_only(self.level2 or "")

    def _levels(self, cells: Cells) -> None:
        if level1 := cells.by_role.get(Role.LEVEL1):
            written = _clean_level(level1.text)
            if self._under_umbrella(written) and Role.LEVEL2 not in cells.by_role:
                self.level2 = written  # 效益指标 in the 一级 column under 实施效果指标: a category of the umbrella
            elif written != self.level1:
                self.level1, self.level2 = written, None
            if framework.is_umbrella(self.level1 or ""):
                if written == self.level1:
                    self.notes.info_at(
                        "indicator.level_umbrella",
                        f"「{self.level1}」是一级指标之上的总类，不是一级指标；其下的产出/效益/满意度指标按一级指标归类",
                        level1,
                    )
            elif not framework.is_level_term(self.level1 or "") and written == self.level1:
                self.notes.warn_at(
                    "indicator.level_outside_framework", f"一级指标「{self.level1}」不在指标框架内，按原文保留", level1
                )
        if level2 := cells.by_role.get(Role.LEVEL2):
            self.level2 = _clean_level(level2.text)
            if not framework.is_level_term(self.level2 or ""):
                self.notes.warn_at(
                    "indicator.level_outside_framework", f"二级指标「{self.level2}」不在指标框架内，按原文保留", level2
                )
        for cell in (cells.by_role.get(Role.LEVEL1), cells.by_role.get(Role.LEVEL2)):
            if cell is not None and (term := framework.spelled_with_value(cell.text)):
                self.notes.info_at(
                    "indicator.level_spelled_value", f"指标类别写作「{compact(cell.text)}」，按“{term}”归类", cell
                )

    def _sense(self, cells: Cells, anchor: GridCell) -> str:
        """正向/反向 (指标方向) give the comparison when no operator is written: 正向 ≥, 反向 ≤ (noted)."""
        if _operator(cells.text(Role.OPERATOR)) or _operator(cells.text(Role.NATURE)) or not cells.text(Role.VALUE):
            return ""
        directions = _directions(cells)
        if not directions or not re.fullmatch(r"[+-]?\d+(?:\.\d+)?%?", cells.text(Role.VALUE)):
            return ""
        sense = _SENSE[label_key(directions[0])].value
        self.notes.info_at(
            "indicator.direction_sense",
            f"指标方向为「{directions[0]}」，未写运算符，按“{sense}”读取目标值，请核对",
            anchor,
        )
        return sense

    def _dated(self, raw: str, anchor: GridCell) -> str:
        """A 时效 value written as a spreadsheet date serial (``44,561``) read as the date it stands for, noted."""
        number = re.sub(r"^[=＝]", "", raw.strip())
        if not _SERIAL.match(number) or "时效" not in (self.level2 or "") + (self.level1 or ""):
            return raw
        days = int(number.replace(",", ""))
        if not 36_526 <= days <= 73_050:
            return raw
        day = _SERIAL_EPOCH + timedelta(days=days)
        text = f"{day.year}年{day.month}月{day.day}日"
        self.notes.warn_at(
            "indicator.serial_date",
            f"时效指标的目标值「{raw}」是电子表格的日期序号，读作 {day.isoformat()}（写作“{text}”），请核对",
            anchor,
        )
        return text

    def _placed_by_content(self, name: str, cells: Cells, anchor: GridCell) -> framework.Placement:
        """A flat list gives no category: the row is placed by what it measures, and the note says so."""
        level1, level2, why = place_by_content(name, cells.text(Role.UNIT) or parse_value(cells.text(Role.VALUE)).unit)
        self.notes.info_at(
            "indicator.placed_by_content",
            f"原表没有一级/二级指标，指标「{name}」按其内容（{why}）归入{level1.value}—{level2.value}，请核对",
            anchor,
        )
        return framework.Placement(level1, level2)

    def _add(self, cells: Cells, row: GridRow) -> None:
        position = len(self.rows) + 1
        name_cell = cells.by_role.get(Role.NAME)
        name_written = name_cell.text.strip() if name_cell else ""
        anchor = name_cell or row.filled[0]
        raw = self._dated(_value_text(cells, self._sense(cells, anchor)), anchor)
        if not name_written:
            self.notes.error_at("indicator.name_missing", "该行有指标值，但缺少指标名称（三级指标）", anchor)
        if not raw:
            cells.extra += _orphans(cells, self.columns)
            self.notes.warn_at(
                "indicator.value_missing",
                f"指标「{compact(name_written)}」缺少指标值（年度），原表该单元格为空",
                anchor,
            )
        if (bound := bound_message(compact(name_written), raw)) is not None:
            self.notes.warn_at("indicator.conflicting_bound", bound, anchor)
        placement = framework.normalise(self.level1, self.level2)
        if placement.level2 is None and self.level2 and self.level2.endswith("指标"):  # 社会公众或服务对象满意度指标
            retry = framework.normalise(self.level1, self.level2.removesuffix("指标"))
            placement = retry if retry.level2 is not None or placement.level1 is None else placement
        if self.level1 is None and self.level2 is None and name_written:
            placement = self._placed_by_content(compact(_NUMBERING.sub("", name_written)), cells, anchor)
        self.rows.append(
            Indicator(
                position=position,
                line=row.index + 1,
                level1_written=self.level1,
                level2_written=self.level2,
                level1=placement.level1,
                level2=placement.level2,
                name=compact(_NUMBERING.sub("", name_written)),
                name_written=name_written,
                value=parse_value(raw),
                remark=_remark(cells),
            )
        )


_BARE_UNIT = re.compile(  # a unit of measure alone, as a wrapped value leaves it on the next line
    r"^(?:个|次|人|人次|户|家|项|件|台|套|批|组|场|期|篇|份|天|日|小时|工作日|个工作日|周|月|年|元|万元|%|％"
    r"|公里|千米|米|平方米|亩|吨|册|本|所|辆|株|头|只|处|条|座|间|张|部|类|名|单|起)$"
)
_SENSE = {"正向": Operator.GE, "正向指标": Operator.GE, "反向": Operator.LE, "反向指标": Operator.LE}
_SERIAL = re.compile(r"^\d{2},?\d{3}$")
_SERIAL_EPOCH = date(1899, 12, 30)


def _directions(cells: Cells) -> list[str]:
    return [text for _, text in cells.extra if label_key(text) in _SENSE]


_LEVEL_POINTS = re.compile(r"[（(][\d.\-—~～至]+分?[)）]分?$")  # 成本指标(0-20)分: the points a category may carry


def _clean_level(text: str) -> str | None:
    return _LEVEL_POINTS.sub("", re.sub(r"\s+", "", _NUMBERING.sub("", text.strip()))) or None


def _operator(text: str) -> str | None:
    key = label_key(text)
    if key in _OPERATOR_WORDS:
        return _OPERATOR_WORDS[key].value
    parsed = parse_value(f"{key}1")
    return parsed.operator.value if parsed.operator is not None and parsed.number == 1 else None


operator_of = _operator


def _value_text(cells: Cells, sense: str = "") -> str:
    """The written value, with an operator or unit from their own columns put where the form would write them;
    ``sense``: the operator a 正向/反向 direction gives when no column writes one."""
    value = cells.text(Role.VALUE)
    operator = _operator(cells.text(Role.OPERATOR)) or _operator(cells.text(Role.NATURE)) or sense
    unit = cells.text(Role.UNIT)
    if not value:
        return ""
    if re.fullmatch(r"[+-]?\d+(?:\.\d+)?", value):
        return f"{operator}{value}({unit})" if unit else f"{operator}{value}"
    return f"{operator}{value}{unit if unit and not value.endswith(unit) else ''}"


def _orphans(cells: Cells, columns: list[Column]) -> list[tuple[str, str]]:
    """An operator or unit with no value to attach to: kept in 备注 rather than dropped."""
    found = []
    for column in columns:
        text = cells.text(column.role)
        if column.role is Role.UNIT and text or column.role in _OPERATORS and _operator(text):
            found.append((column.title, text))
    return found


def _remark(cells: Cells) -> str | None:
    parts = [f"{title}：{text}" for title, text in cells.extra if text]
    own = cells.text(Role.REMARK)
    if own:
        parts.append(own if not parts else f"备注：{own}")
    return "；".join(parts) or None
