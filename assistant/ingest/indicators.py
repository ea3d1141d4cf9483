"""The indicator table (绩效指标 / 绩效目标).

Merged cells drop a row's leading columns and page breaks shift them, so a cell's place comes from
what it says (framework vocabulary) before where it stands; the header's columns only break ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.domain import framework
from assistant.domain.model import Indicator
from assistant.domain.values import ValueKind, bound_message, operator_words, parse_value
from assistant.ingest import indicator_edges as edges
from assistant.ingest.cells import Cell, Row, compact, label_key
from assistant.ingest.notes import NoteSink

_GROUP_LABELS = {"绩效目标", "绩效指标", "分解目标", "项目构成"}
_HEADER_WORDS = {"一级指标", "二级指标", "三级指标", "一级目标", "二级目标", "三级目标"}
_VALUE_HEADERS = re.compile(r"(指标值|目标值)")


def is_header(row: Row) -> bool:
    keys = {label_key(c.text) for c in row.filled}
    return len(keys & _HEADER_WORDS) >= 2


@dataclass
class Columns:
    level1: int = 1
    level2: int = 2
    name: int = 3
    long_term: int | None = None  # a 长期 value column beside the 年度 one (other regions' layout)

    @classmethod
    def from_header(cls, row: Row) -> Columns:
        found = {label_key(c.text): c.col for c in row.filled}
        level2 = found.get("二级指标", found.get("二级目标", 2))
        level1 = found.get("一级指标", found.get("一级目标", level2 - 1))
        name = found.get("三级指标", found.get("三级目标", level2 + 1))
        return cls(level1=level1, level2=level2, name=name, long_term=_long_term_column(found))


def _long_term_column(found: dict[str, int]) -> int | None:
    values = {key: col for key, col in found.items() if _VALUE_HEADERS.search(key)}
    long_term = [col for key, col in values.items() if re.search(r"(长期|项目期|总体)", key)]
    annual = [col for key, col in values.items() if "年度" in key and not re.search(r"(长期|项目期|总体)", key)]
    return long_term[0] if long_term and annual else None


@dataclass
class IndicatorTable:
    notes: NoteSink
    columns: Columns = field(default_factory=Columns)
    rows: list[Indicator] = field(default_factory=list)
    level1: str | None = None
    level2: str | None = None

    def header(self, row: Row) -> None:
        self.columns = Columns.from_header(row)

    def feed(self, row: Row) -> None:
        cells = [c for c in row.filled if label_key(c.text) not in _GROUP_LABELS]
        if not cells:
            return
        if not self.rows and self.level2 is None and edges.is_value_subheader([c.text for c in cells]):
            self.notes.notes.append(edges.subheader_note([c.text for c in cells], row.line))
            return
        levels, rest = _split_levels(cells, self.columns)
        if len(levels) == 1 and rest and self._centred(levels[0], row.line):
            levels = []
        # a category left of the 一级 column: the copy lost the row's empty cells, and its columns tell nothing
        self._set_levels(levels, row.line, shifted=bool(levels) and levels[0].col < self.columns.level1)
        if not rest:
            return
        self._add(rest, row.line)

    def _set_levels(self, levels: list[Cell], line: int, shifted: bool = False) -> None:
        if len(levels) >= 2:
            self.level1, self.level2 = levels[0].text, levels[1].text
            for extra in levels[2:]:
                self.notes.warn(
                    "indicator.extra_level",
                    f"同一行出现多余的类别单元格「{extra.text}」，已忽略",
                    line=line,
                    fragment=extra.text,
                )
        elif len(levels) == 1:
            self._set_single_level(levels[0], shifted)
        for cell in levels:
            if not framework.is_level_term(cell.text):
                self.notes.warn(
                    "indicator.level_outside_framework",
                    f"类别栏填写的「{cell.text}」不是指标框架中的一级/二级指标名称，已按原文保留，请按框架改写",
                    line=line,
                    fragment=cell.text,
                )
        if (
            levels
            and self.level1
            and framework.is_level2_term(self.level1)
            and not framework.is_level1_term(self.level1)
        ):
            self.notes.warn(
                "indicator.level1_mislabel",
                f"一级指标栏填写的「{self.level1}」是二级指标名称，一级按其含义推断",
                line=line,
                fragment=self.level1,
            )

    def _centred(self, cell: Cell, line: int) -> bool:
        """A 一级 centred in its merged block (`indicator_edges.centred_level1`): the rows above take it, True."""
        if not framework.is_level1_term(cell.text) or framework.is_level2_term(cell.text) or self.level1:
            return False
        covered = edges.centred_level1(self.rows, cell.text, self.level2)
        if covered is None:
            return False
        self.rows[:] = covered
        self.level1 = cell.text
        self.notes.notes.append(edges.centred_note(cell.text, len(covered), line))
        return True

    def _set_single_level(self, cell: Cell, shifted: bool = False) -> None:
        term = cell.text
        as_level1 = framework.is_level1_term(term) and not framework.is_level2_term(term)
        if term.replace(" ", "") in framework.AMBIGUOUS_TERMS:
            as_level1 = cell.col < self.columns.level2
            as_level1 = as_level1 and not (shifted and edges.cost_as_level2(term, self.level1, self.level2))
        if as_level1:
            self.level1, self.level2 = term, None
        else:
            self.level2 = term

    def _add(self, rest: list[Cell], line: int) -> None:
        cells = self._set_aside_long_term(self._drop_repeated_name(rest, line), line)
        name_cell, value_cell, remarks = _name_value_remarks(cells)
        position = len(self.rows) + 1
        where = f"indicators[{position}]"
        if name_cell is None:
            self.notes.error(
                "indicator.name_missing", "该行只有目标值，缺少指标名称（三级指标）", line=line, field=where
            )
        if value_cell is None:
            self.notes.warn(
                "indicator.value_missing",
                f"指标「{compact(name_cell.text) if name_cell else ''}」缺少目标值，原表该单元格为空",
                line=line,
                field=where,
            )
        placement = framework.normalise(self.level1, self.level2)
        name_written = name_cell.text if name_cell else ""
        if value_cell is not None and operator_words(value_cell.text):
            self._note_value_words(compact(name_written), value_cell.text, line, where)
        bound = bound_message(compact(name_written), value_cell.text if value_cell else "")
        if bound is not None:
            self.notes.warn(
                "indicator.conflicting_bound", bound, line=line, fragment=value_cell.text if value_cell else None
            )
        self.rows.append(
            Indicator(
                position=position,
                line=line,
                level1_written=_clean_level(self.level1),
                level2_written=_clean_level(self.level2),
                level1=placement.level1,
                level2=placement.level2,
                name=compact(name_written),
                name_written=name_written,
                value=parse_value(value_cell.text if value_cell else ""),
                remark="；".join(c.text for c in remarks) or None,
            )
        )

    def _drop_repeated_name(self, rest: list[Cell], line: int) -> list[Cell]:
        """A merged name cell exported once per grid column (``name⇥name⇥value``): keep one copy."""
        if len(rest) < 2 or compact(rest[0].text) != compact(rest[1].text):
            return rest
        self.notes.info(
            "indicator.repeated_cell",
            f"指标名称「{compact(rest[0].text)}」在相邻两栏重复出现（合并单元格按网格列导出），已只取一次",
            line=line,
            fragment=rest[1].text,
        )
        return [rest[0], *rest[2:]]

    def _set_aside_long_term(self, rest: list[Cell], line: int) -> list[Cell]:
        """With separate 长期/年度 value columns the 年度 one is the target; the 长期 one goes to the remark."""
        column = self.columns.long_term
        found = next((c for c in rest[1:] if c.col == column), None)
        if found is None:
            return rest
        self.notes.info(
            "indicator.long_term_value",
            f"指标「{compact(rest[0].text)}」另有长期指标值「{found.text}」，本表按年度指标值读取，长期值记入备注",
            line=line,
            fragment=found.text,
        )
        kept = [c for c in rest if c is not found]
        return [*kept, Cell(raw=f"长期指标值：{found.raw}", col=found.col, line=found.line)]

    def _note_value_words(self, name: str, text: str, line: int, where: str) -> None:
        value = parse_value(text)
        words = "、".join(operator_words(text))
        if value.operator is not None:
            advice = f"读作“{value.render()}”，建议直接写作“{value.render()}”"
        else:
            advice = f"读作约数“{value.render()}”，未说明方向，建议写明“≥”“≤”或“=”"
        self.notes.info(
            "indicator.value_words",
            f"指标「{name}」的目标值「{text}」用“{words}”表示方向：{advice}",
            line=line,
            field=where,
            fragment=text,
        )


def _clean_level(text: str | None) -> str | None:
    return re.sub(r"\s+", "", text) if text else None


def _split_levels(cells: list[Cell], columns: Columns) -> tuple[list[Cell], list[Cell]]:
    """Category cells lead a row: framework terms, or other words in a category column right before a
    framework term (``项目决策⇥数量指标``, ``项目效益⇥社会效益指标``). A framework term in the name
    column after both categories, followed only by a value, is the indicator's name (a bare ``成本``)."""
    count = 0
    while count < len(cells) and _is_category(cells, count, columns):
        count += 1
    if (
        count >= 2
        and len(cells) - count == 1
        and cells[count - 1].col >= columns.name
        and _looks_like_value(cells[count])
    ):
        count -= 1
    return cells[:count], cells[count:]


def _is_category(cells: list[Cell], i: int, columns: Columns) -> bool:
    if framework.is_level_term(cells[i].text):
        return True
    following = cells[i + 1] if i + 1 < len(cells) else None
    return (
        cells[i].col < columns.name
        and following is not None
        and following.col < columns.name
        and framework.is_level_term(following.text)
    )


def _looks_like_value(cell: Cell) -> bool:
    return parse_value(cell.text).kind in {ValueKind.QUANTITATIVE, ValueKind.DEADLINE}


def _name_value_remarks(rest: list[Cell]) -> tuple[Cell | None, Cell | None, list[Cell]]:
    if len(rest) == 1:
        only = rest[0]
        parsed = parse_value(only.text)
        if parsed.kind is ValueKind.QUANTITATIVE and parsed.operator is not None:
            return None, only, []
        return only, None, []
    return rest[0], rest[1], rest[2:]
