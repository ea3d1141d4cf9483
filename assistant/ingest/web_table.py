"""Rebuild the grid of a form copied from a web page, so the Word/Excel reader can read it.

The rows a page copy yields (``web_cells``) become :class:`GridRow`s: form cells in reading order (a label
is followed by its value), the indicator table's header as one row and each indicator as one row whose
cells stand in their header's columns (``web_slots``). Things that are page, not form, become parse notes
here: navigation, footnotes (注：…), a department's summary row in a list of projects, a table cut off at
the end of the page. A title after a project name, or a new project row in a list, starts the next
declaration.
"""

from __future__ import annotations

import re

from assistant.domain import framework
from assistant.domain.model import Layout, NoteLevel
from assistant.ingest.amount_units import FOOTNOTE
from assistant.ingest.labels import FieldKind
from assistant.ingest.titles import is_page_chrome
from assistant.ingest.web_cells import Shape, WebCell, WebRow
from assistant.ingest.web_form_cells import Segment, Table, form_label, furniture, grid_cell
from assistant.ingest.web_furniture import is_page_furniture
from assistant.ingest.web_slots import SCORE_ONLY, evaluation_level, is_level1, level_term, slot
from assistant.ingest.web_two_periods import relabel_periods, year_first
from assistant.ingest.web_umbrella import LevelCells
from assistant.office.grid import GridCell, GridRow
from assistant.office.indicators import PLACE_VALUE, Role, header_columns, role_of
from assistant.office.reader import find_label, is_title_text, names_project

_ENDS = re.compile(r"(审核意见|审批意见|初审意见|审查意见|财政部门意见|主管部门意见)")
_LEVEL_ROLES = (Role.LEVEL1, Role.LEVEL2)
_SKIPPED_ROLES = (Role.GROUP,)


class GridBuilder(LevelCells):
    """Feed it a page's :class:`WebRow`s with :meth:`build`; read :attr:`segments`."""

    # -- driver --

    def build(self, shape: Shape, rows: list[WebRow]) -> list[Segment]:
        self.shape = shape
        if shape is Shape.STREAM:
            self._stream(self._restored([c for row in rows for c in [*row.cells, None]]))
        elif shape is Shape.LINES:  # no row ends: rows are counted by the header's columns
            self._stream(self._restored([c for row in rows for c in row.cells]))
        else:
            for row in rows:
                cells = self._restored(row.cells)
                self._row(row if cells == row.cells else WebRow([c for c in cells if c], row.line, row.shape))
        self._finish()
        return [s for s in self.segments if s.rows]

    def _finish(self) -> None:
        if self.table is not None and self.chunk:
            filled = [c for c in self.chunk if c.text]
            if len(filled) == 1 and len(self.table.rest) >= 2:
                self._truncated(filled[0])
                self.chunk = []
        self._flush()

    def _cut_at_end(self, token: WebCell, after: list[WebCell | None]) -> bool:
        """The page ends inside the last row's value (蒙城: ``0-6 岁儿童眼保健和视力检查覆盖率 | ≧``, nothing after the
        operator): noted, no row."""
        name = next((c for c in self.chunk if c.text), None)
        if name is None or not _BARE_OPERATOR.match(token.text) or any(t is not None for t in after):
            return False
        self.note(
            NoteLevel.WARNING,
            "file.truncated",
            f"页面在指标表中途结束：最后一行「{name.text}」的指标值只有「{token.text}」，没有数值，未作为指标读取；"
            "请核对原页面是否完整复制",
            token,
        )
        return True

    def _truncated(self, cell: WebCell) -> None:
        self.note(
            NoteLevel.WARNING,
            "file.truncated",
            f"页面在指标表中途结束：最后一行只有「{cell.text}」，没有其余各栏，未作为指标读取；请核对原页面是否完整复制",
            cell,
        )

    # -- the stream shape: one cell at a time, row ends where the page shows them --

    def _stream(self, tokens: list[WebCell | None]) -> None:
        self.tokens = tokens
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if self.table is None:
                if token is None or not token.text:
                    i += 1
                    continue
                end = self._stream_header(tokens, i)
                if end is not None:
                    i = end
                    continue
                self._form_cells([token], Shape.STREAM)
                i += 1
                continue
            if token is None:
                if all(t is None for t in tokens[i:]):  # the page's last row: a lone first cell is a cut-off row
                    self._finish()
                self._flush()
            elif token.text and not self._mid_row() and self._ends_table(token.text):
                self._flush()
                self.table = None
                continue
            elif self._cut_at_end(token, tokens[i + 1 :]):
                self.chunk = []
            else:
                self.position = i
                self._table_token(token)
            i += 1

    def _stream_header(self, tokens: list[WebCell | None], start: int) -> int | None:
        run: list[WebCell] = []
        i = start
        while i < len(tokens):
            token = tokens[i]
            if token is not None and not token.text:
                i += 1
                continue
            if token is None or role_of(token.text) is None:
                if token is None or run:
                    break
                return None
            run.append(token)
            i += 1
        places, after = _place_columns(run, tokens, i)
        if len(run) < 2 or not self._open_table([*run, *places], []):
            return None
        if places:
            self.note(
                NoteLevel.INFO,
                "web.place_columns",
                f"指标表按地点分列指标值（{'、'.join(p.text.split('（', 1)[1].rstrip('）') for p in places)}）："
                "第一列作为指标值，其余各列的值保留在备注中",
                places[0],
            )
        return after

    def _mid_row(self) -> bool:
        """Inside a row of a copy that shows its row ends (the cells after a category, or after the row's first
        cells): a cell there is the row's name or value, even one worded like a form label (淮北: ``成本指标 |
        项目金额 | 5万元``), and does not end the table."""
        return self.shape is Shape.STREAM and bool(self.chunk or self.levels)

    def _table_token(self, token: WebCell) -> None:
        assert self.table is not None
        if token.text == "指标" and self.levels and not self.chunk and not self.levels[-1].text.endswith("指标"):
            last = self.levels[-1]  # a category cell wrapped before its last word (经济效益 / 指标)
            self.levels[-1] = WebCell(f"{last.text}指标", last.line)
            return
        if token.text and (_page_text_cell(token) or _ATTACHMENT.match(token.text)):
            self.note(NoteLevel.INFO, "web.page_chrome", "网页导航或页面文字，不属于申报表", token)
            self.tail = self.tail or (self.shape is Shape.LINES and not self.chunk and _page_text_cell(token))
            return
        if self.tail:  # after the page's links under the form (文件下载 / 政策咨询): page text, not rows
            if token.text:
                self.note(NoteLevel.INFO, "web.page_chrome", "网页导航或页面文字，不属于申报表", token)
            return
        if (
            token.text
            and (level_term(token.text) or self._evaluation_level(token) or self._unnamed_category(token))
            and not self._named_like_category(token)
        ):
            if any(c.text for c in self.chunk):
                self._flush()
            self.chunk = []
            self._add_level(token)
            return
        if not token.text and not self.chunk:
            self.gap = True  # blank cells after a category: the category has no rows of its own
        if (not token.text or role_of(token.text) is Role.GROUP) and not self.chunk or SCORE_ONLY.match(token.text):
            return  # a category's points (产出指标 / (40-50)分) wrapped onto the next line
        self.chunk.append(token)
        if len(self.chunk) == len(self.table.rest):
            self._flush()

    def _evaluation_level(self, token: WebCell) -> bool:
        """A 决策/过程 category of the evaluation framework at a row's start in a table with 一级 and 二级 columns:
        a 一级 (决策) always, a 二级 (项目立项, 绩效目标 …) once the table has shown such a 一级. Noted once."""
        assert self.table is not None
        level = evaluation_level(token.text)
        if level is None or self.chunk or len(self.table.levels) < 2:
            return False
        if level == "2" and not self.evaluation_seen:
            return False
        if level == "1" and not self.evaluation_seen:
            self.evaluation_seen = True
            self.note(
                NoteLevel.INFO,
                "web.evaluation_levels",
                f"指标表按绩效评价共性指标体系分类（一级「{token.text}」及其二级），不在申报表指标框架内："
                "一级、二级按原文读取，请核对",
                token,
            )
        return True

    def _named_like_category(self, token: WebCell) -> bool:
        """In a copy with one cell per line, a category word right after a 二级 category (满意度 after
        服务对象满意度指标) is the row's 三级 name: a category with no rows of its own shows blank cells first."""
        assert self.table is not None
        if self.shape is not Shape.LINES or self.chunk or not self.levels or self.gap or len(self.table.levels) < 2:
            return False
        return self._level_role(self.levels[-1]) is Role.LEVEL2 and self._level_role(token) is Role.LEVEL2

    def _add_level(self, token: WebCell) -> None:
        assert self.table is not None
        self.gap = False
        if not self.table.levels:  # a flat list: a category alone on its row groups the rows below it
            name_col = self.table.rest[0][1]
            self._emit([grid_cell(token, name_col)])
            return
        role = self._level_role(token)
        if len(self.levels) == 1 and _over(self.levels[0], [self.levels[0], token]):
            role = Role.LEVEL2  # 成本指标 | 经济成本指标: the first is the 一级 over the second, one row
        elif any(self._level_role(c) is role for c in self.levels) or (role is Role.LEVEL1 and self.levels):
            self._emit_levels()
        self.levels.append(token)

    def _level_role(self, token: WebCell) -> Role:
        """The level column ``token`` stands in: a 一级 term first in its row; a term that is both a 一级 and a 二级
        (成本指标) the 一级 where the row's next level cell is a 二级 the framework places under it."""
        assert self.table is not None
        if Role.LEVEL1 not in self.table.levels:
            return Role.LEVEL2
        if Role.LEVEL2 not in self.table.levels:
            return Role.LEVEL1
        first = self.levels[0] if self.levels else None
        one = is_level1(token.text) or evaluation_level(token.text) == "1" or _over(token, self.levels)
        one = one or self._is_umbrella(token)
        return Role.LEVEL1 if one and (first is None or first is token) else Role.LEVEL2

    def _emit_levels(self) -> None:
        self._emit(self._level_cells())
        self.levels = []

    def _level_cells(self) -> list[GridCell]:
        assert self.table is not None
        cells = []
        for token in self.levels:
            cells.append(grid_cell(token, self.table.levels[self._level_role(token)]))
        return cells

    def _flush(self) -> None:
        if self.table is None:
            self.chunk, self.levels = [], []
            return
        chunk = self.chunk
        while chunk and not chunk[-1].text:
            chunk = chunk[:-1]
        self.chunk = []
        if not any(c.text for c in chunk):
            if self.levels:
                self._emit_levels()
            return
        self._emit([*self._level_cells(), *self._slotted(chunk, split_by_spaces=False)])
        self.levels = []

    def _slotted(self, cells: list[WebCell], *, split_by_spaces: bool) -> list[GridCell]:
        assert self.table is not None
        roles = [role for role, _ in self.table.rest]
        places = slot([c.text for c in cells], roles, split_by_spaces=split_by_spaces)
        beyond = max((col for _, col in self.table.rest), default=0) + 1
        grouped: dict[int, list[WebCell]] = {}
        out: list[GridCell] = []
        for cell, place in zip(cells, places, strict=True):
            if not cell.text:
                continue
            if place is None:
                out.append(grid_cell(cell, beyond))
                beyond += 1
            else:
                grouped.setdefault(place, []).append(cell)
        for place, group in grouped.items():
            text = " ".join(c.text for c in group)
            out.append(GridCell(text, group[0].line - 1, self.table.rest[place][1], f"第 {group[0].line} 行"))
        return sorted(out, key=lambda c: c.col)

    # -- header --

    def _open_table(self, cells: list[WebCell], leading: list[WebCell]) -> bool:
        """Open the indicator table when ``cells`` (in order) are its header; a list of projects keeps the
        form columns before the indicator columns (单位名称 | 项目名称 | 预算数 | 一级指标 …)."""
        form: list[tuple[str, int]] = []
        first_role = next(
            (k for k, c in enumerate(cells) if role_of(c.text) is not None and not form_label(c.text)), None
        )
        if first_role is None:
            return False
        if first_role > 0 and any(names_project(c.text) for c in cells[:first_role]):
            form = [(c.text, k) for k, c in enumerate(cells[:first_role])]
        elif first_role > 0:
            leading = [*leading, *cells[:first_role]]
        cells, periods = relabel_periods(cells)
        grid = [grid_cell(c, k) for k, c in enumerate(cells) if k >= first_role]
        header = GridRow("网页", grid[0].row if grid else 0, tuple(grid))
        columns = header_columns(header)
        if columns is None:
            return False
        self.current.notes.extend([periods] if periods else [])
        for cell in leading:
            self.note(
                NoteLevel.INFO, "web.header_text", f"指标表表头前的文字「{cell.text}」不是栏目，已保留在提示中", cell
            )
        levels = {c.role: c.cell.col for c in columns if c.role in _LEVEL_ROLES}
        after = max(levels.values(), default=-1)
        rest = [(c.role, c.cell.col) for c in columns if c.cell.col > after and c.role not in _SKIPPED_ROLES]
        if not rest:
            return False
        self.table = Table(header=header, levels=levels, rest=rest, form=form, periods=periods is not None)
        self.chunk, self.levels = [], []
        self.evaluation_seen = self.tail = False
        self._emit(list(header.cells))
        return True

    def _ends_table(self, text: str) -> bool:
        if FOOTNOTE.match(text) or _ENDS.search(text) or is_title_text(text):
            return True
        spec = find_label(text, Layout.MUNICIPAL_2021)
        return spec is not None and spec.kind not in {FieldKind.GROUP, FieldKind.SUBLABEL} and not level_term(text)

    # -- the row shapes: a line is a row --

    def _row(self, row: WebRow) -> None:
        filled = row.filled
        if not filled:
            return
        if self.footnote and not self._leaves_footnote(filled[0].text):
            self._footnote(filled)
            return
        self.footnote = False
        if self.table is not None:
            page_text = self._page_text(filled) and not any(level_term(c.text) for c in filled)
            if not self._ends_table(filled[0].text) and not page_text:
                self._table_row(row)
                return
            self._flush()
            self.table = None
        if self._page_text(filled):
            for cell in filled:
                self.note(NoteLevel.INFO, "web.page_chrome", "网页导航或页面文字，不属于申报表", cell)
            return
        if self._open_table(filled, []):
            return
        self._form_cells(row.cells if row.shape is Shape.PIPES else filled, row.shape)

    @staticmethod
    def _page_text(filled: list[WebCell]) -> bool:
        texts = [c.text for c in filled]
        return is_page_chrome(texts) or is_page_chrome([" ".join(texts)]) or furniture(filled)

    def _table_row(self, row: WebRow) -> None:
        assert self.table is not None
        cells = [c for c in (row.cells if row.shape is Shape.PIPES else row.filled) if not SCORE_ONLY.match(c.text)]
        while cells and (not cells[0].text or role_of(cells[0].text) is Role.GROUP):  # 绩效指标 merged down the left
            cells = cells[1:]
        while cells and not cells[-1].text:
            cells = cells[:-1]
        cells = year_first(cells) if self.table.periods else cells
        if self.table.form:
            project = self._project_cells(cells)
            if project is None:
                return
            cells = project
        self._flush()
        start, room = 0, max(len(self.table.levels), 1)
        while start < len(cells) - 1 and (not cells[start].text or self._row_level(cells, start)) and room:
            if cells[start].text:
                self._add_level(cells[start])
                room -= 1
            start += 1
        rest = cells[start:]
        if not rest:
            return
        if row is self._last_row and len([c for c in rest if c.text]) == 1 and len(self.table.rest) >= 2:
            self._truncated(rest[0])
            return
        self._emit([*self._level_cells(), *self._slotted(rest, split_by_spaces=row.shape is Shape.PLAIN)])
        self.levels = []

    _last_row: WebRow | None = None

    def _project_cells(self, cells: list[WebCell]) -> list[WebCell] | None:
        """A row of a list of projects: the form cells before the first category start a project; a row
        without categories (a department's total) is no project."""
        assert self.table is not None
        first = next((k for k, c in enumerate(cells) if c.text and level_term(c.text)), None)
        if first is None:
            text = " ".join(c.text for c in cells if c.text)
            self.note(
                NoteLevel.INFO,
                "web.summary_row",
                f"「{text}」是部门或单位的汇总行，不是一个项目，未作为申报表读取",
                cells[0],
            )
            return None
        if first == 0:
            return cells
        form = cells[:first]
        if len(form) > len(self.table.form):
            for cell in form:
                if cell.text:
                    self.note(NoteLevel.WARNING, "unplaced.cell", "项目列表中该行的表单栏与表头对不齐", cell)
            return cells[first:]
        form, inherited = self._merged_from_above(form)
        name = next((c for c, (label, _) in zip(form, self.table.form, strict=True) if names_project(label)), None)
        if name is not None and name.text and self.current.named:
            self._flush()
            self._break()
        for label, cell in inherited:
            self.note(
                NoteLevel.INFO,
                "web.merged_from_above",
                f"本行没有「{label}」栏（与上一项目合并单元格），沿用上一项目的「{cell.text}」",
                cell,
            )
        for cell, (label, _) in zip(form, self.table.form, strict=True):
            if cell.text:
                self._emit([GridCell(label, cell.line - 1, 0, f"第 {cell.line} 行表头"), grid_cell(cell, 1)])
        self.above = form
        self.current.named = self.current.named or bool(name and name.text)
        self._emit(list(self.table.header.cells))
        return cells[first:]

    above: list[WebCell] | None = None

    def _merged_from_above(self, form: list[WebCell]) -> tuple[list[WebCell], list[tuple[str, WebCell]]]:
        """A project row with fewer form cells than the header lost its leading ones to a vertical merge (the
        unit's cell spans its projects): they are the previous project's. Returns (the row's form cells,
        (label, cell) of each inherited one, for the caller to note)."""
        assert self.table is not None
        missing = len(self.table.form) - len(form)
        if missing == 0:
            return form, []
        before = self.above[:missing] if self.above and len(self.above) >= missing else []
        line = form[0].line
        inherited = [
            (label, WebCell(c.text, line)) for c, (label, _) in zip(before, self.table.form, strict=False) if c.text
        ]
        padding = [WebCell(c.text, line) for c in before] or [WebCell("", line)] * missing
        return [*padding, *form], inherited


_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]?$")
_BARE_OPERATOR = re.compile(r"^(?:[≥≤≧≦><=＝]|>=|<=)$")  # a value cut after its operator


def _page_text_cell(cell: WebCell) -> bool:
    return is_page_furniture([cell.text], labelled=form_label(cell.text))


def build_segments(shape: Shape, rows: list[WebRow]) -> list[Segment]:
    builder = GridBuilder()
    builder._last_row = rows[-1] if rows else None
    return builder.build(shape, rows)


def _place_columns(run: list[WebCell], tokens: list[WebCell | None], i: int) -> tuple[list[WebCell], int]:
    """A header with no value column followed, on its row, by two or more short names of places (西坪镇尧山村 |
    桃舟乡吾培村 …): one value column per place. Returns the places as value columns (the first as the value, the
    others kept in 备注) and where the row ends; ([], i) when the header is not such a one."""
    if any(role_of(c.text) in {Role.VALUE, Role.LONG_VALUE} for c in run):
        return [], i
    tail: list[WebCell] = []
    end = i
    while end < len(tokens) and (token := tokens[end]) is not None and (token.text or not tail):
        if token.text:
            tail.append(token)
        end += 1  # the row ends at the page's row end or at the first empty cell after the places
    if len(tail) < 2 or any(role_of(c.text) or len(c.text) > 12 or re.search(r"\d", c.text) for c in tail):
        return [], i
    first, *rest = tail
    return [
        WebCell(f"指标值（{first.text}）", first.line),
        *(WebCell(f"{PLACE_VALUE}（{c.text}）", c.line) for c in rest),
    ], end


def _over(token: WebCell, levels: list[WebCell]) -> bool:
    """``token`` is a term both a 一级 and a 二级 (成本指标), first of ``levels``, and the next level cell of its row
    is a 二级 the framework places under it as a 一级 (经济成本指标): it is the row's 一级."""
    key = re.sub(r"\s+", "", token.text)
    if key not in framework.AMBIGUOUS_TERMS or len(levels) < 2 or levels[0] is not token:
        return False
    nxt = re.sub(r"\s+", "", levels[1].text)
    placement = framework.normalise(key, nxt)
    return nxt != key and placement.level1 is not None and placement.level1.value == key
